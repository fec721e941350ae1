"""Held-out evaluation of the bundled default model, per language, beside its floors.

    python bench/eval_default_model.py [--model resources/models/default] [--data-dir DIR] [--formats midi abc]

Prints, for the held-out split (all of Ryan's Mammoth Collection + 529 Essen
tunes, never trained on) and for each language of the shipped templates:
precision@10 of class queries (rhythm type, region, genre), MRR and Hit@10 of
each piece's own description among all held-out pieces, cross-lingual
overlap@10 (the same query in English and in that language), and
music->music neighbour consistency; each beside the hand-feature baseline,
the same architecture with random weights, and random ranking, all run in
this process.  Composer queries are scored on a separate split of classical
scores that is also never trained on.  Then the issue's targets: class
P@10 >= 2x random, Hit@10 >= 5x random in every language, overlap@10 >= 0.6.

Needs the ``[train]`` extra (music21's corpus) and, the first time, builds
the corpus cache (abc2midi + music21, a few minutes).
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str] | None = None) -> int:
    from clamp2_engine.checkpoints import load_model
    from clamp2_engine.cli.train import default_data_dir
    from clamp2_engine.training.baseline import baseline_scorer, fit_baseline
    from clamp2_engine.training.dataset import build_dataset
    from clamp2_engine.training.report import full_eval, table, targets
    from clamp2_engine.training.train import Recipe, description_table, text_features, training_items

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--model", type=Path, default=ROOT / "resources" / "models" / "default")
    ap.add_argument("--data-dir", type=Path, default=None)
    ap.add_argument("--formats", nargs="+", default=["midi", "abc"], choices=["midi", "abc"])
    ap.add_argument("--json", type=Path, default=None)
    args = ap.parse_args(argv)

    t0 = time.time()
    loaded = load_model(args.model)
    data_dir = args.data_dir or default_data_dir()
    ds = build_dataset(data_dir, preprocessing=loaded.config.preprocessing, log=print)
    recipe = Recipe.from_dict(loaded.config.training.get("recipe") or {})
    items = training_items(ds, recipe)
    desc = description_table(items, recipe)
    keys = sorted(desc)
    feats = text_features([s for k in keys for s in desc[k]], recipe.text_tower, data_dir / "text-features")
    k = recipe.descriptions_per_piece
    w = fit_baseline(items, {key: feats[i * k:(i + 1) * k] for i, key in enumerate(keys)})
    result = full_eval(loaded, ds, formats=args.formats, baseline=baseline_scorer(w, recipe.text_tower), log=print)
    print(f"\nmodel {loaded.name} ({args.model}), text tower {loaded.config.text.type}\n")
    all_ok = True
    for fmt in args.formats:
        print(table(result, fmt))
        t = targets(result, fmt)
        bad = {lang: [k for k, ok in v.items() if not ok] for lang, v in t.items() if not all(v.values())}
        all_ok &= not bad
        print(f"targets ({fmt}): " + ("met in every language" if not bad else
                                       "missed: " + "; ".join(f"{lang} {', '.join(v)}" for lang, v in bad.items())))
        print()
    print(f"({time.time() - t0:.0f} s)")
    if args.json:
        args.json.write_text(json.dumps(result, indent=1) + "\n")
    return 0 if all_ok else 1


if __name__ == "__main__":
    sys.exit(main())
