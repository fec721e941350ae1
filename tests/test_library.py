"""End-to-end library behaviour over a generated folder of real MIDI/ABC files
plus deliberately broken ones, with the fixture model, a real SQLite catalog
and a real hnswlib index."""
from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from clamp2_engine.library import Library
from clamp2_engine.search import Filters
from clamp2_engine.settings import Settings
from music_factory import make_abc_file, make_midi

N_MIDI = 40
N_ABC_FILES = 6
TUNES_PER_ABC = 5


def build_collection(root: Path, n_midi: int = N_MIDI, n_abc: int = N_ABC_FILES) -> dict[str, Path]:
    """Real files in nested folders, plus the usual suspects of a messy collection."""
    for i in range(n_midi):
        make_midi(root / "midi" / f"sub{i % 3}" / f"piece_{i:03d}.mid", n_notes=20 + 7 * i, n_tracks=1 + i % 3,
                  seed=i, drums=i % 5 == 0)
    for j in range(n_abc):
        make_abc_file(root / "abc" / f"tunes_{j}.ABC" if j == 0 else root / "abc" / f"tunes_{j}.abc",
                      TUNES_PER_ABC, seed=100 + j)
    broken = root / "broken"
    broken.mkdir(parents=True)
    (broken / "empty.mid").write_bytes(b"")
    (broken / "garbage.mid").write_bytes(os.urandom(3000))
    (broken / "text.midi").write_text("this is not a MIDI file at all\n")
    good = (root / "midi" / "sub0" / "piece_000.mid").read_bytes()
    (broken / "truncated.mid").write_bytes(good[: len(good) // 2])
    (broken / "huge.mid").write_bytes(b"MThd" + b"\0" * (11 * 1024 * 1024))
    (broken / "dangling.mid").symlink_to(broken / "does-not-exist.mid")
    (broken / "loop").symlink_to(root)  # a folder symlink back to the root
    (root / "notes.txt").write_text("not music, ignored")
    return {"broken": broken}


@pytest.fixture
def settings(tmp_path) -> Settings:
    return Settings.from_env(db=tmp_path / "lib.db", environ={"CLAMP2_DATA_DIR": str(tmp_path / "data")})


@pytest.fixture
def collection(tmp_path) -> Path:
    root = tmp_path / "music"
    build_collection(root)
    return root


def open_lib(settings, tiny_checkpoint) -> Library:
    return Library.open(settings, tiny_checkpoint, device="cpu")


def expected_pieces() -> int:
    return N_MIDI + N_ABC_FILES * TUNES_PER_ABC


def test_first_scan_records_good_files_and_specific_errors(settings, tiny_checkpoint, collection):
    with open_lib(settings, tiny_checkpoint) as lib:
        report = lib.scan([collection], workers=2)
        stats = lib.stats()
        errors = {Path(e.path).name: e.reason for e in lib.errors()}
        assert stats["pieces"] == expected_pieces()
        assert stats["indexed"] == expected_pieces()
        assert report.pieces_embedded == expected_pieces()
        assert set(errors) == {"empty.mid", "garbage.mid", "text.midi", "truncated.mid", "huge.mid", "dangling.mid"}
        assert "empty" in errors["empty.mid"]
        assert "10 MB" in errors["huge.mid"]
        assert "broken symbolic link" in errors["dangling.mid"]
        assert lib.catalog.integrity_check() == "ok"
        # multi-tune ABC files give one piece per tune, with titles
        titles = [r.title for r in lib.catalog.pieces_of_file(collection / "abc" / "tunes_1.abc")]
        assert len(titles) == TUNES_PER_ABC and all(titles)


def test_rescan_without_changes_parses_nothing(settings, tiny_checkpoint, collection):
    with open_lib(settings, tiny_checkpoint) as lib:
        lib.scan([collection], workers=2)
        again = lib.scan([collection], workers=2)
        assert again.parsed == 0
        assert again.new == again.changed == again.moved == again.removed == 0
        assert lib.stats()["pieces"] == expected_pieces()


def test_touch_modify_move_delete_are_each_handled(settings, tiny_checkpoint, collection):
    with open_lib(settings, tiny_checkpoint) as lib:
        lib.scan([collection], workers=1)
        moved_src = collection / "midi" / "sub1" / "piece_001.mid"
        moved_pid = lib.catalog.pieces_of_file(moved_src)[0].id
        lib.catalog.tag_piece([moved_pid], "favourite", source="user")
        old_vec = lib.catalog.embeddings(lib.model.id, [moved_pid])[1][0]

        touched = collection / "midi" / "sub0" / "piece_003.mid"
        os.utime(touched, ns=(time.time_ns(), time.time_ns() + 5_000_000_000))
        modified = collection / "midi" / "sub2" / "piece_002.mid"
        make_midi(modified, n_notes=90, seed=999)
        moved_dst = collection / "renamed" / "now_here.mid"
        moved_dst.parent.mkdir()
        shutil.move(moved_src, moved_dst)
        deleted = collection / "midi" / "sub0" / "piece_006.mid"
        deleted_pid = lib.catalog.pieces_of_file(deleted)[0].id
        deleted.unlink()

        report = lib.scan([collection], workers=1)
        assert report.moved == 1 and report.removed == 1
        assert report.changed == 2  # touched + modified are re-read (mtime changed)
        assert report.parsed == 3   # touched, modified, and the moved file's new path
        rec = lib.catalog.pieces_of_file(moved_dst)
        assert [r.id for r in rec] == [moved_pid]  # same piece: embedding and tags kept
        assert [t.tag.name for t in lib.catalog.tags_of(moved_pid)] == ["favourite"]
        np.testing.assert_array_equal(lib.catalog.embeddings(lib.model.id, [moved_pid])[1][0], old_vec)
        assert lib.stats()["pieces"] == expected_pieces() - 1
        hits = lib.search_vector(old_vec, k=expected_pieces())
        assert deleted_pid not in {h.piece_id for h in hits}
        assert hits[0].path == str(moved_dst)


def test_similar_returns_the_query_file_first_with_score_one(settings, tiny_checkpoint, collection):
    with open_lib(settings, tiny_checkpoint) as lib:
        lib.scan([collection], workers=1)
        target = collection / "midi" / "sub2" / "piece_005.mid"
        results, query = lib.similar(target, k=5)
        assert query.in_library
        assert results[0].path == str(target) and results[0].score == pytest.approx(1.0, abs=1e-4)
        assert [r.rank for r in results] == [1, 2, 3, 4, 5]


def test_similar_embeds_a_file_outside_the_library_on_the_fly(settings, tiny_checkpoint, collection, tmp_path):
    outside = make_midi(tmp_path / "elsewhere" / "new.mid", n_notes=50, seed=4242)
    copy_in_library = collection / "midi" / "copy_of_new.mid"
    shutil.copy(outside, copy_in_library)
    with open_lib(settings, tiny_checkpoint) as lib:
        lib.scan([collection], workers=1)
        results, query = lib.similar(outside, k=3)
        assert not query.in_library
        assert results[0].path == str(copy_in_library)
        assert results[0].score == pytest.approx(1.0, abs=1e-4)


def test_filters_return_k_results_when_k_matching_pieces_exist(settings, tiny_checkpoint, collection):
    with open_lib(settings, tiny_checkpoint) as lib:
        lib.scan([collection], workers=1)
        abc_ids = lib.catalog.piece_ids_matching(format="abc")
        lib.catalog.tag_piece(abc_ids[:12].tolist(), "session", source="user")
        query = lib.catalog.embeddings(lib.model.id, [int(lib.catalog.piece_ids_matching(format="midi")[0])])[1][0]
        for filters, k, allowed in [
            (Filters(format="abc"), 10, set(abc_ids.tolist())),
            (Filters(tag="session"), 12, set(abc_ids[:12].tolist())),
            (Filters(folder=str(collection / "midi" / "sub1")), 10, None),
        ]:
            results = lib.search_vector(query, k=k, filters=filters)
            assert len(results) == k, filters
            if allowed is not None:
                assert {r.piece_id for r in results} <= allowed
            else:
                assert all("/midi/sub1/" in r.path for r in results)


def test_a_second_model_gets_its_own_embeddings_and_index(settings, tiny_checkpoint, collection, tmp_path):
    from model_factory import random_official_checkpoint

    other = tmp_path / "other.pth"
    random_official_checkpoint(other)
    with open_lib(settings, tiny_checkpoint) as lib:
        lib.scan([collection], workers=1)
    with Library.open(settings, other, device="cpu") as lib2:
        report = lib2.scan([collection], workers=1)
        assert report.parsed == 0  # nothing changed on disk
        assert lib2.stats()["indexed"] == expected_pieces()
        assert lib2.embedder.dim == 32
    with open_lib(settings, tiny_checkpoint) as lib:
        assert lib.stats()["indexed"] == expected_pieces()


SCAN_SCRIPT = """
import sys
from clamp2_engine.library import Library
from clamp2_engine.settings import Settings
settings = Settings.from_env(db=sys.argv[1], environ={{"CLAMP2_DATA_DIR": sys.argv[4]}})
with Library.open(settings, sys.argv[2], device="cpu") as lib:
    lib.scan([sys.argv[3]], workers=1, batch_files=4)
"""


def test_killed_scan_leaves_a_consistent_database_and_the_rescan_completes(settings, tiny_checkpoint, tmp_path):
    root = tmp_path / "big"
    for i in range(120):
        make_midi(root / f"p{i:03d}.mid", n_notes=200, n_tracks=3, seed=i)
    script = tmp_path / "scan.py"
    script.write_text(SCAN_SCRIPT.format())
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    proc = subprocess.Popen([sys.executable, str(script), str(settings.db_path), str(tiny_checkpoint), str(root),
                             str(tmp_path / "data")], env=env)
    deadline = time.time() + 120
    count = 0
    while time.time() < deadline:  # wait until some batches are committed, then kill
        time.sleep(0.3)
        if settings.db_path.exists():
            try:
                with sqlite3.connect(settings.db_path, timeout=5) as conn:
                    count = conn.execute("SELECT COUNT(*) FROM files").fetchone()[0]
            except sqlite3.OperationalError:
                continue
            if count >= 8:
                break
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert 0 < count < 120, "the scan must be killed in the middle"
    with sqlite3.connect(settings.db_path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        files = conn.execute("SELECT COUNT(*) FROM files").fetchone()[0]
        pieces = conn.execute("SELECT COUNT(*) FROM pieces").fetchone()[0]
        embedded = conn.execute("SELECT COUNT(*) FROM embeddings").fetchone()[0]
        assert files == pieces == embedded  # whole batches only: every stored file has its piece and vector
    with open_lib(settings, tiny_checkpoint) as lib:
        lib.scan([root], workers=1)
        stats = lib.stats()
        assert stats["files"] == stats["pieces"] == stats["indexed"] == 120
        paths = [r[0] for r in lib.catalog._conn.execute("SELECT path FROM files")]
        assert len(paths) == len(set(paths)) == 120


def test_cli_search_similar_stats_errors_speak_json(settings, tiny_checkpoint, collection, tmp_path, capsys):
    from clamp2_engine.cli import main
    from model_factory import tiny_tokenizer_dir

    model_dir = tmp_path / "model-with-tokenizer"
    model_dir.mkdir()
    shutil.copy(tiny_checkpoint, model_dir / "tiny.pth")
    shutil.copy(tiny_checkpoint.parent / "config.json", model_dir / "config.json")
    tiny_tokenizer_dir(model_dir / "tokenizer")
    base = ["--db", str(settings.db_path), "--model", str(model_dir / "tiny.pth"), "--device", "cpu"]
    os.environ["CLAMP2_DATA_DIR"] = str(tmp_path / "data")
    try:
        assert main(["scan", str(collection), "--json", *base]) == 0
        doc = json.loads(capsys.readouterr().out)
        assert doc["stats"]["pieces"] == expected_pieces()

        assert main(["search", "irish jig", "-k", "5", "--json", *base]) == 0
        results = json.loads(capsys.readouterr().out)
        assert [r["rank"] for r in results] == [1, 2, 3, 4, 5]
        assert set(results[0]) >= {"rank", "score", "piece_id", "path", "tune", "title"}

        target = collection / "abc" / "tunes_2.abc"
        assert main(["similar", str(target), "--tune", "1", "-k", "3", "--json", *base]) == 0
        results = json.loads(capsys.readouterr().out)
        assert results[0]["path"] == str(target) and results[0]["tune"] == 1

        midi = collection / "midi" / "sub0" / "piece_000.mid"
        assert main(["similar", str(midi), "-k", "2", "--format", "abc", "--json", *base]) == 0
        results = json.loads(capsys.readouterr().out)
        assert len(results) == 2 and all(r["path"].endswith(".abc") or r["path"].endswith(".ABC") for r in results)

        assert main(["stats", "--json", *base]) == 0
        stats = json.loads(capsys.readouterr().out)
        assert {"files", "pieces", "errors", "models"} <= set(stats) and stats["errors"] == 6

        assert main(["errors", "--json", *base]) == 0
        errors = json.loads(capsys.readouterr().out)
        assert len(errors) == 6 and all(set(e) >= {"path", "reason"} for e in errors)

        assert main(["rebuild-index", *base]) == 0
    finally:
        os.environ.pop("CLAMP2_DATA_DIR", None)


def test_watch_mode_picks_up_added_and_removed_files(settings, tiny_checkpoint, tmp_path):
    import threading

    from clamp2_engine.watch import watch

    root = tmp_path / "watched"
    make_midi(root / "a.mid", seed=1)
    with open_lib(settings, tiny_checkpoint) as lib:
        lib.scan([root], workers=1)
        stop = threading.Event()
        reports = []

        def rescan(r: Path) -> None:
            # the catalog connection belongs to this thread's creator; open a fresh library in the watcher thread
            with Library.open(settings, tiny_checkpoint, device="cpu") as other:
                reports.append(other.scan([r], workers=1))

        thread = threading.Thread(target=watch, args=([root], rescan, stop), kwargs={"quiet_seconds": 0.3})
        thread.start()
        try:
            time.sleep(0.5)
            make_midi(root / "b.mid", seed=2)
            deadline = time.time() + 30
            while time.time() < deadline and not any(r.new for r in reports):
                time.sleep(0.2)
            (root / "a.mid").unlink()
            while time.time() < deadline and not any(r.removed for r in reports):
                time.sleep(0.2)
        finally:
            stop.set()
            thread.join(timeout=10)
    with open_lib(settings, tiny_checkpoint) as lib:
        paths = [p.path for p in lib.catalog.pieces(lib.catalog.piece_ids_matching().tolist())]
        assert paths == [str(root / "b.mid")]
