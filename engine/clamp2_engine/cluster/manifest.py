"""Which files a cluster job embeds: a folder, or a manifest listing paths.

A folder is walked exactly as a library scan walks it
(:func:`clamp2_engine.scanner.walk_music_files`: same extensions, symlink-loop
safety, unreadable entries reported), from its resolved path, so that the
paths stored by ``import-embeddings`` are the ones a later ``clamp2 scan`` of
that folder sees, and unchanged files are not embedded again.

A manifest is a ``.txt`` file (one path per line; blank lines and lines
starting with ``#`` are ignored) or a ``.parquet`` file with a ``path``
column.  Relative paths are taken relative to the manifest's folder.  The
files must be readable at those paths on every node; they are not opened here
(the driver may not even see them), only on the workers.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from clamp2_engine.errors import Clamp2Error

MANIFEST_SUFFIXES = (".txt", ".parquet")


@dataclass(frozen=True)
class SourceItem:
    """One file of the job.  ``error`` is set when the listing already knows it cannot be read."""

    path: str
    error: str | None = None
    error_kind: str | None = None


@dataclass
class SourceListing:
    """The files of a job, sorted by path, and the library folder they belong to (None for a manifest)."""

    source: str
    root: str | None
    items: list[SourceItem] = field(default_factory=list)


def list_source(source: str | Path) -> SourceListing:
    """The sorted, de-duplicated files named by ``source`` (a folder or a manifest)."""
    path = Path(source).expanduser()
    if path.is_dir():
        return _list_folder(path)
    if path.is_file() and path.suffix.lower() in MANIFEST_SUFFIXES:
        paths = _read_parquet(path) if path.suffix.lower() == ".parquet" else _read_txt(path)
        base = path.resolve().parent
        absolute = sorted({os.path.normpath(p if os.path.isabs(p) else base / p) for p in paths})
        return SourceListing(str(path), None, [SourceItem(p) for p in absolute])
    if not path.exists():
        raise Clamp2Error(f"{source}: no such folder or manifest file")
    raise Clamp2Error(f"{source}: give a folder, or a manifest of paths ({' or '.join(MANIFEST_SUFFIXES)})")


def _list_folder(folder: Path) -> SourceListing:
    from clamp2_engine.scanner import walk_music_files

    root = folder.resolve()
    files, errors = walk_music_files(root)
    items = {f.path: SourceItem(f.path) for f in files}
    for e in errors:
        if e.kind == "symlink_loop":  # that folder's files are listed through the other path, as in a scan
            continue
        items.setdefault(e.path, SourceItem(e.path, e.reason, e.kind))
    return SourceListing(str(folder), str(root), [items[p] for p in sorted(items)])


def _read_txt(path: Path) -> list[str]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise Clamp2Error(f"{path}: cannot read the manifest ({exc})") from None
    return [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


def _read_parquet(path: Path) -> list[str]:
    try:
        import pyarrow.parquet as pq
    except ImportError:
        from clamp2_engine.cluster.errors import RayMissingError

        raise RayMissingError("pyarrow") from None
    try:
        table = pq.read_table(path, columns=["path"])
    except (OSError, KeyError, ValueError) as exc:
        raise Clamp2Error(f"{path}: not a manifest with a 'path' column ({str(exc).splitlines()[0]})") from None
    return [str(p) for p in table.column("path").to_pylist() if p]
