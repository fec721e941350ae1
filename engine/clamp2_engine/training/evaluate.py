"""Retrieval evaluation on held-out pieces, per language, beside its floors.

* class queries (rhythm type, region, genre, composer): precision@10 of the
  pieces of that class among all evaluated pieces; random floor = class share;
* piece descriptions (each piece's own facts, :func:`.texts.full_description`):
  MRR and Hit@10 of the piece among all evaluated pieces; random floor
  Hit@10 = 10/N, MRR = H_N/N;
* music -> music: share of a piece's 10 nearest neighbours with its class;
* cross-lingual overlap@10: |top10(en) & top10(lang)| / 10 for the same query.

A *scorer* turns (texts) -> [n, d] query rows and items -> [n, d] music rows;
the learned model, a random-initialised one and the hand-feature baseline
all provide one, so they are measured by the same code.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Sequence

import numpy as np

from clamp2_engine.training.dataset import Item
from clamp2_engine.training.texts import LANGUAGES, class_queries, full_description

CLASS_KINDS = ("rhythm", "region", "genre", "composer")
#: Classes with at least this many evaluated pieces get a class query.
MIN_CLASS_SIZE = 5


@dataclass
class Scorer:
    name: str
    embed_texts: Callable[[Sequence[str]], np.ndarray]
    embed_items: Callable[[Sequence[Item]], np.ndarray]


def _label(item: Item, kind: str) -> str | None:
    return item.labels.get(kind)


def _topk(sims: np.ndarray, k: int) -> np.ndarray:
    k = min(k, sims.shape[1])
    idx = np.argpartition(-sims, k - 1, axis=1)[:, :k]
    order = np.take_along_axis(sims, idx, axis=1).argsort(axis=1)[:, ::-1]
    return np.take_along_axis(idx, order, axis=1)


def evaluate(scorer: Scorer, items: Sequence[Item], *, languages: Sequence[str] = LANGUAGES,
             music: np.ndarray | None = None, piece_queries: bool = True) -> dict:
    """Every metric for one scorer over ``items`` (one format: ABC or MIDI)."""
    items = list(items)
    n = len(items)
    music = scorer.embed_items(items) if music is None else music
    out: dict = {"n": n, "languages": {}}
    top10_by_lang: dict[str, dict[tuple[str, str], np.ndarray]] = {}
    for lang in languages:
        res: dict = {}
        queries = {kc: q for kc, q in class_queries(lang).items()
                   if sum(_label(it, kc[0]) == kc[1] for it in items) >= MIN_CLASS_SIZE}
        if queries:
            keys = list(queries)
            sims = scorer.embed_texts([queries[k] for k in keys]) @ music.T
            top = _topk(sims, 10)
            top10_by_lang[lang] = {k: top[i] for i, k in enumerate(keys)}
            per_kind: dict[str, list[float]] = {}
            floors: dict[str, list[float]] = {}
            for i, (kind, cls) in enumerate(keys):
                hits = np.mean([_label(items[j], kind) == cls for j in top[i]])
                per_kind.setdefault(kind, []).append(float(hits))
                floors.setdefault(kind, []).append(sum(_label(it, kind) == cls for it in items) / n)
            res["class_p10"] = {k: float(np.mean(v)) for k, v in per_kind.items()}
            res["class_p10_floor"] = {k: float(np.mean(v)) for k, v in floors.items()}
            res["class_p10_mean"] = float(np.mean([p for v in per_kind.values() for p in v]))
            res["class_p10_floor_mean"] = float(np.mean([p for v in floors.values() for p in v]))
        if piece_queries:
            texts = [full_description(it.labels, it.levels, lang) for it in items]
            sims = scorer.embed_texts(texts) @ music.T
            own = sims[np.arange(n), np.arange(n)]
            ranks = 1 + (sims > own[:, None]).sum(axis=1)
            res["piece_mrr"] = float(np.mean(1.0 / ranks))
            res["piece_hit10"] = float(np.mean(ranks <= 10))
        out["languages"][lang] = res
    out["piece_hit10_floor"] = min(10 / n, 1.0)
    out["piece_mrr_floor"] = float(np.mean([1.0 / r for r in range(1, n + 1)]))
    if "en" in top10_by_lang:
        for lang, tops in top10_by_lang.items():
            if lang == "en":
                continue
            common = [k for k in tops if k in top10_by_lang["en"]]
            if common:
                ov = [len(set(tops[k]) & set(top10_by_lang["en"][k])) / 10 for k in common]
                out["languages"][lang]["overlap10"] = float(np.mean(ov))
    # music -> music consistency
    sims = music @ music.T
    np.fill_diagonal(sims, -np.inf)
    top = _topk(sims, 10)
    mm = {}
    for kind in ("rhythm", "region", "genre", "composer"):
        rows = [i for i, it in enumerate(items) if _label(it, kind)]
        if len(rows) < 20:
            continue
        share = [np.mean([_label(items[j], kind) == _label(items[i], kind) for j in top[i]]) for i in rows]
        labels = [_label(items[i], kind) for i in rows]
        counts = {lab: labels.count(lab) for lab in set(labels)}
        floor = np.mean([(counts[lab] - 1) / (n - 1) for lab in labels])
        mm[kind] = {"nn10_same": float(np.mean(share)), "floor": float(floor)}
    out["music_music"] = mm
    return out


def random_scorer(dim: int = 16, seed: int = 0) -> Scorer:
    """Random ranking: unrelated random vectors for queries and pieces."""

    def texts(t):
        rng = np.random.default_rng(abs(hash(tuple(t))) % (2**32) + seed)
        return rng.standard_normal((len(t), dim)).astype(np.float32)

    def music(items):
        rng = np.random.default_rng(seed)
        return rng.standard_normal((len(items), dim)).astype(np.float32)

    return Scorer("random ranking", texts, music)


def summary_rows(result: dict) -> list[dict]:
    """One row per language: the headline numbers."""
    rows = []
    for lang, r in result["languages"].items():
        rows.append({
            "lang": lang,
            "class_p10": r.get("class_p10_mean"),
            "class_floor": r.get("class_p10_floor_mean"),
            "mrr": r.get("piece_mrr"),
            "hit10": r.get("piece_hit10"),
            "overlap10": r.get("overlap10"),
        })
    return rows
