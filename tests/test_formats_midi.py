"""MIDI: official MTF byte for byte, field order, reading from paths and bytes, metadata."""
from __future__ import annotations

import io
from pathlib import Path

import mido
import pytest
from mido.messages.specs import SPEC_BY_TYPE

from clamp2_engine.errors import MidiFileError
from clamp2_engine.formats.midi import (
    MESSAGE_FIELDS,
    META_FIELDS,
    file_to_mtf,
    merged_messages,
    midi_metadata,
    midi_to_mtf,
    mtf_line,
    read_midi,
    read_midi_report,
)

MIDI_NAMES = [
    "m01_single_track",
    "m02_multitrack",
    "m03_tempo_change",
    "m04_drums_ch10",
    "m05_misc_messages",
    "m06_long",
]


def _input(reference_dir: Path, name: str) -> Path:
    return reference_dir / "inputs" / "midi" / f"{name}.mid"


def _expected_mtf(reference_dir: Path, name: str) -> str:
    return (reference_dir / "expected" / "mtf" / f"{name}.mtf").read_bytes().decode("utf-8")


def _save(mid: mido.MidiFile) -> bytes:
    buf = io.BytesIO()
    mid.save(file=buf)
    return buf.getvalue()


def _track(*msgs) -> mido.MidiTrack:
    return mido.MidiTrack(list(msgs))


@pytest.mark.parametrize("name", MIDI_NAMES)
def test_every_fixture_mtf_is_byte_identical(reference_dir, name):
    assert file_to_mtf(_input(reference_dir, name)) == _expected_mtf(reference_dir, name)


@pytest.mark.parametrize("name", MIDI_NAMES)
def test_fixture_mtf_from_bytes_equals_from_path(reference_dir, name):
    data = _input(reference_dir, name).read_bytes()
    assert midi_to_mtf(read_midi(data)) == _expected_mtf(reference_dir, name)


def test_mtf_has_no_trailing_newline_and_starts_with_ticks_per_beat(reference_dir):
    mtf = file_to_mtf(_input(reference_dir, "m02_multitrack"))
    assert mtf.startswith("ticks_per_beat 480\n")
    assert not mtf.endswith("\n")
    assert mtf.splitlines()[-1] == "end_of_track 0"


def test_field_tables_agree_with_mido_specs():
    for msg_type, fields in MESSAGE_FIELDS.items():
        assert tuple(SPEC_BY_TYPE[msg_type]["value_names"]) == fields, msg_type
    from mido.midifiles.meta import _META_SPEC_BY_TYPE

    for meta_type, fields in META_FIELDS.items():
        if meta_type != "unknown_meta":
            assert tuple(_META_SPEC_BY_TYPE[meta_type].attributes) == fields, meta_type


def test_channel_messages_put_time_second_and_metas_put_time_last():
    assert mtf_line(mido.Message("note_on", channel=3, note=60, velocity=0, time=455)) == "note_on 455 3 60 0"
    assert mtf_line(mido.Message("pitchwheel", channel=0, pitch=-200, time=25)) == "pitchwheel 25 0 -200"
    assert mtf_line(mido.MetaMessage("key_signature", key="G", time=7)) == "key_signature G 7"
    assert mtf_line(mido.MetaMessage("time_signature", numerator=3, denominator=4, time=0)) == "time_signature 3 4 24 8 0"
    assert mtf_line(mido.MetaMessage("smpte_offset", frame_rate=25, seconds=1)) == "smpte_offset 25 0 0 1 0 0 0"


def test_dropped_messages_lose_their_delta_time_like_official():
    mid = mido.MidiFile(type=0, ticks_per_beat=96)
    mid.tracks.append(_track(
        mido.Message("note_on", note=60, velocity=90, time=0),
        mido.MetaMessage("lyrics", text="la", time=100),
        mido.Message("sysex", data=[1, 2, 3], time=10),
        mido.Message("note_on", note=60, velocity=0, time=50),
    ))
    assert midi_to_mtf(read_midi(_save(mid))) == (
        "ticks_per_beat 96\nnote_on 0 0 60 90\nnote_on 50 0 60 0\nend_of_track 0"
    )


def test_unknown_meta_is_written_like_mido_reads_it():
    mid = mido.MidiFile(type=0)
    mid.tracks.append(_track(
        mido.Message("note_on", note=60, velocity=90, time=0),
        mido.UnknownMetaMessage(0x60, data=(1, 2), time=30),
        mido.Message("note_on", note=60, velocity=0, time=10),
    ))
    # mido drops an unknown meta's delta time when reading (as the official converter saw it).
    assert "unknown_meta 96 (1, 2) 0" in midi_to_mtf(read_midi(_save(mid))).splitlines()


def test_non_ascii_values_are_unicode_escaped():
    msg = mido.MetaMessage("key_signature", key="C")
    assert mtf_line(msg) == "key_signature C 0"
    text = mido.MetaMessage("text", text="été")
    assert mtf_line(text) == "text \\xe9t\\xe9 0"


def test_read_midi_sets_filename_and_reports_no_repairs_for_a_good_file(reference_dir):
    path = _input(reference_dir, "m01_single_track")
    report = read_midi_report(path)
    assert report.repairs == () and report.size == path.stat().st_size
    assert report.midi.filename == str(path)


def test_type2_sequences_are_played_one_after_the_other():
    mid = mido.MidiFile(type=2, ticks_per_beat=100)
    for pitch in (60, 67):
        mid.tracks.append(_track(
            mido.Message("note_on", note=pitch, velocity=80, time=0),
            mido.Message("note_off", note=pitch, velocity=0, time=100),
            mido.MetaMessage("end_of_track", time=20),
        ))
    parsed = read_midi(_save(mid))
    assert parsed.type == 2
    assert midi_to_mtf(parsed) == (
        "ticks_per_beat 100\nnote_on 0 0 60 80\nnote_off 100 0 60 0\n"
        "note_on 20 0 67 80\nnote_off 100 0 67 0\nend_of_track 20"
    )
    assert midi_metadata(parsed).duration_s == pytest.approx(240 * 0.5 / 100)


def test_type0_and_type1_of_the_same_music_give_the_same_mtf():
    type1 = mido.MidiFile(type=1, ticks_per_beat=480)
    type1.tracks.append(_track(mido.MetaMessage("set_tempo", tempo=600000)))
    type1.tracks.append(_track(
        mido.Message("program_change", channel=0, program=40),
        mido.Message("note_on", channel=0, note=64, velocity=70),
        mido.Message("note_on", channel=0, note=64, velocity=0, time=480),
    ))
    type0 = mido.MidiFile(type=0, ticks_per_beat=480)
    type0.tracks.append(mido.merge_tracks(type1.tracks))
    assert midi_to_mtf(read_midi(_save(type0))) == midi_to_mtf(read_midi(_save(type1)))


# ------------------------------------------------------------------ metadata


def test_metadata_of_a_multitrack_fixture(reference_dir):
    info = midi_metadata(read_midi(_input(reference_dir, "m02_multitrack")))
    assert (info.type, info.n_tracks, info.ticks_per_beat) == (1, 3, 480)
    assert info.channels == [0, 1] and info.programs == [0, 33] and not info.has_drums
    assert (info.time_signature, info.key_signature) == ("3/4", "G")
    assert info.initial_tempo_bpm == pytest.approx(100.0)
    assert info.title == "Conductor"
    assert info.note_count == 24


def test_metadata_sees_drums_on_channel_10(reference_dir):
    info = midi_metadata(read_midi(_input(reference_dir, "m04_drums_ch10")))
    assert info.has_drums and info.channels == [9] and info.programs == []
    assert info.has_lyrics


@pytest.mark.parametrize("name", MIDI_NAMES)
def test_duration_follows_the_tempo_map_like_mido_length(reference_dir, name):
    mid = read_midi(_input(reference_dir, name))
    assert midi_metadata(mid).duration_s == pytest.approx(mid.length, abs=1e-6)


def test_tempo_changes_are_counted(reference_dir):
    info = midi_metadata(read_midi(_input(reference_dir, "m03_tempo_change")))
    assert info.tempo_changes == 2 and info.key_signature == "Eb"


def test_smpte_time_division_duration():
    # 25 fps, 40 ticks per frame -> 1000 ticks per second.
    mid = mido.MidiFile(type=0, ticks_per_beat=480)
    mid.tracks.append(_track(
        mido.Message("note_on", note=60, velocity=80),
        mido.Message("note_on", note=60, velocity=0, time=2000),
    ))
    data = bytearray(_save(mid))
    data[12:14] = bytes([256 - 25, 40])
    info = midi_metadata(read_midi(bytes(data)))
    assert info.duration_s == pytest.approx(2.0)


def test_title_is_the_first_track_name_of_track_zero_decoded_as_utf8():
    mid = mido.MidiFile(type=1)
    name = "Mélodie".encode("utf-8").decode("latin-1")  # how mido reads UTF-8 names
    mid.tracks.append(_track(mido.MetaMessage("track_name", name=name)))
    mid.tracks.append(_track(
        mido.MetaMessage("track_name", name="Piano"),
        mido.Message("note_on", note=60, velocity=80),
        mido.Message("note_on", note=60, velocity=0, time=10),
    ))
    assert midi_metadata(read_midi(_save(mid))).title == "Mélodie"


def test_metadata_is_json_ready(reference_dir):
    import json

    info = midi_metadata(read_midi(_input(reference_dir, "m06_long")), repairs=["x"])
    assert json.loads(json.dumps(info.to_dict()))["repairs"] == ["x"]


def test_merged_messages_end_with_one_end_of_track(reference_dir):
    msgs = merged_messages(read_midi(_input(reference_dir, "m02_multitrack")))
    assert [m.type for m in msgs].count("end_of_track") == 1 and msgs[-1].type == "end_of_track"


# -------------------------------------------------------------------- errors


def test_file_without_notes_is_an_error():
    mid = mido.MidiFile(type=0)
    mid.tracks.append(_track(mido.MetaMessage("set_tempo", tempo=500000), mido.Message("program_change", program=3)))
    with pytest.raises(MidiFileError, match="no notes"):
        midi_to_mtf(read_midi(_save(mid), path="quiet.mid"))


def test_file_with_empty_tracks_has_no_events():
    mid = mido.MidiFile(type=1)
    mid.tracks.extend([mido.MidiTrack(), mido.MidiTrack()])
    with pytest.raises(MidiFileError, match="no events"):
        midi_to_mtf(read_midi(_save(mid)))


def test_missing_file_is_a_midi_error(tmp_path):
    with pytest.raises(MidiFileError, match="cannot read"):
        read_midi(tmp_path / "gone.mid")


def test_file_over_the_size_limit_is_refused(reference_dir):
    with pytest.raises(MidiFileError, match="too large"):
        read_midi(_input(reference_dir, "m06_long"), max_bytes=1000)
