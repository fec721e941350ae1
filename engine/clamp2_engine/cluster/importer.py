"""``clamp2 import-embeddings``: shards of an ``embed-cluster`` run -> the catalog, then the index once.

Why it is built this way:

* It writes with the catalog's own methods (``record_file_ok``,
  ``record_file_error``, ``put_embeddings``), the ones a scan uses, inside
  one ``Catalog.transaction()`` per shard: a crash loses at most the batch in
  flight, and the rows are the rows a scan would have written (same root, path,
  size, mtime_ns, sha256), so a later ``clamp2 scan`` of the same folder sees
  the files as unchanged and embeds nothing again.
* Importing twice duplicates nothing: files are keyed by path, pieces by
  (file, tune), embeddings by (piece, model); a file whose stored size, mtime,
  sha256 and embeddings already match the shard is skipped outright.
* Vectors are only comparable within one set of weights, so shards whose
  weights digest differs from the model they are filed under are refused
  before anything is written.
* The hnswlib index is built (or caught up) once, after the last shard, not
  per batch.
"""
from __future__ import annotations

import json
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

import numpy as np

from clamp2_engine.catalog import Catalog, PieceRow
from clamp2_engine.cluster.errors import NotAJobFolderError, ShardFileError, ShardModelMismatchError
from clamp2_engine.cluster.shards import JOB_FILE, JobInfo, ModelInfo, read_footer

ProgressFn = Callable[[int, int], None]  # (shards done, shards total)


@dataclass
class ImportReport:
    shards: int = 0
    missing_shards: int = 0
    files: int = 0
    skipped_files: int = 0
    pieces: int = 0
    errors: int = 0
    rows: int = 0
    indexed: int = 0
    model: str = ""
    seconds: float = 0.0
    index_seconds: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def load_job(out_dir: str | Path) -> JobInfo:
    job = JobInfo.load(Path(out_dir))
    if job is None:
        raise NotAJobFolderError(f"{out_dir}: no {JOB_FILE} here; not an output folder of clamp2 embed-cluster")
    return job


def check_model(job: JobInfo, selected: ModelInfo | None, catalog: Catalog) -> ModelInfo:
    """The model the shards are filed under: the selected one, else the job's; refuse other weights."""
    if selected is not None and selected.weights_sha256 != job.model.weights_sha256:
        raise ShardModelMismatchError(
            f"the shards were embedded with model {job.model.name!r} (weights {job.model.weights_sha256[:12]}…), "
            f"but model {selected.name!r} has weights {selected.weights_sha256[:12]}…; import them with the model "
            "that made them")
    model = selected or job.model
    registered = catalog.model_by_name(model.name)
    if registered is not None and registered.weights_sha256 != model.weights_sha256:
        raise ShardModelMismatchError(
            f"the library {catalog.path} has a model named {model.name!r} with weights "
            f"{registered.weights_sha256[:12]}…, but the shards were embedded with {model.weights_sha256[:12]}…")
    return model


def _read_shard(path: Path, model: ModelInfo) -> Any:
    import pyarrow.parquet as pq

    try:
        footer = read_footer(path)
        table = pq.read_table(path)
    except Exception as exc:
        raise ShardFileError(f"{path}: unreadable shard ({type(exc).__name__}: {str(exc).splitlines()[0]})") from None
    digests = set(table.column("weights_sha256").drop_null().unique().to_pylist()) | {footer.get("weights_sha256")}
    if digests != {model.weights_sha256}:
        other = sorted(d for d in digests if d != model.weights_sha256)[0] or "?"
        raise ShardModelMismatchError(
            f"{path.name} was embedded with weights {other[:12]}…, not those of model {model.name!r} "
            f"({model.weights_sha256[:12]}…); refusing to mix embeddings of different weights")
    return table


class _Batch:
    """Piece ids and vectors of one shard, stored with one ``put_embeddings`` in its transaction."""

    def __init__(self) -> None:
        self.ids: list[int] = []
        self.vectors: list[np.ndarray] = []


def import_embeddings(out_dir: str | Path, catalog: Catalog, *, model: ModelInfo | None = None,
                      progress: ProgressFn | None = None) -> ImportReport:
    """Import every shard listed in ``out_dir/_job.json`` into ``catalog``; build the model's index at the end."""
    from clamp2_engine.index import SimilarityIndex

    start = time.perf_counter()
    out_dir = Path(out_dir).expanduser().resolve()
    job = load_job(out_dir)
    chosen = check_model(job, model, catalog)
    # Check every present shard's digest before writing anything: a refused import leaves the library untouched.
    present = [out_dir / name for name in job.shards if (out_dir / name).is_file()]
    for path in present:
        footer_digest = _footer_digest(path)
        if footer_digest is not None and footer_digest != chosen.weights_sha256:
            raise ShardModelMismatchError(
                f"{path.name} was embedded with weights {footer_digest[:12]}…, not those of model {chosen.name!r} "
                f"({chosen.weights_sha256[:12]}…); refusing to mix embeddings of different weights")
    record = catalog.register_model(chosen.name, chosen.kind, chosen.dim, chosen.weights_sha256, chosen.path,
                                    chosen.config)
    root_id = catalog.add_root(job.root).id if job.root else None
    known = catalog.file_states()
    embedded = set(catalog.embedding_ids(record.id).tolist())
    report = ImportReport(shards=len(present), missing_shards=len(job.shards) - len(present), model=chosen.name)
    progress = progress or (lambda done, total: None)
    progress(0, len(present))
    for n, path in enumerate(present, 1):
        table = _read_shard(path, chosen)
        batch = _Batch()
        with catalog.transaction():  # one shard, one transaction: a crash loses at most this shard
            for rows in _files_of(table):
                _import_file(catalog, root_id, rows, known, embedded, batch, report)
            if batch.ids:
                catalog.put_embeddings(record.id, batch.ids, np.stack(batch.vectors))
        report.rows += table.num_rows
        progress(n, len(present))
    index_start = time.perf_counter()
    index = SimilarityIndex.open(catalog, record.id)
    index.save()
    report.indexed = len(index)
    report.index_seconds = time.perf_counter() - index_start
    report.seconds = time.perf_counter() - start
    return report


def _footer_digest(path: Path) -> str | None:
    try:
        return read_footer(path).get("weights_sha256")
    except Exception:
        return None  # unreadable: reported when it is read


def _files_of(table: Any) -> list[list[dict[str, Any]]]:
    """Rows grouped by file (a file's rows are consecutive in a shard)."""
    groups: list[list[dict[str, Any]]] = []
    for row in table.to_pylist():
        if groups and groups[-1][0]["path"] == row["path"]:
            groups[-1].append(row)
        else:
            groups.append([row])
    return groups


def _import_file(catalog: Catalog, root_id: int | None, rows: list[dict[str, Any]],
                 known: dict, embedded: set[int], batch: _Batch, report: ImportReport) -> None:
    first = rows[0]
    path, size, mtime_ns, sha256 = first["path"], first["size"] or 0, first["mtime_ns"] or 0, first["sha256"]
    report.files += 1
    if first["error"] is not None:
        catalog.record_file_error(path, root_id, size, mtime_ns, sha256, first["format"], first["error"],
                                  first["error_kind"])
        report.errors += 1
        return
    state = known.get(path)
    if (state is not None and state.status == "ok" and state.size == size and state.mtime_ns == mtime_ns
            and state.sha256 == sha256):
        stored = catalog.pieces_of_file(path)
        if len(stored) == len(rows) and all(p.id in embedded for p in stored):
            report.skipped_files += 1
            return
    pieces = [PieceRow(tune_index=r["tune"] or 0, title=r["title"], composer=r["composer"],
                       meta=json.loads(r["meta_json"]) if r["meta_json"] else {}, duration_s=r["duration_s"])
              for r in rows]
    ids = catalog.record_file_ok(path, root_id, size, mtime_ns, sha256, first["format"], pieces)
    batch.ids += ids
    batch.vectors += [np.asarray(r["vector"], dtype=np.float32) for r in rows]
    report.pieces += len(ids)
