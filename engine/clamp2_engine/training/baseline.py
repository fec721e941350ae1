"""The tiny hand-feature baseline (DATA.md): musical statistics -> linear map into the text space.

Features (:func:`.analysis.hand_features`): metre, mode, inter-onset-length
histogram, dotted-rhythm and triplet rates, notes per bar, register, range,
voices, length.  A ridge regression maps them onto the mean frozen-tower
vector of each training piece's descriptions; queries are embedded by the
frozen tower itself.  Seconds to fit; a strong baseline for dance type and
metre, which the learned model has to beat.
"""
from __future__ import annotations

import numpy as np

from clamp2_engine.training.dataset import Item
from clamp2_engine.training.evaluate import Scorer


def fit_baseline(items: list[Item], text_feats: dict[str, np.ndarray], *, ridge: float = 1.0) -> np.ndarray:
    """W such that normalise(features @ W) approximates a piece's description vectors."""
    seen = set()
    xs, ys = [], []
    for it in items:
        if it.key in seen or it.key not in text_feats:
            continue
        seen.add(it.key)
        xs.append(it.features)
        y = np.asarray(text_feats[it.key], dtype=np.float64).mean(axis=0)
        ys.append(y / max(np.linalg.norm(y), 1e-9))
    x = np.stack(xs).astype(np.float64)
    y = np.stack(ys)
    w = np.linalg.solve(x.T @ x + ridge * np.eye(x.shape[1]), x.T @ y)
    return w.astype(np.float32)


def baseline_scorer(w: np.ndarray, tower: str) -> Scorer:
    from clamp2_engine.training.train import frozen_vectors

    def texts(t):
        return frozen_vectors(tower, t)

    def items(its):
        out = np.stack([it.features for it in its]) @ w
        return out / np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-9)

    return Scorer(f"hand-feature baseline ({tower})", texts, items)
