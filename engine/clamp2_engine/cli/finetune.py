"""``clamp2 finetune``: teach a model the library owner's own vocabulary, on this machine.

Ctrl+C cancels: the last finished epoch stays on disk, the next run with the
same options resumes from it (``--restart`` starts over), and nothing in the
library changes.  ``--use`` makes the new model the library's default and
embeds every piece with it (the parent's embeddings stay: switching back with
``clamp2 models use PARENT`` is instant).
"""
from __future__ import annotations

import argparse
import threading
import time

from clamp2_engine.cli.common import EXIT_INTERRUPTED, EXIT_NOTHING_DONE, EXIT_OK, err, print_json
from clamp2_engine.cli.embed import add_model_arguments


def register(sub: argparse._SubParsersAction) -> None:
    from clamp2_engine.training.finetune import FinetuneOptions

    d = FinetuneOptions()
    p = sub.add_parser("finetune", help="fine-tune a model on your own tags, titles and file names")
    p.add_argument("--name", default=None,
                   help="name of the new model (default: PARENT-ft, or the unfinished run of PARENT to resume)")
    p.add_argument("--epochs", type=int, default=d.epochs, help=f"at most this many epochs (default {d.epochs})")
    p.add_argument("--max-minutes", type=float, default=None, help="stop after the epoch that passes this")
    p.add_argument("--batch-size", type=int, default=d.batch_size)
    p.add_argument("--accumulate", type=int, default=d.accumulate, help="micro-batches per optimizer step")
    p.add_argument("--lr", type=float, default=d.lr)
    p.add_argument("--train-layers", type=int, default=d.train_layers, help="last music-tower layers that learn")
    p.add_argument("--holdout", type=float, default=d.holdout_share, help="share of pieces held out for the MRR")
    p.add_argument("--seed", type=int, default=d.seed)
    p.add_argument("--restart", action="store_true", help="ignore an unfinished run of the same name")
    p.add_argument("--use", action="store_true", help="make the new model the default and embed the library with it")
    p.add_argument("--db", default=None, help="library database (default: the user data folder)")
    add_model_arguments(p)
    p.add_argument("--json", action="store_true", help="print one JSON document on stdout")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from clamp2_engine.catalog import Catalog
    from clamp2_engine.model_registry import DEFAULT_MODEL_META
    from clamp2_engine.settings import Settings
    from clamp2_engine.training.finetune import FinetuneOptions, Finetuner

    settings = Settings.from_env(db=args.db, device=None if args.device == "auto" else args.device)
    options = FinetuneOptions(epochs=args.epochs, max_minutes=args.max_minutes, batch_size=args.batch_size,
                              accumulate=args.accumulate, lr=args.lr, train_layers=args.train_layers,
                              holdout_share=args.holdout, seed=args.seed)
    stop = threading.Event()
    last = {"t": 0.0}

    def progress(p) -> None:
        now = time.time()
        if p.phase == "train" and p.step not in (1, p.steps) and now - last["t"] < 2:
            return
        last["t"] = now
        if p.phase == "train":
            eta = f", eta {p.eta_s / 60:.1f} min" if p.eta_s is not None else ""
            err.print(f"epoch {p.epoch}/{p.epochs} step {p.step}/{p.steps} loss {p.loss:.3f}{eta}")
        elif p.message and p.steps == 0:
            err.print(p.message)

    with Catalog.open(settings.db_path) as catalog:
        parent = args.model or catalog.get_meta(DEFAULT_MODEL_META) or None
        # No --name: PARENT-ft (an unfinished run of this parent first, so the same command resumes it).
        tuner = Finetuner(settings, catalog, parent, args.name, options, device=settings.device, progress=progress,
                          should_stop=stop.is_set, log=err.print)
        name = tuner.name
        tuner.prepare()
        s = tuner.summary
        err.print(f"fine-tuning {tuner.parent_name} -> {name} on {tuner.device}: {s.train} pieces to learn from, "
                  f"{s.holdout} held out ({', '.join(f'{n} {k}' for k, n in sorted(s.texts_by_source.items()))})")
        try:
            result = tuner.run(resume=not args.restart)
        except KeyboardInterrupt:
            err.print(f"cancelled: the library and the models are unchanged; to resume: clamp2 finetune --name {name}")
            return EXIT_INTERRUPTED
        if result.status == "finished" and args.use:
            catalog.set_meta(DEFAULT_MODEL_META, name)
    doc = result.as_dict()
    if result.status == "finished" and args.use:
        doc["embedded"] = _embed_library(settings, name)
    if args.json:
        print_json(doc)
    else:
        after = "-" if result.mrr_after is None else f"{result.mrr_after:.4f}"
        print(f"{result.status}: held-out text->music MRR {result.mrr_before:.4f} ({result.parent}) -> {after} "
              f"after {result.epochs_run} epoch(s) (best {result.best_epoch}); {result.seconds / 60:.1f} min on "
              f"{result.device}, peak memory {result.peak_rss_mb:.0f} MB")
        if result.path:
            print(f"  -> {result.path}")
            if not args.use:
                err.print(f"use it: clamp2 models use {name} && clamp2 scan   (switch back: clamp2 models use "
                          f"{result.parent})")
    if result.status == "cancelled":
        return EXIT_INTERRUPTED
    return EXIT_OK if result.status == "finished" else EXIT_NOTHING_DONE


def _embed_library(settings, name: str) -> int:
    """Embed every piece with the new model (files are not re-read unless they changed)."""
    from pathlib import Path

    from clamp2_engine.library import Library

    with Library.open(settings, name) as lib:
        roots = [Path(r.path) for r in lib.catalog.roots()]
        report = lib.scan(roots) if roots else None
    n = report.pieces_embedded if report else 0
    err.print(f"embedded {n} piece(s) with {name}")
    return n
