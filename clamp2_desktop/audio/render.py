"""Render MIDI to audio samples, offline (no sound device needed).

Two synthesizers:

``fluidsynth``
    FluidSynth (the C library ``libfluidsynth``, through ``pyfluidsynth``)
    with a General MIDI SoundFont.  The MIDI file's own event stream is fed
    to one synth, so program and bank changes, pan, volume, expression,
    sustain and pitch bends all sound as written, in stereo.
``sine``
    ``pretty_midi``'s built-in sine-wave synthesis, used when FluidSynth
    cannot be loaded.  Pitches and rhythm only (drums are silent), mono.

:func:`render_midi` says which one it used in its result
(:attr:`RenderedAudio.synth`, :attr:`RenderedAudio.soundfont`,
:attr:`RenderedAudio.note`).  Rendering is bounded to
:data:`MAX_RENDER_SECONDS` of music, so a gigantic or broken file cannot eat
the memory.

SoundFont search order (:func:`soundfont_candidates`): an explicit path, the
settings' ``soundfont`` attribute, ``$CLAMP2_SOUNDFONT``, Debian's
``/usr/share/sounds/sf2/FluidR3_GM.sf2`` and ``TimGM6mb.sf2``, any other
``.sf2``/``.sf3`` in the usual SoundFont folders, and finally the
``TimGM6mb.sf2`` that ``pretty_midi`` bundles.
"""
from __future__ import annotations

import ctypes
import io
import os
import threading
import wave
from bisect import bisect_left
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Mapping

import mido
import numpy as np

from clamp2_desktop.audio.errors import RenderError
from clamp2_engine.formats.midi import read_midi

__all__ = [
    "DEFAULT_SAMPLE_RATE",
    "MAX_RENDER_SECONDS",
    "SYNTHS",
    "RenderedAudio",
    "Timeline",
    "find_soundfont",
    "fluidsynth_status",
    "load_midi",
    "render_midi",
    "soundfont_candidates",
    "timeline",
]

DEFAULT_SAMPLE_RATE = 44100
#: Music beyond this many seconds is not rendered (10 minutes: about 200 MiB of stereo float32).
MAX_RENDER_SECONDS = 600.0
#: Longest release tail rendered after the last event, in seconds.
MAX_TAIL_SECONDS = 3.0
#: FluidSynth's master gain (float output: nothing clips inside the synth).
FLUIDSYNTH_GAIN = 0.5
#: Every rendering is scaled to this peak (-1 dBFS), so that pieces (and A/B pairs) play at
#: comparable levels whatever their files' velocities and volumes.
TARGET_PEAK = 0.89
#: Peak of the sine synthesis, which is much denser than a SoundFont's sound.
SINE_PEAK = 0.5
SYNTHS = ("fluidsynth", "sine")

#: Well-known General MIDI SoundFonts, best first.
KNOWN_SOUNDFONTS = (
    "/usr/share/sounds/sf2/FluidR3_GM.sf2",          # Debian fluid-soundfont-gm
    "/usr/share/sounds/sf3/MuseScore_General.sf3",   # Debian musescore-general-soundfont-small
    "/usr/share/sounds/sf2/MuseScore_General.sf2",
    "/usr/share/sounds/sf2/TimGM6mb.sf2",            # Debian timgm6mb-soundfont
    "/usr/share/soundfonts/FluidR3_GM.sf2",          # Fedora, Arch
    "/usr/share/soundfonts/default.sf2",
)
#: Folders searched for any other SoundFont.
SOUNDFONT_DIRS = (
    "/usr/share/soundfonts",
    "/usr/share/sounds/sf2",
    "/usr/share/sounds/sf3",
    "/usr/local/share/soundfonts",
    "~/.local/share/soundfonts",
    "/opt/homebrew/share/soundfonts",
)
SOUNDFONT_ENV = "CLAMP2_SOUNDFONT"


# ----------------------------------------------------------------------- results


@dataclass(frozen=True, eq=False)
class RenderedAudio:
    """Rendered samples and how they were made.

    ``samples`` is float32 with shape ``(frames, channels)`` (2 channels for
    FluidSynth, 1 for sine synthesis), values in [-1, 1].  ``music_seconds``
    is the length of the music that was rendered (the buffer adds a short
    release tail); ``truncated`` says the piece was longer than the render
    limit.  ``note`` explains a fallback (e.g. why FluidSynth was not used).
    """

    samples: np.ndarray
    sample_rate: int
    synth: str
    soundfont: Path | None = None
    music_seconds: float = 0.0
    truncated: bool = False
    note: str | None = None
    synth_version: str | None = None

    @property
    def frames(self) -> int:
        return int(self.samples.shape[0])

    @property
    def channels(self) -> int:
        return int(self.samples.shape[1])

    @property
    def duration(self) -> float:
        """Seconds of audio in the buffer (music plus release tail)."""
        return self.frames / self.sample_rate

    def peak(self) -> float:
        return float(np.abs(self.samples).max()) if self.samples.size else 0.0

    def rms(self) -> float:
        return float(np.sqrt(np.mean(np.square(self.samples, dtype=np.float64)))) if self.samples.size else 0.0

    def describe(self) -> str:
        """A short line for the UI, e.g. ``FluidSynth 2.3.1 with TimGM6mb.sf2``."""
        if self.synth == "fluidsynth":
            version = f" {self.synth_version}" if self.synth_version else ""
            text = f"FluidSynth{version} with {self.soundfont.name if self.soundfont else 'a SoundFont'}"
        else:
            text = "sine-wave synthesis"
        if self.truncated:
            text += f" (first {self.music_seconds / 60:.0f} minutes)"
        return text

    def write_wav(self, path: str | Path) -> Path:
        """Write the buffer as a 16-bit PCM WAV file."""
        out = Path(path)
        pcm = (np.clip(self.samples, -1.0, 1.0) * 32767.0).astype("<i2")
        with wave.open(str(out), "wb") as w:
            w.setnchannels(self.channels)
            w.setsampwidth(2)
            w.setframerate(self.sample_rate)
            w.writeframes(pcm.tobytes())
        return out


@dataclass(frozen=True, eq=False)
class Timeline:
    """The channel and system messages of a MIDI file, with their times in seconds.

    Tempo changes are applied; meta messages are left out.  ``duration`` is
    the time of the last message (a note-off, normally); ``truncated`` says
    messages after ``max_seconds`` were dropped, and then ``duration`` is
    ``max_seconds``.
    """

    times: tuple[float, ...]
    messages: tuple[mido.Message, ...]
    duration: float
    truncated: bool = False
    note_count: int = 0
    repairs: tuple[str, ...] = field(default_factory=tuple)

    def index_at(self, seconds: float) -> int:
        """Index of the first message at or after ``seconds``."""
        return bisect_left(self.times, seconds)


# ----------------------------------------------------------------------- MIDI input


def load_midi(source: str | Path | bytes | mido.MidiFile, *, path: str | Path | None = None) -> mido.MidiFile:
    """A ``mido.MidiFile`` from a path, bytes or a MidiFile.

    Reading goes through the engine's :func:`read_midi`, which repairs what
    is safe to repair and otherwise raises
    :class:`~clamp2_engine.errors.MidiFileError` naming the file, the
    position and the reason.
    """
    if isinstance(source, mido.MidiFile):
        return source
    return read_midi(source, path=path)


def timeline(source: str | Path | bytes | mido.MidiFile, *, max_seconds: float = MAX_RENDER_SECONDS) -> Timeline:
    """The timed messages of a MIDI file (see :class:`Timeline`)."""
    mid = load_midi(source)
    times: list[float] = []
    messages: list[mido.Message] = []
    truncated = False
    notes = 0
    for t, msg in _timed(mid):
        if t > max_seconds:
            truncated = True
            break
        times.append(t)
        messages.append(msg)
        if msg.type == "note_on" and msg.velocity > 0:
            notes += 1
    # A truncated piece is rendered up to the limit (notes still sounding there are cut).
    duration = float(max_seconds) if truncated else (times[-1] if times else 0.0)
    return Timeline(tuple(times), tuple(messages), duration, truncated, notes)


def _timed(mid: mido.MidiFile) -> Iterable[tuple[float, mido.Message]]:
    """(seconds, message) for every non-meta message, in playing order."""
    division = mid.ticks_per_beat
    smpte = _smpte_seconds_per_tick(division)
    if mid.type == 2:
        tracks = list(mid.tracks)          # independent sequences, one after another
    else:
        tracks = [mido.merge_tracks(mid.tracks)]
    now = 0.0
    for track in tracks:
        tempo = 500_000
        for msg in track:
            if msg.time:
                if smpte is not None:
                    now += msg.time * smpte
                elif division > 0:
                    now += msg.time * tempo * 1e-6 / division
            if msg.is_meta:
                if msg.type == "set_tempo" and msg.tempo > 0:
                    tempo = msg.tempo
                continue
            yield now, msg


def _smpte_seconds_per_tick(division: int) -> float | None:
    """Seconds per tick for an SMPTE time division (negative frames per second in the high byte)."""
    if not division & 0x8000:
        return None
    fps = 256 - (division >> 8)
    ticks_per_frame = division & 0xFF
    if fps <= 0 or ticks_per_frame <= 0:
        return None
    if fps == 29:
        fps = 29.97
    return 1.0 / (fps * ticks_per_frame)


# ----------------------------------------------------------------------- SoundFonts


def pretty_midi_soundfont() -> Path | None:
    """The ``TimGM6mb.sf2`` bundled with pretty_midi, if pretty_midi is installed."""
    try:
        import importlib.util

        spec = importlib.util.find_spec("pretty_midi")
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    for folder in spec.submodule_search_locations:
        candidate = Path(folder) / "TimGM6mb.sf2"
        if candidate.is_file():
            return candidate
    return None


def soundfont_candidates(explicit: str | Path | None = None, *, settings: object | None = None,
                         environ: Mapping[str, str] | None = None) -> list[Path]:
    """Existing SoundFont files, in the order they are tried (see the module docstring)."""
    env = os.environ if environ is None else environ
    ordered: list[Path] = []
    if explicit:
        ordered.append(Path(explicit).expanduser())
    configured = getattr(settings, "soundfont", None) if settings is not None else None
    if configured:
        ordered.append(Path(configured).expanduser())
    if env.get(SOUNDFONT_ENV):
        ordered.append(Path(env[SOUNDFONT_ENV]).expanduser())
    ordered.extend(Path(p) for p in KNOWN_SOUNDFONTS)
    for folder in SOUNDFONT_DIRS:
        root = Path(folder).expanduser()
        if root.is_dir():
            found = sorted(p for p in root.iterdir() if p.suffix.lower() in (".sf2", ".sf3"))
            # General MIDI sets first ("GM" in the name), then the rest.
            ordered.extend(sorted(found, key=lambda p: ("gm" not in p.name.lower(), p.name.lower())))
    bundled = pretty_midi_soundfont()
    if bundled is not None:
        ordered.append(bundled)
    seen: set[Path] = set()
    result = []
    for p in ordered:
        try:
            key = p.resolve()
        except OSError:
            continue
        if key in seen or not p.is_file():
            continue
        seen.add(key)
        result.append(p)
    return result


def find_soundfont(explicit: str | Path | None = None, *, settings: object | None = None,
                   environ: Mapping[str, str] | None = None) -> Path | None:
    """The SoundFont to use, or ``None`` if there is none at all.

    An explicit path that does not exist is an error (the user asked for it).
    """
    if explicit and not Path(explicit).expanduser().is_file():
        raise RenderError(f"SoundFont not found: {explicit}")
    found = soundfont_candidates(explicit, settings=settings, environ=environ)
    return found[0] if found else None


# ----------------------------------------------------------------------- FluidSynth

_FS_LOCK = threading.Lock()
_FS_STATE: dict[str, object] = {}


def fluidsynth_status() -> tuple[object | None, str]:
    """``(module, version)`` when FluidSynth can be used, else ``(None, reason)``.

    Importing ``pyfluidsynth`` loads ``libfluidsynth``; that fails with an
    ImportError or OSError when the library is missing or broken.  The answer
    is cached.
    """
    with _FS_LOCK:
        if "result" not in _FS_STATE:
            _FS_STATE["result"] = _probe_fluidsynth()
        return _FS_STATE["result"]  # type: ignore[return-value]


def _probe_fluidsynth() -> tuple[object | None, str]:
    try:
        import fluidsynth  # pyfluidsynth
    except ImportError as exc:
        text = str(exc)
        if "fluidsynth" in text.lower() and "module" in text.lower():
            return None, "the Python package pyfluidsynth is not installed"
        return None, f"the FluidSynth library cannot be loaded ({text}; install libfluidsynth3)"
    except OSError as exc:
        return None, f"the FluidSynth library cannot be loaded ({exc})"
    if not hasattr(fluidsynth, "Synth"):
        return None, "the installed 'fluidsynth' module is not pyfluidsynth"
    version = "?"
    try:
        lib = _fluid_lib(fluidsynth)
        major, minor, micro = ctypes.c_int(), ctypes.c_int(), ctypes.c_int()
        lib.fluid_version(ctypes.byref(major), ctypes.byref(minor), ctypes.byref(micro))
        version = f"{major.value}.{minor.value}.{micro.value}"
        _quiet_fluidsynth(lib)
    except Exception:  # noqa: BLE001 - version and log level are cosmetic
        pass
    return fluidsynth, version


def _fluid_lib(module) -> ctypes.CDLL:
    lib = getattr(module, "_fl", None)
    if lib is None:
        lib = ctypes.CDLL(module.lib)
    return lib


def _quiet_fluidsynth(lib: ctypes.CDLL) -> None:
    """Drop FluidSynth's warning/info/debug chatter on stderr (errors still print)."""
    setter = lib.fluid_set_log_function
    setter.restype = ctypes.c_void_p
    setter.argtypes = [ctypes.c_int, ctypes.c_void_p, ctypes.c_void_p]
    for level in (2, 3, 4):  # FLUID_WARN, FLUID_INFO, FLUID_DBG
        setter(level, None, None)


def _float_writer(module):
    """``fluid_synth_write_float`` as a ctypes function, or ``None``."""
    try:
        lib = _fluid_lib(module)
        proto = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_int, ctypes.c_void_p, ctypes.c_int,
                                 ctypes.c_int, ctypes.c_void_p, ctypes.c_int, ctypes.c_int)
        return proto(("fluid_synth_write_float", lib))
    except Exception:  # noqa: BLE001 - fall back to pyfluidsynth's int16 path
        return None


class _FluidRenderer:
    """One FluidSynth instance writing straight into a float32 stereo buffer."""

    BLOCK = 65536

    def __init__(self, module, soundfont: Path, sample_rate: int):
        self.module = module
        self.synth = module.Synth(gain=FLUIDSYNTH_GAIN, samplerate=float(sample_rate))
        self.sfid = self.synth.sfload(str(soundfont))
        if self.sfid is None or self.sfid < 0:
            self.synth.delete()
            raise RenderError(f"FluidSynth cannot load the SoundFont {soundfont} (not a valid SF2/SF3 file?)")
        for channel in range(16):
            self.synth.program_select(channel, self.sfid, 128 if channel == 9 else 0, 0)
        self.write_float = _float_writer(module)

    def close(self) -> None:
        self.synth.delete()

    def fill(self, out: np.ndarray, start: int, stop: int) -> None:
        """Render frames [start, stop) into ``out`` (float32, shape (frames, 2), C-contiguous)."""
        while start < stop:
            n = min(self.BLOCK, stop - start)
            if self.write_float is not None:
                address = out.ctypes.data + start * 8     # 2 channels x 4 bytes
                self.write_float(self.synth.synth, n, address, 0, 2, address, 1, 2)
            else:
                block = self.synth.get_samples(n).astype(np.float32) / 32768.0
                out[start:start + n] = block.reshape(-1, 2)
            start += n

    def send(self, msg: mido.Message) -> None:
        kind = msg.type
        s = self.synth
        if kind == "note_on":
            if msg.velocity:
                s.noteon(msg.channel, msg.note, msg.velocity)
            else:
                s.noteoff(msg.channel, msg.note)
        elif kind == "note_off":
            s.noteoff(msg.channel, msg.note)
        elif kind == "control_change":
            s.cc(msg.channel, msg.control, msg.value)
        elif kind == "program_change":
            s.program_change(msg.channel, msg.program)
        elif kind == "pitchwheel":
            s.pitch_bend(msg.channel, msg.pitch)

    def active_voices(self) -> int:
        try:
            return int(self.synth.get_active_voice_count())
        except Exception:  # noqa: BLE001
            return 0


def _render_fluidsynth(tl: Timeline, sample_rate: int, soundfont: Path, module) -> np.ndarray:
    renderer = _FluidRenderer(module, soundfont, sample_rate)
    try:
        end = int(round(tl.duration * sample_rate))
        tail = int(MAX_TAIL_SECONDS * sample_rate)
        out = np.zeros((end + tail, 2), dtype=np.float32)
        pos = 0
        for t, msg in zip(tl.times, tl.messages):
            frame = min(int(t * sample_rate), end)
            if frame > pos:
                renderer.fill(out, pos, frame)
                pos = frame
            renderer.send(msg)
        if pos < end:
            renderer.fill(out, pos, end)
            pos = end
        if tl.truncated:
            for channel in range(16):
                renderer.synth.cc(channel, 64, 0)
                renderer.synth.all_notes_off(channel)
        # Release tail: until the voices die out, at most MAX_TAIL_SECONDS.
        step = sample_rate // 10
        while pos < end + tail:
            stop = min(pos + step, end + tail)
            renderer.fill(out, pos, stop)
            pos = stop
            if renderer.active_voices() == 0:
                break
        out = out[:pos]
    finally:
        renderer.close()
    peak = float(np.abs(out).max()) if out.size else 0.0
    if peak > 0:
        out *= np.float32(TARGET_PEAK / peak)
    return out


# ----------------------------------------------------------------------- sine fallback


def _render_sine(mid: mido.MidiFile, tl: Timeline, sample_rate: int) -> np.ndarray:
    try:
        import pretty_midi
    except ImportError as exc:
        raise RenderError(f"no synthesizer available: FluidSynth cannot be used and pretty_midi is "
                          f"not installed ({exc})") from None
    buf = io.BytesIO()
    try:
        mid.save(file=buf)
        buf.seek(0)
        pm = pretty_midi.PrettyMIDI(buf)
    except Exception as exc:  # noqa: BLE001 - pretty_midi raises ValueError, KeyError, ...
        raise RenderError(f"{mid.filename or 'MIDI'}: the sine synthesizer cannot read this file ({exc})") from None
    limit = tl.duration
    frames = int(round(limit * sample_rate))
    out = np.zeros(frames + int(0.5 * sample_rate), dtype=np.float64)
    for inst in pm.instruments:
        if inst.is_drum:
            continue
        notes = [n for n in inst.notes if n.start < limit and n.end > n.start]
        for n in notes:
            n.end = min(n.end, limit + 0.25)
        if not notes:
            continue
        inst.notes = notes
        inst.pitch_bends = [b for b in inst.pitch_bends if b.time < limit]
        inst.control_changes = [c for c in inst.control_changes if c.time < limit]
        wave_ = inst.synthesize(fs=sample_rate)
        n = min(len(wave_), len(out))
        out[:n] += wave_[:n]
        del wave_
    peak = float(np.abs(out).max()) if out.size else 0.0
    if peak > 0:
        out *= SINE_PEAK / peak
    return out.astype(np.float32).reshape(-1, 1)


# ----------------------------------------------------------------------- entry point


def render_midi(
    source: str | Path | bytes | mido.MidiFile,
    sample_rate: int = DEFAULT_SAMPLE_RATE,
    soundfont: str | Path | None = None,
    *,
    synth: str = "auto",
    settings: object | None = None,
    max_seconds: float = MAX_RENDER_SECONDS,
) -> RenderedAudio:
    """Render a MIDI file (path, bytes or ``mido.MidiFile``) to audio.

    ``synth``: ``"auto"`` (FluidSynth when it can be loaded and a SoundFont is
    found, else sine synthesis), ``"fluidsynth"`` (raise
    :class:`RenderError` if it cannot be used) or ``"sine"``.
    ``soundfont`` overrides the search (:func:`find_soundfont`); ``settings``
    is any object with a ``soundfont`` attribute.  At most ``max_seconds`` of
    music are rendered.  An unreadable file raises
    :class:`~clamp2_engine.errors.MidiFileError`.
    """
    if synth not in ("auto",) + SYNTHS:
        raise ValueError(f"synth must be 'auto', 'fluidsynth' or 'sine', not {synth!r}")
    if not 8000 <= int(sample_rate) <= 192000:
        raise ValueError(f"sample rate out of range: {sample_rate}")
    sample_rate = int(sample_rate)
    mid = load_midi(source)
    tl = timeline(mid, max_seconds=max_seconds)
    where = mid.filename or "the MIDI file"
    if tl.note_count == 0:
        raise RenderError(f"{where}: no notes to play")

    note = None
    if synth in ("auto", "fluidsynth"):
        module, info = fluidsynth_status()
        font = find_soundfont(soundfont, settings=settings) if module is not None else None
        if module is not None and font is not None:
            samples = _render_fluidsynth(tl, sample_rate, font, module)
            return RenderedAudio(samples, sample_rate, "fluidsynth", font, tl.duration, tl.truncated,
                                 None, info)
        reason = info if module is None else "no SoundFont found (install fluid-soundfont-gm or timgm6mb-soundfont)"
        if synth == "fluidsynth":
            raise RenderError(f"FluidSynth cannot be used: {reason}")
        note = f"FluidSynth not used: {reason}"
    samples = _render_sine(mid, tl, sample_rate)
    return RenderedAudio(samples, sample_rate, "sine", None, tl.duration, tl.truncated, note, None)
