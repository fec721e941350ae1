"""``clamp2 convert``: the official preprocessing in one command.

MIDI -> MTF text, ABC -> interleaved ABC (one file per tune), written with
the names upstream's scripts produce so their extraction can read them too.
"""
from __future__ import annotations

import argparse
from pathlib import Path

from clamp2_engine.cli.common import EXIT_NOTHING_DONE, EXIT_OK, advance_to, err, progress_bar
from clamp2_engine.reading import expand_inputs, read_files

TARGETS = {"mtf": ("midi",), "abc": ("abc",)}


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("convert", help="convert MIDI to MTF or ABC to interleaved ABC (official preprocessing)")
    p.add_argument("files", nargs="+", help="files or folders")
    p.add_argument("--to", choices=sorted(TARGETS), required=True, help="mtf for MIDI input, abc for ABC input")
    p.add_argument("--out-dir", required=True, type=Path)
    p.add_argument("--workers", type=int, default=None, help="parser processes (default: CPU count)")
    p.set_defaults(func=run)


def _out_name(path: Path, tune_index: int | None, n_tunes: int, ext: str) -> str:
    if tune_index is None or n_tunes == 1:
        return f"{path.stem}.{ext}"
    return f"{path.stem}_{tune_index + 1:04d}.{ext}"


def run(args: argparse.Namespace) -> int:
    paths = expand_inputs(args.files)
    args.out_dir.mkdir(parents=True, exist_ok=True)
    wanted = TARGETS[args.to]
    written, failures = 0, []
    with progress_bar("converting", len(paths)) as bar:
        for i, result in enumerate(read_files(paths, workers=args.workers), 1):
            advance_to(bar, i)
            pieces = [p for p in result.pieces if p.format in wanted]
            if result.pieces and not pieces:
                failures.append((result.path, f"not a {'/'.join(wanted)} file; --to {args.to} converts those"))
                continue
            failures.extend((e.path or result.path, str(e)) for e in result.errors)
            for piece in pieces:
                name = _out_name(Path(result.path), piece.tune_index, len(pieces), args.to)
                (args.out_dir / name).write_text(piece.text, encoding="utf-8", newline="")
                written += 1
    for path, reason in failures:
        err.print(f"[yellow]failed:[/yellow] {reason}")
    err.print(f"wrote {written} file(s) to {args.out_dir}; {len(failures)} failure(s)")
    return EXIT_OK if written else EXIT_NOTHING_DONE
