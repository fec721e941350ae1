""""Get the official CLaMP 2 model" and switching models live, driven for real.

pytest-qt, offscreen; a real window, engine thread, catalog and index; the
official reference checkpoint (``clamp2_reference/tiny_clamp2.pth``, written
by the official code) imported through the dialog; a code-running pickle
checkpoint chosen in the dialog; the Download button pressed with the hub in
offline mode (this machine has no network either).  Every wait is on a signal
or a condition, never on the clock.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import torch

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings, Qt  # noqa: E402
from PySide6.QtWidgets import QMessageBox  # noqa: E402

from clamp2_engine.catalog import Catalog  # noqa: E402
from clamp2_engine.model_import import OFFICIAL_NAME, import_model  # noqa: E402
from clamp2_engine.settings import Settings  # noqa: E402
from model_factory import CodeRunningPayload, random_official_checkpoint, tiny_tokenizer_dir  # noqa: E402
from music_factory import make_abc_file, make_midi  # noqa: E402

SIGNAL_TIMEOUT = 60_000
REFUSAL = "could run code"


@pytest.fixture
def settings(tmp_path) -> Settings:
    return Settings.from_env(db=tmp_path / "lib.db", environ={"CLAMP2_DATA_DIR": str(tmp_path / "data")})


@pytest.fixture
def start_model(tmp_path) -> Path:
    """The model the window starts with: official layout, other dimensions than the reference (32-d)."""
    path = tmp_path / "start" / "start.pth"
    path.parent.mkdir()
    random_official_checkpoint(path, music_hidden=128, music_layers=1, patch_length=512, text_hidden=64,
                               text_layers=1, vocab=500, proj=32, seed=7)
    return path


@pytest.fixture
def music(tmp_path) -> Path:
    root = tmp_path / "music"
    for i in range(6):
        make_midi(root / f"piece_{i}.mid", n_notes=30 + 5 * i, seed=i)
    make_abc_file(root / "session.abc", 3, seed=2)
    return root


@pytest.fixture
def window(qtbot, tmp_path, settings, start_model):
    from clamp2_desktop.main_window import MainWindow

    win = MainWindow(settings, str(start_model), QSettings(str(tmp_path / "settings.ini"), QSettings.IniFormat))
    qtbot.addWidget(win)
    qtbot.waitUntil(lambda: win.info is not None, timeout=SIGNAL_TIMEOUT)
    win.show()
    yield win
    win.close()


@pytest.fixture
def tokenizer(tmp_path) -> Path:
    return tiny_tokenizer_dir(tmp_path / "xlmr-tokenizer")


def scanned(qtbot, win, roots):
    with qtbot.waitSignal(win.indexReady, timeout=SIGNAL_TIMEOUT):
        with qtbot.waitSignal(win.scanCompleted, timeout=SIGNAL_TIMEOUT) as blocker:
            assert win.start_scan([Path(r) for r in roots])
    return blocker.args[0]


def embedded_for(settings: Settings, name: str) -> tuple[int, int]:
    """(pieces with an embedding for model ``name``, pieces in the library)."""
    with Catalog.open(settings.db_path) as cat:
        rec = cat.model_by_name(name)
        return (len(cat.embedding_ids(rec.id)) if rec else 0), int(cat.stats()["pieces"])


def run_job(qtbot, dialog, start) -> None:
    with qtbot.waitSignal(dialog.jobEnded, timeout=SIGNAL_TIMEOUT):
        assert start()
    assert dialog.job is None


# --------------------------------------------------------------------------- import through the dialog


def test_import_the_reference_checkpoint_folder_then_use_it_now_reembeds_the_library(
        qtbot, window, music, reference_dir, tokenizer, settings):
    first = scanned(qtbot, window, [music])
    assert first.pieces_embedded == 9
    old_name = window.info.model_name

    window.official_model_action.trigger()  # the "Models" menu entry
    dialog = window.official_dialog
    assert dialog.isVisible() and dialog.name_edit.text() == OFFICIAL_NAME
    assert not dialog.import_button.isEnabled()  # nothing chosen yet
    dialog.checkpoint_edit.setText(str(reference_dir))  # the folder with the official .pth (read-only)
    dialog.tokenizer_edit.setText(str(tokenizer))
    run_job(qtbot, dialog, lambda: (qtbot.mouseClick(dialog.import_button, Qt.LeftButton), True)[1])

    assert dialog.last_error == ""
    result = dialog.result
    assert result.name == OFFICIAL_NAME and result.kind == "official" and result.dim == 64
    assert result.can_embed_text and result.library_pieces == 9
    assert dialog.result_box.isVisible()
    shown = dialog.result_label.text()
    assert OFFICIAL_NAME in shown and "64-dimensional" in shown and "Text search works" in shown
    assert "re-embed" in shown
    folder = settings.models_dir / OFFICIAL_NAME
    assert (folder / "model.safetensors").exists() and (folder / "tokenizer" / "tokenizer.json").exists()
    assert embedded_for(settings, OFFICIAL_NAME) == (0, 9)

    with qtbot.waitSignal(window.scanCompleted, timeout=SIGNAL_TIMEOUT) as scan:
        with qtbot.waitSignal(window.modelSwitched, timeout=SIGNAL_TIMEOUT) as switched:
            qtbot.mouseClick(dialog.use_button, Qt.LeftButton)
    assert switched.args == [OFFICIAL_NAME]
    assert window.info.model_name == OFFICIAL_NAME and window.info.dim == 64 and window.info.has_text
    assert OFFICIAL_NAME in window.model_label.text()
    assert scan.args[0].pieces_embedded == 9 and not scan.args[0].cancelled
    assert embedded_for(settings, OFFICIAL_NAME) == (9, 9)
    assert embedded_for(settings, old_name) == (9, 9)  # the old model's embeddings are kept
    # stored for the next start
    assert window.prefs.model == OFFICIAL_NAME
    assert QSettings(window.qsettings.fileName(), QSettings.IniFormat).value("model") == OFFICIAL_NAME

    # and text search now runs with the new model
    assert window.scan_worker is None
    with qtbot.waitSignal(window.searchShown, timeout=SIGNAL_TIMEOUT):
        window.search.setText("irish jig")
        window.run_search()
    assert window.search_model.rowCount() > 0
    assert OFFICIAL_NAME in window.search_header.text()


def test_a_code_running_checkpoint_chosen_in_the_dialog_is_refused_with_one_line(
        qtbot, tmp_path, settings, tiny_checkpoint):
    from clamp2_desktop.model_dialogs import OfficialModelDialog

    marker = tmp_path / "PWNED"
    ck = torch.load(tiny_checkpoint, weights_only=True)
    ck["evil"] = CodeRunningPayload(marker)
    evil = tmp_path / "evil" / "official.pth"
    evil.parent.mkdir()
    torch.save(ck, evil)
    probe = subprocess.run([sys.executable, "-c", "import sys, torch; torch.load(sys.argv[1], weights_only=False)",
                            str(evil)], capture_output=True, timeout=120)
    assert probe.returncode == 0 and marker.exists(), "the payload is armed: an unsafe load runs it"
    marker.unlink()

    dialog = OfficialModelDialog(settings)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.checkpoint_edit.setText(str(evil))
    run_job(qtbot, dialog, dialog.start_import)
    message = dialog.status.text()
    assert message == dialog.last_error
    assert "\n" not in message and "Traceback" not in message
    assert REFUSAL in message and evil.name in message
    assert dialog.result is None and not dialog.result_box.isVisible()
    assert not marker.exists()
    assert not (settings.models_dir / OFFICIAL_NAME).exists()
    with Catalog.open(settings.db_path) as cat:
        assert cat.model_by_name(OFFICIAL_NAME) is None
    assert dialog.import_button.isEnabled()  # the user can choose another file


def test_download_offline_shows_the_one_line_reason_and_writes_nothing(qtbot, tmp_path, settings, monkeypatch):
    from clamp2_desktop.model_dialogs import OfficialModelDialog

    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf"))
    try:  # the hub client reads the variable when first imported
        import huggingface_hub.constants as hub_constants
        monkeypatch.setattr(hub_constants, "HF_HUB_OFFLINE", True)
    except ImportError:
        pass
    dialog = OfficialModelDialog(settings)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.download_button.isEnabled() and not dialog.progress.isVisible()
    run_job(qtbot, dialog, lambda: (qtbot.mouseClick(dialog.download_button, Qt.LeftButton), True)[1])
    message = dialog.status.text()
    assert message == dialog.last_error and "\n" not in message
    assert message.startswith("cannot download") and "offline" in message
    assert "import" in message  # says what to do instead
    assert not dialog.progress.isVisible() and not dialog.cancel_button.isVisible()
    assert dialog.download_button.isVisible() and dialog.download_button.isEnabled()
    assert not settings.models_dir.exists() or not any(settings.models_dir.iterdir())
    if settings.db_path.exists():
        with Catalog.open(settings.db_path) as cat:
            assert cat.model_by_name(OFFICIAL_NAME) is None


def test_a_bad_name_disables_both_ways_in(qtbot, settings):
    from clamp2_desktop.model_dialogs import OfficialModelDialog

    dialog = OfficialModelDialog(settings)
    qtbot.addWidget(dialog)
    dialog.checkpoint_edit.setText("/some/file.pth")
    assert dialog.import_button.isEnabled()
    dialog.name_edit.setText("../etc")
    assert not dialog.import_button.isEnabled() and not dialog.download_button.isEnabled()
    assert "cannot be a model name" in dialog.status.text()


# --------------------------------------------------------------------------- switching live


def test_a_model_that_cannot_load_leaves_the_old_one_working(qtbot, window, music, tmp_path, monkeypatch):
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: shown.append(a[2]))
    scanned(qtbot, window, [music])
    old = window.info
    bad = tmp_path / "broken.pth"
    bad.write_bytes(b"not a checkpoint")
    with qtbot.waitSignal(window.modelSwitchFailed, timeout=SIGNAL_TIMEOUT) as failed:
        assert window.use_model(str(bad), True)
    assert "broken.pth" in failed.args[0] and "\n" not in failed.args[0]
    assert shown and failed.args[0] in shown[0] and old.model_name in shown[0]
    assert window.info == old and window.engine.library.model.name == old.model_name
    assert old.model_name in window.model_label.text()
    assert window.prefs.model == "" and window.scan_worker is None
    # still answers with the old model
    with qtbot.waitSignal(window.similarShown, timeout=SIGNAL_TIMEOUT):
        window.drop_files([str(music / "piece_2.mid")])
    assert window.similar_model.rowCount() > 0
    assert window.similar_model.result(0).path == str(music / "piece_2.mid")


def test_switching_during_a_scan_stops_it_first_then_reembeds(qtbot, window, tmp_path, reference_dir, settings):
    import_model(reference_dir, settings, name="ref")
    big = tmp_path / "big"
    for i in range(120):
        make_midi(big / f"p{i:03d}.mid", n_notes=150, n_tracks=2, seed=i)
    assert window.start_scan([big])
    qtbot.waitUntil(lambda: window.progress.value() > 0, timeout=SIGNAL_TIMEOUT)
    completed = []
    window.scanCompleted.connect(completed.append)
    with qtbot.waitSignal(window.modelSwitched, timeout=SIGNAL_TIMEOUT):
        assert window.use_model("ref", True)
        assert "Stopping the scan" in window.status_text.text()
        assert not window.start_scan([big])  # no new scan while the switch is pending
    assert completed and completed[0].cancelled
    assert window.info.model_name == "ref"
    qtbot.waitUntil(lambda: len(completed) == 2, timeout=SIGNAL_TIMEOUT * 3)
    assert not completed[1].cancelled
    done, pieces = embedded_for(settings, "ref")
    assert pieces > 0 and done == pieces


def test_changing_the_model_in_settings_applies_live(qtbot, window, music, reference_dir, settings, monkeypatch):
    from clamp2_desktop.app_settings import SettingsDialog

    import_model(reference_dir, settings, name="ref")
    scanned(qtbot, window, [music])
    infos: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: infos.append(a[2]))

    def exec_with_new_model(dialog):
        dialog.model.setText("ref")
        return 1

    monkeypatch.setattr(SettingsDialog, "exec", exec_with_new_model)
    with qtbot.waitSignal(window.scanCompleted, timeout=SIGNAL_TIMEOUT):
        with qtbot.waitSignal(window.modelSwitched, timeout=SIGNAL_TIMEOUT):
            window.open_settings()
    assert window.info.model_name == "ref" and window.prefs.model == "ref"
    assert not infos  # no "takes effect next start"
    assert embedded_for(settings, "ref") == (9, 9)


def test_cancel_gives_the_dialog_back_at_once_and_the_download_imports_nothing(
        qtbot, tmp_path, settings, monkeypatch):
    """No network (a proxy on a closed port): the hub client retries for a while; Cancel does not wait for it."""
    from clamp2_desktop import model_dialogs
    from clamp2_desktop.model_dialogs import OfficialModelDialog

    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf"))
    for var in ("HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy"):
        monkeypatch.setenv(var, "http://127.0.0.1:9")
    dialog = OfficialModelDialog(settings)
    qtbot.addWidget(dialog)
    dialog.show()
    with qtbot.waitSignal(dialog.jobEnded, timeout=5_000):
        assert dialog.start_download()
        assert dialog.cancel_button.isVisible() and not dialog.download_button.isVisible()
        assert not dialog.name_edit.isEnabled()
        qtbot.mouseClick(dialog.cancel_button, Qt.LeftButton)
    assert dialog.job is None and "cancelled" in dialog.status.text().lower()
    assert dialog.download_button.isVisible() and dialog.download_button.isEnabled()
    # the let-go job ends on its own and imports nothing
    qtbot.waitUntil(lambda: not model_dialogs._RUNNING, timeout=SIGNAL_TIMEOUT * 2)
    assert "cancelled" in dialog.status.text().lower()  # its late failure is not shown over the cancel
    assert not settings.models_dir.exists() or not any(settings.models_dir.iterdir())
