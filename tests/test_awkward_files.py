"""Deliberately awkward files: each is converted where the music is recoverable,
or reported with a specific error (file, position, reason) -- never a raw traceback."""
from __future__ import annotations

import io
import struct
import time
from pathlib import Path

import mido
import pytest

from clamp2_engine.errors import AbcFileError, MidiFileError
from clamp2_engine.formats.abc import interleave_abc, read_abc
from clamp2_engine.formats.midi import file_to_mtf, midi_metadata, midi_to_mtf, read_midi, read_midi_report
from clamp2_engine.pieces import read_pieces, read_pieces_report

# ----------------------------------------------------------------- helpers


def _smf(tracks: list[bytes], *, fmt: int = 1, division: int = 480, ntracks: int | None = None) -> bytes:
    """A Standard MIDI File from raw track bodies (written by hand, byte by byte)."""
    n = len(tracks) if ntracks is None else ntracks
    out = b"MThd" + struct.pack(">Ihhh", 6, fmt, n, division)
    for body in tracks:
        out += b"MTrk" + struct.pack(">I", len(body)) + body
    return out


EOT = b"\x00\xff\x2f\x00"
# note_on C4 then, with RUNNING STATUS (no second 0x90), E4, G4, then the offs.
RUNNING_STATUS_TRACK = (
    b"\x00\x90\x3c\x50" b"\x00\x40\x50" b"\x00\x43\x50"
    b"\x83\x60\x3c\x00" b"\x00\x40\x00" b"\x00\x43\x00" + EOT
)
RUNNING_STATUS_MTF = (
    "ticks_per_beat 480\nnote_on 0 0 60 80\nnote_on 0 0 64 80\nnote_on 0 0 67 80\n"
    "note_on 480 0 60 0\nnote_on 0 0 64 0\nnote_on 0 0 67 0\nend_of_track 0"
)


def _song(n_tracks: int = 3, notes: int = 16) -> bytes:
    mid = mido.MidiFile(type=1, ticks_per_beat=480)
    conductor = mido.MidiTrack([mido.MetaMessage("track_name", name="Song"), mido.MetaMessage("set_tempo", tempo=500000)])
    mid.tracks.append(conductor)
    for t in range(n_tracks - 1):
        channel, pitch = t % 16, 36 + 12 * (t % 5)
        track = mido.MidiTrack([mido.Message("program_change", channel=channel, program=(t * 8) % 128)])
        for i in range(notes):
            track.append(mido.Message("note_on", channel=channel, note=pitch + i % 12, velocity=80, time=0))
            track.append(mido.Message("note_off", channel=channel, note=pitch + i % 12, velocity=0, time=240))
        mid.tracks.append(track)
    buf = io.BytesIO()
    mid.save(file=buf)
    return buf.getvalue()


def _chunks(data: bytes) -> list[tuple[int, bytes, int]]:
    """(offset, id, length) of every chunk."""
    out, pos = [], 14
    while pos < len(data):
        cid, size = data[pos : pos + 4], struct.unpack(">I", data[pos + 4 : pos + 8])[0]
        out.append((pos, cid, size))
        pos += 8 + size
    return out


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


# ---------------------------------------------------------------- MIDI: fine


def test_running_status_is_read():
    data = _smf([RUNNING_STATUS_TRACK], fmt=0)
    assert data.count(b"\x90") == 1
    assert midi_to_mtf(read_midi(data)) == RUNNING_STATUS_MTF


def test_sysex_is_read_and_left_out_of_mtf():
    body = b"\x00\xf0\x05\x7e\x7f\x09\x01\xf7" + RUNNING_STATUS_TRACK
    mtf = midi_to_mtf(read_midi(_smf([body], fmt=0)))
    assert mtf == RUNNING_STATUS_MTF and "sysex" not in mtf


def test_karaoke_file_with_lyrics(tmp_path):
    mid = mido.MidiFile(type=1, ticks_per_beat=120)
    mid.tracks.append(mido.MidiTrack([mido.MetaMessage("set_tempo", tempo=500000)]))
    words = mido.MidiTrack([mido.MetaMessage("text", text="@KMIDI KARAOKE FILE"), mido.MetaMessage("text", text="@TRow Your Boat")])
    melody = mido.MidiTrack([mido.Message("program_change", channel=0, program=73)])
    for syllable, pitch in [("/Row ", 60), ("row ", 60), ("row ", 60), ("your ", 62), ("boat", 64)]:
        words.append(mido.MetaMessage("lyrics", text=syllable, time=0))
        words.append(mido.MetaMessage("lyrics", text="", time=120))
        melody.append(mido.Message("note_on", channel=0, note=pitch, velocity=90))
        melody.append(mido.Message("note_on", channel=0, note=pitch, velocity=0, time=120))
    mid.tracks.extend([words, melody])
    path = tmp_path / "row.KAR"
    mid.save(path)
    [piece] = read_pieces(path)
    assert piece.format == "midi" and piece.title == "Row Your Boat"
    assert piece.meta["has_lyrics"] and piece.meta["programs"] == [73]
    assert "lyrics" not in piece.text and "text" not in piece.text and piece.text.count("note_on") == 10


def test_huge_delta_time_converts_quickly():
    big = b"\xff\xff\xff\x7f"  # 0x0FFFFFFF ticks, the largest legal delta time
    body = b"\x00\x90\x3c\x50" + big + b"\x80\x3c\x00" + EOT
    start = time.perf_counter()
    mid = read_midi(_smf([body], fmt=0, division=96))
    mtf = midi_to_mtf(mid)
    info = midi_metadata(mid)
    assert time.perf_counter() - start < 2
    assert "note_off 268435455 0 60 0" in mtf
    assert info.duration_s == pytest.approx(0x0FFFFFFF * 0.5 / 96)


def test_many_tracks():
    data = _song(n_tracks=200, notes=2)
    mid = read_midi(data)
    assert len(mid.tracks) == 200
    assert midi_to_mtf(mid).count("note_on") == 199 * 2
    assert midi_metadata(mid).n_tracks == 200


def test_type0_file():
    mid = read_midi(_smf([RUNNING_STATUS_TRACK], fmt=0))
    assert mid.type == 0 and midi_metadata(mid).note_count == 3


# -------------------------------------------------------------- MIDI: repaired


def test_data_bytes_above_127_are_repaired_with_clip():
    data = bytearray(_smf([RUNNING_STATUS_TRACK], fmt=0))
    data[data.index(b"\x90\x3c\x50") + 2] = 0xC8  # velocity 200
    with pytest.raises(OSError):
        mido.MidiFile(file=io.BytesIO(bytes(data)))  # what the official converter hits
    report = read_midi_report(bytes(data), path="loud.mid")
    assert any("above 127 clipped" in r for r in report.repairs)
    assert midi_to_mtf(report.midi).splitlines()[1] == "note_on 0 0 60 127"


def test_undecodable_key_signature_is_dropped_and_its_time_kept():
    body = b"\x00\xff\x59\x02\x09\x05" + RUNNING_STATUS_TRACK  # "9 sharps, mode 5"
    data = _smf([body], fmt=0)
    with pytest.raises(Exception):
        mido.MidiFile(file=io.BytesIO(data))
    report = read_midi_report(data)
    assert any("undecodable meta" in r for r in report.repairs)
    assert midi_to_mtf(report.midi) == RUNNING_STATUS_MTF


def test_foreign_chunk_riff_wrapper_and_leading_junk_are_repaired():
    song = _song()
    expected = midi_to_mtf(read_midi(song))
    pos = _chunks(song)[1][0]
    with_chunk = song[:pos] + b"XFIH" + struct.pack(">I", 3) + b"abc" + song[pos:]
    riff = b"RIFF" + struct.pack("<I", len(song) + 12) + b"RMID" + b"data" + struct.pack("<I", len(song)) + song
    macbinary = b"\x00" * 128 + song
    for data, note in [(with_chunk, "XFIH"), (riff, "RIFF"), (macbinary, "128 bytes")]:
        report = read_midi_report(data)
        assert any(note in r for r in report.repairs), report.repairs
        assert midi_to_mtf(report.midi) == expected


@pytest.mark.parametrize("delta", [-3, +5])
def test_wrong_track_length_is_repaired(delta):
    song = bytearray(_song())
    expected = midi_to_mtf(read_midi(bytes(song)))
    offset, _, size = _chunks(bytes(song))[1]
    song[offset + 4 : offset + 8] = struct.pack(">I", size + delta)
    report = read_midi_report(bytes(song))
    assert any("declared length" in r for r in report.repairs)
    assert midi_to_mtf(report.midi) == expected


def test_header_counting_more_tracks_than_present_reads_the_present_ones():
    data = _smf([RUNNING_STATUS_TRACK], fmt=1, ntracks=4)
    report = read_midi_report(data)
    assert any("declares 4 tracks" in r for r in report.repairs)
    assert midi_to_mtf(report.midi) == RUNNING_STATUS_MTF


def test_garbage_after_the_last_track_is_ignored():
    assert midi_to_mtf(read_midi(_smf([RUNNING_STATUS_TRACK], fmt=0) + b"\x00\x00junk")) == RUNNING_STATUS_MTF


# -------------------------------------------------------------- MIDI: refused


def test_zero_byte_file(tmp_path):
    path = _write(tmp_path, "empty.mid", b"")
    with pytest.raises(MidiFileError, match=r"empty file \(0 bytes\)") as info:
        read_midi(path)
    assert info.value.path == str(path)


@pytest.mark.parametrize("fraction", [0.02, 0.1, 0.25, 0.5, 0.75, 0.9, 0.999])
def test_truncated_at_several_offsets(reference_dir, fraction):
    data = (reference_dir / "inputs" / "midi" / "m06_long.mid").read_bytes()
    cut = int(len(data) * fraction)
    with pytest.raises(MidiFileError, match=r"truncated in track \d+ at byte \d+") as info:
        read_midi(data[:cut], path="cut.mid")
    assert info.value.position.startswith("track ")
    assert info.value.path == "cut.mid"


def test_truncated_at_every_offset_of_a_small_file_never_escapes_as_a_raw_error(reference_dir):
    data = (reference_dir / "inputs" / "midi" / "m02_multitrack.mid").read_bytes()
    converted = 0
    for cut in range(len(data)):
        try:
            midi_to_mtf(read_midi(data[:cut]))
            converted += 1
        except MidiFileError as exc:
            assert exc.reason
    # Only a cut exactly between two whole tracks leaves readable music.
    assert converted == 1


def test_truncated_header(tmp_path):
    with pytest.raises(MidiFileError, match="truncated in the file header"):
        read_midi(_write(tmp_path, "h.mid", b"MThd\x00\x00\x00\x06\x00"))


def test_header_without_tracks():
    with pytest.raises(MidiFileError, match="no tracks .*declares 2"):
        read_midi(b"MThd" + struct.pack(">Ihhh", 6, 1, 2, 480))


def test_jpeg_bytes_named_mid(tmp_path):
    jpeg = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + bytes(range(256)) * 4
    path = _write(tmp_path, "photo.mid", jpeg)
    with pytest.raises(MidiFileError, match=r"not a MIDI file \(no MThd header; the data looks like a JPEG image\)"):
        read_midi(path)


def test_text_named_mid(tmp_path):
    path = _write(tmp_path, "notes.mid", b"Remember to buy milk.\nAnd eggs.\n")
    with pytest.raises(MidiFileError, match="not a MIDI file .*a text file"):
        file_to_mtf(path)


def test_abc_text_named_mid_says_so(tmp_path):
    path = _write(tmp_path, "tune.mid", b"X:1\nT:Tune\nK:G\nGABc|]\n")
    with pytest.raises(MidiFileError, match="ABC notation"):
        read_midi(path)


def test_undefined_status_byte_names_track_and_byte():
    body = b"\x00\x90\x3c\x50" + b"\x00\xf4\x00" + EOT
    data = _smf([body], fmt=0)
    with pytest.raises(MidiFileError, match="undefined status byte 0xf4") as info:
        read_midi(data)
    offset = data.index(b"\xf4")
    assert info.value.position == f"track 1, byte {offset}"


def test_endless_variable_length_number_fails_fast_instead_of_hanging():
    body = b"\x00\x90\x3c\x50" + b"\xff" * 300_000 + b"\x00\x80\x3c\x00" + EOT
    start = time.perf_counter()
    with pytest.raises(MidiFileError, match="variable-length number"):
        read_midi(_smf([body], fmt=0))
    assert time.perf_counter() - start < 2


def test_running_status_without_a_first_status_byte():
    with pytest.raises(MidiFileError, match="without a status byte"):
        read_midi(_smf([b"\x00\x3c\x50" + EOT], fmt=0))


def test_track_cut_and_missing_tracks_are_explained_in_the_piece_error(tmp_path):
    song = _song()
    boundary = _chunks(song)[1][0]  # only the conductor track survives
    path = _write(tmp_path, "cut.mid", song[:boundary])
    pieces, errors = read_pieces_report(path)
    assert not pieces
    assert "no notes" in errors[0].reason and "declares 3 tracks" in errors[0].reason


# ---------------------------------------------------------------------- ABC


CRASHER = """X:1
T:Two parts
M:4/4
L:1/8
K:C
V:1
|: CDEF GABc | cBAG FEDC :|
|: EGEG cGEG | FAFA dAFA :|
"""


def test_abc_that_crashes_the_official_pipeline_is_converted():
    """Spec 3.7: two consecutive body lines that both start with ``|:``."""
    out = interleave_abc(CRASHER)
    assert out.splitlines()[3:] == [
        "[V:1]|:CDEF GABc|",
        "[V:1]cBAG FEDC::",
        "[V:1]EGEG cGEG|",
        "[V:1]FAFA dAFA:|",
    ]


def test_abc_in_latin1(tmp_path):
    path = _write(tmp_path, "fete.abc", "X:1\nT:Fête au village\nO:Bretagne\nK:D\nd2 fe|d4|]\n".encode("latin-1"))
    [piece] = read_pieces(path)
    assert piece.title == "Fête au village"
    assert piece.meta["fields"]["O"] == ["Bretagne"]
    assert any("Latin-1" in w or "Windows-1252" in w for w in piece.meta["warnings"])


def test_abc_without_x_field(tmp_path):
    path = _write(tmp_path, "bare.abc", b"T:Bare\nM:3/4\nL:1/8\nK:A\nA2 c2 e2|a6|]\n")
    [piece] = read_pieces(path)
    assert piece.title == "Bare" and piece.tune_index == 0
    assert piece.text == "M:3/4\nL:1/8\nK:A\n[V:1]A2 c2 e2|\n[V:1]a6|]\n"


def test_multi_tune_file_where_one_tune_is_broken(tmp_path):
    text = (
        "X:1\nT:Good one\nK:G\nGABc d2B2|]\n\n"
        "X:2\nT:Only rests\nK:G\nz8|z8|]\n\n"
        "X:3\nT:Good two\nK:D\nDFA d2 A2|]\n"
    )
    path = _write(tmp_path, "book.abc", text.encode())
    pieces, errors = read_pieces_report(path)
    assert [p.title for p in pieces] == ["Good one", "Good two"]
    assert [p.tune_index for p in pieces] == [0, 2]
    [error] = errors
    assert error.tune_index == 1 and error.kind == "abc"
    assert error.position == "tune 2 (X:2), line 9" and "no notes" in error.reason
    assert error.message.startswith(f"{path} (tune 2 (X:2), line 9): ")


def test_binary_garbage_named_abc(tmp_path):
    path = _write(tmp_path, "garbage.abc", bytes(range(256)) * 8)
    with pytest.raises(AbcFileError, match="binary data"):
        read_abc(path)


def test_control_characters_in_one_tune_fail_only_that_tune(tmp_path):
    text = "X:1\nT:Fine\nK:C\nCDEF|]\nX:2\nT:Damaged\nK:C\nCD\x01\x02EF|]\n"
    pieces, errors = read_pieces_report(_write(tmp_path, "d.abc", text.encode()))
    assert [p.title for p in pieces] == ["Fine"]
    assert errors[0].position == "tune 2 (X:2), line 8" and "control character" in errors[0].reason


def test_abc_with_unbalanced_brackets_and_quotes_gives_a_best_effort_result():
    out = interleave_abc('X:1\nK:C\n[CEG c2 (d | "unclosed e2 f2 | {g a4 |]\n')
    assert out == 'K:C\n[V:1][CEG c2 (d|\n[V:1]"unclosed e2 f2|\n[V:1]{g a4|]\n'


def test_abc_without_k_field_is_still_read():
    out = interleave_abc("X:1\nT:No key\nM:2/4\nCDEF|GABc|]\n")
    assert out == "M:2/4\n[V:1]CDEF|\n[V:1]GABc|]\n"


@pytest.mark.parametrize(
    "body",
    [
        "(" * 20000 + "[" * 20000 + "{" * 20000 + "C|" + '"' * 20001,
        "[V:" * 20000 + "C|",
        "[K:" * 20000 + "C|",
        "!a" * 20000 + "C|",
        '"a' * 20001 + "C|",
        "|" * 50000 + "C",
        ":" * 50000 + "|C|",
    ],
    ids=["nested", "open-voice", "open-field", "decorations", "quotes", "barlines", "colons"],
)
def test_pathological_abc_does_not_hang(body):
    start = time.perf_counter()
    try:
        interleave_abc("X:1\nK:C\n" + body + "\n")
    except AbcFileError:
        pass
    assert time.perf_counter() - start < 2


def test_huge_abc_tune_is_linear():
    start = time.perf_counter()
    out = interleave_abc("X:1\nK:C\n" + "CDEF GABc|" * 30000 + "]\n")
    assert out.count("\n") == 30000 + 1
    assert time.perf_counter() - start < 5


def test_abc_with_only_header_fields_is_reported(tmp_path):
    pieces, errors = read_pieces_report(_write(tmp_path, "h.abc", b"X:1\nT:Header only\nK:C\n"))
    assert not pieces and "no music" in errors[0].reason
