"""The music library: one SQLite file, the single source of truth.

Everything else (the hnswlib index, thumbnails, caches) can be rebuilt from
this database, so it is the only thing that must survive a crash.  Hence:

* WAL journal, ``synchronous=NORMAL``: a committed transaction survives the
  process being killed; readers never block the writer.
* Every public write runs inside :meth:`Catalog.transaction`.  Callers batch
  many writes in one outer ``transaction()`` (nested ones become savepoints),
  so a SIGKILL in the middle of a scan loses at most the current batch.
* Foreign keys with ``ON DELETE CASCADE``: removing a file removes its pieces,
  their embeddings and their tags in the same statement.

Threads and processes: a :class:`Catalog` holds one ``sqlite3`` connection and
must be used only by the thread that opened it (``sqlite3`` enforces this).
Open one ``Catalog`` per worker thread or process on the same path; WAL lets
them read concurrently, and ``busy_timeout`` makes a second writer wait for
the first instead of failing.

Paths are stored absolute and normalised (``os.path.abspath``), never
resolved through symlinks: the user's view of the folder tree is kept.
"""
from __future__ import annotations

import json
import os
import sqlite3
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np
import sqlite_utils

from clamp2_engine.catalog_schema import MIGRATIONS, SCHEMA_VERSION, Migration, migrate
from clamp2_engine.errors import CatalogError

__all__ = [
    "Catalog",
    "CatalogError",
    "EmbeddingBatch",
    "ErrorRecord",
    "FileRecord",
    "FileState",
    "IndexStamp",
    "ModelRecord",
    "PieceRecord",
    "PieceRow",
    "PieceTag",
    "RootRecord",
    "SCHEMA_VERSION",
    "TagRecord",
    "default_path",
]

APP_NAME = "clamp2-desktop"
MODEL_KINDS = ("official", "bundled", "finetuned")
TAG_SOURCES = ("user", "auto", "probe")
USER_VOCABULARY = "user"
# Well below SQLite's limit on bound variables (32766 since 3.32; 999 before).
_CHUNK = 900
_VECTOR_DTYPE = np.dtype("<f4")  # stored little-endian so a library moves between machines


def default_path() -> Path:
    """``<user data dir>/clamp2-desktop/library.db`` (platformdirs)."""
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "library.db"


def _norm(path: str | os.PathLike[str]) -> str:
    p = os.path.abspath(os.fspath(path))
    try:
        p.encode("utf-8")
    except UnicodeEncodeError:  # a name whose bytes are not UTF-8 (os.fsdecode kept them as surrogates)
        shown = os.fsencode(p).decode("utf-8", "backslashreplace")
        raise CatalogError(f"{shown}: the file name is not valid UTF-8, so the library cannot store it; "
                           "rename the file") from None
    return p


def _storage_problem(path: Path, exc: sqlite3.Error) -> str | None:
    """A sentence for failures of the disk rather than of the database (read-only, full, I/O)."""
    text = str(exc).lower()
    folder = path.parent
    if "readonly" in text or "read-only" in text or (folder.exists() and not os.access(folder, os.W_OK)):
        return (f"{path}: the library folder {folder} is read-only ({exc}); make it writable or open a library "
                "elsewhere (--db)")
    if "full" in text or "disk i/o" in text or "unable to open" in text:
        return (f"{path}: could not write to the library ({exc}); the disk may be full or the folder not "
                "writable.  The unfinished batch was rolled back; what was stored before it is intact")
    return None


def _chunks(items: Sequence[Any], size: int = _CHUNK) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def _marks(n: int) -> str:
    return ",".join("?" * n)


# --------------------------------------------------------------------------
# Records.  Plain dataclasses: callers (CLI, GUI models) read fields, never rows.
# --------------------------------------------------------------------------

@dataclass(frozen=True)
class RootRecord:
    id: int
    path: str
    watch: bool


@dataclass(frozen=True)
class FileRecord:
    id: int
    root_id: int | None
    path: str
    size: int
    mtime_ns: int
    sha256: str | None
    format: str | None
    status: str  # 'ok' | 'error'
    error: str | None
    error_kind: str | None
    scanned_at: float


class FileState(NamedTuple):
    """What an incremental rescan compares against ``os.stat``: cheap to build by the 10,000."""

    size: int
    mtime_ns: int
    sha256: str | None
    status: str


@dataclass(frozen=True)
class PieceRow:
    """One piece as a parser hands it over (a MIDI file, or one tune of an ``.abc`` file)."""

    tune_index: int = 0
    title: str | None = None
    composer: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    duration_s: float | None = None


@dataclass(frozen=True)
class PieceRecord:
    id: int
    file_id: int
    path: str
    format: str | None
    tune_index: int
    title: str | None
    composer: str | None
    meta: dict[str, Any]
    duration_s: float | None


@dataclass(frozen=True)
class ModelRecord:
    id: int
    name: str
    kind: str
    dim: int
    weights_sha256: str
    parent_id: int | None
    path: str | None
    config: dict[str, Any]
    created_at: float


@dataclass(frozen=True)
class TagRecord:
    id: int
    name: str
    lang: str | None
    vocabulary: str


@dataclass(frozen=True)
class PieceTag:
    tag: TagRecord
    source: str
    score: float | None
    model_id: int | None


class ErrorRecord(NamedTuple):
    """An unreadable file for the errors panel; unpacks as ``(path, reason, kind)``."""

    path: str
    reason: str
    kind: str | None


@dataclass(frozen=True)
class IndexStamp:
    """What a saved similarity-index file held when it was written.

    ``max_seq`` is the highest ``embeddings.seq`` of the model that the file
    contains; ``file_size`` and ``checksum`` identify the file itself, so a
    truncated or swapped file is never trusted.
    """

    model_id: int
    path: str
    vector_count: int
    max_seq: int
    file_size: int
    checksum: str
    params: dict[str, Any]
    saved_at: float


class EmbeddingBatch(NamedTuple):
    ids: np.ndarray      # int64 [n] piece ids
    vectors: np.ndarray  # float32 [n, dim]
    max_seq: int         # highest embeddings.seq in this batch


TagRef = TagRecord | int | str


class Catalog:
    """The SQLite music library (see the module docstring for the guarantees).

    Subclasses may override :attr:`MIGRATIONS` (tests do, to exercise an
    upgrade); everything else reads the schema version from it.
    """

    MIGRATIONS: Sequence[Migration] = MIGRATIONS
    BUSY_TIMEOUT_MS = 10_000

    def __init__(self, path: str | os.PathLike[str] | None = None):
        self.path = Path(_norm(path)) if path is not None else default_path()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # isolation_level=None: no implicit transactions; every transaction is
        # an explicit BEGIN IMMEDIATE from transaction() (savepoints when nested).
        try:
            conn = sqlite3.connect(self.path, isolation_level=None, timeout=self.BUSY_TIMEOUT_MS / 1000)
        except sqlite3.Error as exc:
            raise CatalogError(f"{self.path}: cannot open the library database ({exc})") from exc
        try:
            conn.execute(f"PRAGMA busy_timeout = {int(self.BUSY_TIMEOUT_MS)}")
            mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if str(mode).lower() != "wal":
                raise CatalogError(f"{self.path}: cannot switch the database to WAL mode (got {mode!r})")
            conn.execute("PRAGMA synchronous = NORMAL")
            conn.execute("PRAGMA foreign_keys = ON")
            self.previous_schema_version = migrate(conn, self.path, self.MIGRATIONS)
        except sqlite3.DatabaseError as exc:
            conn.close()
            why = _storage_problem(self.path, exc) if isinstance(exc, sqlite3.OperationalError) else None
            raise CatalogError(why or f"{self.path}: not a usable library database ({exc})") from exc
        except BaseException:
            conn.close()
            raise
        self._conn = conn
        self._savepoints = 0
        #: sqlite-utils view of the same connection, for introspection and ad-hoc
        #: read queries (``db["pieces"].columns_dict``, ``db.query(sql)``).
        self.db = sqlite_utils.Database(conn, execute_plugins=False)
        if self.previous_schema_version == 0:
            with self.transaction():
                self._set_meta("created_at", repr(time.time()))

    @classmethod
    def open(cls, path: str | os.PathLike[str] | None = None) -> Catalog:
        """Open (creating or migrating as needed) the library at ``path``, or the default one."""
        return cls(path)

    # -- lifecycle ---------------------------------------------------------

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> Catalog:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        return int(self._conn.execute("PRAGMA user_version").fetchone()[0])

    @contextmanager
    def transaction(self) -> Iterator[Catalog]:
        """All writes inside commit together or not at all; nested calls are savepoints.

        The outermost level is ``BEGIN IMMEDIATE``: it takes the write lock up
        front, so a second writer waits (``busy_timeout``) at the start instead
        of failing with "database is locked" when a deferred transaction that
        has already read tries to upgrade to writing.  (sqlite-utils'
        ``atomic()`` begins deferred, hence this method; its own write helpers
        nest inside as savepoints.)
        """
        conn = self._conn
        if conn.in_transaction:
            self._savepoints += 1
            name = f"clamp2_sp{self._savepoints}"
            conn.execute(f"SAVEPOINT {name}")
            try:
                yield self
            except BaseException:
                if conn.in_transaction:
                    conn.execute(f"ROLLBACK TO {name}")
                    conn.execute(f"RELEASE {name}")
                raise
            else:
                conn.execute(f"RELEASE {name}")
            return
        try:
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield self
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
            else:
                try:
                    conn.execute("COMMIT")
                except BaseException:
                    if conn.in_transaction:
                        conn.execute("ROLLBACK")
                    raise
        except sqlite3.OperationalError as exc:  # a full disk or a read-only folder: say so, in one line
            why = _storage_problem(self.path, exc)
            if why is None:
                raise
            raise CatalogError(why) from exc

    def integrity_check(self) -> str:
        return str(self._conn.execute("PRAGMA integrity_check").fetchone()[0])

    # -- meta ----------------------------------------------------------------

    def _set_meta(self, key: str, value: str) -> None:
        self._conn.execute(
            "INSERT INTO meta(key, value) VALUES(?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (key, value),
        )

    def get_meta(self, key: str, default: str | None = None) -> str | None:
        row = self._conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else default

    def set_meta(self, key: str, value: str) -> None:
        with self.transaction():
            self._set_meta(key, value)

    # -- roots ---------------------------------------------------------------

    def add_root(self, path: str | os.PathLike[str], watch: bool = True) -> RootRecord:
        """Register a library folder (idempotent: an existing root keeps its id)."""
        p = _norm(path)
        with self.transaction():
            self._conn.execute(
                "INSERT INTO roots(path, watch) VALUES(?, ?) "
                "ON CONFLICT(path) DO UPDATE SET watch = excluded.watch",
                (p, int(watch)),
            )
            row = self._conn.execute("SELECT id, path, watch FROM roots WHERE path = ?", (p,)).fetchone()
        return RootRecord(row[0], row[1], bool(row[2]))

    def roots(self) -> list[RootRecord]:
        rows = self._conn.execute("SELECT id, path, watch FROM roots ORDER BY path").fetchall()
        return [RootRecord(r[0], r[1], bool(r[2])) for r in rows]

    def remove_root(self, root: int | str | os.PathLike[str]) -> list[int]:
        """Forget a folder and everything scanned under it; return the removed piece ids."""
        root_id = self._root_id(root)
        if root_id is None:
            return []
        with self.transaction():
            removed = self._piece_ids_where("f.root_id = ?", (root_id,))
            self._conn.execute("DELETE FROM roots WHERE id = ?", (root_id,))
        return removed

    def _root_id(self, root: int | str | os.PathLike[str]) -> int | None:
        if isinstance(root, int):
            return root
        row = self._conn.execute("SELECT id FROM roots WHERE path = ?", (_norm(root),)).fetchone()
        return row[0] if row else None

    # -- files ---------------------------------------------------------------

    _FILE_COLUMNS = "id, root_id, path, size, mtime_ns, sha256, format, status, error, error_kind, scanned_at"

    def file_state(self, path: str | os.PathLike[str]) -> FileRecord | None:
        row = self._conn.execute(
            f"SELECT {self._FILE_COLUMNS} FROM files WHERE path = ?", (_norm(path),)
        ).fetchone()
        return FileRecord(*row) if row else None

    def file_states(self, root: int | str | os.PathLike[str] | None = None) -> dict[str, FileState]:
        """Every known file of a root (or of the whole library) in one query.

        A rescan compares ``os.scandir`` results against this dict instead of
        asking SQLite once per file.
        """
        if root is None:
            cur = self._conn.execute("SELECT path, size, mtime_ns, sha256, status FROM files")
        else:
            root_id = self._root_id(root)
            if root_id is None:
                return {}
            cur = self._conn.execute(
                "SELECT path, size, mtime_ns, sha256, status FROM files WHERE root_id = ?", (root_id,)
            )
        return {r[0]: FileState(r[1], r[2], r[3], r[4]) for r in cur}

    def find_by_sha256(self, sha256: str) -> list[FileRecord]:
        rows = self._conn.execute(
            f"SELECT {self._FILE_COLUMNS} FROM files WHERE sha256 = ? ORDER BY path", (sha256,)
        ).fetchall()
        return [FileRecord(*r) for r in rows]

    def record_file_ok(
        self,
        path: str | os.PathLike[str],
        root_id: int | None,
        size: int,
        mtime_ns: int,
        sha256: str | None,
        format: str | None,
        pieces: Sequence[PieceRow],
    ) -> list[int]:
        """Store a successfully parsed file and its pieces; return piece ids in input order.

        A rescanned file's pieces are matched to the stored ones by
        ``(tune_index, title)``:

        * a tune that survives keeps its piece id and its **user** tags (the
          user's work is never thrown away because a typo was fixed elsewhere
          in the file).  If the file's content changed (different sha256) its
          embeddings and automatic/probe tags are dropped, since they were
          computed from the old notes; if the content is byte-identical they
          are kept as well.
        * a tune that is gone, or whose title changed at the same index, is
          removed with its embeddings and all its tags.
        * new tunes get new ids (ids are never reused).
        """
        indices = [p.tune_index for p in pieces]
        if len(set(indices)) != len(indices):
            raise CatalogError(f"{path}: two pieces share a tune_index")
        p = _norm(path)
        now = time.time()
        conn = self._conn
        with self.transaction():
            row = conn.execute("SELECT id, sha256 FROM files WHERE path = ?", (p,)).fetchone()
            if row is None:
                file_id = conn.execute(
                    "INSERT INTO files(root_id, path, size, mtime_ns, sha256, format, status, scanned_at) "
                    "VALUES(?, ?, ?, ?, ?, ?, 'ok', ?)",
                    (root_id, p, size, mtime_ns, sha256, format, now),
                ).lastrowid
                old: dict[int, tuple[int, str | None]] = {}
                same_content = False
            else:
                file_id, old_sha = row
                conn.execute(
                    "UPDATE files SET root_id = ?, size = ?, mtime_ns = ?, sha256 = ?, format = ?, "
                    "status = 'ok', error = NULL, error_kind = NULL, scanned_at = ? WHERE id = ?",
                    (root_id, size, mtime_ns, sha256, format, now, file_id),
                )
                old = {
                    r[0]: (r[1], r[2])
                    for r in conn.execute("SELECT tune_index, id, title FROM pieces WHERE file_id = ?", (file_id,))
                }
                same_content = sha256 is not None and sha256 == old_sha
            survivors = {
                piece.tune_index: old[piece.tune_index][0]
                for piece in pieces
                if piece.tune_index in old and old[piece.tune_index][1] == piece.title
            }
            surviving_ids = set(survivors.values())
            gone = [pid for pid, _ in old.values() if pid not in surviving_ids]
            for chunk in _chunks(gone):
                conn.execute(f"DELETE FROM pieces WHERE id IN ({_marks(len(chunk))})", list(chunk))
            if survivors and not same_content:
                kept = list(survivors.values())
                for chunk in _chunks(kept):
                    conn.execute(f"DELETE FROM embeddings WHERE piece_id IN ({_marks(len(chunk))})", list(chunk))
                    conn.execute(
                        f"DELETE FROM piece_tags WHERE source != 'user' AND piece_id IN ({_marks(len(chunk))})",
                        list(chunk),
                    )
            ids: list[int] = []
            for piece in pieces:
                values = (
                    piece.title,
                    piece.composer,
                    json.dumps(piece.meta, ensure_ascii=False, sort_keys=True, default=str),
                    piece.duration_s,
                )
                pid = survivors.get(piece.tune_index)
                if pid is not None:
                    conn.execute(
                        "UPDATE pieces SET title = ?, composer = ?, meta_json = ?, duration_s = ? WHERE id = ?",
                        (*values, pid),
                    )
                else:
                    pid = conn.execute(
                        "INSERT INTO pieces(file_id, tune_index, title, composer, meta_json, duration_s) "
                        "VALUES(?, ?, ?, ?, ?, ?)",
                        (file_id, piece.tune_index, *values),
                    ).lastrowid
                ids.append(int(pid))
        return ids

    def record_file_error(
        self,
        path: str | os.PathLike[str],
        root_id: int | None,
        size: int,
        mtime_ns: int,
        sha256: str | None,
        format: str | None,
        error: str,
        error_kind: str | None = None,
    ) -> list[int]:
        """Record that a file could not be read or parsed; return the piece ids removed.

        Touches only this file's rows: an error never deletes another file's
        data.  This file's pieces are removed only when its content is known
        to have changed (a sha256 different from the stored one); a read
        failure (no sha256) or a parser failure on unchanged bytes keeps them,
        so a transient problem does not cost the user's tags.
        """
        p = _norm(path)
        conn = self._conn
        with self.transaction():
            row = conn.execute("SELECT id, sha256 FROM files WHERE path = ?", (p,)).fetchone()
            removed: list[int] = []
            if row is None:
                conn.execute(
                    "INSERT INTO files(root_id, path, size, mtime_ns, sha256, format, status, error, "
                    "error_kind, scanned_at) VALUES(?, ?, ?, ?, ?, ?, 'error', ?, ?, ?)",
                    (root_id, p, size, mtime_ns, sha256, format, error, error_kind, time.time()),
                )
                return removed
            file_id, old_sha = row
            if sha256 is not None and old_sha is not None and sha256 != old_sha:
                removed = self._piece_ids_where("p.file_id = ?", (file_id,))
                conn.execute("DELETE FROM pieces WHERE file_id = ?", (file_id,))
            conn.execute(
                "UPDATE files SET root_id = ?, size = ?, mtime_ns = ?, sha256 = COALESCE(?, sha256), "
                "format = COALESCE(?, format), status = 'error', error = ?, error_kind = ?, scanned_at = ? "
                "WHERE id = ?",
                (root_id, size, mtime_ns, sha256, format, error, error_kind, time.time(), file_id),
            )
        return removed

    def move_file(
        self,
        old_path: str | os.PathLike[str],
        new_path: str | os.PathLike[str],
        root_id: int | None = None,
        size: int | None = None,
        mtime_ns: int | None = None,
    ) -> FileRecord:
        """A file was moved or renamed: update its path, keep pieces, embeddings and tags.

        If ``new_path`` was already recorded (a stale entry), that record is
        replaced: the bytes now at ``new_path`` are the moved file's.
        ``root_id`` None keeps the current root.
        """
        old_p, new_p = _norm(old_path), _norm(new_path)
        conn = self._conn
        with self.transaction():
            row = conn.execute("SELECT id FROM files WHERE path = ?", (old_p,)).fetchone()
            if row is None:
                raise CatalogError(f"cannot move {old_p}: it is not in the library")
            if new_p != old_p:
                conn.execute("DELETE FROM files WHERE path = ?", (new_p,))
            conn.execute(
                "UPDATE files SET path = ?, root_id = COALESCE(?, root_id), size = COALESCE(?, size), "
                "mtime_ns = COALESCE(?, mtime_ns), scanned_at = ? WHERE id = ?",
                (new_p, root_id, size, mtime_ns, time.time(), row[0]),
            )
        record = self.file_state(new_p)
        assert record is not None
        return record

    def remove_files(self, paths: Iterable[str | os.PathLike[str]]) -> list[int]:
        """Forget files (deleted from disk); return the ids of the pieces removed with them."""
        normed = [_norm(p) for p in paths]
        removed: list[int] = []
        with self.transaction():
            for chunk in _chunks(normed):
                marks = _marks(len(chunk))
                removed += self._piece_ids_where(f"f.path IN ({marks})", tuple(chunk))
                self._conn.execute(f"DELETE FROM files WHERE path IN ({marks})", list(chunk))
        return removed

    def _piece_ids_where(self, where: str, params: Sequence[Any]) -> list[int]:
        sql = f"SELECT p.id FROM pieces p JOIN files f ON f.id = p.file_id WHERE {where} ORDER BY p.id"
        return [r[0] for r in self._conn.execute(sql, params)]

    # -- pieces --------------------------------------------------------------

    _PIECE_SELECT = (
        "SELECT p.id, p.file_id, f.path, f.format, p.tune_index, p.title, p.composer, p.meta_json, "
        "p.duration_s FROM pieces p JOIN files f ON f.id = p.file_id"
    )

    @staticmethod
    def _piece_record(r: Sequence[Any]) -> PieceRecord:
        return PieceRecord(r[0], r[1], r[2], r[3], r[4], r[5], r[6], json.loads(r[7]), r[8])

    def piece(self, piece_id: int) -> PieceRecord:
        row = self._conn.execute(self._PIECE_SELECT + " WHERE p.id = ?", (int(piece_id),)).fetchone()
        if row is None:
            raise CatalogError(f"no piece with id {piece_id} in {self.path}")
        return self._piece_record(row)

    def pieces(self, piece_ids: Iterable[int]) -> list[PieceRecord]:
        """Records for many ids (e.g. a page of search results), in the order given; unknown ids are skipped."""
        ids = [int(i) for i in piece_ids]
        found: dict[int, PieceRecord] = {}
        for chunk in _chunks(ids):
            for row in self._conn.execute(self._PIECE_SELECT + f" WHERE p.id IN ({_marks(len(chunk))})", chunk):
                found[row[0]] = self._piece_record(row)
        return [found[i] for i in ids if i in found]

    def pieces_of_file(self, path: str | os.PathLike[str]) -> list[PieceRecord]:
        rows = self._conn.execute(
            self._PIECE_SELECT + " WHERE f.path = ? ORDER BY p.tune_index", (_norm(path),)
        ).fetchall()
        return [self._piece_record(r) for r in rows]

    def piece_ids_matching(
        self,
        folder: str | os.PathLike[str] | None = None,
        format: str | None = None,
        tag: TagRef | None = None,
    ) -> np.ndarray:
        """Sorted int64 ids of the pieces that pass every given filter (search pre-filter).

        ``folder`` matches the folder itself and everything below it (a path
        range query on the unique index of ``files.path``, no LIKE scan).
        ``tag`` is a :class:`TagRecord`, a tag id, or a name (any vocabulary).
        """
        where: list[str] = []
        params: list[Any] = []
        if folder is not None:
            prefix = _norm(folder).rstrip(os.sep) + os.sep
            upper = prefix[:-1] + chr(ord(os.sep) + 1)
            where.append("f.path >= ? AND f.path < ?")
            params += [prefix, upper]
        if format is not None:
            where.append("f.format = ?")
            params.append(format)
        if tag is not None:
            if isinstance(tag, str):
                where.append("p.id IN (SELECT pt.piece_id FROM piece_tags pt JOIN tags t ON t.id = pt.tag_id "
                             "WHERE t.name = ?)")
                params.append(tag)
            else:
                where.append("p.id IN (SELECT piece_id FROM piece_tags WHERE tag_id = ?)")
                params.append(tag.id if isinstance(tag, TagRecord) else int(tag))
        sql = "SELECT p.id FROM pieces p JOIN files f ON f.id = p.file_id"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY p.id"
        return np.fromiter((r[0] for r in self._conn.execute(sql, params)), dtype=np.int64)

    # -- models --------------------------------------------------------------

    _MODEL_COLUMNS = "id, name, kind, dim, weights_sha256, parent_id, path, config_json, created_at"

    @staticmethod
    def _model_record(r: Sequence[Any]) -> ModelRecord:
        return ModelRecord(r[0], r[1], r[2], r[3], r[4], r[5], r[6], json.loads(r[7]), r[8])

    def register_model(
        self,
        name: str,
        kind: str,
        dim: int,
        weights_sha256: str,
        path: str | os.PathLike[str] | None,
        config: dict[str, Any] | None = None,
        parent_id: int | None = None,
    ) -> ModelRecord:
        """Register a model, or return the existing one of that name and weights.

        Idempotent on ``(name, weights_sha256)`` so importing the same model
        twice is harmless; the same name with *other* weights is refused,
        because embeddings are only comparable within one set of weights.
        A moved model folder updates ``path``.
        """
        if kind not in MODEL_KINDS:
            raise CatalogError(f"model kind must be one of {MODEL_KINDS}, not {kind!r}")
        path_s = _norm(path) if path is not None else None
        with self.transaction():
            existing = self.model_by_name(name)
            if existing is not None:
                if existing.weights_sha256 != weights_sha256:
                    raise CatalogError(
                        f"a model named {name!r} with other weights is already registered "
                        f"({existing.weights_sha256[:12]}…); choose another name"
                    )
                if existing.dim != dim:
                    raise CatalogError(f"model {name!r} is registered with dim {existing.dim}, not {dim}")
                if path_s is not None and path_s != existing.path:
                    self._conn.execute("UPDATE models SET path = ? WHERE id = ?", (path_s, existing.id))
                return self.model(existing.id)
            model_id = self._conn.execute(
                "INSERT INTO models(name, kind, dim, weights_sha256, parent_id, path, config_json, created_at) "
                "VALUES(?, ?, ?, ?, ?, ?, ?, ?)",
                (name, kind, int(dim), weights_sha256, parent_id, path_s,
                 json.dumps(config or {}, ensure_ascii=False, sort_keys=True), time.time()),
            ).lastrowid
        return self.model(int(model_id))

    def remove_model(self, name: str) -> ModelRecord:
        """Unregister a model: its embeddings, automatic tags and index stamp go with it.

        Refused while a fine-tuned child still names it as its parent.
        Files on disk (the model folder, the index file) are the caller's.
        """
        with self.transaction():
            record = self.model_by_name(name)
            if record is None:
                raise CatalogError(f"no model named {name!r} in {self.path}")
            children = [r[0] for r in self._conn.execute("SELECT name FROM models WHERE parent_id = ?", (record.id,))]
            if children:
                raise CatalogError(f"model {name!r} is the parent of {', '.join(map(repr, children))}; "
                                   "remove those first")
            self._conn.execute("DELETE FROM models WHERE id = ?", (record.id,))
        return record

    def models(self) -> list[ModelRecord]:
        rows = self._conn.execute(f"SELECT {self._MODEL_COLUMNS} FROM models ORDER BY id").fetchall()
        return [self._model_record(r) for r in rows]

    def model(self, model_id: int) -> ModelRecord:
        row = self._conn.execute(f"SELECT {self._MODEL_COLUMNS} FROM models WHERE id = ?", (int(model_id),)).fetchone()
        if row is None:
            raise CatalogError(f"no model with id {model_id} in {self.path}")
        return self._model_record(row)

    def model_by_name(self, name: str) -> ModelRecord | None:
        row = self._conn.execute(f"SELECT {self._MODEL_COLUMNS} FROM models WHERE name = ?", (name,)).fetchone()
        return self._model_record(row) if row else None

    # -- embeddings ----------------------------------------------------------

    def put_embeddings(self, model_id: int, piece_ids: Sequence[int] | np.ndarray, vectors: np.ndarray) -> None:
        """Store (or replace) one float32 vector per piece for a model.

        Vectors are checked against the model's dimension and for NaN/inf
        here, once, so that every reader can trust the table.  A replaced
        vector gets a new ``seq``, which tells the index to update it.
        """
        dim = self.model(model_id).dim
        ids = np.asarray(piece_ids, dtype=np.int64).reshape(-1)
        vecs = np.asarray(vectors)
        if vecs.ndim != 2 or vecs.shape != (len(ids), dim):
            raise CatalogError(
                f"expected vectors of shape ({len(ids)}, {dim}) for model {model_id}, got {vecs.shape}"
            )
        if not np.isfinite(vecs).all():
            raise CatalogError("embedding vectors contain NaN or infinity")
        vecs = np.ascontiguousarray(vecs, dtype=_VECTOR_DTYPE)
        rows = ((int(pid), int(model_id), vecs[i].tobytes()) for i, pid in enumerate(ids))
        with self.transaction():
            self._conn.executemany(
                "INSERT OR REPLACE INTO embeddings(piece_id, model_id, vector) VALUES(?, ?, ?)", rows
            )

    def _vectors(self, blobs: list[bytes], dim: int) -> np.ndarray:
        if not blobs:
            return np.zeros((0, dim), dtype=np.float32)
        data = np.frombuffer(b"".join(blobs), dtype=_VECTOR_DTYPE)
        if data.size != len(blobs) * dim:
            raise CatalogError(f"{self.path}: an embedding blob does not hold {dim} float32 values")
        return data.reshape(len(blobs), dim).astype(np.float32, copy=False)

    def embeddings(self, model_id: int, piece_ids: Iterable[int] | None = None) -> tuple[np.ndarray, np.ndarray]:
        """``(ids int64 [n], vectors float32 [n, dim])`` of a model, sorted by piece id.

        With ``piece_ids``, only those (missing ones are skipped).
        """
        dim = self.model(model_id).dim
        if piece_ids is None:
            rows = self._conn.execute(
                "SELECT piece_id, vector FROM embeddings WHERE model_id = ? ORDER BY piece_id", (int(model_id),)
            ).fetchall()
        else:
            wanted = sorted({int(i) for i in piece_ids})
            rows = []
            for chunk in _chunks(wanted):
                rows += self._conn.execute(
                    f"SELECT piece_id, vector FROM embeddings WHERE model_id = ? AND piece_id IN "
                    f"({_marks(len(chunk))}) ORDER BY piece_id",
                    (int(model_id), *chunk),
                ).fetchall()
        ids = np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows))
        return ids, self._vectors([r[1] for r in rows], dim)

    def iter_embeddings(self, model_id: int, since_seq: int = 0, batch_size: int = 20_000) -> Iterator[EmbeddingBatch]:
        """Vectors written after ``since_seq``, oldest first, ``batch_size`` at a time.

        Lets the index be rebuilt or brought up to date without holding a
        million vectors twice in memory.  Callers wanting one consistent
        snapshot wrap the iteration in :meth:`transaction`.
        """
        dim = self.model(model_id).dim
        last = int(since_seq)
        while True:
            rows = self._conn.execute(
                "SELECT seq, piece_id, vector FROM embeddings WHERE model_id = ? AND seq > ? ORDER BY seq LIMIT ?",
                (int(model_id), last, int(batch_size)),
            ).fetchall()
            if not rows:
                return
            last = rows[-1][0]
            ids = np.fromiter((r[1] for r in rows), dtype=np.int64, count=len(rows))
            yield EmbeddingBatch(ids, self._vectors([r[2] for r in rows], dim), last)

    def embedding_ids(self, model_id: int) -> np.ndarray:
        """Sorted piece ids that have a vector for ``model_id``."""
        cur = self._conn.execute(
            "SELECT piece_id FROM embeddings WHERE model_id = ? ORDER BY piece_id", (int(model_id),)
        )
        return np.fromiter((r[0] for r in cur), dtype=np.int64)

    def embedding_state(self, model_id: int) -> tuple[int, int]:
        """``(count, max seq)`` of a model's vectors: two numbers that change on any insert, replace or delete."""
        row = self._conn.execute(
            "SELECT COUNT(*), COALESCE(MAX(seq), 0) FROM embeddings WHERE model_id = ?", (int(model_id),)
        ).fetchone()
        return int(row[0]), int(row[1])

    def pieces_without_embedding(self, model_id: int) -> list[int]:
        """Pieces of readable files that still need a vector from ``model_id`` (the embed queue)."""
        rows = self._conn.execute(
            "SELECT p.id FROM pieces p JOIN files f ON f.id = p.file_id "
            "WHERE f.status = 'ok' AND NOT EXISTS "
            "(SELECT 1 FROM embeddings e WHERE e.model_id = ? AND e.piece_id = p.id) ORDER BY p.id",
            (int(model_id),),
        )
        return [r[0] for r in rows]

    # -- index stamps ----------------------------------------------------------

    def index_stamp(self, model_id: int) -> IndexStamp | None:
        row = self._conn.execute(
            "SELECT model_id, path, vector_count, max_seq, file_size, checksum, params_json, saved_at "
            "FROM index_state WHERE model_id = ?", (int(model_id),)
        ).fetchone()
        if row is None:
            return None
        return IndexStamp(row[0], row[1], row[2], row[3], row[4], row[5], json.loads(row[6]), row[7])

    def set_index_stamp(self, stamp: IndexStamp) -> None:
        with self.transaction():
            self._conn.execute(
                "INSERT OR REPLACE INTO index_state(model_id, path, vector_count, max_seq, file_size, checksum, "
                "params_json, saved_at) VALUES(?, ?, ?, ?, ?, ?, ?, ?)",
                (stamp.model_id, stamp.path, stamp.vector_count, stamp.max_seq, stamp.file_size,
                 stamp.checksum, json.dumps(stamp.params, sort_keys=True), stamp.saved_at),
            )

    def clear_index_stamp(self, model_id: int) -> None:
        with self.transaction():
            self._conn.execute("DELETE FROM index_state WHERE model_id = ?", (int(model_id),))

    # -- tags ----------------------------------------------------------------

    def add_tag(self, name: str, vocabulary: str = USER_VOCABULARY, lang: str | None = None) -> TagRecord:
        """Get or create a tag (unique per vocabulary: "jig" the user's and "jig" a zero-shot label differ)."""
        name = name.strip()
        if not name:
            raise CatalogError("a tag needs a name")
        with self.transaction():
            self._conn.execute(
                "INSERT INTO tags(name, lang, vocabulary) VALUES(?, ?, ?) ON CONFLICT(name, vocabulary) "
                "DO UPDATE SET lang = COALESCE(excluded.lang, lang)",
                (name, lang, vocabulary),
            )
            row = self._conn.execute(
                "SELECT id, name, lang, vocabulary FROM tags WHERE name = ? AND vocabulary = ?", (name, vocabulary)
            ).fetchone()
        return TagRecord(*row)

    def tags(self, vocabulary: str | None = None) -> list[TagRecord]:
        if vocabulary is None:
            rows = self._conn.execute("SELECT id, name, lang, vocabulary FROM tags ORDER BY vocabulary, name")
        else:
            rows = self._conn.execute(
                "SELECT id, name, lang, vocabulary FROM tags WHERE vocabulary = ? ORDER BY name", (vocabulary,)
            )
        return [TagRecord(*r) for r in rows]

    def _tag_id(self, tag: TagRef, vocabulary: str, create: bool) -> int | None:
        if isinstance(tag, TagRecord):
            return tag.id
        if isinstance(tag, int):
            return tag
        if create:
            return self.add_tag(tag, vocabulary).id
        row = self._conn.execute("SELECT id FROM tags WHERE name = ? AND vocabulary = ?", (tag, vocabulary)).fetchone()
        return row[0] if row else None

    def tag_piece(
        self,
        piece_ids: Iterable[int],
        tag: TagRef,
        source: str = "user",
        score: float | Sequence[float] | None = None,
        model_id: int | None = None,
        vocabulary: str = USER_VOCABULARY,
    ) -> TagRecord:
        """Attach a tag to pieces (a name is created in ``vocabulary`` if new).

        Re-tagging replaces the score of the same (piece, tag, source, model).
        ``score`` may be one number or one per piece.
        """
        if source not in TAG_SOURCES:
            raise CatalogError(f"tag source must be one of {TAG_SOURCES}, not {source!r}")
        ids = [int(i) for i in piece_ids]
        if score is None or isinstance(score, (int, float)):
            scores: list[float | None] = [score] * len(ids)  # type: ignore[list-item]
        else:
            scores = [float(s) for s in score]
            if len(scores) != len(ids):
                raise CatalogError("tag_piece: one score per piece, or a single score")
        with self.transaction():
            tag_id = self._tag_id(tag, vocabulary, create=True)
            assert tag_id is not None
            key = (tag_id, source, model_id if model_id is not None else 0)
            self._conn.executemany(
                "DELETE FROM piece_tags WHERE piece_id = ? AND tag_id = ? AND source = ? AND IFNULL(model_id, 0) = ?",
                [(pid, *key) for pid in ids],
            )
            self._conn.executemany(
                "INSERT INTO piece_tags(piece_id, tag_id, source, score, model_id) VALUES(?, ?, ?, ?, ?)",
                [(pid, tag_id, source, s, model_id) for pid, s in zip(ids, scores)],
            )
            row = self._conn.execute("SELECT id, name, lang, vocabulary FROM tags WHERE id = ?", (tag_id,)).fetchone()
        if row is None:
            raise CatalogError(f"no tag with id {tag_id}")
        return TagRecord(*row)

    def untag(
        self,
        piece_ids: Iterable[int],
        tag: TagRef,
        source: str | None = None,
        vocabulary: str = USER_VOCABULARY,
    ) -> int:
        """Remove a tag from pieces (only from ``source`` if given); return how many links went."""
        ids = [int(i) for i in piece_ids]
        tag_id = self._tag_id(tag, vocabulary, create=False)
        if tag_id is None:
            return 0
        removed = 0
        with self.transaction():
            for chunk in _chunks(ids):
                sql = f"DELETE FROM piece_tags WHERE tag_id = ? AND piece_id IN ({_marks(len(chunk))})"
                params: list[Any] = [tag_id, *chunk]
                if source is not None:
                    sql += " AND source = ?"
                    params.append(source)
                removed += self._conn.execute(sql, params).rowcount
        return removed

    def piece_ids_with_tag(self, tag: TagRef, source: str | None = None,
                           vocabulary: str = USER_VOCABULARY) -> np.ndarray:
        tag_id = self._tag_id(tag, vocabulary, create=False)
        if tag_id is None:
            return np.zeros(0, dtype=np.int64)
        sql = "SELECT DISTINCT piece_id FROM piece_tags WHERE tag_id = ?"
        params: list[Any] = [tag_id]
        if source is not None:
            sql += " AND source = ?"
            params.append(source)
        return np.fromiter((r[0] for r in self._conn.execute(sql + " ORDER BY piece_id", params)), dtype=np.int64)

    def user_tags_by_piece(self) -> dict[int, list[TagRecord]]:
        """Every piece's tags that a person gave or accepted (source ``user``): fine-tuning's labels."""
        out: dict[int, list[TagRecord]] = {}
        rows = self._conn.execute(
            "SELECT pt.piece_id, t.id, t.name, t.lang, t.vocabulary FROM piece_tags pt JOIN tags t ON t.id = pt.tag_id "
            "WHERE pt.source = 'user' ORDER BY pt.piece_id, t.vocabulary, t.name")
        for r in rows:
            out.setdefault(r[0], []).append(TagRecord(r[1], r[2], r[3], r[4]))
        return out

    def all_piece_ids(self) -> np.ndarray:
        return np.fromiter((r[0] for r in self._conn.execute("SELECT id FROM pieces ORDER BY id")), dtype=np.int64)

    def tags_of(self, piece_id: int) -> list[PieceTag]:
        rows = self._conn.execute(
            "SELECT t.id, t.name, t.lang, t.vocabulary, pt.source, pt.score, pt.model_id "
            "FROM piece_tags pt JOIN tags t ON t.id = pt.tag_id WHERE pt.piece_id = ? "
            "ORDER BY pt.source, t.vocabulary, t.name",
            (int(piece_id),),
        )
        return [PieceTag(TagRecord(r[0], r[1], r[2], r[3]), r[4], r[5], r[6]) for r in rows]

    # -- reports -------------------------------------------------------------

    def stats(self) -> dict[str, int]:
        def one(sql: str) -> int:
            return int(self._conn.execute(sql).fetchone()[0])

        return {
            "roots": one("SELECT COUNT(*) FROM roots"),
            "files": one("SELECT COUNT(*) FROM files"),
            "pieces": one("SELECT COUNT(*) FROM pieces"),
            "errors": one("SELECT COUNT(*) FROM files WHERE status = 'error'"),
            "models": one("SELECT COUNT(*) FROM models"),
            "embeddings": one("SELECT COUNT(*) FROM embeddings"),
            "tags": one("SELECT COUNT(*) FROM tags"),
        }

    def errors(self) -> list[ErrorRecord]:
        rows = self._conn.execute(
            "SELECT path, COALESCE(error, ''), error_kind FROM files WHERE status = 'error' ORDER BY path"
        )
        return [ErrorRecord(r[0], r[1], r[2]) for r in rows]
