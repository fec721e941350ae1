"""``clamp2 demo``: the bundled demo library, end to end, in the terminal.

What ``make run`` falls back to on a machine without a display: scan the demo
folder into its own database, then show the library, a similarity query and
(when the model can read text) a few searches in several languages.
"""
from __future__ import annotations

import argparse
from pathlib import Path

from clamp2_engine.browse import display_title
from clamp2_engine.cli.common import EXIT_NOTHING_DONE, EXIT_OK, err
from clamp2_engine.cli.embed import add_model_arguments
from clamp2_engine.errors import Clamp2Error
from clamp2_engine.library import Library
from clamp2_engine.settings import Settings

DEMO_QUERIES = ("Irish jig", "canción popular china", "Bach Choral", "悲しいワルツ")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("demo", help="scan the bundled demo library and show searches (terminal demo)")
    p.add_argument("--db", default=None, help="demo database (default: demo.db in the user data folder)")
    add_model_arguments(p)
    p.add_argument("--demo-dir", type=Path, default=None, help="folder to use instead of the bundled demo")
    p.set_defaults(func=run)


def _print(results) -> None:
    for r in results:
        tune = f" #{r.tune + 1}" if r.tune else ""
        print(f"   {r.rank}. {r.score:6.3f}  {display_title(r.title, r.path)}{tune}  [{Path(r.path).name}]")


def _files_only(demo: Path) -> int:
    """What the engine reads from the demo files, when no model is at hand."""
    from clamp2_engine import patches as P
    from clamp2_engine.reading import expand_inputs, read_files

    paths = expand_inputs([demo])
    n_pieces = 0
    print(f"Demo library {demo}: {len(paths)} files")
    for result in read_files(paths):
        for piece in result.pieces:
            n_pieces += 1
            n_patches = len(P.encode(piece.text))
            tune = f" #{piece.tune_index + 1}" if piece.tune_index is not None else ""
            print(f"  {piece.format:4}  {n_patches:5d} patches  {piece.title or Path(piece.path).stem}{tune}")
        for e in result.errors:
            print(f"  unreadable: {e}")
    print(f"{n_pieces} pieces ready to embed")
    return EXIT_OK if n_pieces else EXIT_NOTHING_DONE


def run(args: argparse.Namespace) -> int:
    base = Settings.from_env(device=args.device)
    settings = Settings.from_env(db=args.db or base.data_dir / "demo.db", device=args.device)
    demo = args.demo_dir or settings.demo_dir
    if demo is None or not demo.is_dir():
        err.print("[red]error:[/red] the demo library (resources/demo) is not installed")
        return EXIT_NOTHING_DONE
    try:
        lib = Library.open(settings, args.model, device=args.device)
    except Clamp2Error as exc:
        err.print(f"[yellow]note:[/yellow] {exc}")
        err.print("Without a model the demo can only read the files; pass --model with an official CLaMP 2 "
                  "checkpoint (.pth) or a model folder for search and similarity.\n")
        return _files_only(demo)
    with lib:
        print(f"CLaMP 2 Desktop — terminal demo (model: {lib.model.name}, device: {lib.embedder.torch_device})")
        print(f"library database: {settings.db_path}")
        report = lib.scan([demo.resolve()])
        stats = lib.stats()
        print(f"\nScanned {demo}: {report.seen} files, {stats['pieces']} pieces, {report.failed} unreadable "
              f"({report.seconds:.1f} s)")
        ids = lib.catalog.piece_ids_matching().tolist()
        if not ids:
            return EXIT_NOTHING_DONE
        first = lib.catalog.piece(ids[0])
        print(f"\nPieces most similar to “{first.title or Path(first.path).stem}”:")
        _print(lib.similar(ids[0], k=5)[0])
        if not lib.loaded.can_embed_text:
            print(f"\n(model {lib.model.name!r} has no text tokenizer, so text search is not available with it)")
            return EXIT_OK
        for query in DEMO_QUERIES:
            print(f"\nSearch: {query}")
            _print(lib.search_text(query, k=5))
    return EXIT_OK
