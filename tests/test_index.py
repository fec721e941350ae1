"""The hnswlib similarity index: derived from the catalog, never trusted blindly, filters inside the search.

Real SQLite files and real hnswlib; the data are small clustered vectors.
"""
from __future__ import annotations

import sqlite3
from pathlib import Path

import numpy as np
import pytest

from clamp2_engine.catalog import Catalog, PieceRow
from clamp2_engine.index import IndexParams, SimilarityIndex, index_path

DIM = 32
# Force the approximate paths on small test data (no exact shortcut).
HNSW_ONLY = IndexParams(exact_below=0, brute_force_max=0, brute_force_sqrt=0.0, num_threads=2)


def _clustered(n: int, seed: int = 0, clusters: int = 20) -> np.ndarray:
    rng = np.random.default_rng(seed)
    centres = rng.standard_normal((clusters, DIM))
    x = centres[rng.integers(0, clusters, n)] + 0.35 * rng.standard_normal((n, DIM))
    return x.astype(np.float32)


def _library(tmp_path: Path, n: int, seed: int = 0) -> tuple[Catalog, int, np.ndarray, np.ndarray]:
    cat = Catalog.open(tmp_path / "library.db")
    root = cat.add_root(tmp_path / "music")
    model = cat.register_model("m", "bundled", DIM, "w", None)
    ids: list[int] = []
    with cat.transaction():
        for f in range(n // 10):
            ids += cat.record_file_ok(tmp_path / "music" / f"{f}.abc", root.id, 1, 1, str(f), "abc",
                                      [PieceRow(t, f"t{t}") for t in range(10)])
    vectors = _clustered(len(ids), seed)
    cat.put_embeddings(model.id, ids, vectors)
    return cat, model.id, np.asarray(ids, dtype=np.int64), vectors


def _exact_top(vectors: np.ndarray, ids: np.ndarray, q: np.ndarray, k: int) -> list[int]:
    unit = vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
    scores = unit @ (q / np.linalg.norm(q))
    return ids[np.argsort(-scores, kind="stable")[:k]].tolist()


@pytest.fixture
def lib(tmp_path: Path):
    cat, model_id, ids, vectors = _library(tmp_path, 600)
    yield cat, model_id, ids, vectors
    cat.close()


def test_first_open_builds_and_stamps_then_reopen_just_loads(lib):
    cat, model_id, ids, _ = lib
    index = SimilarityIndex.open(cat, model_id, HNSW_ONLY)
    assert index.opened.rebuilt and len(index) == len(ids)
    stamp = cat.index_stamp(model_id)
    assert stamp is not None and stamp.vector_count == len(ids)
    assert Path(stamp.path) == index_path(cat, model_id) == cat.path.with_name(f"library.model{model_id}.hnsw")
    assert stamp.file_size == index.path.stat().st_size
    assert [p.name for p in index.path.parent.glob(".*.tmp")] == []  # the atomic save cleaned up
    again = SimilarityIndex.open(cat, model_id, HNSW_ONLY)
    assert again.opened.reason == "loaded" and not again.opened.rebuilt
    assert len(again) == len(ids)


@pytest.mark.parametrize("damage", ["missing", "truncated", "garbage", "no stamp"])
def test_a_missing_corrupt_or_unstamped_file_is_rebuilt_never_crashes(lib, damage: str):
    cat, model_id, ids, vectors = lib
    path = SimilarityIndex.open(cat, model_id, HNSW_ONLY).path
    if damage == "missing":
        path.unlink()
    elif damage == "truncated":
        data = path.read_bytes()
        path.write_bytes(data[: len(data) // 2])
    elif damage == "garbage":
        path.write_bytes(np.random.default_rng(1).bytes(path.stat().st_size))
    else:
        cat.clear_index_stamp(model_id)
    index = SimilarityIndex.open(cat, model_id, HNSW_ONLY)
    assert index.opened.rebuilt, index.opened
    assert len(index) == len(ids)
    assert index.query(vectors[7], k=1)[0].piece_id == ids[7]
    assert SimilarityIndex.open(cat, model_id, HNSW_ONLY).opened.reason == "loaded"


def test_a_truncated_file_with_a_forged_stamp_is_still_not_a_crash(lib):
    cat, model_id, ids, _ = lib
    index = SimilarityIndex.open(cat, model_id, HNSW_ONLY)
    data = index.path.read_bytes()
    index.path.write_bytes(data[:1000])
    stamp = cat.index_stamp(model_id)
    from clamp2_engine.index import _file_checksum

    size, checksum = _file_checksum(index.path)
    from dataclasses import replace

    cat.set_index_stamp(replace(stamp, file_size=size, checksum=checksum))
    again = SimilarityIndex.open(cat, model_id, HNSW_ONLY)
    assert again.opened.rebuilt and "cannot load" in again.opened.reason
    assert len(again) == len(ids)


def test_rows_inserted_behind_its_back_are_noticed_and_added(lib, tmp_path: Path):
    cat, model_id, ids, vectors = lib
    SimilarityIndex.open(cat, model_id, HNSW_ONLY)
    # another process adds pieces and vectors with plain sqlite3
    conn = sqlite3.connect(cat.path)
    file_id = conn.execute("SELECT id FROM files LIMIT 1").fetchone()[0]
    new_vectors = _clustered(5, seed=9)
    new_ids = []
    for i, v in enumerate(new_vectors):
        pid = conn.execute("INSERT INTO pieces(file_id, tune_index) VALUES(?, ?)", (file_id, 100 + i)).lastrowid
        conn.execute("INSERT INTO embeddings(piece_id, model_id, vector) VALUES(?, ?, ?)",
                     (pid, model_id, v.astype("<f4").tobytes()))
        new_ids.append(pid)
    conn.commit()
    conn.close()
    index = SimilarityIndex.open(cat, model_id, HNSW_ONLY)
    assert not index.opened.rebuilt and index.opened.added == 5
    assert len(index) == len(ids) + 5
    for pid, v in zip(new_ids, new_vectors):
        assert index.query(v, k=1)[0].piece_id == pid
    assert SimilarityIndex.open(cat, model_id, HNSW_ONLY).opened.reason == "loaded"


def test_rows_deleted_or_replaced_behind_its_back_are_noticed(lib):
    cat, model_id, ids, vectors = lib
    SimilarityIndex.open(cat, model_id, HNSW_ONLY)
    with Catalog.open(cat.path) as other:
        gone = other.remove_files([other.piece(int(ids[0])).path])  # ten pieces
        other.put_embeddings(model_id, [int(ids[50])], -vectors[50:51])  # a re-embedded piece
    index = SimilarityIndex.open(cat, model_id, HNSW_ONLY)
    assert not index.opened.rebuilt
    assert index.opened.deleted == 10 and len(index) == len(ids) - 10
    for pid in gone:
        assert pid not in index
    top = index.query(-vectors[50], k=1)[0]
    assert top.piece_id == ids[50] and top.score == pytest.approx(1.0, abs=1e-5)


def test_sync_after_a_scan_batch_adds_new_and_drops_removed(lib, tmp_path: Path):
    cat, model_id, ids, vectors = lib
    index = SimilarityIndex.open(cat, model_id, HNSW_ONLY)
    assert index.sync().added == 0  # nothing changed: a no-op
    removed = cat.remove_files([tmp_path / "music" / "3.abc"])
    new = cat.record_file_ok(tmp_path / "music" / "new.abc", None, 1, 1, "n", "abc", [PieceRow(0), PieceRow(1)])
    cat.put_embeddings(model_id, new, vectors[:2] * -1)
    report = index.sync()
    assert (report.added, report.deleted) == (2, 10)
    assert set(removed).isdisjoint(h.piece_id for h in index.query(vectors[30], k=len(ids)))
    assert index.query(-vectors[0], k=1)[0].piece_id == new[0]


def test_deleted_pieces_are_never_returned_by_any_path(lib):
    cat, model_id, ids, vectors = lib
    deleted = ids[::3]
    for params in (HNSW_ONLY, IndexParams()):
        index = SimilarityIndex.open(cat, model_id, params)
        assert index.mark_deleted(deleted.tolist()) == len(deleted)
        assert index.mark_deleted(deleted.tolist() + [10**9]) == 0  # twice, or unknown: ignored
        for q in vectors[:20]:
            hits = index.query(q, k=50)
            assert len(hits) == 50 and not set(deleted.tolist()) & {h.piece_id for h in hits}
            hits = index.query(q, k=20, allowed_ids=ids[:200])  # a filter naming deleted ids
            assert not set(deleted.tolist()) & {h.piece_id for h in hits}
        everything = index.query(vectors[0], k=10_000)
        assert len(everything) == len(ids) - len(deleted)


def test_deleted_then_re_added_ids_come_back_once(lib):
    cat, model_id, ids, vectors = lib
    index = SimilarityIndex.open(cat, model_id, HNSW_ONLY)
    index.mark_deleted(ids[:100].tolist())
    # new labels reuse the vacated slots; a returning label is updated in place
    index.add(np.arange(10**6, 10**6 + 50), _clustered(50, seed=3))
    index.add(ids[:10], -vectors[:10])
    assert len(index) == len(ids) - 90 + 50
    hits = index.query(-vectors[0], k=len(index))
    labels = [h.piece_id for h in hits]
    assert len(labels) == len(set(labels)) == len(index)
    assert labels[0] == ids[0] and hits[0].score == pytest.approx(1.0, abs=1e-5)


def test_filter_inside_hnsw_returns_k_when_k_allowed_exist(lib):
    cat, model_id, ids, vectors = lib
    index = SimilarityIndex.open(cat, model_id, HNSW_ONLY)
    rng = np.random.default_rng(5)
    allowed = rng.choice(ids, size=60, replace=False)
    recall = []
    for q in vectors[:30]:
        hits = index.query(q, k=10, allowed_ids=allowed)
        assert index.last_strategy == "hnsw-filter"
        assert len(hits) == 10 and {h.piece_id for h in hits} <= set(allowed.tolist())
        mask = np.isin(ids, allowed)
        recall.append(len({h.piece_id for h in hits} & set(_exact_top(vectors[mask], ids[mask], q, 10))) / 10)
    assert np.mean(recall) >= 0.95
    # fewer allowed than k: all of them
    assert len(index.query(vectors[0], k=10, allowed_ids=ids[:3])) == 3


def test_small_allowed_sets_are_searched_exactly(lib):
    cat, model_id, ids, vectors = lib
    index = SimilarityIndex.open(cat, model_id, IndexParams(exact_below=0, brute_force_max=50))
    allowed = ids[100:140]
    for q in vectors[:10]:
        hits = index.query(q, k=10, allowed_ids=set(allowed.tolist()))
        assert index.last_strategy == "exact"
        mask = np.isin(ids, allowed)
        assert [h.piece_id for h in hits] == _exact_top(vectors[mask], ids[mask], q, 10)
    assert index.query(vectors[0], k=5, allowed_ids=[]) == []
    assert index.query(vectors[0], k=5, allowed_ids=[10**9]) == []


def test_scores_are_cosine_similarity(lib):
    cat, model_id, ids, vectors = lib
    q = 3.0 * vectors[42] + 0.1
    by_id = dict(zip(ids.tolist(), vectors))
    for params in (HNSW_ONLY, IndexParams()):  # approximate and exact paths
        index = SimilarityIndex.open(cat, model_id, params)
        hits = index.query(q, k=10)
        assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
        for h in hits:
            v = by_id[h.piece_id]
            assert h.score == pytest.approx(float(v @ q / np.linalg.norm(v) / np.linalg.norm(q)), abs=1e-5)


def test_recall_against_brute_force_and_batched_queries(lib):
    cat, model_id, ids, vectors = lib
    index = SimilarityIndex.open(cat, model_id, HNSW_ONLY)
    batch = index.query_batch(vectors[:40], k=10)
    assert index.last_strategy == "hnsw"
    recall = [len({h.piece_id for h in hits} & set(_exact_top(vectors, ids, q, 10))) / 10
              for hits, q in zip(batch, vectors[:40])]
    assert np.mean(recall) >= 0.95
    assert batch[3] == index.query(vectors[3], k=10)
    with pytest.raises(ValueError):
        index.query(np.zeros(DIM + 1, np.float32))


def test_capacity_grows_and_an_empty_model_is_searchable(tmp_path: Path):
    cat = Catalog.open(tmp_path / "library.db")
    model = cat.register_model("empty", "bundled", DIM, "w", None)
    index = SimilarityIndex.open(cat, model.id, HNSW_ONLY)
    assert len(index) == 0 and index.query(np.ones(DIM, np.float32), k=5) == []
    vectors = _clustered(3000, seed=2)
    for start in range(0, 3000, 700):
        index.add(np.arange(start, min(start + 700, 3000)) + 1, vectors[start:start + 700])
    assert len(index) == 3000 and index.stats()["capacity"] >= 3000
    assert index.query(vectors[2999], k=1)[0].piece_id == 3000
    cat.close()


def test_the_catalog_wins_over_hand_made_deletions_after_a_reopen(lib):
    cat, model_id, ids, vectors = lib
    index = SimilarityIndex.open(cat, model_id, HNSW_ONLY)
    index.mark_deleted(ids[:5].tolist())  # hidden by hand, but their vectors are still in the catalog
    index.save()
    again = SimilarityIndex.open(cat, model_id, HNSW_ONLY)
    assert len(again) == len(ids) and again.opened.added == 5
    assert again.query(vectors[2], k=1)[0].piece_id == ids[2]


def test_a_vector_deleted_then_written_again_behind_its_back_comes_back(lib):
    cat, model_id, ids, vectors = lib
    index = SimilarityIndex.open(cat, model_id, HNSW_ONLY)
    conn = sqlite3.connect(cat.path)
    conn.execute("DELETE FROM embeddings WHERE piece_id = ?", (int(ids[7]),))
    conn.commit()
    index.sync()
    index.save()  # the file now holds label ids[7] as deleted
    conn.execute("INSERT INTO embeddings(piece_id, model_id, vector) VALUES(?, ?, ?)",
                 (int(ids[7]), model_id, (-vectors[7]).astype("<f4").tobytes()))
    conn.commit()
    conn.close()
    again = SimilarityIndex.open(cat, model_id, HNSW_ONLY)
    assert len(again) == len(ids)
    top = again.query(-vectors[7], k=1)[0]
    assert top.piece_id == ids[7] and top.score == pytest.approx(1.0, abs=1e-5)


def test_the_exact_scan_cache_forgets_deleted_and_updated_vectors(lib):
    cat, model_id, ids, vectors = lib
    index = SimilarityIndex.open(cat, model_id)  # 600 vectors: the exact path
    allowed = ids[:100]
    assert index.query(vectors[5], k=1, allowed_ids=allowed)[0].piece_id == ids[5]
    assert index.last_strategy == "exact"
    index.mark_deleted([int(ids[5])])
    assert ids[5] not in {h.piece_id for h in index.query(vectors[5], k=100, allowed_ids=allowed)}
    cat.put_embeddings(model_id, [int(ids[6])], -vectors[6:7])
    index.sync()
    top = index.query(-vectors[6], k=1, allowed_ids=allowed)[0]
    assert top.piece_id == ids[6] and top.score == pytest.approx(1.0, abs=1e-5)
