"""Drive the real window over the demo library and save PNG screenshots.

    QT_QPA_PLATFORM=xcb DISPLAY=:99 python tests/screenshot_tour.py OUT_DIR [--model PATH]

Writes 01_library.png, 02_search.png, 03_similar.png, 04_tags.png,
05_search_cjk.png.  ``tests/test_screenshots.py`` runs it under Xvfb; the
PNGs are meant to be looked at by a person.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QEventLoop, QSettings, QTimer

ROOT = Path(__file__).resolve().parents[1]


def wait(signal=None, ms: int = 60_000, condition=None) -> None:
    loop = QEventLoop()
    timer = QTimer(singleShot=True, interval=ms)
    timer.timeout.connect(loop.quit)
    if signal is not None:
        signal.connect(loop.quit)
    if condition is not None:
        poll = QTimer(interval=50)
        poll.timeout.connect(lambda: condition() and loop.quit())
        poll.start()
    timer.start()
    loop.exec()
    if signal is not None:
        signal.disconnect(loop.quit)


def settle(ms: int = 300) -> None:
    wait(ms=ms)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("out", type=Path)
    ap.add_argument("--model", default=None, help="default: the bundled model")
    ap.add_argument("--language", default="")
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)

    from clamp2_desktop.app import make_application
    from clamp2_desktop.i18n import install_cjk_fallback, install_translators
    from clamp2_desktop.main_window import MainWindow
    from clamp2_engine.settings import Settings

    app = make_application([sys.argv[0]])
    install_translators(app, args.language)
    install_cjk_fallback(app)
    tmp = Path(tempfile.mkdtemp(prefix="clamp2-shots-"))
    settings = Settings.from_env(db=tmp / "library.db", environ={"CLAMP2_DATA_DIR": str(tmp / "data")})
    win = MainWindow(settings, args.model, QSettings(str(tmp / "settings.ini"), QSettings.IniFormat))
    win.resize(1400, 860)
    win.show()
    wait(condition=lambda: win.info is not None or "No model" in win.model_label.text())
    if win.info is None:
        print("model failed to load:", win.last_error, file=sys.stderr)
        return 1
    settle()
    win.grab().save(str(args.out / "00_first_run.png"))

    win.open_demo()
    wait(win.indexReady)
    settle()
    win.library_view.selectRow(3)
    settle()
    win.grab().save(str(args.out / "01_library.png"))

    win.search.setText("Irish jig")
    win.run_search()
    wait(win.searchShown)
    win.search_view.selectRow(0)
    settle()
    win.grab().save(str(args.out / "02_search.png"))

    demo_midi = sorted((settings.demo_dir / "midi").glob("*.mid"))
    win.drop_files([str(demo_midi[0])])
    wait(win.similarShown)
    win.similar_view.selectRow(1)
    win.play_result(win.similar_model, 1)
    wait(condition=lambda: win.player.ab_button.isEnabled(), ms=20_000)
    settle(800)
    win.grab().save(str(args.out / "03_similar.png"))

    ids = [win.library_model.piece_id(r) for r in range(0, 12, 2)]
    for name in ("Session tunes", "Favorita", "お気に入り"):
        win.tagAdd.emit(ids[:4] if name != "Session tunes" else ids, name)
        wait(win.tagsShown)
    win.tabs.setCurrentIndex(0)
    win.select_tag("お気に入り")
    win.library_view.selectRow(0)
    settle()
    win.grab().save(str(args.out / "04_tags.png"))

    win.search.setText("欢快的舞曲")
    win.run_search()
    wait(win.searchShown)
    settle()
    win.grab().save(str(args.out / "05_search_cjk.png"))
    win.close()
    print("\n".join(str(p) for p in sorted(args.out.glob("*.png"))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
