"""Start CLaMP 2 Desktop: ``clamp2-desktop`` or ``python -m clamp2_desktop``.

On a machine with no display the window cannot open; rather than crash, it
says so and runs the engine's terminal demo of the same library.
"""
from __future__ import annotations

import argparse
import os
import sys

from clamp2_desktop import APP_NAME


def has_display() -> bool:
    if sys.platform in ("win32", "darwin"):
        return True
    if os.environ.get("QT_QPA_PLATFORM", "").split(":")[0] in ("offscreen", "minimal", "vnc", "eglfs", "linuxfb"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="clamp2-desktop", description=APP_NAME)
    parser.add_argument("--db", default=None, help="library database (default: the user data folder)")
    parser.add_argument("--model", default=None, help="model folder, official .pth, or model name")
    parser.add_argument("--device", default=None, choices=("auto", "cpu", "cuda", "mps"))
    parser.add_argument("--self-check", action="store_true",
                        help="start offscreen, load the model, scan the demo library into a temporary "
                             "library, search it, and exit 0 when everything worked (for installers and CI)")
    args = parser.parse_args(argv)
    if args.self_check:
        return self_check(args.model, None if args.device in (None, "auto") else args.device)
    if not has_display():
        print(f"{APP_NAME}: no display found (DISPLAY/WAYLAND_DISPLAY unset), so the window cannot open; "
              "running the terminal demo of the bundled demo library instead.\n", file=sys.stderr)
        from clamp2_engine.cli import main as cli_main

        demo_args = ["demo"] + (["--model", args.model] if args.model else [])
        return cli_main(demo_args)
    from clamp2_desktop.app import run_gui

    return run_gui(args.db, args.model, None if args.device in (None, "auto") else args.device)


def self_check(model: str | None, device: str | None, timeout_s: float = 600.0) -> int:
    """The whole app, headless: window, engine thread, model, scan, search (or similarity).

    Prints one line per step with its time on stderr, and ``self-check: OK`` at the end; returns 0 when
    every step worked, 1 otherwise.  Nothing outside a temporary folder is touched (library, settings).
    """
    import tempfile
    import time
    from pathlib import Path

    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    start = time.perf_counter()

    def say(step: str) -> None:
        print(f"self-check: {time.perf_counter() - start:6.2f} s  {step}", file=sys.stderr, flush=True)

    def fail(why: str) -> int:
        say(f"FAILED: {why}")
        return 1

    from PySide6.QtCore import QCoreApplication, QEventLoop, QSettings, QTimer
    from PySide6.QtWidgets import QMessageBox

    from clamp2_desktop.app import make_application
    from clamp2_engine.settings import Settings

    app = make_application([sys.argv[0], "-platform", "offscreen"])
    say(f"Qt {app.platformName()} platform up")
    from clamp2_desktop.main_window import MainWindow

    def wait(predicate, what: str) -> bool:
        deadline = time.monotonic() + timeout_s
        while not predicate():
            if time.monotonic() > deadline:
                return False
            loop = QEventLoop()
            QTimer.singleShot(20, loop.quit)
            loop.exec()
        return True

    with tempfile.TemporaryDirectory(prefix="clamp2-self-check-") as tmp:
        env = dict(os.environ, CLAMP2_DATA_DIR=str(Path(tmp) / "data"))
        settings = Settings.from_env(db=Path(tmp) / "library.db", device=device, environ=env)
        demo = settings.demo_dir
        if demo is None or not demo.is_dir():
            return fail(f"the demo library is not installed (resources: {settings.resources_dir})")
        qsettings = QSettings(str(Path(tmp) / "settings.ini"), QSettings.IniFormat)
        errors: list[str] = []   # the engine's one-line messages
        dialogs: list[str] = []  # no one is there to close a dialog: their texts are collected instead
        for kind in ("warning", "information", "critical"):
            setattr(QMessageBox, kind, staticmethod(lambda *a, **k: dialogs.append(str(a[2]) if len(a) > 2 else "")
                                                    or QMessageBox.StandardButton.Ok))
        window = MainWindow(settings, model, qsettings)
        window.engine.failed.connect(lambda op, msg: errors.append(f"{op}: {msg}"))
        try:
            if not wait(lambda: window.info is not None or errors or dialogs, "model"):
                return fail("the model did not load in time")
            if window.info is None:
                return fail(errors[0] if errors else " ".join(dialogs[0].split()))
            info = window.info
            say(f"model {info.model_name!r} loaded ({info.dim}-d, {info.device}, text search: {info.has_text})")
            reports: list = []
            window.scanCompleted.connect(reports.append)
            if not window.start_scan([demo.resolve()]):
                return fail("the scan did not start")
            if not wait(lambda: reports or (window.scan_worker is None and (errors or dialogs)), "scan"):
                return fail("the scan did not finish in time")
            if not reports:
                return fail(errors[-1] if errors else " ".join(dialogs[-1].split()) if dialogs else "the scan failed")
            report = reports[0]
            say(f"scanned the demo library: {report.seen} files, {report.pieces_embedded} pieces, "
                f"{report.failed} failed")
            if report.pieces_embedded == 0:
                return fail("no piece was embedded")
            if info.has_text:
                query = "Irish jig"
                window.search.setText(query)
                window.run_search()
                model_view = window.search_model
            else:
                first = window.catalog.embedding_ids(window.engine.library.model.id) if window.engine.library else []
                query = f"pieces like #{int(first[0])}" if len(first) else ""
                if not query:
                    return fail("nothing to compare with")
                window.find_similar(int(first[0]))
                model_view = window.similar_model
            if not wait(lambda: model_view.rowCount() > 0 or len(errors) > 0, "query"):
                return fail("the query did not answer in time")
            if model_view.rowCount() == 0:
                return fail(errors[-1] if errors else "no results")
            say(f"{'search' if info.has_text else 'similarity'} {query!r}: {model_view.rowCount()} results")
        finally:
            window.close()  # stops the engine and scan threads
            QCoreApplication.processEvents()
    say("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
