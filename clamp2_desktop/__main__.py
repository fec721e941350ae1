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
    args = parser.parse_args(argv)
    if not has_display():
        print(f"{APP_NAME}: no display found (DISPLAY/WAYLAND_DISPLAY unset), so the window cannot open; "
              "running the terminal demo of the bundled demo library instead.\n", file=sys.stderr)
        from clamp2_engine.cli import main as cli_main

        demo_args = ["demo"] + (["--model", args.model] if args.model else [])
        return cli_main(demo_args)
    from clamp2_desktop.app import run_gui

    return run_gui(args.db, args.model, None if args.device in (None, "auto") else args.device)


if __name__ == "__main__":
    sys.exit(main())
