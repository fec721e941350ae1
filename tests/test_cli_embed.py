"""`clamp2 convert` and `clamp2 embed` end to end, as a user runs them (a real subprocess)."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from model_factory import tiny_tokenizer_dir
from music_factory import make_abc_file, make_midi

MIDI = ["m01_single_track", "m02_multitrack", "m03_tempo_change", "m04_drums_ch10", "m05_misc_messages", "m06_long"]


def clamp2(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "clamp2_engine", *args], capture_output=True, text=True,
                          cwd=cwd, timeout=600)


def test_convert_to_mtf_is_byte_identical_to_the_official_converter(tmp_path, reference_dir):
    inputs = [str(reference_dir / "inputs" / "midi" / f"{n}.mid") for n in MIDI]
    proc = clamp2("convert", *inputs, "--to", "mtf", "--out-dir", str(tmp_path / "mtf"))
    assert proc.returncode == 0, proc.stderr
    for name in MIDI:
        got = (tmp_path / "mtf" / f"{name}.mtf").read_bytes()
        assert got == (reference_dir / "expected" / "mtf" / f"{name}.mtf").read_bytes(), name


def test_convert_abc_writes_one_interleaved_file_per_tune(tmp_path, reference_dir):
    book = make_abc_file(tmp_path / "book.abc", 3, seed=5)
    two_voice = reference_dir / "inputs" / "abc_raw" / "a02_two_voice.abc"
    proc = clamp2("convert", str(book), str(two_voice), "--to", "abc", "--out-dir", str(tmp_path / "out"))
    assert proc.returncode == 0, proc.stderr
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert names == ["a02_two_voice.abc", "book_0001.abc", "book_0002.abc", "book_0003.abc"]
    expected = (reference_dir / "expected" / "abc_interleaved" / "a02_two_voice.abc").read_text()
    assert (tmp_path / "out" / "a02_two_voice.abc").read_text() == expected


def test_embed_rows_follow_input_order_tunes_expand_and_failures_are_listed(tmp_path, reference_dir, tiny_checkpoint):
    midi = [reference_dir / "inputs" / "midi" / f"{n}.mid" for n in MIDI[:3]]
    book = make_abc_file(tmp_path / "book.abc", 4, seed=9)
    broken = tmp_path / "broken.mid"
    broken.write_bytes(b"MThd\x00\x00\x00\x06\x00\x01")
    order = [midi[2], book, broken, midi[0], midi[1]]
    out = tmp_path / "emb.npy"
    proc = clamp2("embed", *map(str, order), "--model", str(tiny_checkpoint), "--out", str(out), "--device", "cpu")
    assert proc.returncode == 0, proc.stderr
    matrix = np.load(out)
    doc = json.loads(out.with_suffix(".json").read_text())
    assert matrix.shape == (7, 64) and matrix.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(matrix, axis=1), 1.0, atol=1e-6)
    assert [Path(r["path"]).name for r in doc["rows"]] == ["m03_tempo_change.mid"] + ["book.abc"] * 4 + [
        "m01_single_track.mid", "m02_multitrack.mid"]
    assert [r["tune"] for r in doc["rows"]] == [None, 0, 1, 2, 3, None, None]
    assert len(doc["failed"]) == 1 and doc["failed"][0]["path"].endswith("broken.mid")
    assert "broken.mid" in proc.stderr and "failed" in proc.stderr
    assert doc["normalized"] is True and doc["weights_sha256"]


def test_embed_no_normalize_gives_the_official_projection(tmp_path, reference_dir, tiny_checkpoint):
    files = [reference_dir / "inputs" / "midi" / f"{n}.mid" for n in MIDI]
    out = tmp_path / "raw.npy"
    proc = clamp2("embed", *map(str, files), "--model", str(tiny_checkpoint), "--out", str(out), "--no-normalize",
                  "--batch-patches", "700")
    assert proc.returncode == 0, proc.stderr
    matrix = np.load(out)
    for row, name in zip(matrix, MIDI):
        expected = np.load(reference_dir / "expected" / "music_emb" / f"{name}.npy")[0]
        np.testing.assert_allclose(row, expected, atol=1e-5, rtol=1e-4)


def test_embed_text_queries_with_a_tokenizer(tmp_path, tiny_checkpoint):
    folder = tmp_path / "model"
    folder.mkdir()
    shutil.copy(tiny_checkpoint, folder / "tiny.pth")
    shutil.copy(tiny_checkpoint.parent / "config.json", folder / "config.json")
    tiny_tokenizer_dir(folder / "tokenizer")
    out = tmp_path / "q.npy"
    proc = clamp2("embed", "--text", "irish jig", "sad waltz", "--model", str(folder / "tiny.pth"), "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    assert np.load(out).shape == (2, 64)
    assert [r["text"] for r in json.loads(out.with_suffix(".json").read_text())["rows"]] == ["irish jig", "sad waltz"]


def test_embed_exits_non_zero_only_when_nothing_could_be_embedded(tmp_path, tiny_checkpoint):
    bad = tmp_path / "bad.mid"
    bad.write_text("not midi")
    proc = clamp2("embed", str(bad), "--model", str(tiny_checkpoint), "--out", str(tmp_path / "x.npy"))
    assert proc.returncode == 1
    assert "nothing could be embedded" in proc.stderr and "Traceback" not in proc.stderr
    assert not (tmp_path / "x.npy").exists()


@pytest.mark.parametrize("model", ["missing.pth", "garbage.pth"])
def test_embed_with_a_bad_model_is_one_clear_line_and_exit_3(tmp_path, model):
    (tmp_path / "garbage.pth").write_bytes(b"\x00" * 100)
    midi = make_midi(tmp_path / "a.mid", seed=1)
    proc = clamp2("embed", str(midi), "--model", str(tmp_path / model), "--out", str(tmp_path / "x.npy"))
    assert proc.returncode == 3
    assert "Traceback" not in proc.stderr and model in proc.stderr
