"""The SQLite music library: schema ownership, incremental-scan bookkeeping, crash safety.

Every test works on a real SQLite file in tmp_path.
"""
from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import numpy as np
import pytest

import clamp2_engine
from clamp2_engine.catalog import SCHEMA_VERSION, Catalog, PieceRow
from clamp2_engine.catalog_schema import backup_path
from clamp2_engine.errors import CatalogError, Clamp2Error

DIM = 8


@pytest.fixture
def cat(tmp_path: Path):
    catalog = Catalog.open(tmp_path / "library.db")
    yield catalog
    catalog.close()


def _vectors(n: int, seed: int = 0) -> np.ndarray:
    return np.random.default_rng(seed).standard_normal((n, DIM)).astype(np.float32)


def _add_file(cat: Catalog, root, name: str, tunes: int = 1, sha: str | None = None, fmt: str = "abc") -> list[int]:
    path = Path(root.path) / name
    pieces = [PieceRow(tune_index=i, title=f"{name} tune {i}", composer="trad", meta={"R": "jig"}) for i in range(tunes)]
    return cat.record_file_ok(path, root.id, 100, 1_000, sha or f"sha-{name}", fmt, pieces)


# -- schema ownership --------------------------------------------------------

def test_new_database_gets_current_schema_wal_and_foreign_keys(cat: Catalog):
    conn = sqlite3.connect(cat.path)
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"meta", "roots", "files", "pieces", "models", "embeddings", "tags", "piece_tags",
            "index_state"} <= tables
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert cat._conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert cat.get_meta("created_at") is not None
    assert not backup_path(cat.path, 0).exists()  # a fresh database needs no backup
    conn.close()


def test_default_location_is_the_user_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    with Catalog.open() as catalog:
        assert catalog.path.name == "library.db"
        assert "clamp2-desktop" in catalog.path.parts
        assert catalog.path.is_relative_to(tmp_path) if sys.platform.startswith("linux") else True


def test_database_from_a_newer_schema_is_refused_and_left_alone(tmp_path: Path):
    db = tmp_path / "library.db"
    Catalog.open(db).close()
    conn = sqlite3.connect(db)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 3}")
    conn.commit()
    conn.close()
    with pytest.raises(CatalogError, match="newer") as info:
        Catalog.open(db)
    assert isinstance(info.value, Clamp2Error)
    assert str(db) in str(info.value)
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION + 3
    conn.close()


def _add_rating_column(conn: sqlite3.Connection) -> None:
    conn.execute("ALTER TABLE pieces ADD COLUMN rating INTEGER NOT NULL DEFAULT 0")


class _NextReleaseCatalog(Catalog):
    """What the next release looks like: one more migration appended."""

    MIGRATIONS = (*Catalog.MIGRATIONS, _add_rating_column)


def test_older_schema_is_migrated_after_a_backup_copy(tmp_path: Path):
    db = tmp_path / "library.db"
    with Catalog.open(db) as old:
        root = old.add_root(tmp_path / "music")
        ids = _add_file(old, root, "a.abc", tunes=2)
    with _NextReleaseCatalog.open(db) as new:
        assert new.previous_schema_version == SCHEMA_VERSION
        assert new.schema_version == SCHEMA_VERSION + 1
        assert "rating" in new.db["pieces"].columns_dict
        assert [p.id for p in new.pieces_of_file(tmp_path / "music" / "a.abc")] == ids
        assert new.integrity_check() == "ok"
    backup = backup_path(db, SCHEMA_VERSION)
    assert backup.name == f"library.db.bak-v{SCHEMA_VERSION}"
    conn = sqlite3.connect(backup)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("SELECT COUNT(*) FROM pieces").fetchone()[0] == 2
    conn.close()
    # and the old release now refuses the migrated file instead of misreading it
    with pytest.raises(CatalogError, match="newer"):
        Catalog.open(db)


def _broken_migration(conn: sqlite3.Connection) -> None:
    conn.execute("ALTER TABLE pieces ADD COLUMN half_done INTEGER")
    raise RuntimeError("disk on fire")


class _BrokenReleaseCatalog(Catalog):
    MIGRATIONS = (*Catalog.MIGRATIONS, _broken_migration)


def test_failed_migration_leaves_the_database_as_it_was(tmp_path: Path):
    db = tmp_path / "library.db"
    with Catalog.open(db) as old:
        _add_file(old, old.add_root(tmp_path), "a.abc")
    with pytest.raises(CatalogError, match="disk on fire"):
        _BrokenReleaseCatalog.open(db)
    with Catalog.open(db) as again:
        assert again.schema_version == SCHEMA_VERSION
        assert "half_done" not in again.db["pieces"].columns_dict
        assert again.stats()["pieces"] == 1


def test_a_file_that_is_not_a_database_gives_a_catalog_error(tmp_path: Path):
    db = tmp_path / "library.db"
    db.write_bytes(b"this is a MIDI file, not SQLite" * 100)
    with pytest.raises(CatalogError, match="library.db"):
        Catalog.open(db)


# -- files and pieces ------------------------------------------------------------

def test_record_file_ok_stores_pieces_and_reports_them_back(cat: Catalog, tmp_path: Path):
    root = cat.add_root(tmp_path / "music")
    ids = _add_file(cat, root, "tunes.abc", tunes=3)
    assert len(ids) == 3 and len(set(ids)) == 3
    piece = cat.piece(ids[1])
    assert piece.path == str(tmp_path / "music" / "tunes.abc")
    assert (piece.tune_index, piece.title, piece.composer, piece.format) == (1, "tunes.abc tune 1", "trad", "abc")
    assert piece.meta == {"R": "jig"}
    assert [p.id for p in cat.pieces([ids[2], 999_999, ids[0]])] == [ids[2], ids[0]]
    state = cat.file_state(tmp_path / "music" / "tunes.abc")
    assert state is not None and state.status == "ok" and state.sha256 == "sha-tunes.abc"
    assert cat.file_states(root.id) == cat.file_states(root.path) == cat.file_states()
    assert cat.find_by_sha256("sha-tunes.abc")[0].id == state.id
    with pytest.raises(CatalogError):
        cat.piece(999_999)


def test_changed_file_keeps_surviving_tunes_and_their_user_tags_but_not_their_vectors(cat: Catalog, tmp_path: Path):
    root = cat.add_root(tmp_path)
    model = cat.register_model("m", "bundled", DIM, "w", None)
    old_ids = _add_file(cat, root, "set.abc", tunes=3, sha="v1")
    cat.put_embeddings(model.id, old_ids, _vectors(3))
    cat.tag_piece(old_ids, "favourite")
    cat.tag_piece(old_ids, "jig", source="auto", score=0.9, model_id=model.id, vocabulary="rhythm")
    # tune 1 renamed (a different tune now), tune 2 removed, tune 5 new; tune 0 survives
    new_ids = cat.record_file_ok(tmp_path / "set.abc", root.id, 120, 2_000, "v2", "abc",
                                 [PieceRow(0, "set.abc tune 0"), PieceRow(1, "another tune"), PieceRow(5, "new")])
    assert new_ids[0] == old_ids[0]
    assert old_ids[1] not in new_ids and old_ids[2] not in new_ids
    assert {t.tag.name for t in cat.tags_of(old_ids[0])} == {"favourite"}  # auto tag of old notes dropped
    assert cat.embeddings(model.id)[0].tolist() == []  # content changed: re-embed
    assert cat.pieces_without_embedding(model.id) == sorted(new_ids)
    assert cat.stats()["pieces"] == 3


def test_rescan_with_identical_bytes_keeps_vectors_and_tags(cat: Catalog, tmp_path: Path):
    root = cat.add_root(tmp_path)
    model = cat.register_model("m", "bundled", DIM, "w", None)
    ids = _add_file(cat, root, "a.mid", sha="same", fmt="midi")
    cat.put_embeddings(model.id, ids, _vectors(1))
    cat.tag_piece(ids, "calm", source="auto", score=0.5, model_id=model.id)
    again = _add_file(cat, root, "a.mid", sha="same", fmt="midi")  # e.g. only mtime changed
    assert again == ids
    assert cat.embeddings(model.id)[0].tolist() == ids
    assert [t.source for t in cat.tags_of(ids[0])] == ["auto"]


def test_move_keeps_pieces_embeddings_and_tags(cat: Catalog, tmp_path: Path):
    root = cat.add_root(tmp_path / "a")
    other = cat.add_root(tmp_path / "b")
    model = cat.register_model("m", "bundled", DIM, "w", None)
    ids = _add_file(cat, root, "x.abc", tunes=2)
    vectors = _vectors(2)
    cat.put_embeddings(model.id, ids, vectors)
    cat.tag_piece(ids[:1], "reel")
    moved = cat.move_file(tmp_path / "a" / "x.abc", tmp_path / "b" / "renamed.abc", root_id=other.id)
    assert moved.path == str(tmp_path / "b" / "renamed.abc") and moved.root_id == other.id
    assert cat.file_state(tmp_path / "a" / "x.abc") is None
    assert [p.id for p in cat.pieces_of_file(tmp_path / "b" / "renamed.abc")] == ids
    got_ids, got = cat.embeddings(model.id)
    assert got_ids.tolist() == ids and np.array_equal(got, vectors)
    assert [t.tag.name for t in cat.tags_of(ids[0])] == ["reel"]
    assert cat.piece_ids_matching(folder=tmp_path / "b").tolist() == ids
    with pytest.raises(CatalogError):
        cat.move_file(tmp_path / "nowhere.abc", tmp_path / "b" / "y.abc")


def test_error_rows_never_delete_good_rows(cat: Catalog, tmp_path: Path):
    root = cat.add_root(tmp_path)
    model = cat.register_model("m", "bundled", DIM, "w", None)
    good = _add_file(cat, root, "good.abc", tunes=2)
    flaky = _add_file(cat, root, "flaky.mid", sha="orig", fmt="midi")
    cat.put_embeddings(model.id, good + flaky, _vectors(3))
    cat.tag_piece(flaky, "mine")

    cat.record_file_error(tmp_path / "bad.mid", root.id, 5, 1, "zzz", "midi", "not a MIDI file", "midi")
    # a read failure (no sha256) and a parser failure on unchanged bytes keep this file's data too
    assert cat.record_file_error(tmp_path / "flaky.mid", root.id, 100, 2, None, "midi", "permission denied", "io") == []
    assert cat.record_file_error(tmp_path / "flaky.mid", root.id, 100, 2, "orig", "midi", "parser bug", "midi") == []
    assert cat.stats()["pieces"] == 3 and cat.stats()["embeddings"] == 3
    assert [t.tag.name for t in cat.tags_of(flaky[0])] == ["mine"]
    assert {e.path for e in cat.errors()} == {str(tmp_path / "bad.mid"), str(tmp_path / "flaky.mid")}

    # the file's own content changed and no longer parses: its stale pieces go, nobody else's
    assert cat.record_file_error(tmp_path / "flaky.mid", root.id, 90, 3, "changed", "midi", "truncated", "midi") == flaky
    assert cat.embeddings(model.id)[0].tolist() == good
    stats = cat.stats()
    assert (stats["files"], stats["pieces"], stats["errors"]) == (3, 2, 2)
    path, reason, kind = cat.errors()[0]
    assert (path, reason, kind) == (str(tmp_path / "bad.mid"), "not a MIDI file", "midi")
    # fixing the file turns the error back into an ok row
    _add_file(cat, root, "bad.mid", fmt="midi")
    assert cat.file_state(tmp_path / "bad.mid").status == "ok"
    assert cat.stats()["errors"] == 1


def test_remove_files_cascades_and_returns_removed_piece_ids(cat: Catalog, tmp_path: Path):
    root = cat.add_root(tmp_path)
    model = cat.register_model("m", "bundled", DIM, "w", None)
    a = _add_file(cat, root, "a.abc", tunes=3)
    b = _add_file(cat, root, "b.abc", tunes=1)
    cat.put_embeddings(model.id, a + b, _vectors(4))
    cat.tag_piece(a, "x")
    assert cat.remove_files([tmp_path / "a.abc", tmp_path / "unknown.abc"]) == a
    assert cat.embeddings(model.id)[0].tolist() == b
    assert cat.piece_ids_with_tag("x").tolist() == []
    assert cat.remove_root(root.id) == b
    assert cat.stats()["files"] == 0 and cat.roots() == []


def test_transaction_rolls_back_the_whole_batch_on_exception(cat: Catalog, tmp_path: Path):
    root = cat.add_root(tmp_path)
    _add_file(cat, root, "kept.abc")
    with pytest.raises(ZeroDivisionError):
        with cat.transaction():
            for i in range(10):
                _add_file(cat, root, f"batch{i}.abc")
            cat.record_file_error(tmp_path / "kept.abc", root.id, 1, 1, "other", "abc", "boom", "abc")
            1 / 0
    assert cat.stats()["files"] == 1 and cat.stats()["errors"] == 0
    assert cat.file_state(tmp_path / "kept.abc").status == "ok"
    # the connection is usable again and nested transactions still commit as one
    with cat.transaction():
        _add_file(cat, root, "n1.abc")
        with cat.transaction():
            _add_file(cat, root, "n2.abc")
    assert cat.stats()["files"] == 3


_BATCH = 200
_WRITER = textwrap.dedent(
    f"""
    import sys
    import numpy as np
    from clamp2_engine.catalog import Catalog, PieceRow
    cat = Catalog.open(sys.argv[1])
    root = cat.add_root(sys.argv[2])
    model = cat.register_model("m", "bundled", 64, "w", None)
    vectors = np.ones((4, 64), dtype=np.float32)
    batch = cat.stats()["files"] // {_BATCH}
    while True:
        with cat.transaction():
            for i in range({_BATCH}):
                ids = cat.record_file_ok(f"{{sys.argv[2]}}/b{{batch}}_{{i}}.abc", root.id, 1, 1, f"{{batch}}/{{i}}",
                                         "abc", [PieceRow(t, f"t{{t}}") for t in range(4)])
                cat.put_embeddings(model.id, ids, vectors)
                if i == 10:
                    print("inside", batch, flush=True)
        print("committed", batch, flush=True)
        batch += 1
    """
)


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_sigkill_mid_batch_leaves_integrity_ok_and_only_whole_batches(tmp_path: Path):
    db = tmp_path / "library.db"
    engine_dir = Path(clamp2_engine.__file__).resolve().parents[1]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(engine_dir), os.environ.get("PYTHONPATH")]))}
    lost_a_batch = 0
    for round_ in range(3):
        proc = subprocess.Popen([sys.executable, "-c", _WRITER, str(db), str(tmp_path / "music")],
                                stdout=subprocess.PIPE, text=True, env=env)
        committed = 0
        try:
            # let two batches commit, then kill while the writer is inside the third
            while True:
                line = proc.stdout.readline().split()
                assert line, "writer died on its own"
                if line[0] == "committed":
                    committed += 1
                elif committed >= 2:
                    killed_in = int(line[1])
                    break
        finally:
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            proc.stdout.close()
        with Catalog.open(db) as cat:
            assert cat.integrity_check() == "ok"
            stats = cat.stats()
            assert stats["files"] % _BATCH == 0  # whole batches only
            assert stats["files"] in (killed_in * _BATCH, (killed_in + 1) * _BATCH)
            lost_a_batch += stats["files"] == killed_in * _BATCH
            assert stats["pieces"] == 4 * stats["files"] == stats["embeddings"]
            assert cat.pieces_without_embedding(1) == []
    assert lost_a_batch >= 1  # the kill really did land inside a transaction


def test_no_change_rescan_of_10000_files_needs_one_catalog_query(cat: Catalog, tmp_path: Path):
    """The comparison data for a whole root comes back in one query (speed is measured in bench/scan_bench.py)."""
    music = tmp_path / "music"
    for d in range(10):
        (music / f"d{d}").mkdir(parents=True)
        for i in range(1000):
            (music / f"d{d}" / f"{i}.mid").write_bytes(b"MThd")
    root = cat.add_root(music)
    with cat.transaction():
        for entry_dir in sorted(music.iterdir()):
            for entry in os.scandir(entry_dir):
                st = entry.stat()
                cat.record_file_ok(entry.path, root.id, st.st_size, st.st_mtime_ns, entry.name, "midi", [PieceRow()])

    known = cat.file_states(root.id)
    changed = []
    stack = [str(music)]
    while stack:
        for entry in os.scandir(stack.pop()):
            if entry.is_dir():
                stack.append(entry.path)
                continue
            st = entry.stat()
            state = known.get(entry.path)
            if state is None or (state.size, state.mtime_ns) != (st.st_size, st.st_mtime_ns):
                changed.append(entry.path)
    assert len(known) == 10_000 and changed == []



def test_one_catalog_per_thread_and_two_writers_wait_for_each_other(cat: Catalog, tmp_path: Path):
    errors: list[BaseException] = []

    def misuse() -> None:
        try:
            cat.stats()
        except BaseException as exc:  # noqa: BLE001 - the point is which exception
            errors.append(exc)

    t = threading.Thread(target=misuse)
    t.start()
    t.join()
    assert len(errors) == 1 and isinstance(errors[0], sqlite3.ProgrammingError)

    def writer(name: str) -> None:
        with Catalog.open(cat.path) as own:
            root = own.add_root(tmp_path)
            for i in range(30):
                with own.transaction():
                    _add_file(own, root, f"{name}{i}.abc")

    threads = [threading.Thread(target=writer, args=(n,)) for n in "xy"]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert cat.stats()["files"] == 60


# -- models, embeddings, tags, filters ----------------------------------------------

def test_register_model_is_idempotent_on_name_and_weights(cat: Catalog, tmp_path: Path):
    a = cat.register_model("clamp2-official", "official", 768, "abc123", tmp_path / "m", {"patch_size": 64})
    again = cat.register_model("clamp2-official", "official", 768, "abc123", tmp_path / "m", {"patch_size": 64})
    assert again == a and len(cat.models()) == 1
    assert cat.model_by_name("clamp2-official").config == {"patch_size": 64}
    with pytest.raises(CatalogError, match="other weights"):
        cat.register_model("clamp2-official", "official", 768, "different", tmp_path / "m")
    child = cat.register_model("mine", "finetuned", 768, "def456", tmp_path / "ft", parent_id=a.id)
    assert child.parent_id == a.id and cat.model_by_name("nope") is None
    with pytest.raises(CatalogError, match="kind"):
        cat.register_model("x", "downloaded", 768, "1", None)


def test_embeddings_round_trip_exactly_and_bad_vectors_are_refused(cat: Catalog, tmp_path: Path):
    root = cat.add_root(tmp_path)
    model = cat.register_model("m", "bundled", DIM, "w", None)
    ids = _add_file(cat, root, "a.abc", tunes=5)
    vectors = _vectors(5)
    cat.put_embeddings(model.id, ids[::-1], vectors[::-1])
    got_ids, got = cat.embeddings(model.id)
    assert got.dtype == np.float32 and got_ids.dtype == np.int64
    assert got_ids.tolist() == ids and np.array_equal(got, vectors)
    sub_ids, sub = cat.embeddings(model.id, [ids[3], ids[1]])
    assert sub_ids.tolist() == [ids[1], ids[3]] and np.array_equal(sub, vectors[[1, 3]])
    count, max_seq = cat.embedding_state(model.id)
    cat.put_embeddings(model.id, ids[:1], vectors[1:2])  # replacing a vector is visible in the state
    assert cat.embedding_state(model.id) == (count, max_seq + 1)
    with pytest.raises(CatalogError, match="shape"):
        cat.put_embeddings(model.id, ids, np.zeros((5, DIM + 1), np.float32))
    with pytest.raises(CatalogError, match="NaN"):
        cat.put_embeddings(model.id, ids[:1], np.full((1, DIM), np.nan, np.float32))
    batches = list(cat.iter_embeddings(model.id, batch_size=2))
    assert [len(b.ids) for b in batches] == [2, 2, 1]
    assert sorted(np.concatenate([b.ids for b in batches]).tolist()) == ids


def test_user_and_automatic_tags_live_side_by_side(cat: Catalog, tmp_path: Path):
    root = cat.add_root(tmp_path)
    model = cat.register_model("m", "bundled", DIM, "w", None)
    ids = _add_file(cat, root, "a.abc", tunes=3)
    cat.tag_piece(ids[:2], "jig")
    cat.tag_piece(ids, "jig", source="auto", score=[0.9, 0.8, 0.1], model_id=model.id)
    cat.tag_piece(ids[:1], "jig", source="auto", score=0.95, model_id=model.id)  # re-tagging updates
    tags = cat.tags_of(ids[0])
    assert {(t.source, t.score) for t in tags} == {("user", None), ("auto", 0.95)}
    assert cat.piece_ids_with_tag("jig").tolist() == ids
    assert cat.piece_ids_with_tag("jig", source="user").tolist() == ids[:2]
    assert cat.untag(ids, "jig", source="auto") == 3
    assert cat.piece_ids_with_tag("jig").tolist() == ids[:2]
    assert cat.untag(ids, "never-seen") == 0
    de = cat.add_tag("Tanz", vocabulary="genre", lang="de")
    assert de == cat.add_tag("Tanz", vocabulary="genre") and de.lang == "de"
    assert cat.add_tag("Tanz").id != de.id  # same name, other vocabulary
    with pytest.raises(CatalogError, match="source"):
        cat.tag_piece(ids, "x", source="guess")


def test_piece_ids_matching_combines_folder_format_and_tag(cat: Catalog, tmp_path: Path):
    root = cat.add_root(tmp_path)
    a = cat.record_file_ok(tmp_path / "folk" / "a.abc", root.id, 1, 1, "a", "abc", [PieceRow(0), PieceRow(1)])
    b = cat.record_file_ok(tmp_path / "folk" / "sub" / "b.mid", root.id, 1, 1, "b", "midi", [PieceRow()])
    c = cat.record_file_ok(tmp_path / "folk2" / "c.mid", root.id, 1, 1, "c", "midi", [PieceRow()])
    cat.tag_piece([a[1], c[0]], "waltz")
    assert cat.piece_ids_matching().tolist() == a + b + c
    assert cat.piece_ids_matching(folder=tmp_path / "folk").tolist() == a + b  # not folk2
    assert cat.piece_ids_matching(folder=str(tmp_path / "folk") + os.sep).tolist() == a + b
    assert cat.piece_ids_matching(format="midi").tolist() == b + c
    assert cat.piece_ids_matching(folder=tmp_path / "folk", format="midi").tolist() == b
    assert cat.piece_ids_matching(tag="waltz").tolist() == [a[1], c[0]]
    assert cat.piece_ids_matching(folder=tmp_path / "folk", tag="waltz").tolist() == [a[1]]
    assert cat.piece_ids_matching(tag="unknown").tolist() == []


def test_stats_count_everything(cat: Catalog, tmp_path: Path):
    root = cat.add_root(tmp_path)
    model = cat.register_model("m", "bundled", DIM, "w", None)
    ids = _add_file(cat, root, "a.abc", tunes=2)
    cat.put_embeddings(model.id, ids, _vectors(2))
    cat.record_file_error(tmp_path / "b.mid", root.id, 1, 1, None, "midi", "empty file", "midi")
    assert cat.stats() == {"roots": 1, "files": 2, "pieces": 2, "errors": 1, "models": 1, "embeddings": 2, "tags": 0}
