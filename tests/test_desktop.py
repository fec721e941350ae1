"""The desktop window driven for real (pytest-qt, offscreen): real engine, real
catalog, real index, generated files, the fixture model with a real tokenizer."""
from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QMimeData, QPointF, QSettings, Qt, QUrl  # noqa: E402
from PySide6.QtGui import QDropEvent  # noqa: E402

from clamp2_engine.settings import Settings  # noqa: E402
from model_factory import tiny_tokenizer_dir  # noqa: E402
from music_factory import make_abc_file, make_midi  # noqa: E402

SIGNAL_TIMEOUT = 60_000


@pytest.fixture
def model_dir(tmp_path, tiny_checkpoint) -> Path:
    folder = tmp_path / "model"
    folder.mkdir()
    shutil.copy(tiny_checkpoint, folder / "tiny.pth")
    shutil.copy(tiny_checkpoint.parent / "config.json", folder / "config.json")
    tiny_tokenizer_dir(folder / "tokenizer")
    return folder / "tiny.pth"


@pytest.fixture
def music(tmp_path) -> Path:
    root = tmp_path / "music"
    for i in range(12):
        make_midi(root / "midi" / f"piece_{i:02d}.mid", n_notes=30 + 5 * i, seed=i, n_tracks=1 + i % 2)
    make_abc_file(root / "abc" / "session.abc", 6, seed=3)
    (root / "broken.mid").write_bytes(b"not a midi file")
    return root


@pytest.fixture
def window(qtbot, tmp_path, model_dir):
    from clamp2_desktop.main_window import MainWindow

    settings = Settings.from_env(db=tmp_path / "lib.db", environ={"CLAMP2_DATA_DIR": str(tmp_path / "data")})
    qsettings = QSettings(str(tmp_path / "settings.ini"), QSettings.IniFormat)
    win = MainWindow(settings, str(model_dir), qsettings)
    qtbot.addWidget(win)
    qtbot.waitUntil(lambda: win.info is not None, timeout=SIGNAL_TIMEOUT)
    win.show()
    yield win
    win.close()


def scanned(qtbot, win, roots):
    with qtbot.waitSignal(win.indexReady, timeout=SIGNAL_TIMEOUT):
        with qtbot.waitSignal(win.scanCompleted, timeout=SIGNAL_TIMEOUT) as blocker:
            assert win.start_scan([Path(r) for r in roots])
    return blocker.args[0]


def test_window_is_titled_and_offers_the_demo_on_an_empty_library(window):
    assert window.windowTitle() == "CLaMP 2 Desktop"
    assert window.library_stack.currentIndex() == 1  # the welcome page
    assert window.demo_button.isVisible()


def test_scan_fills_the_table_sidebar_and_errors(qtbot, window, music):
    report = scanned(qtbot, window, [music])
    assert report.pieces_embedded == 18 and report.failed == 1
    assert window.library_model.rowCount() == 18
    assert window.library_stack.currentIndex() == 0
    labels = [window.sidebar.topLevelItem(i).text(0) for i in range(window.sidebar.topLevelItemCount())]
    assert any("Unreadable files (1)" in t for t in labels)
    assert "18" in window.filter_label.text()


def test_typing_a_query_shows_ranked_results_with_the_model_name(qtbot, window, music):
    scanned(qtbot, window, [music])
    with qtbot.waitSignal(window.searchShown, timeout=SIGNAL_TIMEOUT):
        qtbot.keyClicks(window.search, "irish jig")
        qtbot.keyClick(window.search, Qt.Key_Return)
    model = window.search_model
    assert model.rowCount() == 18  # every piece, ranked (k=50 > library size)
    scores = [model.result(r).score for r in range(model.rowCount())]
    assert scores == sorted(scores, reverse=True)
    assert "tiny" in window.search_header.text() and window.tabs.currentIndex() == 1


def test_empty_query_clears_results_without_calling_the_model(qtbot, window):
    window.search.setText("   ")
    window.run_search()
    assert window.search_model.rowCount() == 0
    assert window._last_search == 0


def test_dropping_a_file_url_shows_similar_pieces_first_itself(qtbot, window, music):
    scanned(qtbot, window, [music])
    target = music / "midi" / "piece_04.mid"
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(target))])
    event = QDropEvent(QPointF(200, 200), Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier)
    with qtbot.waitSignal(window.similarShown, timeout=SIGNAL_TIMEOUT):
        window.dropEvent(event)
    first = window.similar_model.result(0)
    assert first.path == str(target) and first.score == pytest.approx(1.0, abs=1e-4)
    assert window.tabs.currentIndex() == 2


def test_dropping_a_file_outside_the_library_embeds_it_on_the_fly(qtbot, window, music, tmp_path):
    scanned(qtbot, window, [music])
    outside = make_midi(tmp_path / "elsewhere" / "x.mid", n_notes=44, seed=77)
    with qtbot.waitSignal(window.similarShown, timeout=SIGNAL_TIMEOUT):
        window.drop_files([str(outside)])
    assert window.similar_model.rowCount() == 18
    assert "not in the library" in window.similar_header.text()


def test_result_rows_drag_out_as_file_urls(qtbot, window, music):
    scanned(qtbot, window, [music])
    with qtbot.waitSignal(window.similarShown, timeout=SIGNAL_TIMEOUT):
        window.drop_files([str(music / "midi" / "piece_01.mid")])
    model = window.similar_model
    mime = model.mimeData([model.index(0, 0), model.index(1, 2)])
    files = [u.toLocalFile() for u in mime.urls()]
    assert len(files) == 2 and all(Path(f).exists() for f in files)


def test_adding_a_tag_then_filtering_by_it(qtbot, window, music):
    scanned(qtbot, window, [music])
    view = window.library_view
    view.selectRow(2)
    piece_id = window.library_model.piece_id(2)
    assert window.details.piece.id == piece_id
    with qtbot.waitSignal(window.tagsShown, timeout=SIGNAL_TIMEOUT):
        qtbot.keyClicks(window.details.tag_edit, "Favorita")
        qtbot.keyClick(window.details.tag_edit, Qt.Key_Return)
    assert [window.details.tags.item(i).text() for i in range(window.details.tags.count())] == ["Favorita"]
    window.select_tag("Favorita")
    assert window.library_model.rowCount() == 1
    assert window.library_model.piece_id(0) == piece_id
    assert "Favorita" in window.library_model.data(window.library_model.index(0, 4))


def test_cancelling_a_scan_keeps_the_database_consistent(qtbot, window, tmp_path):
    big = tmp_path / "big"
    for i in range(400):
        make_midi(big / f"p{i:03d}.mid", n_notes=150, n_tracks=3, seed=i)
    assert window.start_scan([big])
    with qtbot.waitSignal(window.scanCompleted, timeout=SIGNAL_TIMEOUT) as blocker:
        qtbot.waitUntil(lambda: window.progress.value() > 0 or not window.progress.isVisible(), timeout=SIGNAL_TIMEOUT)
        qtbot.mouseClick(window.cancel_button, Qt.LeftButton)
    report = blocker.args[0]
    assert report.cancelled
    with sqlite3.connect(window.settings.db_path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        files, pieces, vectors = (conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
                                  for t in ("files", "pieces", "embeddings"))
    assert files == pieces == vectors < 400
    assert not window.cancel_button.isVisible()


def test_closing_during_a_scan_cancels_cleanly(qtbot, tmp_path, model_dir):
    from clamp2_desktop.main_window import MainWindow

    big = tmp_path / "big"
    for i in range(400):
        make_midi(big / f"p{i:03d}.mid", n_notes=150, n_tracks=3, seed=i)
    settings = Settings.from_env(db=tmp_path / "lib2.db", environ={"CLAMP2_DATA_DIR": str(tmp_path / "data")})
    win = MainWindow(settings, str(model_dir), QSettings(str(tmp_path / "s.ini"), QSettings.IniFormat))
    qtbot.waitUntil(lambda: win.info is not None, timeout=SIGNAL_TIMEOUT)
    assert win.start_scan([big])
    qtbot.waitUntil(lambda: win.progress.value() > 0, timeout=SIGNAL_TIMEOUT)
    win.close()
    assert not win.engine_thread.isRunning()
    with sqlite3.connect(settings.db_path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        files, pieces = (conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in ("files", "pieces"))
    assert files == pieces < 400


def test_model_that_cannot_load_leaves_a_browsable_window_with_a_message(qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from clamp2_desktop.main_window import MainWindow

    bad = tmp_path / "bad.pth"
    bad.write_bytes(b"garbage")
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: shown.append(a[2]))
    settings = Settings.from_env(db=tmp_path / "lib3.db", environ={"CLAMP2_DATA_DIR": str(tmp_path / "data")})
    win = MainWindow(settings, str(bad), QSettings(str(tmp_path / "s3.ini"), QSettings.IniFormat))
    qtbot.addWidget(win)
    qtbot.waitUntil(lambda: "No model loaded" in win.model_label.text(), timeout=SIGNAL_TIMEOUT)
    assert shown and "bad.pth" in shown[0]
    win.close()


def test_play_renders_real_audio_and_stop_returns_to_stopped(qtbot, window, music):
    import numpy as np

    from clamp2_desktop.audio.player import PlayerState

    scanned(qtbot, window, [music])
    window.library_view.selectRow(0)
    piece_id = window.library_model.piece_id(0)
    window.play_piece(piece_id)
    player = window.player
    # On a machine with a sound card this plays; here (no device, as in CI) the bar shows why it cannot,
    # and either way the built-in synthesizer has rendered the piece.
    qtbot.waitUntil(lambda: player.ab.current.buffer is not None, timeout=SIGNAL_TIMEOUT)
    samples = player.ab.current.buffer.samples
    assert samples.shape[0] > player.ab.current.buffer.sample_rate  # over a second of audio
    assert float(np.abs(samples).max()) > 0.01                     # not silence
    if player.last_message:
        assert "sound" in player.last_message.lower() or "audio" in player.last_message.lower()
    player.stop()
    qtbot.waitUntil(lambda: player.ab.current.state in (PlayerState.STOPPED, PlayerState.EMPTY), timeout=10_000)
    assert player.play_button.isEnabled()


def test_ab_compares_the_dropped_query_with_a_result(qtbot, window, music):
    scanned(qtbot, window, [music])
    with qtbot.waitSignal(window.similarShown, timeout=SIGNAL_TIMEOUT):
        window.drop_files([str(music / "midi" / "piece_03.mid")])
    window.play_result(window.similar_model, 1)
    qtbot.waitUntil(lambda: window.player.ab_button.isEnabled(), timeout=SIGNAL_TIMEOUT)
    assert window.player.ab.a.piece.path == str(music / "midi" / "piece_03.mid")
    assert window.player.ab.b.piece.path == window.similar_model.result(1).path
    window.player.ab_button.click()  # back to A, the query
    assert window.player.ab.current is window.player.ab.a
