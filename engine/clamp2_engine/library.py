"""A library opened with one model: the one object the CLI and the app talk to.

It ties the catalog (SQLite), the model and its embedder, and that model's
similarity index together, and offers the user-level operations: scan,
text search, similarity, stats, errors.
"""
from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

import numpy as np

from clamp2_engine.catalog import Catalog, ErrorRecord, ModelRecord
from clamp2_engine.checkpoints import LoadedModel, load_model
from clamp2_engine.embedder import Embedder
from clamp2_engine.errors import Clamp2Error, InputFileError
from clamp2_engine.index import SimilarityIndex
from clamp2_engine.model_registry import resolve_model_path
from clamp2_engine.reading import read_file
from clamp2_engine.scanner import ProgressFn, ScanReport, Scanner
from clamp2_engine.search import Filters, SearchResult, to_results
from clamp2_engine.settings import Settings


@dataclass
class SimilarQuery:
    """What a similarity search started from."""

    path: str
    tune: int | None
    in_library: bool
    piece_id: int | None


class Library:
    def __init__(self, catalog: Catalog, loaded: LoadedModel, embedder: Embedder, model: ModelRecord,
                 index: SimilarityIndex):
        self.catalog = catalog
        self.loaded = loaded
        self.embedder = embedder
        self.model = model
        self.index = index

    @classmethod
    def open(cls, settings: Settings, model: str | Path | None = None, *, device: str | None = None,
             batch_patches: int = 8192) -> "Library":
        """Open the library at ``settings.db_path`` with a model given by name or path."""
        catalog = Catalog.open(settings.db_path)
        try:
            loaded = load_model(_resolve(model, settings, catalog))
            return cls._assemble(catalog, loaded, device or settings.device, batch_patches)
        except BaseException:
            catalog.close()
            raise

    @classmethod
    def with_model(cls, settings: Settings, loaded: LoadedModel, *, device: str | None = None,
                   batch_patches: int = 8192) -> "Library":
        """Open the library with an already loaded model (another thread's, say: weights are shared)."""
        catalog = Catalog.open(settings.db_path)
        try:
            return cls._assemble(catalog, loaded, device or settings.device, batch_patches)
        except BaseException:
            catalog.close()
            raise

    @classmethod
    def _assemble(cls, catalog: Catalog, loaded: LoadedModel, device: str | None, batch_patches: int) -> "Library":
        record = register(catalog, loaded)
        embedder = Embedder(loaded, device=device, batch_patches=batch_patches)
        index = SimilarityIndex.open(catalog, record.id)
        return cls(catalog, loaded, embedder, record, index)

    def close(self) -> None:
        self.catalog.close()

    def __enter__(self) -> "Library":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ building

    def scan(self, roots: Sequence[str | Path], *, workers: int | None = None, progress: ProgressFn | None = None,
             cancel: threading.Event | None = None, batch_files: int = 32) -> ScanReport:
        scanner = Scanner(self.catalog, self.embedder, self.index, self.model.id, workers=workers,
                          progress=progress, cancel=cancel, batch_files=batch_files)
        return scanner.scan(roots)

    def rebuild_index(self) -> int:
        report = self.index.rebuild("asked to rebuild")
        self.index.save()
        return len(self.index) if report is not None else 0

    # ------------------------------------------------------------------ queries

    def search_text(self, query: str, k: int = 10, filters: Filters | None = None) -> list[SearchResult]:
        if not query.strip():
            return []
        vector = self.embedder.embed_text([query])[0]
        return self.search_vector(vector, k, filters)

    def search_vector(self, vector: np.ndarray, k: int = 10, filters: Filters | None = None) -> list[SearchResult]:
        allowed = (filters or Filters()).allowed_ids(self.catalog)
        hits = self.index.query(vector, k, allowed_ids=allowed)
        return to_results(self.catalog, hits)

    def query_vector_for(self, target: int | str | Path, tune: int | None = None) -> tuple[np.ndarray, SimilarQuery]:
        """The embedding of a library piece (stored) or of any file (embedded on the fly)."""
        if isinstance(target, int):
            ids, vecs = self.catalog.embeddings(self.model.id, [target])
            if not len(ids):
                raise Clamp2Error(f"piece {target} has no embedding for model {self.model.name!r}")
            rec = self.catalog.piece(target)
            return vecs[0], SimilarQuery(rec.path, rec.tune_index, True, target)
        path = Path(target).expanduser().resolve()
        for rec in self.catalog.pieces_of_file(path):
            if tune is None or rec.tune_index == tune:
                ids, vecs = self.catalog.embeddings(self.model.id, [rec.id])
                if len(ids):
                    return vecs[0], SimilarQuery(str(path), rec.tune_index, True, rec.id)
        result = read_file(path, self.loaded.config.preprocessing)
        if not result.pieces:
            if result.errors:
                raise result.errors[0]
            raise InputFileError(path, "no music found in the file")
        pieces = [p for p in result.pieces if tune is None or (p.tune_index or 0) == tune] or result.pieces[:1]
        piece = pieces[0]
        vector = self.embedder.embed_music_texts([piece.text])[0]
        return vector, SimilarQuery(str(path), piece.tune_index, False, None)

    def similar(self, target: int | str | Path, k: int = 10, filters: Filters | None = None,
                tune: int | None = None) -> tuple[list[SearchResult], SimilarQuery]:
        vector, query = self.query_vector_for(target, tune)
        return self.search_vector(vector, k, filters), query

    def similar_to_many(self, targets: Sequence[int | str | Path], k: int = 10, filters: Filters | None = None
                        ) -> tuple[list[SearchResult], SimilarQuery]:
        """Pieces like all of ``targets`` at once: the normalised mean of their embeddings."""
        if not targets:
            raise Clamp2Error("no pieces to compare with")
        vectors, queries = zip(*(self.query_vector_for(t) for t in targets))
        mean = np.mean(np.stack(vectors), axis=0)
        mean /= max(float(np.linalg.norm(mean)), 1e-12)
        first = queries[0]
        query = SimilarQuery(first.path if len(queries) == 1 else "; ".join(q.path for q in queries),
                             first.tune if len(queries) == 1 else None, all(q.in_library for q in queries),
                             first.piece_id if len(queries) == 1 else None)
        return self.search_vector(mean, k, filters), query

    # ------------------------------------------------------------------ reports

    def stats(self) -> dict[str, object]:
        stats = dict(self.catalog.stats())
        stats["model"] = self.model.name
        stats["indexed"] = len(self.index)
        return stats

    def errors(self) -> list[ErrorRecord]:
        return self.catalog.errors()


def register(catalog: Catalog, loaded: LoadedModel) -> ModelRecord:
    cfg = loaded.config
    return catalog.register_model(cfg.name, cfg.kind, cfg.projection_dim, cfg.weights_sha256 or "", loaded.source,
                                  cfg.to_dict())


def _resolve(spec: str | Path | None, settings: Settings, catalog: Catalog) -> Path:
    try:
        return resolve_model_path(spec, settings)
    except Clamp2Error:
        if spec is not None:
            rec = catalog.model_by_name(str(spec))
            if rec is not None and rec.path and Path(rec.path).exists():
                return Path(rec.path)
        raise
