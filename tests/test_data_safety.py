"""A full disk, a read-only library folder and an index write that fails leave
the library as it was, with one clear line; other versions of the schema are
refused or migrated.

Failures are real, not mocked: a full disk is a child process whose file
size limit (``RLIMIT_FSIZE``, which binds root too) stops its writes; a
read-only folder is a read-only bind mount (``mount`` works as root here;
where it does not, the test says so and is skipped with that reason).

Covered elsewhere and not repeated here (tests/test_catalog.py):
``test_database_from_a_newer_schema_is_refused_and_left_alone``,
``test_older_schema_is_migrated_after_a_backup_copy``,
``test_failed_migration_leaves_the_database_as_it_was``,
``test_transaction_rolls_back_the_whole_batch_on_exception``,
``test_sigkill_mid_batch_leaves_integrity_ok_and_only_whole_batches``;
(tests/test_index.py) ``test_a_missing_corrupt_or_unstamped_file_is_rebuilt_never_crashes``.
"""
from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from clamp2_engine.catalog import SCHEMA_VERSION, Catalog
from clamp2_engine.cli import main as clamp2_main
from clamp2_engine.cli.common import EXIT_LIBRARY
from clamp2_engine.errors import CatalogError
from clamp2_engine.library import Library
from clamp2_engine.settings import Settings
from music_factory import make_abc_file, make_midi

ROOT = Path(__file__).resolve().parents[1]

# A child that runs a command with writes past `limit` bytes in any file failing (EFBIG), as on a full disk.
FULL_DISK = textwrap.dedent("""
    import resource, signal, sys
    limit = int(sys.argv[1])
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)   # a failing write returns EFBIG instead of killing us
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    exec(sys.argv[2], {"__name__": "__main__", "argv": sys.argv[3:]})
""")


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _snapshot(db: Path) -> dict:
    """What the library holds, row by row (read through a separate read-only connection)."""
    conn = sqlite3.connect(f"{db.as_uri()}?mode=ro", uri=True)
    try:
        return {
            "files": conn.execute("SELECT id, path, size, mtime_ns, sha256, status FROM files ORDER BY id").fetchall(),
            "pieces": conn.execute("SELECT id, file_id, tune_index, title FROM pieces ORDER BY id").fetchall(),
            "embeddings": conn.execute("SELECT piece_id, model_id, vector FROM embeddings ORDER BY seq").fetchall(),
            "tags": conn.execute("SELECT * FROM piece_tags ORDER BY piece_id").fetchall(),
        }
    finally:
        conn.close()


@pytest.fixture
def library(tmp_path, tiny_checkpoint) -> tuple[Settings, Path, Path]:
    """A scanned library (10 MIDI files, 2 ABC books) and a folder of more music to add."""
    music = tmp_path / "music"
    for i in range(10):
        make_midi(music / f"m{i}.mid", n_notes=30, seed=i)
    more = tmp_path / "more"
    for i in range(60):
        make_midi(more / f"big{i}.mid", n_notes=200, seed=100 + i)
    for i in range(4):
        make_abc_file(more / f"book{i}.abc", 30, seed=i)
    settings = Settings.from_env(db=tmp_path / "lib" / "library.db",
                                 environ={"CLAMP2_DATA_DIR": str(tmp_path / "data")})
    with Library.open(settings, str(tiny_checkpoint), device="cpu") as lib:
        lib.scan([music], workers=1)
        lib.catalog.tag_piece([lib.catalog.pieces_of_file(music / "m0.mid")[0].id], "favourite")
    conn = sqlite3.connect(settings.db_path)  # empty the write-ahead log: new writes start at its offset 0
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return settings, music, more


def _check_consistent(settings: Settings, tiny_checkpoint: Path) -> dict:
    """The library opens, passes SQLite's integrity check, and its index agrees with its embeddings."""
    with Library.open(settings, str(tiny_checkpoint), device="cpu") as lib:
        assert lib.catalog.integrity_check() == "ok"
        n = lib.catalog.stats()["embeddings"]
        assert len(lib.index) == n
        for rec in lib.catalog.pieces(lib.catalog.embedding_ids(lib.model.id).tolist()[:3]):
            assert lib.similar(rec.id, k=1)[0][0].piece_id == rec.id
        return lib.catalog.stats()


@pytest.mark.parametrize("room_kb", [0, 160])
def test_a_full_disk_during_a_scan_gives_one_line_and_leaves_the_library_intact(library, tiny_checkpoint, room_kb):
    """No room at all: the library is exactly as it was.  Room for a batch or so in the write-ahead log:
    whole batches are stored (files with all their pieces and vectors), the rest is not, nothing is
    half-written, and the index still agrees with the database."""
    settings, music, more = library
    db = settings.db_path
    before = _snapshot(db)
    index_file = next(db.parent.glob("*.hnsw"))
    index_before = _digest(index_file)
    limit = room_kb * 1024  # bytes any file may grow to: 0 is a disk that is already full
    env = dict(os.environ, CLAMP2_DATA_DIR=str(settings.data_dir), COLUMNS="200")
    code = "import sys; from clamp2_engine.cli import main; sys.exit(main(argv))"
    proc = subprocess.run(
        [sys.executable, "-c", FULL_DISK, str(limit), code, "scan", str(more), "--db", str(db),
         "--model", str(tiny_checkpoint), "--device", "cpu", "--workers", "1"],
        env=env, capture_output=True, text=True, timeout=300, stdin=subprocess.DEVNULL)
    assert proc.returncode == EXIT_LIBRARY, proc.stderr[-3000:]
    assert "Traceback" not in proc.stderr
    last = proc.stderr.strip().splitlines()[-1]
    assert last.startswith("error:") and str(db) in last and "disk may be full" in last, proc.stderr
    assert proc.stdout == ""
    assert not [p for p in db.parent.iterdir() if p.name.endswith(".tmp")]
    after = _snapshot(db)
    if room_kb == 0:
        assert after == before
        assert _digest(index_file) == index_before
    else:
        for table in before:  # every row that was there is still there, unchanged
            assert after[table][:len(before[table])] == before[table], table
        new_files = after["files"][len(before["files"]):]
        assert len(new_files) < 64, "the disk was full: not everything can have been stored"
        with Catalog.open(db) as cat:
            for file_id, path, *_ in new_files:
                pieces = cat.pieces_of_file(path)
                assert pieces, path
                assert len(cat.embedding_ids(cat.models()[0].id)) == len(after["embeddings"])
    stats = _check_consistent(settings, tiny_checkpoint)
    assert stats["files"] == len(after["files"])


def test_a_failed_index_write_keeps_the_previous_index_file(library, tiny_checkpoint, tmp_path):
    """The index is written to a temporary file and renamed: a write that fails half-way
    (disk full) leaves the old file and its stamp, and no temporary file behind."""
    settings, music, more = library
    db = settings.db_path
    index_file = next(db.parent.glob("*.hnsw"))
    before = _digest(index_file)
    child = textwrap.dedent(f"""
        import json, resource, numpy as np
        from clamp2_engine.catalog import Catalog, PieceRow
        from clamp2_engine.index import SimilarityIndex
        from clamp2_engine.errors import CatalogError
        cat = Catalog.open({str(db)!r})
        model = cat.models()[0]
        index = SimilarityIndex.open(cat, model.id, save=False)
        rng = np.random.default_rng(0)
        with cat.transaction():     # 3,000 more pieces with vectors, committed while the disk has room
            root = cat.add_root({str(tmp_path / "fake")!r})
            for i in range(3000):
                ids = cat.record_file_ok({str(tmp_path / "fake")!r} + f"/f{{i}}.mid", root.id, 1, 1, None, "midi",
                                         [PieceRow(0, f"t{{i}}")])
                cat.put_embeddings(model.id, ids, rng.standard_normal((1, model.dim)).astype("float32"))
        index.sync()
        big = (3010 * (2 * 16 * 4 + 4 + 4 * model.dim + 12))
        limit = big // 3
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
        try:
            index.save()
            out = {{"saved": True}}
        except CatalogError as exc:
            out = {{"saved": False, "message": str(exc)}}
        print(json.dumps(out))
    """)
    code = "exec(argv[0])"
    proc = subprocess.run([sys.executable, "-c", FULL_DISK, str(1 << 40), code, child],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    assert out["saved"] is False
    assert "could not save the similarity index" in out["message"] and "previous index file is kept" in out["message"]
    assert "\n" not in out["message"]
    assert _digest(index_file) == before
    assert not [p for p in db.parent.iterdir() if p.name.endswith(".tmp")]
    # The next open finds the old file stale (3,000 vectors behind) and catches up from the catalog.
    stats = _check_consistent(settings, tiny_checkpoint)
    assert stats["embeddings"] == 3010


@pytest.fixture
def read_only(library, tmp_path):
    """The library folder, seen through a read-only bind mount."""
    settings, music, more = library
    view = tmp_path / "ro-view"
    view.mkdir()
    mounted = subprocess.run(["mount", "--bind", str(settings.db_path.parent), str(view)], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot make a read-only folder here (mount --bind failed: {mounted.stderr.decode().strip()}); "
                    "as root, chmod does not stop writes")
    try:
        ro = subprocess.run(["mount", "-o", "remount,bind,ro", str(view)], capture_output=True)
        if ro.returncode != 0:
            pytest.skip(f"cannot remount read-only: {ro.stderr.decode().strip()}")
        yield settings, view / settings.db_path.name
    finally:
        subprocess.run(["umount", str(view)], capture_output=True)


def test_a_read_only_library_folder_gives_one_clear_line_and_is_left_alone(read_only, tiny_checkpoint, capsys):
    settings, ro_db = read_only
    before = _snapshot(settings.db_path)
    files_before = {p.name: _digest(p) for p in settings.db_path.parent.iterdir()}
    # SQLite may open a clean database read-only; the first write then says why it cannot be done.
    with pytest.raises(CatalogError, match="read-only") as info:
        with Catalog.open(ro_db) as cat:
            cat.add_root(settings.db_path.parent.parent / "more")
    assert "\n" not in str(info.value) and str(ro_db.parent) in str(info.value)
    # Reading works (the index is loaded into memory); writing says why it cannot, in one line.
    model = ["--model", str(tiny_checkpoint), "--device", "cpu"]
    for argv, expected in ((["stats", "--json"], 0),
                           (["similar", str(settings.db_path.parent.parent / "music" / "m1.mid"), "--json"], 0),
                           (["scan", str(settings.db_path.parent.parent / "more"), "--workers", "1"], EXIT_LIBRARY),
                           (["models", "use", "tiny_clamp2"], EXIT_LIBRARY)):
        code = clamp2_main([*argv, "--db", str(ro_db)] + (model if argv[0] != "models" else []))
        captured = capsys.readouterr()
        assert code == expected, (argv, captured.err)
        assert "Traceback" not in captured.err
        if expected:
            lines = [ln for ln in captured.err.splitlines() if ln.strip()]
            assert lines[-1].startswith("error:") and "read-only" in lines[-1], captured.err
        elif argv[0] == "stats":
            assert json.loads(captured.out)["files"] == 10
        elif argv[0] == "similar":
            assert json.loads(captured.out)[0]["path"].endswith("m1.mid")
    assert _snapshot(settings.db_path) == before
    assert {p.name: _digest(p) for p in settings.db_path.parent.iterdir()} == files_before


def test_the_cli_refuses_a_database_from_a_newer_release_with_exit_code_4(tmp_path, capsys):
    db = tmp_path / "library.db"
    Catalog.open(db).close()
    conn = sqlite3.connect(db)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    before = _digest(db)
    assert clamp2_main(["models", "list", "--db", str(db)]) == EXIT_LIBRARY
    err = capsys.readouterr().err
    assert "newer" in err and "Traceback" not in err
    assert _digest(db) == before
