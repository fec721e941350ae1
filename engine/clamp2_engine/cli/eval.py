"""``clamp2 eval``: retrieval of a model on the held-out split, per language, beside its floors.

Class queries (rhythm type, region, genre, composer) -> precision@10; each
held-out piece's own description -> MRR and Hit@10 among all held-out
pieces; music -> music neighbours; cross-lingual overlap@10.  Floors: the
same architecture with random weights, and random ranking.  Needs the
``[train]`` extra (the corpus comes from music21).
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

from clamp2_engine.cli.common import EXIT_NOTHING_DONE, EXIT_OK, err


def register(sub: argparse._SubParsersAction) -> None:
    from clamp2_engine.cli.embed import add_model_arguments
    from clamp2_engine.training.texts import LANGUAGES

    p = sub.add_parser("eval", help="evaluate a model on the held-out split, per language (needs [train])")
    add_model_arguments(p)
    p.add_argument("--data-dir", type=Path, default=None, help="corpus cache (as for clamp2 train)")
    p.add_argument("--formats", nargs="+", choices=["midi", "abc"], default=["midi", "abc"])
    p.add_argument("--languages", nargs="+", choices=LANGUAGES, default=list(LANGUAGES))
    p.add_argument("--no-random-init", action="store_true", help="skip the random-initialised floor")
    p.add_argument("--json", type=Path, default=None, help="write every number to this JSON file")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from clamp2_engine.checkpoints import load_model
    from clamp2_engine.cli.train import default_data_dir
    from clamp2_engine.model_registry import resolve_model_path
    from clamp2_engine.settings import Settings
    from clamp2_engine.training.dataset import build_dataset
    from clamp2_engine.training.report import full_eval, table, targets

    settings = Settings.from_env(device=args.device)
    loaded = load_model(resolve_model_path(args.model, settings))
    if not loaded.can_embed_text:
        err.print(f"[red]error:[/red] model {loaded.name!r} cannot embed text (no tokenizer)")
        return EXIT_NOTHING_DONE
    ds = build_dataset(args.data_dir or default_data_dir(), preprocessing=loaded.config.preprocessing,
                       log=err.print)
    result = full_eval(loaded, ds, formats=args.formats, languages=args.languages,
                       with_random_init=not args.no_random_init, log=err.print)
    for fmt in args.formats:
        print(table(result, fmt))
        t = targets(result, fmt)
        ok = [lang for lang, v in t.items() if all(v.values())]
        print(f"targets met ({fmt}): {len(ok)}/{len(t)} languages" +
              ("" if len(ok) == len(t) else f"; not: {', '.join(sorted(set(t) - set(ok)))}"))
        print()
    if args.json:
        args.json.write_text(json.dumps(result, indent=1) + "\n")
    return EXIT_OK
