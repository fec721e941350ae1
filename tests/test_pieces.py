"""pieces: the one entry point from a file to model inputs, with per-tune errors."""
from __future__ import annotations

import json
import pickle
import shutil
from pathlib import Path

import pytest

from clamp2_engine.errors import AbcFileError, InputFileError, MidiFileError, ModelConfigError
from clamp2_engine.formats.abc import LABEL_FREE_DROP_FIELDS, OFFICIAL_DROP_FIELDS
from clamp2_engine.pieces import (
    PREPROCESSING_CONFIG_KEY,
    Piece,
    PieceError,
    Preprocessing,
    read_pieces,
    read_pieces_report,
)

DATA = Path(__file__).parent / "data" / "abc"


def test_midi_file_is_one_piece_whose_text_is_the_official_mtf(reference_dir):
    path = reference_dir / "inputs" / "midi" / "m02_multitrack.mid"
    [piece] = read_pieces(path)
    assert piece.text == (reference_dir / "expected" / "mtf" / "m02_multitrack.mtf").read_text(encoding="utf-8")
    assert piece.format == "midi" and piece.tune_index is None and piece.path == str(path)
    assert piece.title == "Conductor" and piece.composer is None
    assert piece.duration_s == pytest.approx(3.6)
    assert piece.meta["programs"] == [0, 33] and piece.meta["n_tracks"] == 3


@pytest.mark.parametrize("name", ["a02_two_voice", "a03_three_voice_lyrics", "a04_long_exact1024"])
def test_abc_fixture_piece_text_is_the_official_interleaved_abc(reference_dir, name):
    [piece] = read_pieces(reference_dir / "inputs" / "abc_raw" / f"{name}.abc")
    expected = (reference_dir / "expected" / "abc_interleaved" / f"{name}.abc").read_text(encoding="utf-8")
    assert piece.text == expected and piece.format == "abc" and piece.tune_index == 0


def test_tune_book_gives_one_piece_per_tune_with_header_fields():
    pieces = read_pieces(DATA / "folk_book.abc")
    assert [p.tune_index for p in pieces] == [0, 1, 2]
    assert [p.title for p in pieces] == ["The Tidy Kitchen", "Waltz for Anna", "Slow Air"]
    assert [p.composer for p in pieces] == ["Trad.", "A. Fiddler", None]
    reel = pieces[0]
    assert reel.meta["fields"]["R"] == ["reel"] and reel.meta["fields"]["O"] == ["Nowhere"]
    assert reel.meta["fields"]["M"] == ["4/4"] and reel.meta["fields"]["K"] == ["G"]
    assert reel.meta["x"] == 1 and reel.meta["line"] == 9 and reel.meta["implicit_voice"] is True
    assert reel.meta["n_bars"] == 9 and reel.meta["voices"] == ["V:1"]
    assert all(p.duration_s is None for p in pieces)


def test_piece_and_error_records_are_json_ready_and_picklable(tmp_path):
    pieces = read_pieces(DATA / "quartet_xml2abc.abc")
    for piece in pieces:
        assert json.loads(json.dumps(piece.to_dict()))["title"] == "Evening Chorale"
        assert pickle.loads(pickle.dumps(piece)) == piece
    bad = tmp_path / "bad.mid"
    bad.write_bytes(b"not midi")
    _, [error] = read_pieces_report(bad)
    assert pickle.loads(pickle.dumps(error)) == error
    assert json.loads(json.dumps(error.to_dict()))["message"] == error.message


def test_extensions_are_case_insensitive(tmp_path, reference_dir):
    midi = reference_dir / "inputs" / "midi" / "m01_single_track.mid"
    abc = reference_dir / "inputs" / "abc_raw" / "a02_two_voice.abc"
    for src, name, fmt in [(midi, "A.MID", "midi"), (midi, "b.Midi", "midi"), (midi, "c.kar", "midi"),
                           (abc, "d.ABC", "abc")]:
        shutil.copy(src, tmp_path / name)
        [piece] = read_pieces(tmp_path / name)
        assert piece.format == fmt


def test_mtf_file_is_one_already_converted_piece(tmp_path, reference_dir):
    src = reference_dir / "expected" / "mtf" / "m03_tempo_change.mtf"
    path = tmp_path / "x.MTF"
    shutil.copy(src, path)
    [piece] = read_pieces(path)
    assert piece.text == src.read_text(encoding="utf-8") and piece.format == "midi"
    assert piece.meta["source"] == "mtf"


def test_text_that_is_not_mtf_is_refused(tmp_path):
    path = tmp_path / "x.mtf"
    path.write_text("hello\nworld", encoding="utf-8")
    with pytest.raises(MidiFileError, match="not an MTF file"):
        read_pieces(path)


def test_unsupported_extension_is_reported_not_raised(tmp_path):
    path = tmp_path / "song.mp3"
    path.write_bytes(b"ID3")
    pieces, [error] = read_pieces_report(path)
    assert not pieces and error.kind == "file" and "unsupported file type '.mp3'" in error.reason


def test_read_pieces_raises_the_typed_error_when_nothing_is_readable(tmp_path):
    mid, abc = tmp_path / "x.mid", tmp_path / "x.abc"
    mid.write_bytes(b"")
    abc.write_bytes(b"X:1\nK:C\nz4|]\n")
    with pytest.raises(MidiFileError, match="empty file"):
        read_pieces(mid)
    with pytest.raises(AbcFileError, match="no notes") as info:
        read_pieces(abc)
    assert info.value.position == "tune 1 (X:1), line 3"


def test_read_pieces_returns_the_good_tunes_of_a_partly_broken_book(tmp_path):
    path = tmp_path / "book.abc"
    path.write_text("X:1\nK:C\nCDEF|]\nX:2\nK:C\nx4|]\n", encoding="utf-8")
    assert [p.tune_index for p in read_pieces(path)] == [0]
    pieces, errors = read_pieces_report(path)
    assert len(pieces) == 1 and [e.tune_index for e in errors] == [1]


def test_piece_error_turns_back_into_the_typed_exception():
    error = PieceError("a.abc", 3, "abc", "tune has no notes", "tune 4 (X:4), line 20")
    exc = error.to_exception()
    assert isinstance(exc, AbcFileError) and str(exc) == error.message
    assert isinstance(PieceError("a", None, "file", "x").to_exception(), InputFileError)


# -------------------------------------------------------------- preprocessing


def test_preprocessing_defaults_to_the_official_one_and_round_trips():
    assert Preprocessing() == Preprocessing.official()
    assert Preprocessing().abc_drop_fields == OFFICIAL_DROP_FIELDS
    for pre in (Preprocessing(), Preprocessing.label_free()):
        data = json.loads(json.dumps(pre.to_dict()))
        assert Preprocessing.from_dict(data) == pre
    assert Preprocessing.from_dict(None) == Preprocessing.from_dict({}) == Preprocessing()
    assert PREPROCESSING_CONFIG_KEY == "preprocessing"


@pytest.mark.parametrize(
    "bad",
    [{"abc_drop_fields": "T:"}, {"abc_drop_fields": [1]}, {"abc_keep_fields": [""]}, {"mtf_mode": "full"}, ["T:"]],
)
def test_preprocessing_refuses_what_it_does_not_understand(bad):
    with pytest.raises(ModelConfigError):
        Preprocessing.from_dict(bad)


def test_label_free_preprocessing_changes_the_model_input():
    official = read_pieces(DATA / "folk_book.abc")[0]
    label_free = read_pieces(DATA / "folk_book.abc", Preprocessing.label_free())[0]
    assert "R:reel" in official.text and "O:Nowhere" in official.text
    assert label_free.text.splitlines()[:3] == ["L:1/8", "M:4/4", "K:G"]
    assert "R:" not in label_free.text and "O:" not in label_free.text and "I:" not in label_free.text
    # Labels still reach the catalog through the piece's fields.
    assert label_free.title == "The Tidy Kitchen" and label_free.meta["fields"]["R"] == ["reel"]
    assert "T:" in LABEL_FREE_DROP_FIELDS and "K:" not in LABEL_FREE_DROP_FIELDS


def test_piece_dataclass_fields():
    piece = Piece("p", None, "midi", None, None, "ticks_per_beat 1")
    assert piece.meta == {} and piece.duration_s is None


@pytest.mark.parametrize(
    "relpath",
    ["midi/m01_single_track.mid", "midi/m04_drums_ch10.mid", "midi/m06_long.mid",
     "abc_raw/a02_two_voice.abc", "abc_raw/a03_three_voice_lyrics.abc", "abc_raw/a04_long_exact1024.abc"],
)
def test_file_to_patches_end_to_end_matches_the_official_patches(reference_dir, relpath):
    import numpy as np

    from clamp2_engine.patches import encode

    [piece] = read_pieces(reference_dir / "inputs" / relpath)
    expected = np.load(reference_dir / "expected" / "patches" / (Path(relpath).stem + ".npy"))
    np.testing.assert_array_equal(encode(piece.text), expected)
