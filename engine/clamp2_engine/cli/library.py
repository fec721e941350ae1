"""Library commands: scan, search, similar, stats, errors, rebuild-index."""
from __future__ import annotations

import argparse
import threading
from pathlib import Path

from clamp2_engine.browse import display_title
from clamp2_engine.cli.common import (
    EXIT_NOTHING_DONE,
    EXIT_OK,
    advance_to,
    err,
    print_json,
    progress_bar,
)
from clamp2_engine.cli.embed import add_model_arguments
from clamp2_engine.library import Library
from clamp2_engine.search import Filters, SearchResult
from clamp2_engine.settings import Settings


def _common(p: argparse.ArgumentParser, json_flag: bool = True) -> None:
    p.add_argument("--db", default=None, help="library database (default: the user data folder)")
    add_model_arguments(p)
    if json_flag:
        p.add_argument("--json", action="store_true", help="print one JSON document on stdout")


def _filters(p: argparse.ArgumentParser) -> None:
    p.add_argument("-k", type=int, default=10, help="number of results (default 10)")
    p.add_argument("--tag", default=None, help="only pieces with this tag")
    p.add_argument("--folder", default=None, help="only pieces under this folder")
    p.add_argument("--format", choices=("midi", "abc"), default=None, help="only this format")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("scan", help="add folders to the library and scan them (incremental)")
    p.add_argument("paths", nargs="*", type=Path, help="folders (default: the library's folders)")
    p.add_argument("--watch", action="store_true", help="keep running and pick up changes")
    p.add_argument("--workers", type=int, default=None, help="parser processes")
    _common(p)
    p.set_defaults(func=cmd_scan)

    p = sub.add_parser("search", help="find pieces matching a text, in any language")
    p.add_argument("query")
    _filters(p)
    _common(p)
    p.set_defaults(func=cmd_search)

    p = sub.add_parser("similar", help="find pieces similar to a file (in the library or not)")
    p.add_argument("file", type=Path)
    p.add_argument("--tune", type=int, default=None, help="tune index inside a multi-tune ABC file (0-based)")
    _filters(p)
    _common(p)
    p.set_defaults(func=cmd_similar)

    p = sub.add_parser("stats", help="library size")
    _common(p)
    p.set_defaults(func=cmd_stats)

    p = sub.add_parser("errors", help="files that could not be read, and why")
    _common(p)
    p.set_defaults(func=cmd_errors)

    p = sub.add_parser("rebuild-index", help="rebuild the similarity index from the database")
    _common(p, json_flag=False)
    p.set_defaults(func=cmd_rebuild)


def open_library(args: argparse.Namespace) -> Library:
    settings = Settings.from_env(db=args.db, device=args.device)
    return Library.open(settings, args.model, device=args.device)


def _print_results(results: list[SearchResult], header: str, as_json: bool, extra: dict | None = None) -> None:
    if as_json:
        print_json([r.as_dict() for r in results] if extra is None else {**extra, "results": [r.as_dict() for r in results]})
        return
    err.print(header)
    if not results:
        print("no results")
    for r in results:
        tune = f" #{r.tune + 1}" if r.tune else ""
        title = display_title(r.title, r.path)
        print(f"{r.rank:3d}. {r.score:6.3f}  {title}{tune}  ({r.path})")


def cmd_scan(args: argparse.Namespace) -> int:
    with open_library(args) as lib:
        roots = [p.expanduser().resolve() for p in args.paths] or [Path(r.path) for r in lib.catalog.roots()]
        if not roots:
            err.print("[red]error:[/red] no folders given and the library has none yet")
            return EXIT_NOTHING_DONE
        cancel = threading.Event()
        bars: dict = {}

        def progress(phase: str, done: int, total: int) -> None:
            bar = bars.get(phase)
            if bar is None and total:
                ctx = progress_bar("scanning" if phase == "scan" else "embedding", total)
                bars[phase] = (ctx, ctx.__enter__())
                bar = bars[phase]
            if bar is not None:
                bar[1].update(bar[1].task_ids[0], total=total)
                advance_to(bar[1], done)

        def close_bars() -> None:
            for ctx, _ in bars.values():
                ctx.__exit__(None, None, None)
            bars.clear()

        try:
            report = lib.scan(roots, workers=args.workers, progress=progress, cancel=cancel)
        finally:
            close_bars()
        stats = lib.stats()
        if args.json and not args.watch:
            print_json({"scan": report.as_dict(), "stats": stats})
        else:
            err.print(f"scanned {report.seen} file(s) in {report.seconds:.1f} s: {report.new} new, {report.changed} "
                      f"changed, {report.moved} moved, {report.removed} removed, {report.unchanged} unchanged, "
                      f"{report.failed} failed; library: {stats['files']} files, {stats['pieces']} pieces")
            if report.failed:
                err.print("see the reasons with: clamp2 errors")
        if args.watch:
            from clamp2_engine.watch import watch

            err.print(f"watching {len(roots)} folder(s); Ctrl+C to stop")
            stop = threading.Event()

            def rescan(root: Path) -> None:
                r = lib.scan([root], workers=args.workers)
                err.print(f"{root}: {r.new} new, {r.changed} changed, {r.moved} moved, {r.removed} removed, "
                          f"{r.failed} failed")

            try:
                watch(roots, rescan, stop)
            except KeyboardInterrupt:
                stop.set()
        return EXIT_OK


def _filters_of(args: argparse.Namespace) -> Filters:
    return Filters(folder=args.folder, format=args.format, tag=args.tag)


def cmd_search(args: argparse.Namespace) -> int:
    with open_library(args) as lib:
        results = lib.search_text(args.query, args.k, _filters_of(args))
        _print_results(results, f"{args.query!r} (model {lib.model.name}):", args.json)
    return EXIT_OK


def cmd_similar(args: argparse.Namespace) -> int:
    with open_library(args) as lib:
        results, query = lib.similar(args.file, args.k, _filters_of(args), tune=args.tune)
        where = "in the library" if query.in_library else "not in the library, embedded on the fly"
        _print_results(results, f"similar to {query.path} ({where}; model {lib.model.name}):", args.json)
    return EXIT_OK


def cmd_stats(args: argparse.Namespace) -> int:
    with open_library(args) as lib:
        stats = lib.stats()
        stats["models"] = [m.name for m in lib.catalog.models()]
        stats["database"] = str(lib.catalog.path)
        if args.json:
            print_json(stats)
        else:
            for key, value in stats.items():
                print(f"{key:>10}: {', '.join(value) if isinstance(value, list) else value}")
    return EXIT_OK


def cmd_errors(args: argparse.Namespace) -> int:
    with open_library(args) as lib:
        errors = lib.errors()
        if args.json:
            print_json([{"path": e.path, "reason": e.reason, "kind": e.kind} for e in errors])
        else:
            for e in errors:
                print(f"{e.path}: {e.reason}")
            err.print(f"{len(errors)} file(s) could not be read")
    return EXIT_OK


def cmd_rebuild(args: argparse.Namespace) -> int:
    with open_library(args) as lib:
        n = lib.rebuild_index()
        err.print(f"rebuilt the index of model {lib.model.name}: {n} piece(s)")
    return EXIT_OK
