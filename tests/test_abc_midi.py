"""ABC → MIDI for playback: abc2midi first, music21 second, clear errors, never a hang."""
from __future__ import annotations

import shutil
import sys
import time
from pathlib import Path

import pytest

from clamp2_engine.errors import AbcFileError
from clamp2_engine.formats.abc import read_abc
from clamp2_engine.formats.abc_midi import (
    abc_to_midi,
    abc_to_midi_bytes,
    available_converters,
    convert_abc_tune,
)
from clamp2_engine.formats.midi import read_midi

ROOT = Path(__file__).resolve().parents[1]
DEMO_ABC = ROOT / "resources" / "demo" / "abc"
DROWSY = DEMO_ABC / "oneills1850_drowsy-maggie.abc"
REELS = DEMO_ABC / "oneills1850_set-of-reels.abc"

needs_abc2midi = pytest.mark.skipif(shutil.which("abc2midi") is None,
                                    reason="abc2midi is not installed (Debian package abcmidi; .ci/run installs it)")


def _notes(data: bytes) -> list[int]:
    mid = read_midi(data)
    return [m.note for t in mid.tracks for m in t if m.type == "note_on" and m.velocity > 0]


def _first_tune(path: Path) -> str:
    return read_abc(path)[0].effective_text


@needs_abc2midi
def test_every_demo_tune_converts_with_abc2midi():
    tunes = [(path, tune) for path in sorted(DEMO_ABC.glob("*.abc")) for tune in read_abc(path)]
    assert len(tunes) >= 30
    for path, tune in tunes:
        result = convert_abc_tune(tune.effective_text, converter="abc2midi", path=path)
        assert result.converter == "abc2midi"
        assert result.note_count > 20, (path, tune.index)
        assert len(_notes(result.data)) == result.note_count


@needs_abc2midi
def test_abc2midi_keeps_the_tunes_pitches():
    # Drowsy Maggie (K:Em) opens "E2 (BE dEBE)": E4 B4 E4 D5 E4 B4 E4.
    notes = _notes(abc_to_midi_bytes(_first_tune(DROWSY), converter="abc2midi"))
    assert notes[:7] == [64, 71, 64, 74, 64, 71, 64]


def test_music21_converts_the_same_tune():
    pytest.importorskip("music21")
    text = _first_tune(DROWSY)
    result = convert_abc_tune(text, converter="music21")
    assert result.converter == "music21"
    notes = _notes(result.data)
    assert notes[:7] == [64, 71, 64, 74, 64, 71, 64]
    if shutil.which("abc2midi"):
        reference = convert_abc_tune(text, converter="abc2midi").note_count
        assert abs(result.note_count - reference) <= reference * 0.1


def test_one_tune_of_a_tune_book(tmp_path):
    tunes = read_abc(REELS)
    assert len(tunes) == 5
    out = abc_to_midi(tunes[3].effective_text, tmp_path / "reel4.mid")
    assert out == tmp_path / "reel4.mid"
    mid = read_midi(out)
    assert 5.0 < mid.length < 300.0
    assert len(_notes(out.read_bytes())) > 50


def test_automatic_choice_prefers_abc2midi():
    found = available_converters()
    if not found:
        pytest.skip("no ABC converter installed")
    assert convert_abc_tune(_first_tune(DROWSY)).converter == found[0]
    if "abc2midi" in found:
        assert found[0] == "abc2midi"


@needs_abc2midi
def test_a_tune_without_x_field_converts_and_errors_name_the_callers_lines():
    text = "T:No reference number\nL:1/8\nK:C\nCDEF|\nCDE ^^^F|\n"
    result = convert_abc_tune(text, converter="abc2midi")
    assert result.note_count >= 7
    # abc2midi saw an added "X:1" line; the message still names line 5 of *our* text.
    assert any("line 5, char 4" in w and "Malformed note" in w for w in result.warnings), result.warnings


@needs_abc2midi
def test_a_tune_of_rests_has_no_notes_to_play():
    with pytest.raises(AbcFileError, match="no notes to play") as info:
        convert_abc_tune("X:1\nL:1/4\nK:C\nz4|z4|\n", converter="abc2midi", path="rests.abc", position="tune 1")
    assert str(info.value).startswith("rests.abc (tune 1): ")


@needs_abc2midi
def test_a_tune_without_key_field_says_so():
    with pytest.raises(AbcFileError, match="K: field"):
        convert_abc_tune("X:1\nT:no key\nabc|\n", converter="abc2midi")


@pytest.mark.parametrize("text, reason", [
    ("", "empty"),
    ("   \n\n", "empty"),
    ("X:1\nK:C\nC\x00D|\n", "NUL"),
    ("X:1\nK:C\n" + "C" * 2_000_001, "too long"),
])
def test_impossible_input_is_refused_before_any_converter_runs(text, reason):
    with pytest.raises(AbcFileError, match=reason):
        convert_abc_tune(text)


def test_unknown_converter_name_is_a_programming_error():
    with pytest.raises(ValueError, match="unknown ABC converter"):
        convert_abc_tune("X:1\nK:C\nC|\n", converter="lilypond")


def test_no_converter_at_all_is_a_clear_error(monkeypatch):
    monkeypatch.setenv("PATH", "")                      # abc2midi cannot be found
    monkeypatch.setitem(sys.modules, "music21", None)   # music21 cannot be imported
    assert available_converters() == []
    with pytest.raises(AbcFileError) as info:
        convert_abc_tune(_first_tune(DROWSY), path=DROWSY)
    message = str(info.value)
    assert "no ABC to MIDI converter is available" in message
    assert "abcmidi" in message and "music21" in message


def test_forcing_a_missing_converter_says_which(monkeypatch):
    monkeypatch.setenv("PATH", "")
    with pytest.raises(AbcFileError, match="abcmidi"):
        convert_abc_tune(_first_tune(DROWSY), converter="abc2midi")


@needs_abc2midi
def test_a_converter_that_runs_too_long_is_stopped():
    # 160,000 bars keep abc2midi busy for about half a second.
    huge = "X:1\nT:long\nM:4/4\nL:1/8\nK:C\n" + "CDEF GABc|" * 160_000 + "\n"
    started = time.monotonic()
    with pytest.raises(AbcFileError, match="abc2midi took longer than 0.02 s"):
        convert_abc_tune(huge, converter="abc2midi", timeout=0.02)
    assert time.monotonic() - started < 5


def test_music21_is_stopped_at_the_timeout_too():
    pytest.importorskip("music21")
    started = time.monotonic()
    with pytest.raises(AbcFileError, match="music21 took longer than"):
        convert_abc_tune(_first_tune(DROWSY), converter="music21", timeout=0.05)
    assert time.monotonic() - started < 5
