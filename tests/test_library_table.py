"""The library table model over 100,000 pieces: ids only, rows fetched a page at a time."""
from __future__ import annotations

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt  # noqa: E402

from clamp2_desktop.library_model import PAGE, LibraryTableModel, PieceIdRole  # noqa: E402
from clamp2_engine.browse import BrowseQuery  # noqa: E402
from clamp2_engine.catalog import Catalog  # noqa: E402

N = 100_000


def big_catalog(path) -> Catalog:
    cat = Catalog.open(path)
    root = cat.add_root("/music")
    conn = cat.db.conn
    with cat.transaction():
        conn.executemany(
            "INSERT INTO files(id, root_id, path, size, mtime_ns, sha256, format, status, scanned_at) "
            "VALUES(?, ?, ?, 1, 1, NULL, ?, 'ok', 0)",
            ((i + 1, root.id, f"/music/folder{i % 100:03d}/piece{i:06d}.mid", "midi" if i % 3 else "abc")
             for i in range(N)))
        conn.executemany(
            "INSERT INTO pieces(id, file_id, tune_index, title, composer, meta_json, duration_s) "
            "VALUES(?, ?, 0, ?, ?, '{}', ?)",
            ((i + 1, i + 1, f"Title {(i * 7919) % N:06d}", f"Composer {i % 50:02d}", float(i % 600))
             for i in range(N)))
    cat.tag_piece(list(range(1, 1001, 10)), "Favourite")
    return cat


@pytest.fixture(scope="module")
def cat(tmp_path_factory):
    catalog = big_catalog(tmp_path_factory.mktemp("big") / "big.db")
    yield catalog
    catalog.close()


def test_table_of_100k_pieces_loads_ids_and_fetches_only_visible_pages(qapp, cat):
    model = LibraryTableModel(cat)
    model.reload()
    assert model.rowCount() == N
    assert model._pages == {}  # nothing fetched before anything is shown
    middle = model.index(N // 2, 0)
    assert model.data(middle, Qt.DisplayRole).startswith("Title ")
    assert list(model._pages) == [(N // 2) // PAGE]  # one page, not 100,000 rows
    for row in range(0, N, 997):  # scrolling through: the page cache stays bounded
        model.data(model.index(row, 0))
    assert len(model._pages) <= 65


def test_sorting_and_filtering_happen_in_sqlite(qapp, cat):
    model = LibraryTableModel(cat)
    model.sort(0, Qt.AscendingOrder)
    titles = [model.data(model.index(r, 0)) for r in range(5)]
    assert titles == sorted(titles) and titles[0] == "Title 000000"
    model.sort(3, Qt.DescendingOrder)
    assert model.data(model.index(0, 3)) == "9:59"
    model.set_query(BrowseQuery(text="piece012345", sort="title"))
    assert model.rowCount() == 1
    model.set_query(BrowseQuery(text="folder042 piece0001"))  # every word must match somewhere
    assert model.rowCount() == 1 and model.data(model.index(0, 0), PieceIdRole) == 143
    model.set_query(BrowseQuery(tag="Favourite"))
    assert model.rowCount() == 100
    assert "Favourite" in model.data(model.index(0, 4))
    model.set_query(BrowseQuery(folder="/music/folder042", format="midi"))
    assert model.rowCount() == len([i for i in range(N) if i % 100 == 42 and i % 3])
    assert all(model.data(model.index(r, 0), PieceIdRole) for r in range(model.rowCount()))
