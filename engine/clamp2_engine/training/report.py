"""The full held-out evaluation of a model beside its floors, as tables and a model card."""
from __future__ import annotations

import random
import time
from typing import Sequence

import numpy as np
import torch

from clamp2_engine.checkpoints import LoadedModel
from clamp2_engine.model import CLaMP2Model
from clamp2_engine.training.dataset import Dataset, Item
from clamp2_engine.training.evaluate import evaluate, random_scorer
from clamp2_engine.training.texts import LANGUAGES

#: Target ratios of issue 5.
CLASS_TARGET, HIT_TARGET, OVERLAP_TARGET = 2.0, 5.0, 0.6


def test_items(ds: Dataset, fmt: str, *, split: str = "test") -> list[Item]:
    return sorted((it for it in ds.split(split) if it.fmt == fmt), key=lambda it: it.key)


def random_init_model(loaded: LoadedModel, seed: int = 0) -> LoadedModel:
    """The same architecture and text tower with random weights (text_proj = identity, as training starts)."""
    torch.manual_seed(seed)
    model = CLaMP2Model(loaded.config).eval()
    if model.has_frozen_text_tower and model.text_proj.weight.shape[0] == model.text_proj.weight.shape[1]:
        with torch.no_grad():
            model.text_proj.weight.copy_(torch.eye(model.text_proj.weight.shape[0]))
            model.text_proj.bias.zero_()
    return LoadedModel(config=loaded.config, model=model, tokenizer=None, source=loaded.source)


def full_eval(loaded: LoadedModel, ds: Dataset, *, formats: Sequence[str] = ("midi", "abc"),
              languages: Sequence[str] = LANGUAGES, baseline=None, with_random_init: bool = True,
              max_patches: int | None = 1024, log=print) -> dict:
    """Model, random-initialised model, hand-feature baseline and random ranking on the held-out splits."""
    from clamp2_engine.training.train import model_scorer

    scorers = [("model", model_scorer(loaded, max_patches=max_patches))]
    if with_random_init:
        scorers.append(("random_init", model_scorer(random_init_model(loaded), max_patches=max_patches)))
    if baseline is not None:
        scorers.append(("baseline", baseline))
    scorers.append(("random", random_scorer()))
    out: dict = {"formats": {}}
    for fmt in formats:
        items = test_items(ds, fmt)
        composer = test_items(ds, fmt, split="composer_test")
        res = {}
        for name, sc in scorers:
            t0 = time.time()
            res[name] = evaluate(sc, items, languages=languages)
            if composer:
                res[name]["composer_split"] = evaluate(sc, composer, languages=languages, piece_queries=False)
            log(f"  {fmt}: {name} evaluated in {time.time() - t0:.1f} s")
        out["formats"][fmt] = res
    return out


def _f(v, digits=3) -> str:
    return "  -  " if v is None else f"{v:.{digits}f}"


def table(result: dict, fmt: str) -> str:
    res = result["formats"][fmt]
    m, ri, rnd = res["model"], res.get("random_init"), res["random"]
    bl = res.get("baseline")
    lines = [f"held-out split, {fmt.upper()} input: {m['n']} pieces (Ryan's Mammoth + 529 Essen tunes)",
             "lang | class P@10  base  rinit  random(x)  ratio | MRR    base  rinit  | Hit@10  base  rinit  "
             "random  ratio | overlap@10"]
    for lang, r in m["languages"].items():
        b = bl["languages"][lang] if bl else {}
        q = ri["languages"][lang] if ri else {}
        floor = r.get("class_p10_floor_mean")
        ratio = r["class_p10_mean"] / floor if floor else None
        hit_ratio = r["piece_hit10"] / m["piece_hit10_floor"]
        lines.append(
            f"{lang:4} | {_f(r.get('class_p10_mean'))}  {_f(b.get('class_p10_mean'))}  {_f(q.get('class_p10_mean'))}"
            f"  {_f(floor)}      {_f(ratio, 1):>5} | {_f(r['piece_mrr'])}  {_f(b.get('piece_mrr'))}  "
            f"{_f(q.get('piece_mrr'))}  | {_f(r['piece_hit10'])}   {_f(b.get('piece_hit10'))}  "
            f"{_f(q.get('piece_hit10'))}  {_f(m['piece_hit10_floor'])}  {_f(hit_ratio, 1):>5} | "
            f"{_f(r.get('overlap10'))}")
    lines.append(f"random ranking floors: MRR {m['piece_mrr_floor']:.4f}, Hit@10 {m['piece_hit10_floor']:.4f}")
    for kind, v in m["music_music"].items():
        bv = bl["music_music"].get(kind, {}) if bl else {}
        rv = ri["music_music"].get(kind, {}) if ri else {}
        lines.append(f"music->music {kind}: share of 10 NN with the same label {v['nn10_same']:.3f} "
                     f"(baseline {_f(bv.get('nn10_same'))}, random init {_f(rv.get('nn10_same'))}, "
                     f"random {v['floor']:.3f})")
    en = m["languages"].get("en", {})
    lines.append("class P@10 by kind (en): " + ", ".join(
        f"{k} {v:.3f} (floor {en['class_p10_floor'][k]:.3f})" for k, v in en.get("class_p10", {}).items()))
    comp = m.get("composer_split")
    if comp:
        c_en = comp["languages"].get("en", {})
        lines.append(f"composer split ({comp['n']} scores never trained on): composer P@10 (en) "
                     f"{_f(c_en.get('class_p10', {}).get('composer'))} "
                     f"(floor {_f(c_en.get('class_p10_floor', {}).get('composer'))})")
    return "\n".join(lines)


def targets(result: dict, fmt: str) -> dict:
    """Which of the issue's targets hold, per language."""
    m = result["formats"][fmt]["model"]
    out = {}
    for lang, r in m["languages"].items():
        floor = r.get("class_p10_floor_mean") or 1.0
        out[lang] = {
            "class": r.get("class_p10_mean", 0) >= CLASS_TARGET * floor,
            "hit10": r["piece_hit10"] >= HIT_TARGET * m["piece_hit10_floor"],
            "overlap": lang == "en" or (r.get("overlap10") or 0) >= OVERLAP_TARGET,
        }
    return out


def headline(result: dict) -> dict:
    """Compact metrics for config.json."""
    out = {}
    for fmt, res in result["formats"].items():
        m = res["model"]
        out[fmt] = {
            "n": m["n"],
            "per_language": {lang: {k: round(v, 4) for k, v in (
                ("class_p10", r.get("class_p10_mean")), ("class_p10_floor", r.get("class_p10_floor_mean")),
                ("piece_mrr", r.get("piece_mrr")), ("piece_hit10", r.get("piece_hit10")),
                ("overlap10", r.get("overlap10"))) if v is not None} for lang, r in m["languages"].items()},
            "piece_hit10_floor": round(m["piece_hit10_floor"], 5),
            "piece_mrr_floor": round(m["piece_mrr_floor"], 5),
            "music_music": m["music_music"],
        }
        for other in ("baseline", "random_init"):
            if other in res:
                o = res[other]["languages"]
                out[fmt][other] = {lang: {"class_p10": round(r.get("class_p10_mean") or 0, 4),
                                          "piece_mrr": round(r["piece_mrr"], 4), "piece_hit10": round(r["piece_hit10"], 4)}
                                   for lang, r in o.items()}
    return out


def seeded(seed: int) -> random.Random:
    return random.Random(seed)


def mean_over_languages(result: dict, fmt: str, key: str) -> float:
    return float(np.mean([r.get(key) or 0 for r in result["formats"][fmt]["model"]["languages"].values()]))
