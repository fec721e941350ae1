"""The bundled demo library (resources/demo): complete, small, readable, and free of held-out music.

Only mido is used to read the MIDI files; ABC files are checked with plain text parsing.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import mido
import pytest

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "resources" / "demo"
HELDOUT = Path(__file__).resolve().parents[2] / "shared" / "data" / "heldout.txt"

# Files in the folder that are documentation or tooling, not library music.
META_FILES = {"README.md", "SOURCES.json", "build_demo.py"}
ALLOWED_COLLECTIONS = {"oneills1850", "airdsAirs", "bach"}
FORBIDDEN_PREFIXES = ("ryansMammoth/", "essenFolksong/")
MAX_BYTES = 2 * 1024 * 1024


def _sources() -> dict[str, dict]:
    return json.loads((DEMO / "SOURCES.json").read_text(encoding="utf-8"))


def _all_source_paths(entry: dict) -> list[str]:
    paths = [entry["source_path"]]
    paths += [t["source_path"] for t in entry.get("tunes", [])]
    return paths


def _music_files() -> set[str]:
    """Every file in the folder but the documentation/tooling ones (and caches or hidden files)."""
    out = set()
    for p in DEMO.rglob("*"):
        rel = p.relative_to(DEMO)
        if not p.is_file() or rel.as_posix() in META_FILES:
            continue
        if "__pycache__" in rel.parts or any(part.startswith(".") for part in rel.parts):
            continue
        out.add(rel.as_posix())
    return out


def _abc_tunes(text: str) -> list[list[str]]:
    """The tunes of an ABC file: blocks of lines that start at an ``X:`` line."""
    lines = text.splitlines()
    starts = [i for i, ln in enumerate(lines) if re.match(r"X:", ln)]
    return [lines[a:b] for a, b in zip(starts, starts[1:] + [len(lines)])]


def test_sources_json_lists_exactly_the_files_present():
    listed = set(_sources())
    present = _music_files()
    assert listed, "SOURCES.json lists no files"
    assert sorted(listed - present) == [], "listed in SOURCES.json but missing"
    assert sorted(present - listed) == [], "present in resources/demo but not in SOURCES.json"


def test_every_entry_has_the_documented_fields():
    for name, entry in _sources().items():
        for key in ("source_path", "collection", "licence", "title"):
            assert entry.get(key), f"{name}: no {key}"
        assert entry["collection"] in ALLOWED_COLLECTIONS, name
        for path in _all_source_paths(entry):
            assert path.startswith(entry["collection"] + "/"), (name, path)


def test_layout_and_mix_of_kinds():
    files = _music_files()
    abc = sorted(f for f in files if f.endswith(".abc"))
    mid = sorted(f for f in files if f.endswith(".mid"))
    assert sorted(files) == sorted(abc + mid), "only .abc and .mid files belong in the library"
    assert all(f.startswith("abc/") for f in abc) and all(f.startswith("midi/") for f in mid)
    assert 36 <= len(files) <= 48
    assert len(abc) >= 20 and len(mid) >= 8
    multi = [f for f in abc if len(_abc_tunes((DEMO / f).read_text(encoding="utf-8"))) > 1]
    assert multi, "no multi-tune ABC file"
    collections = {e["collection"] for e in _sources().values()}
    assert collections == ALLOWED_COLLECTIONS


def test_no_source_from_ryans_mammoth_or_essen():
    for name, entry in _sources().items():
        for path in _all_source_paths(entry):
            assert not path.startswith(FORBIDDEN_PREFIXES), (name, path)


def _heldout_keys() -> list[str]:
    if not HELDOUT.exists():
        pytest.fail(f"held-out list not found at {HELDOUT}")
    keys = []
    for line in HELDOUT.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            keys.append(line)
    return keys


def test_no_source_in_the_heldout_split():
    keys = _heldout_keys()
    assert "ryansMammoth/" in keys and any(k.startswith("essenFolksong/") for k in keys)
    folders = tuple(k for k in keys if k.endswith("/"))
    tunes = {k for k in keys if not k.endswith("/")}
    held_files = {k.split("#", 1)[0] for k in tunes}
    for name, entry in _sources().items():
        for path in _all_source_paths(entry):
            assert not path.startswith(folders), (name, path)
            assert path not in tunes, (name, path)
            # a whole-file source must not contain a held-out tune either
            if "#" not in path:
                assert path not in held_files, (name, path)


def test_every_midi_file_parses_and_has_notes():
    sources = _sources()
    mids = sorted(DEMO.glob("midi/*.mid"))
    assert mids
    for path in mids:
        mf = mido.MidiFile(path)
        notes = sum(1 for tr in mf.tracks for m in tr if m.type == "note_on" and m.velocity > 0)
        assert notes >= 50, f"{path.name}: {notes} notes"
        assert mf.length > 10, f"{path.name}: {mf.length:.1f} s"
        names = [m.name for tr in mf.tracks for m in tr if m.type == "track_name"]
        title = sources[path.relative_to(DEMO).as_posix()]["title"]
        assert any(title in n for n in names), f"{path.name}: no track name with {title!r} in {names}"


def test_every_abc_tune_has_x_t_and_k_fields():
    sources = _sources()
    abcs = sorted(DEMO.glob("abc/*.abc"))
    assert abcs
    for path in abcs:
        text = path.read_text(encoding="utf-8")
        tunes = _abc_tunes(text)
        assert tunes, f"{path.name}: no X: field"
        entry = sources[path.relative_to(DEMO).as_posix()]
        assert len(tunes) == max(1, len(entry.get("tunes", []))), path.name
        for block in tunes:
            x = re.match(r"X:\s*(\d+)", block[0])
            assert x, f"{path.name}: bad X: line {block[0]!r}"
            assert any(re.match(r"T:\s*\S", ln) for ln in block), f"{path.name} X:{x.group(1)}: no T:"
            assert any(re.match(r"K:\s*\S", ln) for ln in block), f"{path.name} X:{x.group(1)}: no K:"
            # the tune is the one SOURCES.json names
            keys = _all_source_paths(entry)
            assert any(k.endswith(f"#{int(x.group(1))}") for k in keys), (path.name, x.group(1))


def test_folder_is_small():
    total = sum(p.stat().st_size for p in DEMO.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    assert total < MAX_BYTES, f"resources/demo is {total} bytes"
