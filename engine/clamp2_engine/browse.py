"""Browsing the library as a table: ordered, filtered piece ids, and rows on demand.

A table over 100,000 pieces must not load 100,000 rows.  :func:`browse_ids`
returns only the ordered ids (one indexed query, a few hundred kilobytes);
:func:`browse_rows` fetches the columns of the rows a view actually shows.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

import numpy as np

from clamp2_engine.catalog import Catalog

# column key -> SQL expression to sort on
SORT_KEYS = {
    "title": "COALESCE(p.title, f.path) COLLATE NOCASE",
    "composer": "p.composer COLLATE NOCASE",
    "format": "f.format",
    "duration": "p.duration_s",
    "folder": "f.path",
    "path": "f.path",
    "id": "p.id",
}


@dataclass(frozen=True)
class BrowseQuery:
    """What the library table shows: a text filter, a tag, a folder, a format, an order."""

    text: str = ""
    tag: str | None = None
    folder: str | None = None
    format: str | None = None
    sort: str = "title"
    descending: bool = False


@dataclass(frozen=True)
class BrowseRow:
    piece_id: int
    title: str | None
    composer: str | None
    format: str | None
    duration_s: float | None
    path: str
    tune_index: int
    tags: tuple[str, ...]

    @property
    def folder(self) -> str:
        return os.path.dirname(self.path)

    @property
    def display_title(self) -> str:
        return display_title(self.title, self.path)


_ARTICLE_TAIL = re.compile(r"^(?P<body>.+?),\s*(?P<article>The|A|An|Le|La|Les|El|Los|Las|Il|Der|Die|Das)\.?$",
                           re.IGNORECASE)


def display_title(title: str | None, path: str) -> str:
    """A title as a person would write it: the file name when there is none,
    no trailing full stop, and a trailing article moved to the front
    ("Fair Maid of Kinsale., The" -> "The Fair Maid of Kinsale")."""
    text = (title or "").strip() or Path(path).stem
    m = _ARTICLE_TAIL.match(text)
    if m:
        text = f"{m.group('article')} {m.group('body').rstrip('. ')}"
    return text.rstrip(". ") or text


def _where(q: BrowseQuery) -> tuple[str, list[object]]:
    clauses: list[str] = []
    params: list[object] = []
    for word in q.text.split():
        like = f"%{word}%"
        clauses.append("(p.title LIKE ? OR p.composer LIKE ? OR f.path LIKE ?)")
        params += [like, like, like]
    if q.tag:
        clauses.append("p.id IN (SELECT pt.piece_id FROM piece_tags pt JOIN tags t ON t.id = pt.tag_id "
                       "WHERE t.name = ?)")
        params.append(q.tag)
    if q.folder:
        prefix = str(Path(q.folder)).rstrip(os.sep) + os.sep
        clauses.append("f.path >= ? AND f.path < ?")
        params += [prefix, prefix[:-1] + chr(ord(os.sep) + 1)]
    if q.format:
        clauses.append("f.format = ?")
        params.append(q.format)
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def browse_ids(catalog: Catalog, q: BrowseQuery) -> np.ndarray:
    """Ordered ids of the pieces matching ``q`` (ties broken by id, so the order is stable)."""
    key = SORT_KEYS.get(q.sort, SORT_KEYS["title"])
    direction = "DESC" if q.descending else "ASC"
    where, params = _where(q)
    sql = (f"SELECT p.id FROM pieces p JOIN files f ON f.id = p.file_id{where} "
           f"ORDER BY {key} {direction}, p.id {direction}")
    cur = catalog.db.conn.execute(sql, params)
    return np.fromiter((r[0] for r in cur), dtype=np.int64)


def browse_rows(catalog: Catalog, ids: Sequence[int]) -> list[BrowseRow]:
    """The table columns of ``ids``, in the order given (missing ids are skipped)."""
    ids = [int(i) for i in ids]
    if not ids:
        return []
    marks = ",".join("?" * len(ids))
    sql = (
        "SELECT p.id, p.title, p.composer, f.format, p.duration_s, f.path, p.tune_index, "
        "(SELECT group_concat(t.name, '\x1f') FROM piece_tags pt JOIN tags t ON t.id = pt.tag_id "
        "  WHERE pt.piece_id = p.id AND pt.source = 'user') "
        f"FROM pieces p JOIN files f ON f.id = p.file_id WHERE p.id IN ({marks})"
    )
    found = {}
    for r in catalog.db.conn.execute(sql, ids):
        tags = tuple(sorted(set(r[7].split("\x1f")))) if r[7] else ()
        found[r[0]] = BrowseRow(r[0], r[1], r[2], r[3], r[4], r[5], r[6], tags)
    return [found[i] for i in ids if i in found]
