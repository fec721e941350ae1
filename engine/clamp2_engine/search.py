"""Queries over a library: text -> pieces, and piece/file -> similar pieces."""
from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

from clamp2_engine.catalog import Catalog, PieceRecord
from clamp2_engine.index import Hit


@dataclass(frozen=True)
class Filters:
    """Restrict results to a folder (and below), a format (``midi``/``abc``) and/or a tag name."""

    folder: str | None = None
    format: str | None = None
    tag: str | None = None

    @property
    def active(self) -> bool:
        return any(v is not None for v in (self.folder, self.format, self.tag))

    def allowed_ids(self, catalog: Catalog) -> np.ndarray | None:
        if not self.active:
            return None
        folder = str(Path(self.folder).expanduser().resolve()) if self.folder else None
        return catalog.piece_ids_matching(folder=folder, format=self.format, tag=self.tag)


@dataclass(frozen=True)
class SearchResult:
    rank: int
    score: float
    piece_id: int
    path: str
    tune: int | None
    title: str | None
    composer: str | None
    format: str | None

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def to_results(catalog: Catalog, hits: list[Hit]) -> list[SearchResult]:
    """Join index hits with their catalog rows, keeping the ranking."""
    records: dict[int, PieceRecord] = {r.id: r for r in catalog.pieces([h[0] for h in hits])}
    out = []
    for hit in hits:
        rec = records.get(hit[0])
        if rec is None:  # removed between query and lookup
            continue
        out.append(SearchResult(
            rank=len(out) + 1, score=round(float(hit[1]), 6), piece_id=rec.id, path=rec.path,
            tune=rec.tune_index if rec.format == "abc" else None, title=rec.title, composer=rec.composer,
            format=rec.format,
        ))
    return out
