"""The ``clamp2`` command line: one sub-module per group of commands."""
from __future__ import annotations

import argparse
import sys

from clamp2_engine import __version__
from clamp2_engine.errors import CheckpointError, Clamp2Error, ModelConfigError
from clamp2_engine.cli.common import EXIT_INTERRUPTED, EXIT_MODEL, EXIT_NOTHING_DONE, err

COMMAND_MODULES = ("convert", "embed", "library", "demo", "models", "train", "eval", "tags", "finetune", "cluster")


def build_parser() -> argparse.ArgumentParser:
    import importlib

    parser = argparse.ArgumentParser(
        prog="clamp2",
        description="CLaMP 2 music library tools: convert, embed, scan, search.",
    )
    parser.add_argument("--version", action="version", version=f"clamp2 {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in COMMAND_MODULES:
        importlib.import_module(f"clamp2_engine.cli.{name}").register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except (CheckpointError, ModelConfigError) as exc:
        err.print(f"[red]error:[/red] {exc}")
        return EXIT_MODEL
    except Clamp2Error as exc:
        err.print(f"[red]error:[/red] {exc}")
        return getattr(exc, "exit_code", EXIT_NOTHING_DONE)
    except KeyboardInterrupt:
        err.print("interrupted")
        return EXIT_INTERRUPTED


if __name__ == "__main__":
    sys.exit(main())
