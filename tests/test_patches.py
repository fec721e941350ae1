"""The patchilizer against the official M3Patchilizer outputs, id for id."""
from __future__ import annotations

import numpy as np
import pytest

from clamp2_engine import patches as P

MTF = ["m01_single_track", "m02_multitrack", "m03_tempo_change", "m04_drums_ch10", "m05_misc_messages", "m06_long"]
ABC = ["a01_reel", "a02_two_voice", "a03_three_voice_lyrics", "a04_long_exact1024"]


def _source_text(reference_dir, name: str) -> str:
    if name.startswith("m"):
        return (reference_dir / "expected" / "mtf" / f"{name}.mtf").read_text(encoding="utf-8")
    return (reference_dir / "expected" / "abc_interleaved" / f"{name}.abc").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", MTF + ABC)
def test_patch_ids_equal_official_patchilizer(reference_dir, name):
    expected = np.load(reference_dir / "expected" / "patches" / f"{name}.npy")
    got = P.encode(_source_text(reference_dir, name), add_special_patches=True)
    assert got.dtype == np.uint8
    assert got.shape == expected.shape
    np.testing.assert_array_equal(got, expected)


def test_patch_counts_match_manifest(reference_dir):
    import json

    counts = json.loads((reference_dir / "config.json").read_text())["patch_counts"]
    for file_name, info in counts.items():
        name = file_name.rsplit(".", 1)[0]
        text = _source_text(reference_dir, name)
        assert len(P.encode(text, add_special_patches=True)) == info["num_patches_with_special"]
        assert len(P.encode(text, add_special_patches=False)) == info["num_patches_without_special"]


def test_special_patches_are_bos_row_and_bos_then_eos_row():
    ids = P.encode("ticks_per_beat 480\nend_of_track 0")
    assert ids[0].tolist() == [1] * 64
    assert ids[-1].tolist() == [1] + [2] * 63


def test_same_type_mtf_lines_pack_into_one_patch_until_full():
    lines = ["ticks_per_beat 96"] + [f"note_on 0 0 {60 + i} 90" for i in range(10)]
    segs = P.segment_text("\n".join(lines))
    assert segs[0] == "ticks_per_beat 96\n"
    assert segs[1].startswith("note_on 0 0 60 90\t0 0 61 90\t")
    assert all(len(s) <= 62 for s in segs)
    # every event is still present exactly once
    assert sum(s.count("\t") + 1 for s in segs[1:]) == 10


def test_long_abc_bar_loses_its_tail_and_eos_like_upstream():
    bar = "A" * 100 + "|\n"
    ids = P.encode("X:1\n" + bar, add_special_patches=False)
    assert ids.shape == (2, 64)
    assert ids[1][0] == P.BOS_ID and ids[1][-1] == ord("A")  # no EOS room left


def test_abc_text_after_last_barline_is_dropped_and_newline_moves_to_last_bar():
    segs = P.segment_text("[V:1]abc|def|ghi\n")
    assert segs == ["[V:1]abc|", "def|\n"]


def test_leading_barline_is_glued_to_following_bar():
    assert P.segment_text("|:abc|def:|\n") == ["|:abc|", "def:|\n"]


def test_non_ascii_text_is_transliterated_before_patching():
    ids = P.encode("T:Ça ira — «bis»\n", add_special_patches=False)
    assert int(ids.max()) < 128


@pytest.mark.parametrize("n, expected", [
    (7, [(0, 7, 7)]),
    (512, [(0, 512, 512)]),
    (623, [(0, 512, 512), (111, 623, 111)]),
    (1024, [(0, 512, 512), (512, 1024, 512)]),
    (1100, [(0, 512, 512), (512, 1024, 512), (588, 1100, 76)]),
])
def test_windows_follow_official_segmentation(n, expected):
    assert [(w.start, w.stop, w.weight) for w in P.windows(n, 512)] == expected


def test_truncate_keeps_head_tail_or_middle_of_requested_length():
    import random

    arr = np.arange(1000)[:, None].repeat(2, axis=1)
    assert P.truncate(arr, 512, "head")[0, 0] == 0
    assert P.truncate(arr, 512, "tail")[-1, 0] == 999
    mid = P.truncate(arr, 512, "middle", random.Random(0))
    assert len(mid) == 512 and 0 < mid[0, 0] < 488
    assert len(P.truncate(arr[:10], 512)) == 10
