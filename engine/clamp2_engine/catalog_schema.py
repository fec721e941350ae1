"""Schema of the music library database and its migrations.

The catalog owns its schema version (``PRAGMA user_version``): version *N*
means that the first *N* functions of :data:`MIGRATIONS` have run.  A new
release that changes the schema appends a function; it never edits one that
has shipped, because databases in the wild were built by the old text.

Why ``user_version`` rather than a row in ``meta``: it lives in the database
header, is read without any table existing, and is written inside the same
transaction as the migration, so a crash leaves either the old schema with
the old number or the new schema with the new number.
"""
from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Sequence
from pathlib import Path

from clamp2_engine.errors import CatalogError

Migration = Callable[[sqlite3.Connection], None]


def _run_script(conn: sqlite3.Connection, script: str) -> None:
    """Run ``;``-separated DDL statement by statement.

    ``Connection.executescript`` would COMMIT the surrounding transaction
    first, which breaks the all-or-nothing promise of :func:`migrate`.
    Statements must not contain ``;`` inside literals (DDL here does not).
    """
    for statement in script.split(";"):
        if statement.strip():
            conn.execute(statement)


def _v1_initial(conn: sqlite3.Connection) -> None:
    """The schema of DESIGN.md section 3.

    Deliberate details:

    * ``pieces.id`` is AUTOINCREMENT so a piece id is never reused: the
      similarity index labels vectors by piece id, and a reused id would let
      a stale index entry answer for a different piece.
    * ``embeddings.seq`` (AUTOINCREMENT) numbers every vector ever written;
      ``(model_id, piece_id)`` is the unique key.  An index remembers the
      highest ``seq`` it holds, so "what changed since" is one range query,
      and a replaced vector (same piece, new ``seq``) is noticed too.
    * ``piece_tags`` is unique per (piece, tag, source, model): a user tag
      and an automatic tag of the same name live side by side, and two
      models may both propose a tag.
    """
    _run_script(conn, """
        CREATE TABLE meta (
            key   TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );

        CREATE TABLE roots (
            id    INTEGER PRIMARY KEY,
            path  TEXT NOT NULL UNIQUE,
            watch INTEGER NOT NULL DEFAULT 1 CHECK (watch IN (0, 1))
        );

        CREATE TABLE files (
            id         INTEGER PRIMARY KEY,
            root_id    INTEGER REFERENCES roots(id) ON DELETE CASCADE,
            path       TEXT NOT NULL UNIQUE,
            size       INTEGER NOT NULL,
            mtime_ns   INTEGER NOT NULL,
            sha256     TEXT,
            format     TEXT,
            status     TEXT NOT NULL CHECK (status IN ('ok', 'error')),
            error      TEXT,
            error_kind TEXT,
            scanned_at REAL NOT NULL
        );
        CREATE INDEX files_root_id ON files(root_id);
        CREATE INDEX files_sha256 ON files(sha256);
        CREATE INDEX files_errors ON files(path) WHERE status = 'error';
        CREATE INDEX files_format ON files(format);

        CREATE TABLE pieces (
            id         INTEGER PRIMARY KEY AUTOINCREMENT,
            file_id    INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,
            tune_index INTEGER NOT NULL DEFAULT 0,
            title      TEXT,
            composer   TEXT,
            meta_json  TEXT NOT NULL DEFAULT '{}',
            duration_s REAL,
            UNIQUE (file_id, tune_index)
        );

        CREATE TABLE models (
            id             INTEGER PRIMARY KEY,
            name           TEXT NOT NULL UNIQUE,
            kind           TEXT NOT NULL CHECK (kind IN ('official', 'bundled', 'finetuned')),
            dim            INTEGER NOT NULL CHECK (dim > 0),
            weights_sha256 TEXT NOT NULL,
            parent_id      INTEGER REFERENCES models(id),
            path           TEXT,
            config_json    TEXT NOT NULL DEFAULT '{}',
            created_at     REAL NOT NULL
        );

        CREATE TABLE embeddings (
            seq      INTEGER PRIMARY KEY AUTOINCREMENT,
            piece_id INTEGER NOT NULL REFERENCES pieces(id) ON DELETE CASCADE,
            model_id INTEGER NOT NULL REFERENCES models(id) ON DELETE CASCADE,
            vector   BLOB NOT NULL,
            UNIQUE (model_id, piece_id)
        );
        CREATE INDEX embeddings_piece_id ON embeddings(piece_id);
        CREATE INDEX embeddings_model_seq ON embeddings(model_id, seq);

        CREATE TABLE tags (
            id         INTEGER PRIMARY KEY,
            name       TEXT NOT NULL,
            lang       TEXT,
            vocabulary TEXT NOT NULL DEFAULT 'user',
            UNIQUE (name, vocabulary)
        );

        CREATE TABLE piece_tags (
            piece_id INTEGER NOT NULL REFERENCES pieces(id) ON DELETE CASCADE,
            tag_id   INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
            source   TEXT NOT NULL CHECK (source IN ('user', 'auto', 'probe')),
            score    REAL,
            model_id INTEGER REFERENCES models(id) ON DELETE CASCADE
        );
        CREATE UNIQUE INDEX piece_tags_key
            ON piece_tags(piece_id, tag_id, source, IFNULL(model_id, 0));
        CREATE INDEX piece_tags_tag_id ON piece_tags(tag_id);

        CREATE TABLE index_state (
            model_id     INTEGER PRIMARY KEY REFERENCES models(id) ON DELETE CASCADE,
            path         TEXT NOT NULL,
            vector_count INTEGER NOT NULL,
            max_seq      INTEGER NOT NULL,
            file_size    INTEGER NOT NULL,
            checksum     TEXT NOT NULL,
            params_json  TEXT NOT NULL,
            saved_at     REAL NOT NULL
        );
        """)


#: Append only.  ``MIGRATIONS[i]`` takes a database from version ``i`` to ``i + 1``.
MIGRATIONS: tuple[Migration, ...] = (_v1_initial,)

SCHEMA_VERSION = len(MIGRATIONS)


def schema_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def backup_path(db_path: Path, version: int) -> Path:
    return db_path.with_name(f"{db_path.name}.bak-v{version}")


def _backup(conn: sqlite3.Connection, target: Path) -> None:
    """Copy the live database (WAL included) with SQLite's online backup.

    A plain file copy could miss pages still in the ``-wal`` file.  The copy
    is written under a temporary name and renamed, so a crash never leaves a
    half-written file under the backup's name.
    """
    tmp = target.with_name(target.name + ".tmp")
    tmp.unlink(missing_ok=True)
    dest = sqlite3.connect(tmp)
    try:
        conn.backup(dest)
    finally:
        dest.close()
    os.replace(tmp, target)


def migrate(conn: sqlite3.Connection, db_path: Path | None,
            migrations: Sequence[Migration] = MIGRATIONS) -> int:
    """Bring the database at ``conn`` to ``len(migrations)``; return the old version.

    ``conn`` must be in autocommit mode (``isolation_level=None``).  All steps
    run in one ``BEGIN IMMEDIATE`` transaction, so a failed step leaves the
    database exactly as it was, and two processes opening the same old
    database do not both migrate it (the second re-reads the version under
    the write lock and finds nothing to do).  Foreign keys are switched off
    for the duration, as SQLite's table-rebuild recipe requires, and checked
    before the commit.
    """
    target = len(migrations)
    found = schema_version(conn)
    where = str(db_path) if db_path else "the database"
    if found > target:
        raise CatalogError(
            f"{where} uses library schema version {found}, but this version of "
            f"CLaMP 2 Desktop only understands versions up to {target}. "
            "It was written by a newer release: upgrade, or open another library."
        )
    if found == target:
        return found
    if found > 0 and db_path is not None:
        _backup(conn, backup_path(db_path, found))
    conn.execute("PRAGMA foreign_keys = OFF")
    try:
        conn.execute("BEGIN IMMEDIATE")
        try:
            found = schema_version(conn)  # another process may have migrated meanwhile
            for step in range(found, target):
                migrations[step](conn)
                conn.execute(f"PRAGMA user_version = {step + 1}")
            problems = conn.execute("PRAGMA foreign_key_check").fetchall()
            if problems:
                raise CatalogError(f"migrating {where} broke foreign keys: {problems[:5]}")
            conn.execute("COMMIT")
        except BaseException as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            if isinstance(exc, CatalogError):
                raise
            if isinstance(exc, Exception):
                raise CatalogError(
                    f"migrating {where} from schema version {found} to {target} failed: {exc}"
                ) from exc
            raise
    finally:
        conn.execute("PRAGMA foreign_keys = ON")
    return found
