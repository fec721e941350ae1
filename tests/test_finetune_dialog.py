""""Fine-tune on my library", driven for real: the bundled default model, a tagged library, a real run.

pytest-qt, offscreen.  Every wait is on a signal or a condition, never on the clock.
"""
from __future__ import annotations

import hashlib
import os
import random
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings, Qt  # noqa: E402

from clamp2_engine.catalog import Catalog  # noqa: E402
from clamp2_engine.settings import Settings  # noqa: E402
from music_factory import ABC_RHYTHMS, make_abc_tune  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
TIMEOUT = 300_000


@pytest.fixture
def settings(tmp_path) -> Settings:
    return Settings.from_env(db=tmp_path / "lib.db", environ={"CLAMP2_DATA_DIR": str(tmp_path / "data"),
                                                              "CLAMP2_RESOURCES": str(ROOT / "resources")})


@pytest.fixture
def window(qtbot, tmp_path, settings):
    from clamp2_desktop.main_window import MainWindow

    music = tmp_path / "music"
    music.mkdir()
    rng = random.Random(1)
    truth = {}
    for i in range(80):
        rhythm = rng.choice(sorted(ABC_RHYTHMS))
        path = music / f"{hashlib.sha1(str(i).encode()).hexdigest()[:12]}.abc"
        path.write_text(make_abc_tune(1, seed=100 + i, rhythm=rhythm, title=f"Tune {i}"), encoding="utf-8")
        truth[path.name] = rhythm
    win = MainWindow(settings, None, QSettings(str(tmp_path / "settings.ini"), QSettings.IniFormat))
    qtbot.addWidget(win)
    qtbot.waitUntil(lambda: win.info is not None, timeout=TIMEOUT)
    with qtbot.waitSignal(win.indexReady, timeout=TIMEOUT):
        with qtbot.waitSignal(win.scanCompleted, timeout=TIMEOUT):
            assert win.start_scan([music])
    with Catalog.open(settings.db_path) as cat:
        for pid in cat.all_piece_ids().tolist():
            cat.tag_piece([pid], truth[Path(cat.piece(pid).path).name])
    win.show()
    yield win
    win.close()


def test_dialog_summarises_the_data_trains_and_switches_to_the_new_model(qtbot, window, settings):
    parent = window.info.model_name
    dialog = window.show_finetune_dialog()
    from clamp2_engine.training.finetune_data import collect_pairs, split_pairs

    with Catalog.open(settings.db_path) as cat:
        train, hold = split_pairs(collect_pairs(cat), 0.2)
    text = dialog.summary_label.text()
    assert "<b>80</b> of 80 pieces" in text
    assert f"{len(train)} pieces to learn from, {len(hold)} held back" in text
    assert "jig" in text
    dialog.epochs.setValue(3)
    with qtbot.waitSignal(dialog.runEnded, timeout=TIMEOUT) as ended:
        qtbot.mouseClick(dialog.start_button, Qt.LeftButton)
    assert ended.args == ["finished"], dialog.status.text()
    result = dialog.result
    assert result.mrr_after > result.mrr_before and "→" in dialog.status.text()
    assert dialog.use_button.isVisible()
    with qtbot.waitSignal(window.scanCompleted, timeout=TIMEOUT):
        with qtbot.waitSignal(window.modelSwitched, timeout=TIMEOUT) as switched:
            qtbot.mouseClick(dialog.use_button, Qt.LeftButton)
    assert switched.args == [result.name]
    with Catalog.open(settings.db_path) as cat:
        child = cat.model_by_name(result.name)
        assert cat.model(child.parent_id).name == parent
        assert len(cat.embedding_ids(child.id)) == 80


def test_cancel_in_the_dialog_leaves_models_and_library_as_they_were(qtbot, window, settings):
    with Catalog.open(settings.db_path) as cat:
        models = [(m.name, m.weights_sha256) for m in cat.models()]
    dialog = window.show_finetune_dialog()
    dialog.job_started = False

    def cancel_once_training(p) -> None:
        if p.phase == "train" and not dialog.job_started:
            dialog.job_started = True
            dialog.cancel()

    with qtbot.waitSignal(dialog.runEnded, timeout=TIMEOUT) as ended:
        dialog.start()
        dialog.job.progress.connect(cancel_once_training)
    assert ended.args == ["cancelled"]
    assert "unchanged" in dialog.status.text()
    qtbot.waitUntil(lambda: dialog.job is None, timeout=TIMEOUT)
    assert dialog.start_button.isEnabled()          # can start again (it resumes)
    with Catalog.open(settings.db_path) as cat:
        assert [(m.name, m.weights_sha256) for m in cat.models()] == models
        assert cat.integrity_check() == "ok"
    assert not (settings.models_dir / dialog.name_edit.text()).exists()
    with qtbot.waitSignal(window.searchShown, timeout=TIMEOUT):
        window.search.setText("a lively jig")
        window.run_search()
    assert window.search_model.rowCount() > 0


def test_a_library_without_descriptions_cannot_start(qtbot, tmp_path):
    from clamp2_desktop.finetune_dialog import FinetuneDialog

    empty = Settings.from_env(db=tmp_path / "empty.db", environ={"CLAMP2_DATA_DIR": str(tmp_path / "d"),
                                                                  "CLAMP2_RESOURCES": str(ROOT / "resources")})
    dialog = FinetuneDialog(empty, None)
    qtbot.addWidget(dialog)
    assert not dialog.start_button.isEnabled()
    assert "Tag a few more pieces" in dialog.status.text()
