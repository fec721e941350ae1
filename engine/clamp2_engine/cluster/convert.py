"""CPU work of a cluster job: the files of one shard -> an Arrow table of patch arrays (or errors).

Nothing here re-implements a format: each file goes through
:func:`clamp2_engine.scanner.parse_file` (size limit, sha256, the per-file time
limit, :func:`clamp2_engine.reading.read_file`), exactly as a library scan
reads it, and pieces become patches with the same call ``Embedder.encode_music_text``
makes, so vectors equal those of ``clamp2 embed`` and ``clamp2 scan``.

Rows: one per piece of a readable file (``tune`` null for MIDI, the 0-based
tune index for ABC), one per unreadable file (``error`` set, no patches).
A bad file costs its own row, never the shard.
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass
from typing import Any

import numpy as np
import pyarrow as pa

from clamp2_engine import patches as P
from clamp2_engine.cluster.shards import ShardPlan
from clamp2_engine.pieces import Preprocessing
from clamp2_engine.scanner import MAX_FILE_BYTES, DiskFile, format_of, parse_file

#: Columns shared by the converted table and the final shard (everything about the file and piece).
FILE_FIELDS = [
    pa.field("path", pa.string(), nullable=False),
    pa.field("tune", pa.int32()),
    pa.field("sha256", pa.string()),
    pa.field("size", pa.int64()),
    pa.field("mtime_ns", pa.int64()),
    pa.field("format", pa.string()),
    pa.field("title", pa.string()),
    pa.field("composer", pa.string()),
    pa.field("meta_json", pa.string()),
    pa.field("duration_s", pa.float64()),
    pa.field("patches", pa.int32()),
    pa.field("error", pa.string()),
    pa.field("error_kind", pa.string()),
]
#: The converted table adds the patch ids (uint8, ``patches x patch_size``, row-major).
CONVERTED_SCHEMA = pa.schema(FILE_FIELDS + [pa.field("patch_data", pa.binary())])


@dataclass(frozen=True)
class ConvertOptions:
    """What the model decides about its input (from its config.json), plus the scanner's per-file limits."""

    preprocessing: Preprocessing
    patch_size: int
    max_file_bytes: int = MAX_FILE_BYTES
    time_limit: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"preprocessing": self.preprocessing.to_dict(), "patch_size": self.patch_size,
                "max_file_bytes": self.max_file_bytes, "time_limit": self.time_limit}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "ConvertOptions":
        return cls(Preprocessing.from_dict(data["preprocessing"]), int(data["patch_size"]),
                   int(data["max_file_bytes"]), data.get("time_limit"))


def _error_row(path: str, error: str, kind: str | None, size: int = 0, mtime_ns: int = 0,
               sha256: str | None = None) -> dict[str, Any]:
    return {"path": path, "tune": None, "sha256": sha256, "size": size, "mtime_ns": mtime_ns,
            "format": format_of(path), "title": None, "composer": None, "meta_json": None, "duration_s": None,
            "patches": None, "error": error, "error_kind": kind, "patch_data": None}


def convert_file(path: str, options: ConvertOptions) -> list[dict[str, Any]]:
    """Rows of one file: its pieces with patch ids, or one error row."""
    try:
        st = os.stat(path)
    except OSError as exc:
        return [_error_row(path, f"cannot stat file ({exc.strerror or exc})", "unreadable")]
    parsed = parse_file(DiskFile(path, st.st_size, st.st_mtime_ns), options.preprocessing,
                        options.max_file_bytes, options.time_limit)
    if parsed.error is not None or not parsed.pieces:
        return [_error_row(path, parsed.error or "no music found in the file", parsed.error_kind or "parse",
                           parsed.size, parsed.mtime_ns, parsed.sha256)]
    rows = []
    for piece in parsed.pieces:
        try:
            ids = P.encode(piece.text, add_special_patches=True, patch_size=options.patch_size)
        except ValueError as exc:  # as the scanner: the whole file fails
            return [_error_row(path, f"cannot turn the music into patches ({exc})", "parse",
                               parsed.size, parsed.mtime_ns, parsed.sha256)]
        rows.append({"path": path, "tune": piece.tune_index, "sha256": parsed.sha256, "size": parsed.size,
                     "mtime_ns": parsed.mtime_ns, "format": parsed.format, "title": piece.title,
                     "composer": piece.composer,
                     "meta_json": json.dumps(piece.meta, ensure_ascii=False, sort_keys=True, default=str),
                     "duration_s": piece.duration_s, "patches": int(len(ids)), "error": None, "error_kind": None,
                     "patch_data": np.ascontiguousarray(ids, dtype=np.uint8).tobytes()})
    return rows


def convert_shard(plan: ShardPlan, options: ConvertOptions) -> pa.Table:
    """Every file of the shard, in plan order, as one Arrow table."""
    rows: list[dict[str, Any]] = []
    for item in plan.items:
        if item.error is not None:
            rows.append(_error_row(item.path, item.error, item.error_kind))
            continue
        try:
            rows.extend(convert_file(item.path, options))
        except Exception as exc:  # parse_file already catches parser errors; this is the last net
            rows.append(_error_row(item.path, f"unexpected {type(exc).__name__}: {exc}", "internal"))
    return pa.Table.from_pylist(rows, schema=CONVERTED_SCHEMA)


def patch_arrays(table: pa.Table, patch_size: int) -> list[np.ndarray | None]:
    """The ``[patches, patch_size]`` uint8 arrays of a converted table (None for error rows)."""
    out: list[np.ndarray | None] = []
    for data, n in zip(table.column("patch_data").to_pylist(), table.column("patches").to_pylist()):
        out.append(None if data is None else np.frombuffer(data, dtype=np.uint8).reshape(n, patch_size))
    return out


def table_to_bytes(table: pa.Table) -> bytes:
    """Arrow IPC stream bytes: how a converted shard travels from a CPU task to an embedding actor."""
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)
    return sink.getvalue().to_pybytes()


def table_from_bytes(data: bytes) -> pa.Table:
    return pa.ipc.open_stream(pa.py_buffer(data)).read_all()
