"""``clamp2 train``: train a bundled model with a recipe (needs the ``[train]`` extra).

``clamp2 train --recipe default`` reproduces ``resources/models/default``:
corpus -> ABC/MIDI/text triplets -> LiT-style contrastive training against a
frozen multilingual text tower -> the best checkpoint on validation ->
evaluation on the held-out split -> a model folder with its model card.
"""
from __future__ import annotations

import argparse
import json
import time
from dataclasses import replace
from pathlib import Path

from clamp2_engine.cli.common import EXIT_OK, err


def default_data_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_cache_dir("clamp2-desktop", appauthor=False)) / "training"


def register(sub: argparse._SubParsersAction) -> None:
    from clamp2_engine.model.text_towers import FROZEN_TOWERS

    p = sub.add_parser("train", help="train a bundled model from the music21 corpus (needs clamp2-engine[train])")
    p.add_argument("--recipe", default="default", help="recipe name: default (the shipped model) or tiny (seconds)")
    p.add_argument("--text-tower", choices=sorted(FROZEN_TOWERS), default=None,
                   help="frozen multilingual text tower (default: the recipe's)")
    p.add_argument("--public-domain-only", action="store_true",
                   help="train without the Essen collection (non-commercial licence)")
    p.add_argument("--seed", type=int, default=None)
    p.add_argument("--epochs", type=float, default=None, help="override the recipe's number of epochs")
    p.add_argument("--out", type=Path, default=Path("runs/default"), help="run folder (checkpoints, best model)")
    p.add_argument("--resume", action="store_true", help="continue the run in --out from its last checkpoint")
    p.add_argument("--data-dir", type=Path, default=None, help="corpus cache (default: the user cache folder)")
    p.add_argument("--score-budget-min", type=float, default=None,
                   help="minutes to spend rendering classical scores with music21 (cached; default: all)")
    p.add_argument("--time-budget-min", type=float, default=None, help="stop after the round that passes this")
    p.add_argument("--no-eval", action="store_true", help="skip the held-out evaluation at the end")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from clamp2_engine.training.dataset import build_dataset
    from clamp2_engine.training.train import RECIPES, Trainer

    if args.recipe not in RECIPES:
        err.print(f"[red]error:[/red] unknown recipe {args.recipe!r} (known: {', '.join(RECIPES)})")
        return 2
    recipe = RECIPES[args.recipe]
    changes = {}
    if args.text_tower:
        changes["text_tower"] = args.text_tower
    if args.public_domain_only:
        changes["public_domain_only"] = True
    if args.seed is not None:
        changes["seed"] = args.seed
    if args.epochs is not None:
        changes["epochs"] = args.epochs
    recipe = replace(recipe, **changes)
    data_dir = args.data_dir or default_data_dir()
    t0 = time.time()
    ds = build_dataset(data_dir, score_budget_s=args.score_budget_min * 60 if args.score_budget_min else None,
                       log=err.print)
    trainer = Trainer(ds, recipe, args.out, cache_dir=data_dir / "text-features", log=err.print)
    best = trainer.fit(resume=args.resume,
                       time_budget_s=args.time_budget_min * 60 if args.time_budget_min else None)
    train_s = time.time() - t0
    err.print(f"best checkpoint: round {trainer.best['round']} (validation score {trainer.best['score']:.4f}) "
              f"-> {best}; {train_s / 60:.1f} min")
    if args.no_eval:
        return EXIT_OK
    finish_model(best, ds, trainer, data_dir, train_s)
    return EXIT_OK


def finish_model(best: Path, ds, trainer, data_dir: Path, train_s: float) -> Path:
    """Evaluate the best checkpoint on the held-out split; write config metrics and MODEL_CARD.md."""
    from clamp2_engine.checkpoints import load_model_folder, save_model_folder
    from clamp2_engine.training.baseline import baseline_scorer, fit_baseline
    from clamp2_engine.training.card import model_card
    from clamp2_engine.training.report import full_eval, headline, table
    from clamp2_engine.training.train import description_table, text_features

    loaded = load_model_folder(best)
    recipe = trainer.recipe
    align = trainer.align_languages(loaded.model)
    loaded.model.eval()
    if align:
        loaded.config.training = dict(loaded.config.training, language_alignment=align)
    loaded.config.training = dict(loaded.config.training, recipe=recipe.to_dict())
    table_d = description_table(trainer.items, recipe)
    keys = sorted(table_d)
    feats = text_features([s for k in keys for s in table_d[k]], recipe.text_tower, data_dir / "text-features")
    k = recipe.descriptions_per_piece
    w = fit_baseline(trainer.items, {key: feats[i * k:(i + 1) * k] for i, key in enumerate(keys)})
    result = full_eval(loaded, ds, baseline=baseline_scorer(w, recipe.text_tower), log=err.print)
    for fmt in result["formats"]:
        print(table(result, fmt))
        print()
    loaded.config.metrics = headline(result)
    loaded.config.training = dict(loaded.config.training, train_minutes=round(train_s / 60, 1))
    card = model_card(loaded, trainer, result, train_s)
    save_model_folder(loaded, best, card=card, overwrite=True)
    (best.parent / "eval.json").write_text(json.dumps(result, indent=1) + "\n")
    err.print(f"model folder with card and metrics: {best}")
    return best
