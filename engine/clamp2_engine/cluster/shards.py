"""The shard plan, the Parquet layout of a shard, and the ``_job.json`` of an output folder.

Why shards are planned this way:

* **Deterministic.**  The sorted file list is cut into consecutive chunks of
  ``shard_size`` files; a shard's name is its position plus a digest of its
  paths.  The same listing gives the same names on every run, so a rerun
  recognises finished shards by name and skips them.
* **Atomic.**  A shard is written to a temporary file in the same folder and
  renamed into place, so a shard file that exists is complete; its footer
  metadata is still checked (file count, model digest) before it is trusted.
* **Self-describing.**  Every row carries the model name and weights digest,
  and the footer repeats them, so ``import-embeddings`` can refuse vectors of
  other weights without trusting anything but the shard itself.
"""
from __future__ import annotations

import hashlib
import json
import os
import uuid
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Sequence

from clamp2_engine.atomic_files import atomic_write_bytes
from clamp2_engine.cluster.manifest import SourceItem
from clamp2_engine.errors import Clamp2Error

JOB_FILE = "_job.json"
JOB_VERSION = 1
SHARD_PREFIX = "shard-"
SHARD_SUFFIX = ".parquet"
#: Footer key (Parquet key-value metadata) holding a shard's JSON summary.
FOOTER_KEY = b"clamp2_shard"
DEFAULT_SHARD_SIZE = 256


@dataclass(frozen=True)
class ShardPlan:
    """One shard to produce: its position, its stable name and its files."""

    index: int
    name: str
    items: tuple[SourceItem, ...]

    @property
    def filename(self) -> str:
        return self.name + SHARD_SUFFIX

    def to_row(self) -> dict[str, Any]:
        """A plain row for Ray Data (JSON keeps it independent of pickling our classes)."""
        return {"index": self.index, "name": self.name,
                "items": json.dumps([[i.path, i.error, i.error_kind] for i in self.items])}

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> "ShardPlan":
        items = tuple(SourceItem(p, e, k) for p, e, k in json.loads(row["items"]))
        return cls(int(row["index"]), str(row["name"]), items)


def plan_shards(items: Sequence[SourceItem], shard_size: int = DEFAULT_SHARD_SIZE) -> list[ShardPlan]:
    """Sorted items cut into shards of ``shard_size``; names are ``shard-<index>-<digest of paths>``."""
    if shard_size < 1:
        raise Clamp2Error("--shard-size must be at least 1")
    ordered = sorted(items, key=lambda i: i.path)
    plans = []
    for index, start in enumerate(range(0, len(ordered), shard_size)):
        chunk = tuple(ordered[start:start + shard_size])
        digest = hashlib.sha256("\0".join(i.path for i in chunk).encode("utf-8", "surrogatepass")).hexdigest()
        plans.append(ShardPlan(index, f"{SHARD_PREFIX}{index:06d}-{digest[:12]}", chunk))
    return plans


# ----------------------------------------------------------------------------- model and job descriptions


@dataclass(frozen=True)
class ModelInfo:
    """What identifies the model of a job: enough to register it in a catalog."""

    name: str
    kind: str
    dim: int
    weights_sha256: str
    path: str
    config: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def of(cls, loaded: Any) -> "ModelInfo":
        """From a :class:`clamp2_engine.checkpoints.LoadedModel`."""
        cfg = loaded.config
        if not cfg.weights_sha256:
            raise Clamp2Error(f"model {cfg.name!r} has no weights digest (sha256) in its config.json; "
                              "re-save it with 'clamp2 models import'")
        return cls(cfg.name, cfg.kind, int(cfg.projection_dim), cfg.weights_sha256, str(loaded.source),
                   cfg.to_dict())


@dataclass
class JobInfo:
    """``_job.json``: what an output folder holds.  Written by the driver before any shard."""

    source: str
    root: str | None
    shard_size: int
    files: int
    shards: list[str]
    model: ModelInfo
    version: int = JOB_VERSION

    def save(self, out_dir: Path) -> None:
        data = asdict(self)
        atomic_write_bytes(out_dir / JOB_FILE, (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode())

    @classmethod
    def load(cls, out_dir: Path) -> "JobInfo | None":
        path = Path(out_dir) / JOB_FILE
        if not path.exists():
            return None
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("version") != JOB_VERSION:
                raise Clamp2Error(f"{path}: job file version {data.get('version')!r} is not supported "
                                  f"(expected {JOB_VERSION})")
            data["model"] = ModelInfo(**data["model"])
            return cls(**data)
        except (ValueError, TypeError, KeyError) as exc:
            raise Clamp2Error(f"{path}: unreadable job file ({exc})") from None


# ----------------------------------------------------------------------------- files


def write_shard(out_dir: Path, plan: ShardPlan, table: Any, footer: dict[str, Any]) -> Path:
    """Write a shard's Arrow table atomically (temp file + fsync + rename) with ``footer`` in its metadata."""
    import pyarrow.parquet as pq

    out_dir = Path(out_dir)
    final = out_dir / plan.filename
    tmp = out_dir / f".{plan.filename}.tmp-{os.getpid()}-{uuid.uuid4().hex[:8]}"
    meta = dict(table.schema.metadata or {})
    meta[FOOTER_KEY] = json.dumps(footer, sort_keys=True).encode()
    table = table.replace_schema_metadata(meta)
    try:
        pq.write_table(table, tmp, compression="zstd")
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, final)
    except BaseException:
        if tmp.exists():
            tmp.unlink()
        raise
    return final


def read_footer(path: Path) -> dict[str, Any]:
    """A shard's footer summary; raises ``ValueError``/``OSError`` for a file that is not a whole shard."""
    import pyarrow.parquet as pq

    meta = pq.read_metadata(path).metadata or {}
    if FOOTER_KEY not in meta:
        raise ValueError(f"{path}: no {FOOTER_KEY.decode()} footer")
    return json.loads(meta[FOOTER_KEY])


def shard_is_complete(out_dir: Path, plan: ShardPlan, weights_sha256: str) -> bool:
    """True when the shard file exists, its footer is readable and it covers this plan with these weights."""
    path = Path(out_dir) / plan.filename
    if not path.is_file():
        return False
    try:
        footer = read_footer(path)
    except Exception:  # truncated, not Parquet, a foreign file: it is simply not done
        return False
    return (footer.get("shard") == plan.name and footer.get("files") == len(plan.items)
            and footer.get("weights_sha256") == weights_sha256)


def remove_stale_temp_files(out_dir: Path) -> int:
    """Delete the temporary files of writers that died (a killed node) before their rename."""
    removed = 0
    for tmp in Path(out_dir).glob(f".{SHARD_PREFIX}*{SHARD_SUFFIX}.tmp-*"):
        try:
            tmp.unlink()
            removed += 1
        except OSError:
            pass
    return removed
