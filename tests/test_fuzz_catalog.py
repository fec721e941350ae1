"""Hostile file names and contents through a real library scan.

Real :class:`Library` scans (the fixture CLaMP 2 model, SQLite, hnswlib) of
folders whose files have names with newlines, carriage returns, tabs,
non-Latin scripts, right-to-left marks, emoji, combining marks, quotes and
SQL, shell and glob metacharacters, 255-byte names and names that are not
valid UTF-8 at all; contents that are good MIDI/ABC or junk.  Every scan
finishes, every file is either a piece or an error with its reason, a rescan
changes nothing, a rename is recognised as a move, and results point back
to the real paths.  Also: catalog rows with arbitrary titles and metadata
round-trip, and a file that takes too long is skipped by the per-file time
limit instead of stalling the scan.  Case counts are printed at the end.
"""
from __future__ import annotations

import os
import shutil
import threading
import time
from collections import Counter
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from clamp2_engine.catalog import Catalog, PieceRow
from clamp2_engine.checkpoints import load_model
from clamp2_engine.library import Library
from clamp2_engine.settings import Settings
import fuzz_support
from music_factory import make_abc_file, make_midi

HARD_LIMIT_S = 120.0
FUZZ = settings(deadline=timedelta(seconds=30), print_blob=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                       HealthCheck.function_scoped_fixture])
CASES: Counter[str] = Counter()
EXTENSIONS = [".mid", ".MID", ".midi", ".kar", ".abc", ".ABC"]


def fuzz(max_examples: int) -> settings:
    return settings(FUZZ, max_examples=max_examples)


def hard_time_limit(seconds: float = HARD_LIMIT_S):
    return fuzz_support.hard_time_limit(seconds)


@pytest.fixture(scope="module")
def model(tiny_checkpoint):
    return load_model(tiny_checkpoint)


@pytest.fixture(scope="module")
def contents(tmp_path_factory) -> dict[str, bytes]:
    """Good MIDI, good ABC (two tunes) and junk, as bytes to write under any name."""
    tmp = tmp_path_factory.mktemp("contents")
    out = {}
    for i in range(4):
        out[f"midi{i}"] = make_midi(tmp / f"m{i}.mid", n_notes=20 + i, seed=100 + i).read_bytes()
        out[f"abc{i}"] = make_abc_file(tmp / f"a{i}.abc", 2, seed=200 + i).read_bytes()
    out["junk"] = b"this is not music\n"
    return out


def _content_for(name: str, key: int, contents: dict[str, bytes]) -> tuple[bytes, bool]:
    """(bytes, good?): content that fits the extension, or junk every fifth file."""
    if key % 5 == 4:
        return contents["junk"], False
    kind = "abc" if name.lower().endswith(".abc") else "midi"
    return contents[f"{kind}{key % 4}"], True


def _fs_ok(name: str) -> bool:
    raw = os.fsencode(name)
    return 0 < len(raw) <= 255 and b"/" not in raw and b"\x00" not in raw and name not in (".", "..")


# Characters from every corner: control characters (newline, CR, tab, escape), RTL and zero-width marks,
# combining accents, CJK, Arabic, Devanagari, emoji, quotes, SQL/shell/glob metacharacters, backslash.
name_chars = st.one_of(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="/\x00"),
    st.sampled_from(list("\n\r\t\x1b\u200f\u200e\u202e\u200b\u0301\u0308音楽曲عربيहिंदी🎵🎻'\"`;$*?[]{}%\\| -~#&")),
)
base_names = st.text(name_chars, min_size=1, max_size=40)


@st.composite
def file_names(draw) -> list[str]:
    names = []
    for _ in range(draw(st.integers(1, 6))):
        base = draw(base_names)
        if draw(st.integers(0, 9)) == 0:
            base = base * 40  # long: trimmed to the 255-byte limit below
        ext = draw(st.sampled_from(EXTENSIONS))
        raw = os.fsencode(base)[: 255 - len(ext)]
        name = os.fsdecode(raw.decode("utf-8", "ignore").encode()) + ext
        # (a name of only dots before the extension, like "...mid", has no extension: not music, by design)
        if (_fs_ok(name) and os.path.splitext(name)[1] == ext and name not in names
                and name.lower() not in {n.lower() for n in names}):
            names.append(name)
    assume(names)
    return names


def _scan_and_check(lib: Library, root: Path, expected_good: dict[str, bool]) -> None:
    with hard_time_limit():
        report = lib.scan([root], workers=1)
    n = len(expected_good)
    assert not report.cancelled and report.seen == n and report.new == n, report
    failed = {e.path for e in lib.errors()}
    for path, good in expected_good.items():
        state = lib.catalog.file_state(path)
        assert state is not None, f"{path!r} missing from the catalog"
        if good:
            assert path not in failed, (path, lib.errors())
            assert lib.catalog.pieces_of_file(path), path
        else:
            assert path in failed, path
    assert report.failed == sum(not g for g in expected_good.values())
    # Results point back to real files, whatever their names.
    goods = [p for p, g in expected_good.items() if g]
    if goods:
        rec = lib.catalog.pieces_of_file(goods[0])[0]
        results, _query = lib.similar(rec.id, k=2 * n + 2)
        assert rec.id in [r.piece_id for r in results]
        assert all(os.path.exists(r.path) for r in results)
    # A rescan changes nothing.
    again = lib.scan([root], workers=1)
    assert again.unchanged == n and again.new == again.changed == again.removed == again.moved == 0, again
    assert lib.catalog.integrity_check() == "ok"


@fuzz(40)
@given(names=file_names(), data=st.data())
def test_scan_of_files_with_hostile_names(tmp_path_factory, model, contents, names, data):
    tmp = tmp_path_factory.mktemp("scan")
    root = tmp / "library"
    root.mkdir()
    expected = {}
    for i, name in enumerate(names):
        body, good = _content_for(name, data.draw(st.integers(0, 9)), contents)
        path = root / name
        path.write_bytes(body)
        expected[str(path)] = good
    settings_ = Settings.from_env(db=tmp / "lib.db", environ={"CLAMP2_DATA_DIR": str(tmp / "data")})
    with Library.with_model(settings_, model, device="cpu") as lib:
        _scan_and_check(lib, root, expected)
        # Rename a good file to another hostile name: recognised as a move (same sha256), pieces kept.
        goods = [p for p, g in expected.items() if g]
        if goods:
            old = Path(goods[0])
            new_name = data.draw(file_names())[0]
            stem = os.fsdecode(os.fsencode(Path(new_name).stem)[:200].decode("utf-8", "ignore").encode())
            new = root / ("moved " + stem + old.suffix)  # same extension: same parser, same content
            assume(_fs_ok(new.name) and not new.exists() and len(os.fsencode(new.name)) <= 255)
            ids_before = [r.id for r in lib.catalog.pieces_of_file(old)]
            same = [p for p in goods if Path(p).read_bytes() == old.read_bytes()]
            os.rename(old, new)
            report = lib.scan([root], workers=1)
            if len(same) == 1:
                assert report.moved == 1, report
                assert [r.id for r in lib.catalog.pieces_of_file(new)] == ids_before
            assert lib.catalog.file_state(old) is None and lib.catalog.file_state(new) is not None
    shutil.rmtree(tmp, ignore_errors=True)
    CASES["hostile_names"] += 1
    CASES["hostile_names:files"] += len(names)


EXPLICIT_NAMES = [
    "new\nline.mid", "carriage\r\nreturn.abc", "tab\there.mid", "\x1b[31mred\x1b[0m.mid",
    "日本の歌.mid", "中文歌曲.abc", "عربي.mid", "हिंदी गीत.abc", "Ελληνικά.kar", "עברית\u200f.mid",
    "e\u0301te\u0301.abc", "été.abc", "🎵🎻.mid", "'; DROP TABLE files; --.mid", "$(touch pwned).mid",
    "`id`.abc", "*?[glob].mid", "%s%n%x.mid", "back\\slash.abc", "-rf.mid", " leading space.mid",
    "trailing space .abc", "x" * 251 + ".mid", "\u202eevil.gpj.mid",
]


def test_scan_of_every_kind_of_awkward_name_including_invalid_utf8(tmp_path, model, contents):
    root = tmp_path / "library"
    root.mkdir()
    expected = {}
    for i, name in enumerate(EXPLICIT_NAMES):
        body, good = _content_for(name, i % 4, contents)
        (root / name).write_bytes(body)
        expected[str(root / name)] = good
    sub = root / "sous-dossier\nà la ligne"
    sub.mkdir()
    (sub / "piece.mid").write_bytes(contents["midi0"])
    expected[str(sub / "piece.mid")] = True
    # Names whose bytes are not UTF-8 (a Latin-1 archive unpacked on Linux): reported, not a crash.
    bad_file = os.fsdecode(os.fsencode(str(root)) + b"/caf\xe9-latin1.mid")
    Path(bad_file).write_bytes(contents["midi1"])
    bad_dir = Path(os.fsdecode(os.fsencode(str(root)) + b"/dossier-\xff"))
    bad_dir.mkdir()
    (bad_dir / "inside.mid").write_bytes(contents["midi2"])
    settings_ = Settings.from_env(db=tmp_path / "lib.db", environ={"CLAMP2_DATA_DIR": str(tmp_path / "data")})
    with Library.with_model(settings_, model, device="cpu") as lib:
        with hard_time_limit():
            report = lib.scan([root], workers=1)
        errors = {e.path: e.reason for e in lib.errors()}
        assert "caf\\xe9-latin1.mid" in " ".join(errors) and "dossier-\\xff" in " ".join(errors)
        assert all("not valid UTF-8" in r for p, r in errors.items() if "\\x" in p)
        for path, good in expected.items():
            assert lib.catalog.file_state(path) is not None, repr(path)
            assert (path in errors) != good, (path, errors.get(path))
        assert report.pieces_embedded == sum(len(lib.catalog.pieces_of_file(p)) for p, g in expected.items() if g)
        again = lib.scan([root], workers=1)
        assert again.new == again.changed == again.removed == 0 and again.unchanged == len(expected)
        results = lib.search_vector(lib.catalog.embeddings(lib.model.id)[1][0], k=100)
        assert {r.path for r in results} <= set(expected)
        assert lib.catalog.integrity_check() == "ok"
    CASES["explicit_names"] += len(EXPLICIT_NAMES) + 3


@pytest.fixture(scope="module")
def rows_catalog(tmp_path_factory):
    folder = tmp_path_factory.mktemp("rows")
    with Catalog.open(folder / "lib.db") as cat:
        yield cat, folder, cat.add_root(folder)


@fuzz(150)
@given(title=st.one_of(st.none(), st.text(max_size=300)), composer=st.one_of(st.none(), st.text(max_size=50)),
       meta=st.dictionaries(st.text(max_size=20), st.one_of(st.text(max_size=50), st.integers(), st.floats(
           allow_nan=False), st.none(), st.lists(st.integers(), max_size=5)), max_size=8),
       name=base_names)
def test_catalog_rows_round_trip_any_text(rows_catalog, title, composer, meta, name):
    """What a parser reads from a file (titles, composers, metadata) is stored and read back exactly."""
    cat, folder, root = rows_catalog
    CASES["catalog_rows"] += 1
    name = f"{CASES['catalog_rows']} {name}.abc"
    assume(_fs_ok(name))
    path = folder / name
    ids = cat.record_file_ok(path, root.id, 10, 1, "0" * 64, "abc",
                             [PieceRow(0, title, composer, meta, 1.5), PieceRow(1, title, None, {}, None)])
    rec = cat.piece(ids[0])
    assert (rec.title, rec.composer, rec.meta, rec.path) == (title, composer, meta, str(path))
    assert [r.id for r in cat.pieces_of_file(path)] == ids
    # Changed bytes that no longer parse: the error is recorded with its reason, the old pieces go.
    cat.record_file_error(path, root.id, 11, 2, "1" * 64, "abc", f"bad {title!r}\n{meta!r}", "abc")
    assert (str(path), f"bad {title!r}\n{meta!r}") in {(e.path, e.reason) for e in cat.errors()}
    assert cat.pieces_of_file(path) == []


def test_a_file_that_takes_too_long_is_skipped_not_waited_for(tmp_path, model, contents, monkeypatch):
    """The per-file time limit, through the scan's worker processes (as the app runs scans)."""
    import struct

    import clamp2_engine.scanner as scanner

    def vlq(n: int) -> bytes:
        out = [n & 0x7F]
        n >>= 7
        while n:
            out.append(0x80 | (n & 0x7F))
            n >>= 7
        return bytes(reversed(out))

    note = vlq(1) + b"\x90\x3c\x40" + vlq(1) + b"\x80\x3c\x00"
    body = note * 150_000 + b"\x00\xff\x2f\x00"  # 1.2 MB, 300,000 events: seconds to read on any machine
    slow = b"MThd" + struct.pack(">IHHH", 6, 0, 1, 480) + b"MTrk" + struct.pack(">I", len(body)) + body
    root = tmp_path / "library"
    root.mkdir()
    (root / "slow.mid").write_bytes(slow)
    for i in range(9):
        make_midi(root / f"ok{i}.mid", n_notes=12, seed=i)
    settings_ = Settings.from_env(db=tmp_path / "lib.db", environ={"CLAMP2_DATA_DIR": str(tmp_path / "data")})
    result: dict = {}
    pools: list = []
    real_pool = scanner.ProcessPoolExecutor
    monkeypatch.setattr(scanner, "ProcessPoolExecutor", lambda *a, **k: pools.append(1) or real_pool(*a, **k))

    def scan_in_a_thread() -> None:  # off the main thread, like the app's scan thread
        with Library.with_model(settings_, model, device="cpu") as lib:
            result["report"] = scanner.Scanner(lib.catalog, lib.embedder, lib.index, lib.model.id, workers=2,
                                               file_time_limit=0.5).scan([root])
            result["errors"] = lib.errors()

    start = time.perf_counter()
    thread = threading.Thread(target=scan_in_a_thread)
    thread.start()
    thread.join(HARD_LIMIT_S)
    assert not thread.is_alive(), "the scan hung"
    assert pools, "the files were not read in worker processes"
    report, errors = result["report"], result["errors"]
    assert report.seen == 10 and report.failed == 1 and report.pieces_embedded == 9, report
    assert errors[0].path.endswith("slow.mid") and "longer than 0.5 s" in errors[0].reason
    assert time.perf_counter() - start < 60
    CASES["time_limit"] += 1


def test_a_file_that_needs_too_much_memory_fails_alone(tmp_path, model, monkeypatch):
    """The parser processes' memory budget: past it, that file fails with a reason; the others are read."""
    import struct

    import clamp2_engine.scanner as scanner

    note = b"\x01\x90\x3c\x40\x01\x80\x3c\x00"
    body = note * 150_000 + b"\x00\xff\x2f\x00"  # 1.2 MB of notes: a few hundred MB as Python objects
    root = tmp_path / "library"
    root.mkdir()
    (root / "huge.mid").write_bytes(b"MThd" + struct.pack(">IHHH", 6, 0, 1, 480) + b"MTrk"
                                    + struct.pack(">I", len(body)) + body)
    for i in range(9):
        make_midi(root / f"ok{i}.mid", n_notes=12, seed=i)
    settings_ = Settings.from_env(db=tmp_path / "lib.db", environ={"CLAMP2_DATA_DIR": str(tmp_path / "data")})
    with Library.with_model(settings_, model, device="cpu") as lib, hard_time_limit():
        report = scanner.Scanner(lib.catalog, lib.embedder, lib.index, lib.model.id, workers=2,
                                 worker_memory_mb=100).scan([root])
        errors = lib.errors()
    assert report.failed == 1 and report.pieces_embedded == 9, report
    assert errors[0].path.endswith("huge.mid") and "out of memory" in errors[0].reason
    CASES["memory_limit"] += 1


def test_zz_report_case_counts(capsys):
    total, text = fuzz_support.case_report("fuzz_catalog", CASES, outcomes=False)
    with capsys.disabled():
        print("\n" + text)
