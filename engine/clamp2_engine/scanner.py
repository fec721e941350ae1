"""Incremental folder scans: files on disk -> catalog rows + embeddings + index.

The rules (DESIGN.md section 3):

* unchanged files (same size and mtime) are not opened at all;
* new and changed files are read in a process pool, embedded in batches, and
  each batch is committed in one transaction, so a crash loses at most the
  batch in flight and never corrupts the database;
* a file that disappeared while a new file with the same sha256 appeared was
  moved: its path is updated and its embeddings and tags are kept;
* files gone from disk are removed, and their pieces leave the index;
* a file that cannot be read is recorded with a specific reason and never
  stops the scan or touches other files' rows.
"""
from __future__ import annotations

import hashlib
import os
import stat
import sys
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterator, Sequence

import numpy as np

from clamp2_engine.catalog import Catalog, PieceRow
from clamp2_engine.errors import Clamp2Error
from clamp2_engine.index import SimilarityIndex
from clamp2_engine.pieces import ABC_EXTENSIONS, MIDI_EXTENSIONS, Piece, Preprocessing
from clamp2_engine.reading import MUSIC_EXTENSIONS, read_file

if TYPE_CHECKING:  # parser processes import this module: keep torch out of them
    from clamp2_engine.embedder import Embedder

MAX_FILE_BYTES = 10 * 1024 * 1024
#: Address space (MiB) a parser process may add to what it started with (Linux).  A hostile MIDI file
#: can cost ~200 times its size in Python objects; past this budget the file fails with "out of
#: memory while reading the file" instead of the machine swapping.  0: no limit.
WORKER_MEMORY_MB = 1536


def _pool_context():
    """Parser processes start from a clean fork server on Linux, not from a fork of this process.

    A forked child inherits the parent's heap: after a long session its free
    malloc arenas hold hundreds of MB of already-mapped address space, which a
    hostile file could fill without ever reaching the address-space budget
    below.  The fork server imports the parser once, so workers still start fast.
    """
    import multiprocessing

    if not sys.platform.startswith("linux"):
        return None  # spawn (macOS, Windows): already a clean process
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["clamp2_engine.scanner"])
    return ctx


def _limit_worker_memory(extra_mb: int) -> None:
    """Pool initializer: cap this worker's address space at its current size plus ``extra_mb``."""
    if not extra_mb or not sys.platform.startswith("linux"):
        return
    try:
        import resource

        with open("/proc/self/statm") as fh:
            current = int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
        hard = resource.getrlimit(resource.RLIMIT_AS)[1]
        soft = current + extra_mb * 2**20
        if hard == resource.RLIM_INFINITY or soft <= hard:
            resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
    except (OSError, ValueError):
        pass


@dataclass(frozen=True)
class DiskFile:
    path: str
    size: int
    mtime_ns: int


@dataclass
class WalkError:
    path: str
    reason: str
    kind: str


@dataclass
class ParsedFile:
    """What a worker process sends back for one file."""

    path: str
    size: int
    mtime_ns: int
    sha256: str | None
    format: str | None
    pieces: list[Piece] = field(default_factory=list)
    error: str | None = None
    error_kind: str | None = None


@dataclass
class ScanReport:
    seen: int = 0
    unchanged: int = 0
    new: int = 0
    changed: int = 0
    moved: int = 0
    removed: int = 0
    failed: int = 0
    parsed: int = 0
    pieces_embedded: int = 0
    cancelled: bool = False
    seconds: float = 0.0

    def as_dict(self) -> dict[str, object]:
        return dict(self.__dict__)


ProgressFn = Callable[[str, int, int], None]  # (phase, done, total)


def format_of(path: str) -> str | None:
    ext = os.path.splitext(path)[1].lower()
    if ext in MIDI_EXTENSIONS:
        return "midi"
    if ext in ABC_EXTENSIONS:
        return "abc"
    return None


def _storable(name: str) -> bool:
    """False for a file name whose bytes are not UTF-8 (``os.fsdecode`` keeps them as lone surrogates)."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def walk_music_files(root: Path, extensions: frozenset[str] = MUSIC_EXTENSIONS
                     ) -> tuple[list[DiskFile], list[WalkError]]:
    """Every music file under ``root`` with its size and mtime, following symlinks safely.

    Directories are identified by (device, inode), so a symlink loop is
    visited once and reported, not followed forever.
    """
    files: list[DiskFile] = []
    errors: list[WalkError] = []
    seen_dirs: set[tuple[int, int]] = set()
    stack = [str(root)]
    while stack:
        folder = stack.pop()
        try:
            st = os.stat(folder)
        except OSError as exc:
            errors.append(WalkError(folder, f"cannot open folder ({exc.strerror})", "unreadable"))
            continue
        key = (st.st_dev, st.st_ino)
        if key in seen_dirs:
            errors.append(WalkError(folder, "symlink loop: this folder was already scanned through another path",
                                    "symlink_loop"))
            continue
        seen_dirs.add(key)
        try:
            entries = list(os.scandir(folder))
        except OSError as exc:
            errors.append(WalkError(folder, f"cannot list folder ({exc.strerror})", "unreadable"))
            continue
        for entry in entries:
            if not _storable(entry.name):
                shown = os.fsencode(entry.path).decode("utf-8", "backslashreplace")
                if os.path.splitext(entry.name)[1].lower() in extensions or entry.is_dir(follow_symlinks=True):
                    errors.append(WalkError(shown, "the name is not valid UTF-8, so the library cannot store it; "
                                                   "rename it", "unreadable"))
                continue
            try:
                if entry.is_dir(follow_symlinks=True):
                    stack.append(entry.path)
                    continue
            except OSError:
                pass
            if os.path.splitext(entry.name)[1].lower() not in extensions:
                continue
            try:
                est = entry.stat(follow_symlinks=True)
            except OSError as exc:
                reason = "broken symbolic link" if entry.is_symlink() else f"cannot stat file ({exc.strerror})"
                errors.append(WalkError(entry.path, reason, "unreadable"))
                continue
            if not stat.S_ISREG(est.st_mode):
                errors.append(WalkError(entry.path, "not a regular file", "unreadable"))
                continue
            files.append(DiskFile(entry.path, est.st_size, est.st_mtime_ns))
    files.sort(key=lambda f: f.path)
    return files, errors


def parse_file(disk: DiskFile, preprocessing: Preprocessing, max_bytes: int = MAX_FILE_BYTES,
               time_limit: float | None = None) -> ParsedFile:
    """Hash and parse one file (runs in a worker process)."""
    fmt = format_of(disk.path)
    out = ParsedFile(disk.path, disk.size, disk.mtime_ns, None, fmt)
    if disk.size > max_bytes:
        out.error, out.error_kind = (f"file is {disk.size / 2**20:.1f} MB, over the {max_bytes / 2**20:.0f} MB "
                                     "limit for one music file"), "too_large"
        return out
    try:
        with open(disk.path, "rb") as fh:
            data = fh.read(max_bytes + 1)
    except PermissionError:
        out.error, out.error_kind = "permission denied", "unreadable"
        return out
    except OSError as exc:
        out.error, out.error_kind = f"cannot read file ({exc.strerror or exc})", "unreadable"
        return out
    out.sha256 = hashlib.sha256(data).hexdigest()
    if not data:
        out.error, out.error_kind = "the file is empty (0 bytes)", "empty"
        return out
    result = read_file(disk.path, preprocessing, time_limit)
    out.pieces = result.pieces
    if result.errors and not result.pieces:
        first = result.errors[0]
        out.error = str(first.reason if hasattr(first, "reason") else first)
        if getattr(first, "position", None):
            out.error = f"{first.position}: {out.error}"
        out.error_kind = getattr(first, "kind", "parse")
    return out


def _parse_star(args: tuple[DiskFile, Preprocessing, int, float | None]) -> ParsedFile:
    return parse_file(*args)


class Scanner:
    """Brings the catalog (and the index of one model) in line with folders on disk."""

    def __init__(self, catalog: Catalog, embedder: Embedder, index: SimilarityIndex, model_id: int, *,
                 workers: int | None = None, batch_files: int = 32, max_file_bytes: int = MAX_FILE_BYTES,
                 file_time_limit: float | None = None, worker_memory_mb: int = WORKER_MEMORY_MB,
                 progress: ProgressFn | None = None, cancel: threading.Event | None = None):
        self.catalog = catalog
        self.embedder = embedder
        self.index = index
        self.model_id = model_id
        self.preprocessing = embedder.loaded.config.preprocessing
        self.workers = workers if workers is not None else max(1, min(8, os.cpu_count() or 1))
        self.batch_files = batch_files
        self.max_file_bytes = max_file_bytes
        self.file_time_limit = file_time_limit  # seconds per file; None: reading.FILE_TIME_LIMIT_S
        self.worker_memory_mb = worker_memory_mb
        self.progress = progress or (lambda phase, done, total: None)
        self.cancel = cancel or threading.Event()

    # ------------------------------------------------------------------ public

    def scan(self, roots: Sequence[str | Path]) -> ScanReport:
        start = time.perf_counter()
        report = ScanReport()
        for root in roots:
            root_path = Path(root).expanduser().resolve()
            if not root_path.is_dir():
                raise Clamp2Error(f"{root}: not a folder")
            if not _storable(str(root_path)):
                shown = os.fsencode(str(root_path)).decode("utf-8", "backslashreplace")
                raise Clamp2Error(f"{shown}: the folder name is not valid UTF-8, so the library cannot store it; "
                                  "rename the folder")
            record = self.catalog.add_root(root_path)
            self._scan_root(root_path, record.id, report)
            if self.cancel.is_set():
                report.cancelled = True
                break
        self._embed_missing(report)
        self.index.save()
        report.seconds = time.perf_counter() - start
        return report

    # ------------------------------------------------------------------ steps

    def _scan_root(self, root: Path, root_id: int, report: ScanReport) -> None:
        disk_files, walk_errors = walk_music_files(root)
        known = self.catalog.file_states(root_id)
        report.seen += len(disk_files)
        todo: list[DiskFile] = []
        for f in disk_files:
            state = known.get(f.path)
            if state is not None and state.size == f.size and state.mtime_ns == f.mtime_ns:
                report.unchanged += 1
                continue
            todo.append(f)
            if state is None:
                report.new += 1
            else:
                report.changed += 1
        on_disk = {f.path for f in disk_files}
        error_paths = {e.path for e in walk_errors}
        missing = {p: s for p, s in known.items() if p not in on_disk and p not in error_paths}
        with self.catalog.transaction():
            for e in walk_errors:
                if e.kind == "symlink_loop":
                    continue  # the folder's files were (or will be) scanned through the other path
                self.catalog.record_file_error(e.path, root_id, 0, 0, None, format_of(e.path), e.reason, e.kind)
                report.failed += 1
        self.progress("scan", 0, len(todo))
        done = 0
        for batch in self._parse_batches(todo):
            self._store_batch(batch, root_id, missing, report)
            done += len(batch)
            self.progress("scan", done, len(todo))
            if self.cancel.is_set():
                report.cancelled = True
                return
        if missing:
            removed = self.catalog.remove_files(list(missing))
            self.index.mark_deleted(removed)
            report.removed += len(missing)

    def _parse_batches(self, todo: list[DiskFile]) -> Iterator[list[ParsedFile]]:
        args = [(f, self.preprocessing, self.max_file_bytes, self.file_time_limit) for f in todo]
        # Off the main thread (the app's scan thread) the per-file time limit only works in worker
        # processes, so even a few files go to the pool there.
        on_main = threading.current_thread() is threading.main_thread()
        if self.workers <= 1 or (len(todo) < 8 and on_main):
            results: Iterator[ParsedFile] = map(_parse_star, args)
            yield from self._batched(results)
            return
        try:
            with ProcessPoolExecutor(max_workers=self.workers, mp_context=_pool_context(),
                                     initializer=_limit_worker_memory, initargs=(self.worker_memory_mb,)) as pool:
                yield from self._batched(pool.map(_parse_star, args, chunksize=4), pool)
        except BrokenProcessPool:
            # A worker died (native crash, OOM killer).  Files already stored stay stored; redo the rest here.
            stored = self.catalog.file_states()
            rest = [a for a in args if a[0].path not in stored or stored[a[0].path].mtime_ns != a[0].mtime_ns]
            yield from self._batched(map(_parse_star, rest))

    def _batched(self, results: Iterator[ParsedFile], pool: ProcessPoolExecutor | None = None
                 ) -> Iterator[list[ParsedFile]]:
        batch: list[ParsedFile] = []
        for parsed in results:
            batch.append(parsed)
            if len(batch) >= self.batch_files:
                yield batch
                batch = []
            if self.cancel.is_set():
                if pool is not None:
                    pool.shutdown(wait=False, cancel_futures=True)
                break
        if batch:
            yield batch

    def _store_batch(self, batch: list[ParsedFile], root_id: int, missing: dict, report: ScanReport) -> None:
        """Embed the batch, then write it in ONE transaction; update the index after the commit."""
        report.parsed += len(batch)
        moved: list[tuple[ParsedFile, str]] = []
        fresh: list[ParsedFile] = []
        by_sha: dict[str, str] = {}
        for path, state in missing.items():
            if state.sha256:
                by_sha.setdefault(state.sha256, path)
        for item in batch:
            old = by_sha.get(item.sha256) if item.sha256 else None
            if old is not None and item.error is None and old in missing:
                moved.append((item, old))
                del missing[old]
                by_sha.pop(item.sha256, None)
            else:
                fresh.append(item)
        ok = [f for f in fresh if f.error is None and f.pieces]
        texts = [(f, p) for f in ok for p in f.pieces]
        arrays, keep = [], []
        for f, p in texts:
            try:
                arrays.append(self.embedder.encode_music_text(p.text))
                keep.append((f, p))
            except ValueError as exc:
                f.error, f.error_kind = f"cannot turn the music into patches ({exc})", "parse"
        vectors = self.embedder.embed_patches(arrays) if arrays else np.zeros((0, self.embedder.dim), np.float32)
        vec_of = {id(p): v for (f, p), v in zip(keep, vectors)}
        new_ids: list[int] = []
        new_vecs: list[np.ndarray] = []
        removed: list[int] = []
        with self.catalog.transaction():
            for item, old in moved:
                self.catalog.move_file(old, item.path, root_id, item.size, item.mtime_ns)
                report.moved += 1
            for item in fresh:
                if item.error is not None or not item.pieces:
                    reason = item.error or "no music found in the file"
                    removed += self.catalog.record_file_error(item.path, root_id, item.size, item.mtime_ns,
                                                              item.sha256, item.format, reason,
                                                              item.error_kind or "parse")
                    report.failed += 1
                    continue
                good = [p for p in item.pieces if id(p) in vec_of]
                rows = [PieceRow(tune_index=p.tune_index or 0, title=p.title, composer=p.composer, meta=p.meta,
                                 duration_s=p.duration_s) for p in good]
                before = {r.id for r in self.catalog.pieces_of_file(item.path)}
                ids = self.catalog.record_file_ok(item.path, root_id, item.size, item.mtime_ns, item.sha256,
                                                  item.format, rows)
                removed += sorted(before - set(ids))
                self.catalog.put_embeddings(self.model_id, ids, np.stack([vec_of[id(p)] for p in good]))
                new_ids += ids
                new_vecs += [vec_of[id(p)] for p in good]
                report.pieces_embedded += len(ids)
        if removed:
            self.index.mark_deleted(removed)
        if new_ids:
            self.index.add(np.asarray(new_ids, dtype=np.int64), np.stack(new_vecs))

    def _embed_missing(self, report: ScanReport) -> None:
        """Pieces stored without an embedding for this model (another model scanned them,
        or a crash hit between commit and embedding): embed them now."""
        ids = self.catalog.pieces_without_embedding(self.model_id)
        if not ids:
            return
        by_file: dict[str, list[int]] = {}
        for rec in self.catalog.pieces(ids):
            by_file.setdefault(rec.path, []).append(rec.id)
        done = 0
        self.progress("embed", 0, len(ids))
        for path, piece_ids in by_file.items():
            if self.cancel.is_set():
                report.cancelled = True
                return
            result = read_file(path, self.preprocessing)
            recs = {r.tune_index: r.id for r in self.catalog.pieces(piece_ids)}
            pairs = [(recs[p.tune_index or 0], p) for p in result.pieces if (p.tune_index or 0) in recs]
            if not pairs:
                continue
            try:
                vectors = self.embedder.embed_music_texts([p.text for _, p in pairs])
            except ValueError:
                continue
            with self.catalog.transaction():
                self.catalog.put_embeddings(self.model_id, [i for i, _ in pairs], vectors)
            self.index.add(np.asarray([i for i, _ in pairs], dtype=np.int64), vectors)
            report.pieces_embedded += len(pairs)
            done += len(pairs)
            self.progress("embed", done, len(ids))
