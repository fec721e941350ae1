"""MIDI files: read them robustly, turn them into CLaMP 2's MIDI Text Format, describe them.

MTF (spec section 2) is what the official ``batch_midi2mtf.py`` writes with
``m3_compatible=True``: ``ticks_per_beat <N>``, then one line per message of
mido's ``merged_track`` (all tracks merged in time order, delta times in
ticks), text-like metas and SysEx dropped, values separated by single
spaces, each line passed through ``unicode_escape``, lines joined by ``\\n``
with no trailing newline.  Two official quirks are kept on purpose because
the model was trained with them: a dropped message's delta time is lost (not
added to the next message), and an unknown meta event has time 0 (mido does
not pass its delta on).

Reading: the fast path is exactly the official one (``mido.MidiFile`` on the
bytes).  Only when mido fails does :mod:`clamp2_engine.formats.smf_scan`
walk the file byte by byte, to repair what is safe to repair (data bytes
above 127 via ``clip=True``, foreign chunks, wrong track counts or lengths,
undecodable metas ...) or to say precisely what is wrong and where.
"""
from __future__ import annotations

import io
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Iterable

import mido

from clamp2_engine.errors import MidiFileError
from clamp2_engine.formats import smf_scan

#: Files larger than this are refused (memory: mido keeps every event as an object).
MAX_MIDI_BYTES = 16 * 1024 * 1024

#: Meta types dropped from MTF (``m3_compatible=True``).
MTF_DROPPED_META = frozenset(
    {"text", "copyright", "track_name", "instrument_name", "lyrics", "marker", "cue_marker", "device_name",
     "sequencer_specific"}
)
#: Non-meta types dropped from MTF.
MTF_DROPPED_MESSAGES = frozenset({"sysex"})

#: Field order of each message type in MTF, after ``type`` (and ``time``).
#: Channel and system messages: ``type time <fields>``; metas: ``type <fields> time``.
#: Written out here so that MTF does not depend on dict order in some mido release.
MESSAGE_FIELDS: dict[str, tuple[str, ...]] = {
    "note_off": ("channel", "note", "velocity"),
    "note_on": ("channel", "note", "velocity"),
    "polytouch": ("channel", "note", "value"),
    "control_change": ("channel", "control", "value"),
    "program_change": ("channel", "program"),
    "aftertouch": ("channel", "value"),
    "pitchwheel": ("channel", "pitch"),
    "sysex": ("data",),
    "quarter_frame": ("frame_type", "frame_value"),
    "songpos": ("pos",),
    "song_select": ("song",),
    "tune_request": (),
    "clock": (),
    "start": (),
    "continue": (),
    "stop": (),
    "active_sensing": (),
    "reset": (),
}
META_FIELDS: dict[str, tuple[str, ...]] = {
    "sequence_number": ("number",),
    "text": ("text",),
    "copyright": ("text",),
    "track_name": ("name",),
    "instrument_name": ("name",),
    "lyrics": ("text",),
    "marker": ("text",),
    "cue_marker": ("text",),
    "device_name": ("name",),
    "channel_prefix": ("channel",),
    "midi_port": ("port",),
    "end_of_track": (),
    "set_tempo": ("tempo",),
    "smpte_offset": ("frame_rate", "hours", "minutes", "seconds", "frames", "sub_frames"),
    "time_signature": ("numerator", "denominator", "clocks_per_click", "notated_32nd_notes_per_beat"),
    "key_signature": ("key",),
    "sequencer_specific": ("data",),
    "unknown_meta": ("type_byte", "data"),
}

DRUM_CHANNEL = 9
_DEFAULT_TEMPO = 500_000


@dataclass(frozen=True)
class MidiRead:
    """A parsed MIDI file and the repairs that were needed to parse it."""

    midi: mido.MidiFile
    repairs: tuple[str, ...] = ()
    size: int = 0


@dataclass(frozen=True)
class MidiInfo:
    """What the library shows about a MIDI file.  ``to_dict`` is JSON-ready."""

    type: int
    ticks_per_beat: int
    n_tracks: int
    channels: list[int]
    programs: list[int]
    has_drums: bool
    duration_s: float | None
    initial_tempo_bpm: float
    time_signature: str | None
    key_signature: str | None
    title: str | None
    note_count: int
    has_lyrics: bool = False
    tempo_changes: int = 0
    repairs: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return asdict(self)


# ----------------------------------------------------------------------- reading


def read_midi(source: str | Path | bytes, *, path: str | Path | None = None, max_bytes: int = MAX_MIDI_BYTES
              ) -> mido.MidiFile:
    """Read a MIDI file (a path, or the bytes of one) with mido.

    Raises :class:`MidiFileError` with the file, the position and a specific
    reason for every file it cannot read.  Use :func:`read_midi_report` to
    also learn which repairs were made.
    """
    return read_midi_report(source, path=path, max_bytes=max_bytes).midi


def read_midi_report(
    source: str | Path | bytes, *, path: str | Path | None = None, max_bytes: int = MAX_MIDI_BYTES
) -> MidiRead:
    """:func:`read_midi`, plus the list of repairs that were needed."""
    data, where = _load(source, path, max_bytes)
    if not data:
        raise MidiFileError(where, "empty file (0 bytes)")
    if smf_scan.has_long_high_run(data):
        # mido would spend quadratic time on an endless variable-length number.
        layout = _scan(data, where)
        _raise_fatal(layout, where)
    else:
        # mido reads the track count as a signed 16-bit number: a header declaring 32,768 or more
        # tracks reads as an empty file without an error.  Such headers go to the scan.
        if len(data) < 12 or data[10] < 0x80:
            try:
                return MidiRead(_mido(data, clip=False, where=where), (), len(data))
            except Exception:  # mido raises OSError, EOFError, IndexError, KeyError, ValueError ...
                pass
        layout = _scan(data, where)
        _raise_fatal(layout, where)
    return _read_repaired(data, layout, where)


def _load(source: str | Path | bytes, path: str | Path | None, max_bytes: int) -> tuple[bytes, str | None]:
    if isinstance(source, (bytes, bytearray, memoryview)):
        data = bytes(source)
        if len(data) > max_bytes:
            raise MidiFileError(path, f"file too large ({len(data)} bytes; the limit is {max_bytes})")
        return data, str(path) if path is not None else None
    where = str(path if path is not None else source)
    try:
        size = Path(source).stat().st_size
        if size > max_bytes:
            raise MidiFileError(where, f"file too large ({size} bytes; the limit is {max_bytes})")
        return Path(source).read_bytes(), where
    except OSError as exc:
        raise MidiFileError(where, f"cannot read the file ({exc.strerror or exc})") from exc


def _mido(data: bytes, *, clip: bool, where: str | None) -> mido.MidiFile:
    mid = mido.MidiFile(file=io.BytesIO(data), clip=clip)
    mid.filename = where
    return mid


def _scan(data: bytes, where: str | None) -> smf_scan.Layout:
    try:
        return smf_scan.scan(data)
    except smf_scan.ScanError as exc:
        position = f"byte {exc.offset}" if exc.offset else None
        raise MidiFileError(where, exc.reason, position) from None


def _raise_fatal(layout: smf_scan.Layout, where: str | None) -> None:
    fatal = next((p for p in layout.problems if p.fatal), None)
    if fatal is not None:
        raise MidiFileError(where, fatal.reason, fatal.position)
    if not layout.tracks:
        declared = layout.declared_tracks
        if declared > 0:
            raise MidiFileError(where, f"no tracks (the header declares {declared}; the file ends after the header)")
        raise MidiFileError(where, "no tracks (the header declares 0 tracks)")


def _read_repaired(data: bytes, layout: smf_scan.Layout, where: str | None) -> MidiRead:
    repairs = list(layout.notes)
    clip = False
    by_kind: dict[str, list[smf_scan.Problem]] = {}
    for p in layout.problems:
        by_kind.setdefault(p.kind, []).append(p)
    for kind, found in by_kind.items():
        first = found[0]
        if kind == "data_byte":
            clip = True
            repairs.append(
                f"{len(found)} data byte(s) above 127 clipped to 127 (first: {first.reason}, {first.position})"
            )
        elif kind == "bad_meta":
            repairs.append(f"{len(found)} undecodable meta event(s) dropped (first: {first.reason})")
        else:
            repairs.extend(p.reason for p in found)
    try:
        mid = _mido(smf_scan.rebuild(data, layout), clip=clip, where=where)
    except Exception as exc:
        raise MidiFileError(where, f"unreadable MIDI data ({type(exc).__name__}: {exc})") from None
    return MidiRead(mid, tuple(repairs), len(data))


# --------------------------------------------------------------------------- MTF


def merged_messages(mid: mido.MidiFile) -> list:
    """All messages in playback order, delta times in ticks, one final end_of_track.

    Types 0 and 1: mido's ``merged_track`` (what the official converter
    iterates).  Type 2 holds independent sequences; mido refuses to merge
    them, so they are played one after the other.
    """
    if mid.type != 2:
        return list(mid.merged_track)
    out = []
    carry = 0
    for track in mid.tracks:
        for msg in track:
            if msg.type == "end_of_track":
                carry += msg.time
            elif carry:
                out.append(msg.copy(time=msg.time + carry))
                carry = 0
            else:
                out.append(msg)
    out.append(mido.MetaMessage("end_of_track", time=carry))
    return out


def mtf_line(msg) -> str:
    """One MTF line: the message's values in mido's field order, ``unicode_escape``-d."""
    if msg.is_meta:
        names = META_FIELDS.get(msg.type)
        if names is None:
            names = tuple(k for k in vars(msg) if k not in ("type", "time"))
        values = [msg.type, *(getattr(msg, n) for n in names), msg.time]
    else:
        names = MESSAGE_FIELDS.get(msg.type)
        if names is None:
            names = tuple(k for k in vars(msg) if k not in ("type", "time"))
        values = [msg.type, msg.time, *(_plain(getattr(msg, n)) for n in names)]
    return " ".join(str(v) for v in values).strip().encode("unicode_escape").decode("utf-8")


def _plain(value):
    # mido's dict() gives SysEx data as a list; keep that spelling.
    return list(value) if type(value).__name__ == "SysexData" else value


def is_dropped(msg) -> bool:
    """True for the messages that ``m3_compatible`` MTF leaves out."""
    if msg.is_meta:
        return msg.type in MTF_DROPPED_META
    return msg.type in MTF_DROPPED_MESSAGES


def midi_to_mtf(mid: mido.MidiFile, *, path: str | Path | None = None) -> str:
    """CLaMP 2's MIDI Text Format, byte for byte as the official ``load_midi``.

    Raises :class:`MidiFileError` when the file has no events or no notes:
    such a file has no music to embed.
    """
    where = str(path) if path is not None else getattr(mid, "filename", None)
    lines = [f"ticks_per_beat {mid.ticks_per_beat}"]
    notes = events = 0
    for msg in merged_messages(mid):
        if msg.type != "end_of_track":
            events += 1
        if is_dropped(msg):
            continue
        if msg.type == "note_on":
            notes += 1
        lines.append(mtf_line(msg))
    if events == 0:
        raise MidiFileError(where, "no events (every track is empty)")
    if notes == 0:
        raise MidiFileError(where, f"no notes (the file holds {events} events, none of them a note)")
    return "\n".join(lines)


def file_to_mtf(path: str | Path) -> str:
    """Read a MIDI file and convert it to MTF."""
    return midi_to_mtf(read_midi(path), path=path)


# ---------------------------------------------------------------------- metadata


def midi_metadata(mid: mido.MidiFile, *, repairs: Iterable[str] = ()) -> MidiInfo:
    """Tracks, channels, programs, tempo map aware duration, signatures, title guess."""
    tpb = mid.ticks_per_beat
    tempo = _DEFAULT_TEMPO
    initial_tempo: int | None = None
    first_tempo: int | None = None
    seconds = 0.0
    tempo_changes = 0
    channels: set[int] = set()
    programs: set[int] = set()
    current_program = [0] * 16
    note_count = 0
    time_signature = key_signature = None
    has_lyrics = False
    seconds_per_tick = _smpte_seconds_per_tick(tpb)
    for msg in merged_messages(mid):
        if msg.time:
            if seconds_per_tick is not None:
                seconds += msg.time * seconds_per_tick
            elif tpb > 0:
                seconds += msg.time * tempo / 1e6 / tpb
        if msg.type == "set_tempo":
            if initial_tempo is not None or note_count:
                tempo_changes += 1
            tempo = msg.tempo
            if first_tempo is None:
                first_tempo = tempo
        elif msg.type == "program_change":
            current_program[msg.channel] = msg.program
        elif msg.type == "note_on" and msg.velocity > 0:
            if initial_tempo is None:
                initial_tempo = tempo
            note_count += 1
            channels.add(msg.channel)
            if msg.channel != DRUM_CHANNEL:
                programs.add(current_program[msg.channel])
        elif msg.type == "time_signature" and time_signature is None:
            time_signature = f"{msg.numerator}/{msg.denominator}"
        elif msg.type == "key_signature" and key_signature is None:
            key_signature = msg.key
        elif msg.type == "lyrics" or (msg.type == "text" and msg.text.startswith(("/", "\\", "@"))):
            has_lyrics = True
    duration = seconds if (tpb > 0 or seconds_per_tick is not None) else None
    return MidiInfo(
        type=mid.type,
        ticks_per_beat=tpb,
        n_tracks=len(mid.tracks),
        channels=sorted(channels),
        programs=sorted(programs),
        has_drums=DRUM_CHANNEL in channels,
        duration_s=round(duration, 6) if duration is not None else None,
        initial_tempo_bpm=round(60e6 / (initial_tempo or first_tempo or _DEFAULT_TEMPO), 3),
        time_signature=time_signature,
        key_signature=key_signature,
        title=_title(mid),
        note_count=note_count,
        has_lyrics=has_lyrics,
        tempo_changes=tempo_changes,
        repairs=list(repairs),
    )


def _smpte_seconds_per_tick(division: int) -> float | None:
    """Seconds per tick for an SMPTE time division (negative in mido), else None."""
    if division >= 0:
        return None
    raw = division & 0xFFFF
    fps = 256 - (raw >> 8)
    ticks_per_frame = raw & 0xFF
    if not ticks_per_frame:
        return None
    return 1.0 / ((29.97 if fps == 29 else fps) * ticks_per_frame)


def _title(mid: mido.MidiFile) -> str | None:
    """First track name of track 0; for karaoke files, else the ``@T`` text."""
    if mid.tracks:
        for msg in mid.tracks[0]:
            if msg.type == "track_name":
                name = _repair_text(msg.name)
                if name:
                    return name
                break
    for track in mid.tracks:
        for msg in track:
            if msg.type == "text" and msg.text.startswith("@T"):
                name = _repair_text(msg.text[2:])
                if name:
                    return name
    return None


def _repair_text(text: str) -> str:
    """mido decodes meta text as Latin-1; most modern files hold UTF-8."""
    try:
        text = text.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        pass
    return text.replace("\x00", "").strip()
