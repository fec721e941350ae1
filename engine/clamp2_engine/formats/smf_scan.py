"""Byte-level walk of a Standard MIDI File: precise diagnoses and safe repairs.

mido reads a good file fast, but when a file is bad it raises bare
``EOFError``/``OSError``/``IndexError`` without saying where.  This module
walks the chunks and events itself, the same way mido 1.3 reads them, to say
*where* and *what* ("truncated in track 2 at byte 1234"), and to rebuild a
clean file from the defects that are safe to repair:

* junk before ``MThd`` (MacBinary headers), a RIFF ``RMID`` wrapper;
* chunks other than ``MTrk`` (the standard says: skip them; mido refuses);
* a header that counts more tracks than the file holds;
* bytes after ``end_of_track`` inside a track, or a track whose declared
  length runs past the end of the file although it is complete;
* meta events mido cannot decode (impossible key signature, short tempo):
  dropped, their delta time moved to the next event;
* data bytes above 127 (repaired by mido's own ``clip=True`` afterwards).

A track cut in the middle of its events is NOT repaired: the file is
truncated and the music lost, so it is reported as an error.

Only the failure path uses this walk (it is pure Python and slower than
mido), except :func:`has_long_high_run`, a cheap guard run before mido:
mido reads variable-length numbers without a length limit, and a long run of
bytes >= 0x80 makes that quadratic (a hang on a hostile file).
"""
from __future__ import annotations

import re
import struct
from dataclasses import dataclass, field

from mido.midifiles.meta import build_meta_message

#: Longer variable-length numbers are corrupt (the standard allows 4 bytes).
MAX_VARINT_BYTES = 8
#: Runs of high bytes at least this long are checked before mido sees them.
LONG_HIGH_RUN = 1024
#: mido (like many readers) takes the header's track count as a signed 16-bit number.
MAX_TRACKS = 0x7FFF
#: How far into the file a leading ``MThd`` is searched for.
MTHD_SEARCH_LIMIT = 4096

_HIGH_RUN = re.compile(rb"[\x80-\xff]{%d,}" % LONG_HIGH_RUN)

# Total length (status included) of the non-meta, non-sysex messages.
_SYSTEM_LENGTH = {0xF1: 2, 0xF2: 3, 0xF3: 2, 0xF6: 1, 0xF8: 1, 0xFA: 1, 0xFB: 1, 0xFC: 1, 0xFE: 1}


def _channel_length(status: int) -> int:
    return 2 if 0xC0 <= status <= 0xDF else 3


@dataclass(frozen=True)
class Problem:
    """One defect found by the walk.  ``fatal`` ones cannot be repaired."""

    kind: str  # truncated | corrupt | data_byte | bad_meta | after_eot | missing_tracks | ...
    reason: str
    offset: int | None = None
    track: int | None = None  # 1-based
    fatal: bool = False

    @property
    def position(self) -> str | None:
        parts = []
        if self.track is not None:
            parts.append(f"track {self.track}")
        if self.offset is not None:
            parts.append(f"byte {self.offset}")
        return ", ".join(parts) or None


@dataclass
class Event:
    start: int  # offset of the delta time
    status_at: int  # offset of the status byte (or first data byte under running status)
    end: int
    delta: int
    is_meta: bool = False
    meta_type: int | None = None
    drop: bool = False


@dataclass
class Track:
    number: int  # 1-based
    offset: int  # offset of "MTrk"
    declared: int
    data_start: int
    data_end: int  # clipped to the end of the file
    events: list[Event] = field(default_factory=list)
    cut_at: int | None = None  # keep bytes [data_start, cut_at) when set
    real_end: int | None = None  # where the next chunk starts, when the declared length is wrong


@dataclass
class Layout:
    base: int  # offset of MThd
    format: int
    declared_tracks: int
    division: int
    tracks: list[Track]
    problems: list[Problem]
    notes: list[str]


def has_long_high_run(data: bytes) -> bool:
    """True when the data has a run of bytes >= 0x80 long enough to slow mido down."""
    return _HIGH_RUN.search(data) is not None


def sniff(data: bytes) -> str:
    """A few words on what non-MIDI data looks like, for error messages."""
    head = data[:64]
    signatures = [
        (b"\xff\xd8\xff", "a JPEG image"),
        (b"\x89PNG", "a PNG image"),
        (b"GIF8", "a GIF image"),
        (b"%PDF", "a PDF document"),
        (b"PK\x03\x04", "a ZIP archive (a compressed MusicXML .mxl?)"),
        (b"\x1f\x8b", "gzip-compressed data"),
        (b"ID3", "an MP3 audio file"),
        (b"OggS", "an Ogg audio file"),
        (b"fLaC", "a FLAC audio file"),
    ]
    for magic, what in signatures:
        if head.startswith(magic):
            return what
    if head.startswith(b"RIFF") and head[8:12] == b"WAVE":
        return "a WAV audio file"
    if len(head) >= 2 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0:
        return "an MP3 audio file"
    sample = data[:2048]
    try:
        text = sample.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    if text is not None and not re.search(r"[\x00-\x08\x0e-\x1f]", text):
        stripped = text.lstrip()
        if stripped.startswith("<?xml") or stripped.startswith("<score-partwise"):
            return "an XML text file (MusicXML?)"
        if re.search(r"(?m)^[XK]:", text):
            return "a text file in ABC notation"
        return "a text file"
    return "unknown binary data"


def _find_smf(data: bytes) -> tuple[int, list[str]]:
    """Offset of the MThd chunk, unwrapping RIFF RMID; -1 when there is none."""
    if data.startswith(b"RIFF") and data[8:12] == b"RMID":
        pos = 12
        while pos + 8 <= len(data):
            cid = data[pos : pos + 4]
            (size,) = struct.unpack("<I", data[pos + 4 : pos + 8])
            if cid == b"data":
                return pos + 8, ["unwrapped a RIFF RMID container"]
            pos += 8 + size + (size & 1)
        return -1, []
    if data.startswith(b"MThd"):
        return 0, []
    found = data.find(b"MThd", 0, MTHD_SEARCH_LIMIT)
    if found > 0:
        return found, [f"skipped {found} bytes before the MThd header"]
    return -1, []


class ScanError(ValueError):
    """The data cannot be a MIDI file, or its header is broken."""

    def __init__(self, reason: str, offset: int | None = None):
        super().__init__(reason)
        self.reason = reason
        self.offset = offset


def scan(data: bytes) -> Layout:
    """Walk the header, the chunks and every event; collect the problems.

    Raises :class:`ScanError` when the data is not a MIDI file at all or its
    header is unusable; everything else ends up in ``Layout.problems``.
    """
    base, notes = _find_smf(data)
    if base < 0:
        raise ScanError(f"not a MIDI file (no MThd header; the data looks like {sniff(data)})")
    if len(data) < base + 14:
        raise ScanError(f"truncated in the file header (the file has only {len(data)} bytes)", base)
    (hlen,) = struct.unpack(">I", data[base + 4 : base + 8])
    if hlen < 6:
        raise ScanError(f"corrupt file header (MThd length {hlen}, expected 6)", base + 4)
    fmt, ntracks, division = struct.unpack(">hHh", data[base + 8 : base + 14])  # track count: unsigned
    problems: list[Problem] = []
    tracks: list[Track] = []
    pos = base + 8 + hlen
    while pos < len(data):
        if len(data) - pos < 8:
            if len(tracks) < ntracks and data[pos:].strip(b"\x00"):
                problems.append(Problem("truncated", f"truncated in a chunk header at byte {pos}", pos, fatal=True))
            break
        cid = data[pos : pos + 4]
        (size,) = struct.unpack(">I", data[pos + 4 : pos + 8])
        if cid == b"MTrk":
            if len(tracks) == MAX_TRACKS:
                raise ScanError(f"more than {MAX_TRACKS:,} tracks (the header declares {ntracks}): more than a "
                                "MIDI reader can take", pos)
            start = pos + 8
            track = Track(len(tracks) + 1, pos, size, start, min(start + size, len(data)))
            tracks.append(track)
            _walk_track(data, track, problems)
            if any(p.fatal for p in problems):
                break
            if track.real_end is not None:
                pos = track.real_end
                continue
        elif re.fullmatch(rb"[A-Za-z0-9 _-]{4}", cid):
            notes.append(f"skipped a {cid.decode('ascii')!r} chunk at byte {pos}")
        else:
            if len(tracks) < ntracks:
                problems.append(
                    Problem("corrupt", f"garbage where a chunk should start (byte {pos})", pos, fatal=True)
                )
            break
        pos += 8 + size
    if len(tracks) < ntracks and not any(p.fatal for p in problems):
        problems.append(
            Problem(
                "missing_tracks",
                f"the header declares {ntracks} tracks, the file holds {len(tracks)} (a file cut at a track "
                f"boundary, or a wrong header): read the {len(tracks)}",
            )
        )
    return Layout(base, fmt, ntracks, division, tracks, problems, notes)


@dataclass
class _Walk:
    events: list[Event]
    eot_end: int | None  # offset just after the first end_of_track
    stop: int  # where the walk stopped
    failure: str | None = None  # "end" (ran past the end) or "corrupt"
    reason: str = ""
    at: int | None = None
    bad_metas: list[Problem] = field(default_factory=list)
    data_bytes: list[Problem] = field(default_factory=list)


def _walk_track(data: bytes, track: Track, problems: list[Problem]) -> None:
    """Walk one track and decide: fine, repairable, or fatal."""
    n = track.number
    complete = track.data_end == track.data_start + track.declared
    walk = _walk(data, track.data_start, track.data_end, n)
    eot = walk.eot_end
    if eot is not None and eot < track.data_end and data[eot : eot + 4] == b"MTrk":
        # The declared length is too long: the next track starts right after end_of_track.
        _adopt(track, _walk(data, track.data_start, eot, n), problems)
        track.data_end = track.cut_at = track.real_end = eot
        problems.append(_bad_length(track, eot))
        return
    if walk.failure is None and complete:
        _adopt(track, walk, problems)
        return
    if walk.eot_end is not None and (walk.failure is not None or not complete):
        # Complete up to end_of_track; what follows inside the chunk is garbage
        # or missing: keep the track up to end_of_track.
        _adopt(track, walk, problems)
        track.cut_at = walk.eot_end
        why = "its chunk runs past the end of the file" if not complete else "garbage after end_of_track"
        problems.append(Problem("after_eot", f"track {n}: {why}; kept up to end_of_track", walk.eot_end, n))
        return
    if walk.failure == "end" and complete:
        # The declared length is too short?  Walk on to the real end_of_track.
        after = _walk(data, track.data_start, len(data), n).eot_end
        if after is not None and (after == len(data) or data[after : after + 4] == b"MTrk"):
            _adopt(track, _walk(data, track.data_start, after, n), problems)
            track.data_end = track.cut_at = track.real_end = after
            problems.append(_bad_length(track, after))
            return
    if walk.failure == "corrupt":
        problems.append(Problem("corrupt", walk.reason, walk.at, n, fatal=True))
        return
    present = track.data_end - track.data_start
    if not complete:
        reason = (
            f"truncated in track {n} at byte {walk.stop} (the track declares {track.declared} bytes, "
            f"{present} are present)"
        )
        problems.append(Problem("truncated", reason, walk.stop, n, fatal=True))
    else:
        reason = (
            f"corrupt track {n}: the event at byte {walk.stop} runs past the end of its chunk "
            f"(declared length {track.declared})"
        )
        problems.append(Problem("corrupt", reason, walk.stop, n, fatal=True))


def _bad_length(track: Track, real_end: int) -> Problem:
    reason = (
        f"track {track.number}: declared length {track.declared} is wrong, "
        f"the track really ends at byte {real_end}"
    )
    return Problem("bad_length", reason, track.offset, track.number)


def _adopt(track: Track, walk: _Walk, problems: list[Problem]) -> None:
    track.events = walk.events
    problems.extend(walk.bad_metas)
    problems.extend(walk.data_bytes)


class _EndOfChunk(Exception):
    pass


class _Corrupt(Exception):
    def __init__(self, reason: str, offset: int):
        super().__init__(reason)
        self.offset = offset


def _walk(data: bytes, begin: int, end: int, n: int) -> _Walk:
    """Walk events in ``data[begin:end]`` the way mido reads them."""
    walk = _Walk([], None, begin)
    pos = begin
    last_status: int | None = None

    def byte(at: int) -> int:
        if at >= end:
            raise _EndOfChunk
        return data[at]

    def varint(at: int) -> tuple[int, int]:
        value = 0
        for i in range(MAX_VARINT_BYTES):
            b = byte(at + i)
            value = (value << 7) | (b & 0x7F)
            if b < 0x80:
                return value, at + i + 1
        raise _Corrupt(f"corrupt track {n}: variable-length number longer than {MAX_VARINT_BYTES} bytes", at)

    while pos < end:
        start = pos
        try:
            delta, pos = varint(pos)
            status_at = pos
            status = byte(pos)
            if status < 0x80:
                if last_status is None:
                    raise _Corrupt(f"corrupt track {n}: data byte 0x{status:02x} without a status byte", pos)
                if last_status in (0xF0, 0xF7):
                    raise _Corrupt(f"corrupt track {n}: running status after a SysEx message", pos)
                status = last_status
            else:
                pos += 1
                if status != 0xFF:
                    last_status = status
            event = Event(start, status_at, 0, delta)
            if status == 0xFF:
                meta_type = byte(pos)
                length, pos = varint(pos + 1)
                if pos + length > end:
                    raise _EndOfChunk
                event.is_meta, event.meta_type = True, meta_type
                try:
                    build_meta_message(meta_type, list(data[pos : pos + length]), delta)
                except Exception as exc:  # mido raises IndexError, KeyError, KeySignatureError ...
                    event.drop = True
                    walk.bad_metas.append(
                        Problem("bad_meta", f"track {n}: undecodable meta event 0x{meta_type:02x} ({exc})", start, n)
                    )
                pos += length
                if meta_type == 0x2F and walk.eot_end is None:
                    walk.eot_end = pos
            elif status in (0xF0, 0xF7):
                length, pos = varint(pos)
                if pos + length > end:
                    raise _EndOfChunk
                pos += length
            elif status >= 0xF0:
                if status not in _SYSTEM_LENGTH:
                    raise _Corrupt(f"corrupt track {n}: undefined status byte 0x{status:02x}", status_at)
                pos = _data_bytes(data, status_at, _SYSTEM_LENGTH[status], end, n, walk.data_bytes)
            else:
                pos = _data_bytes(data, status_at, _channel_length(status), end, n, walk.data_bytes)
            event.end = pos
            walk.events.append(event)
        except _EndOfChunk:
            walk.failure, walk.stop = "end", start
            return walk
        except _Corrupt as exc:
            walk.failure, walk.reason, walk.at, walk.stop = "corrupt", str(exc), exc.offset, start
            return walk
    walk.stop = pos
    return walk


def _data_bytes(data: bytes, status_at: int, length: int, end: int, n: int, found: list[Problem]) -> int:
    """Skip a message's data bytes; under running status the first one sits at ``status_at``."""
    first = status_at if data[status_at] < 0x80 else status_at + 1
    stop = first + length - 1
    if stop > end:
        raise _EndOfChunk
    for at in range(first, stop):
        if data[at] > 0x7F:
            found.append(Problem("data_byte", f"track {n}: data byte 0x{data[at]:02x} above 127", at, n))
    return stop


def rebuild(data: bytes, layout: Layout) -> bytes:
    """A clean SMF: present tracks only, undecodable metas dropped, cut at end_of_track."""
    out = bytearray(b"MThd")
    out += struct.pack(">IhHh", 6, layout.format, len(layout.tracks), layout.division)
    for track in layout.tracks:
        body = _track_bytes(data, track)
        out += b"MTrk" + struct.pack(">I", len(body)) + body
    return bytes(out)


def _track_bytes(data: bytes, track: Track) -> bytes:
    stop = track.cut_at if track.cut_at is not None else track.data_end
    if not any(e.drop for e in track.events):
        return data[track.data_start : stop]
    body = bytearray()
    carry = 0
    for e in track.events:
        if e.end > stop:
            break
        if e.drop:
            carry += e.delta
            continue
        body += _encode_varint(e.delta + carry) + data[e.status_at : e.end]
        carry = 0
    return bytes(body)


def _encode_varint(value: int) -> bytes:
    out = [value & 0x7F]
    value >>= 7
    while value:
        out.append(0x80 | (value & 0x7F))
        value >>= 7
    return bytes(reversed(out))
