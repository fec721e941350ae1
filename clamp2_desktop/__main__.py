"""Start CLaMP 2 Desktop.

The window (issue 6) is not built yet.  Until it is, and on any machine with
no display, this runs the engine's terminal demo on the bundled demo library
instead of failing.
"""
from __future__ import annotations

import argparse
import os
import sys

from clamp2_desktop import APP_NAME


def has_display() -> bool:
    if sys.platform in ("win32", "darwin"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="clamp2-desktop", description=APP_NAME)
    parser.add_argument("--db", default=None, help="library database")
    parser.add_argument("--model", default=None, help="model folder, official .pth, or model name")
    args = parser.parse_args(argv)
    if not has_display():
        print(f"{APP_NAME}: no display found (DISPLAY/WAYLAND_DISPLAY unset), so the window cannot open; "
              "running the terminal demo of the same library instead.\n", file=sys.stderr)
    else:
        print(f"{APP_NAME}: the desktop window is not built yet; running the terminal demo.\n", file=sys.stderr)
    from clamp2_engine.cli import main as cli_main

    demo_args = ["demo"]
    if args.db:
        demo_args += ["--db", args.db]
    if args.model:
        demo_args += ["--model", args.model]
    return cli_main(demo_args)


if __name__ == "__main__":
    sys.exit(main())
