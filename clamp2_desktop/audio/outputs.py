"""Where the sound goes: the sound card (built-in synthesis) or a MIDI output port.

Outputs are chosen at run time by a *spec* string, as the settings store it:

``"builtin"``
    :class:`SoundDeviceOutput`: the rendered buffer (see
    :mod:`clamp2_desktop.audio.render`) is played on the default audio
    device through ``sounddevice`` (PortAudio).
``"silent"``
    :class:`SilentOutput`: a clock that advances in real time and makes no
    sound.  For tests and headless scripting; never chosen implicitly.
anything else (optionally prefixed ``"midi:"``)
    :class:`MidiPortOutput`: the name of a MIDI output port (python-rtmidi);
    the file's messages are sent in real time from a thread, so an external
    synth, a DAW or a hardware instrument plays them.

Every way of not having a device (PortAudio missing, no sound card, no
``/dev/snd``, ALSA sequencer unavailable so that rtmidi raises
``SystemError``, port unplugged) becomes :class:`AudioUnavailable` with a
sentence for the user.  Outputs are started and stopped from one thread (the
player's worker); :attr:`Output.position` may be read from any thread.
"""
from __future__ import annotations

import logging
import os
import re
import sys
import threading
import time
from dataclasses import dataclass
from typing import Callable

import numpy as np

from clamp2_desktop.audio.errors import AudioUnavailable
from clamp2_desktop.audio.render import RenderedAudio, Timeline

__all__ = [
    "BUILTIN",
    "SILENT",
    "AudioUnavailable",
    "MidiPortOutput",
    "Output",
    "OutputChoice",
    "SilentOutput",
    "SoundDeviceOutput",
    "list_audio_devices",
    "list_midi_ports",
    "make_output",
    "open_midi_port",
    "output_choices",
]

log = logging.getLogger(__name__)

BUILTIN = "builtin"
SILENT = "silent"
MIDI_PREFIX = "midi:"

#: Channel-mode controllers that are not replayed when playback starts in the middle of a piece.
_MODE_CONTROLLERS = range(120, 128)


# ----------------------------------------------------------------------- base


class Output:
    """One way of playing a loaded piece.

    ``needs`` is ``"audio"`` (a :class:`RenderedAudio` buffer) or ``"events"``
    (a :class:`Timeline` of MIDI messages).  :meth:`start` raises
    :class:`AudioUnavailable` when the device cannot be used; after that
    :attr:`position` runs, :attr:`finished` turns true at the end, and
    :attr:`failure` holds an error that stopped playback on its own (e.g. a
    device that disappeared).
    """

    needs = "audio"
    spec = ""

    def __init__(self) -> None:
        self.finished = False
        self.failure: Exception | None = None

    @property
    def label(self) -> str:
        return self.spec

    def start(self, source: RenderedAudio | Timeline, start_s: float) -> None:
        raise NotImplementedError

    def stop(self) -> None:
        raise NotImplementedError

    @property
    def position(self) -> float:
        raise NotImplementedError


# ----------------------------------------------------------------------- sounddevice


def _sounddevice():
    """The sounddevice module, or AudioUnavailable (PortAudio missing)."""
    try:
        import sounddevice
    except OSError as exc:  # "PortAudio library not found"
        raise AudioUnavailable(
            f"No audio output: the PortAudio library cannot be loaded ({exc}). "
            "Install PortAudio (Debian/Ubuntu: libportaudio2) or choose a MIDI output in the settings.",
            BUILTIN) from None
    except ImportError as exc:
        raise AudioUnavailable(f"No audio output: the Python package sounddevice is not installed ({exc}).",
                               BUILTIN) from None
    return sounddevice


def _no_device_message(detail: str | None = None) -> str:
    text = "No audio output device was found"
    if sys.platform.startswith("linux") and not os.path.exists("/dev/snd"):
        text += " (this machine has no sound card: /dev/snd does not exist)"
    elif detail:
        text += f" ({detail})"
    return text + ". Connect or enable a sound device, or choose a MIDI output in the settings."


def list_audio_devices() -> list[str]:
    """Names of the audio output devices PortAudio sees (raises :class:`AudioUnavailable`)."""
    sd = _sounddevice()
    try:
        devices = sd.query_devices()
    except Exception as exc:  # noqa: BLE001 - PortAudioError and friends
        raise AudioUnavailable(_no_device_message(str(exc)), BUILTIN) from None
    return [d["name"] for d in devices if d.get("max_output_channels", 0) > 0]


class SoundDeviceOutput(Output):
    """Plays a rendered buffer on an audio device through PortAudio (sounddevice)."""

    needs = "audio"
    spec = BUILTIN

    def __init__(self, device: int | str | None = None, *, latency: str | float = "high"):
        super().__init__()
        self.device = device
        self.latency = latency
        self._stream = None
        self._samples: np.ndarray | None = None
        self._rate = 1
        self._frame = 0
        self._start_frame = 0
        self._latency = 0.0
        self._done = threading.Event()

    @property
    def label(self) -> str:
        return "Built-in synthesizer"

    def _check_device(self, sd) -> None:
        try:
            info = sd.query_devices(self.device, "output")
        except Exception as exc:  # noqa: BLE001 - PortAudioError, ValueError
            raise AudioUnavailable(_no_device_message(str(exc)), BUILTIN) from None
        if not info or info.get("max_output_channels", 0) < 1:
            raise AudioUnavailable(_no_device_message("the device has no output channels"), BUILTIN)

    def start(self, source: RenderedAudio, start_s: float) -> None:
        if not isinstance(source, RenderedAudio):
            raise TypeError("SoundDeviceOutput plays a RenderedAudio buffer")
        sd = _sounddevice()
        self._check_device(sd)
        self._samples = source.samples
        self._rate = source.sample_rate
        self._frame = self._start_frame = max(0, min(int(start_s * source.sample_rate), source.frames))
        self._latency = 0.0
        self.finished = False
        self._done.clear()
        channels = 2  # mono buffers are duplicated: some devices refuse one channel

        def callback(outdata, frames, _time, status) -> None:
            if status:
                log.debug("audio callback status: %s", status)
            samples = self._samples
            start = self._frame
            chunk = samples[start:start + frames]
            n = chunk.shape[0]
            if chunk.shape[1] == 1:
                outdata[:n] = chunk  # broadcasts the mono column to both channels
            else:
                outdata[:n] = chunk[:, :channels]
            if n < frames:
                outdata[n:] = 0
                self._frame = start + n
                raise sd.CallbackStop
            self._frame = start + n

        def finished_callback() -> None:
            if self._samples is not None and self._frame >= self._samples.shape[0]:
                self.finished = True
            self._done.set()

        try:
            self._stream = sd.OutputStream(samplerate=self._rate, channels=channels, dtype="float32",
                                           device=self.device, latency=self.latency, callback=callback,
                                           finished_callback=finished_callback)
            self._stream.start()
            self._latency = float(self._stream.latency or 0.0)
        except Exception as exc:  # noqa: BLE001 - PortAudioError on open/start
            self._close_stream()
            raise AudioUnavailable(f"The audio device cannot be opened ({exc}). "
                                   "Check the system sound settings, or choose a MIDI output.", BUILTIN) from None

    def stop(self) -> None:
        self._close_stream()

    def _close_stream(self) -> None:
        stream, self._stream = self._stream, None
        if stream is not None:
            try:
                stream.abort()
            except Exception:  # noqa: BLE001 - already stopped, device gone
                pass
            try:
                stream.close()
            except Exception:  # noqa: BLE001
                pass

    @property
    def position(self) -> float:
        """Seconds into the buffer of what is being heard (frames handed over minus the output latency)."""
        frame = self._frame
        if not self.finished:
            frame = max(self._start_frame, frame - int(self._latency * self._rate))
        return frame / self._rate


# ----------------------------------------------------------------------- rtmidi


def _rtmidi():
    try:
        import rtmidi
    except ImportError as exc:
        raise AudioUnavailable(f"MIDI output is not available: python-rtmidi is not installed ({exc}).") from None
    return rtmidi


def _midi_unavailable_message(exc: BaseException, port: str | None = None) -> str:
    what = f"The MIDI output {port!r} cannot be used" if port else "MIDI output is not available"
    if sys.platform.startswith("linux") and not os.path.exists("/dev/snd/seq"):
        return (f"{what}: the ALSA sequencer cannot be opened (this machine has no /dev/snd/seq: "
                "no sound hardware or the snd-seq kernel module is not loaded). "
                "Use the built-in synthesizer instead.")
    return f"{what}: {exc}"


def _new_midi_out(port: str | None = None):
    rtmidi = _rtmidi()
    try:
        return rtmidi.MidiOut()
    except Exception as exc:  # noqa: BLE001 - rtmidi.SystemError (ALSA), RtMidiError, MemoryError
        raise AudioUnavailable(_midi_unavailable_message(exc, port), port) from None


def list_midi_ports() -> list[str]:
    """Names of the MIDI output ports (raises :class:`AudioUnavailable` when MIDI is unavailable)."""
    midi_out = _new_midi_out()
    try:
        return [str(p) for p in midi_out.get_ports()]
    except Exception as exc:  # noqa: BLE001
        raise AudioUnavailable(_midi_unavailable_message(exc)) from None
    finally:
        _delete(midi_out)


def _delete(midi_out) -> None:
    try:
        midi_out.close_port()
    except Exception:  # noqa: BLE001
        pass
    try:
        midi_out.delete()
    except Exception:  # noqa: BLE001
        pass


_ALSA_NUMBERS = re.compile(r"\s+\d+:\d+$")


def _match_port(name: str, ports: list[str]) -> int | None:
    """Index of the port called ``name``; ALSA's trailing ``client:port`` numbers may differ."""
    if name in ports:
        return ports.index(name)
    bare = _ALSA_NUMBERS.sub("", name)
    for i, p in enumerate(ports):
        if _ALSA_NUMBERS.sub("", p) == bare:
            return i
    lowered = bare.lower()
    for i, p in enumerate(ports):
        if lowered and lowered in p.lower():
            return i
    return None


def open_midi_port(name: str):
    """An open ``rtmidi.MidiOut`` on the port called ``name`` (raises :class:`AudioUnavailable`)."""
    midi_out = _new_midi_out(name)
    try:
        ports = [str(p) for p in midi_out.get_ports()]
        index = _match_port(name, ports)
        if index is None:
            listed = ", ".join(repr(p) for p in ports) or "none"
            raise AudioUnavailable(f"The MIDI output {name!r} was not found (available ports: {listed}). "
                                   "Choose another output in the settings.", name)
        midi_out.open_port(index)
    except AudioUnavailable:
        _delete(midi_out)
        raise
    except Exception as exc:  # noqa: BLE001 - rtmidi errors on open
        _delete(midi_out)
        raise AudioUnavailable(_midi_unavailable_message(exc, name), name) from None
    return midi_out


def chase_messages(tl: Timeline, start_index: int) -> list[list[int]]:
    """The controller, program and pitch-bend state at ``start_index``, as raw MIDI messages.

    Sent before playback starts in the middle of a piece so that each
    channel has the right instrument, volume, pan and bend.
    """
    programs: dict[int, int] = {}
    controls: dict[tuple[int, int], int] = {}
    bends: dict[int, int] = {}
    # Registered parameters (pitch-bend range, tuning): data entry (CC 6/38) applies to the
    # parameter selected by CC 101/100 at that moment, so they are replayed per parameter.
    selected: dict[int, tuple[int, int]] = {}
    rpn_data: dict[tuple[int, tuple[int, int]], dict[int, int]] = {}
    for msg in tl.messages[:start_index]:
        kind = msg.type
        if kind == "program_change":
            programs[msg.channel] = msg.program
        elif kind == "control_change":
            ch, control = msg.channel, msg.control
            if control in _MODE_CONTROLLERS or control in (98, 99):
                continue
            if control in (101, 100):
                old = selected.get(ch, (127, 127))
                selected[ch] = (msg.value, old[1]) if control == 101 else (old[0], msg.value)
            elif control in (6, 38):
                rpn = selected.get(ch, (127, 127))
                if rpn != (127, 127):
                    rpn_data.setdefault((ch, rpn), {})[control] = msg.value
            else:
                controls[(ch, control)] = msg.value
        elif kind == "pitchwheel":
            bends[msg.channel] = msg.pitch
    out: list[list[int]] = []
    channels = sorted({c for c, _ in controls} | set(programs) | set(bends) | {c for c, _ in rpn_data})
    for channel in channels:
        # Bank select first: it takes effect with the program change that follows.
        for control in (0, 32):
            if (channel, control) in controls:
                out.append([0xB0 | channel, control, controls[(channel, control)]])
        if channel in programs:
            out.append([0xC0 | channel, programs[channel]])
        for (c, control), value in sorted(controls.items()):
            if c == channel and control not in (0, 32, 64):  # no sustain carried across the jump
                out.append([0xB0 | channel, control, value])
        for (c, (msb, lsb)), data in sorted(rpn_data.items()):
            if c == channel:
                out += [[0xB0 | channel, 101, msb], [0xB0 | channel, 100, lsb]]
                out += [[0xB0 | channel, cc, data[cc]] for cc in (6, 38) if cc in data]
        if any(c == channel for c, _ in rpn_data):
            out += [[0xB0 | channel, 101, 127], [0xB0 | channel, 100, 127]]  # deselect (RPN null)
        if channel in bends:
            value = bends[channel] + 8192
            out.append([0xE0 | channel, value & 0x7F, value >> 7])
    return out


class MidiPortOutput(Output):
    """Sends a piece's MIDI messages to an output port in real time, from a thread.

    ``opener`` turns the port name into an object with ``send_message(list)``
    (default :func:`open_midi_port`); ``clock`` is a monotonic clock in seconds.
    """

    needs = "events"

    def __init__(self, port: str, *, opener: Callable[[str], object] = open_midi_port,
                 clock: Callable[[], float] = time.monotonic):
        super().__init__()
        self.spec = port
        self.port_name = port
        self._opener = opener
        self._clock = clock
        self._port = None
        self._thread: threading.Thread | None = None
        self._stop = threading.Event()
        self._origin = 0.0
        self._start_s = 0.0
        self._duration = 0.0
        self._stopped_at: float | None = None

    @property
    def label(self) -> str:
        return f"MIDI: {self.port_name}"

    def start(self, source: Timeline, start_s: float) -> None:
        if not isinstance(source, Timeline):
            raise TypeError("MidiPortOutput plays a Timeline")
        self._port = self._opener(self.port_name)
        self.finished = False
        self.failure = None
        self._stop.clear()
        self._stopped_at = None
        self._duration = source.duration
        self._start_s = max(0.0, min(start_s, source.duration))
        self._origin = self._clock() - self._start_s
        self._thread = threading.Thread(target=self._run, args=(source,), name="midi-out", daemon=True)
        self._thread.start()

    def _run(self, tl: Timeline) -> None:
        port = self._port
        active: set[tuple[int, int]] = set()
        try:
            index = tl.index_at(self._start_s)
            for raw in chase_messages(tl, index):
                port.send_message(raw)
            times, messages = tl.times, tl.messages
            n = len(times)
            while index < n and not self._stop.is_set():
                due = times[index] - (self._clock() - self._origin)
                if due > 0.0005:
                    if self._stop.wait(due):
                        break
                    continue
                msg = messages[index]
                index += 1
                if msg.type in ("clock", "start", "stop", "continue", "songpos", "song_select", "reset",
                                "active_sensing", "quarter_frame", "tune_request"):
                    continue
                port.send_message(msg.bytes())
                if msg.type == "note_on" and msg.velocity > 0:
                    active.add((msg.channel, msg.note))
                elif msg.type in ("note_on", "note_off"):
                    active.discard((msg.channel, msg.note))
            if not self._stop.is_set():
                rest = self._duration - (self._clock() - self._origin)
                if rest > 0:
                    self._stop.wait(rest)
                if not self._stop.is_set():
                    self.finished = True
        except Exception as exc:  # noqa: BLE001 - a port that vanished mid-piece
            self.failure = AudioUnavailable(_midi_unavailable_message(exc, self.port_name), self.port_name)
        finally:
            self._stopped_at = self.position
            self._silence(port, active)

    @staticmethod
    def _silence(port, active: set[tuple[int, int]]) -> None:
        try:
            for channel, note in sorted(active):
                port.send_message([0x80 | channel, note, 0])
            for channel in range(16):
                port.send_message([0xB0 | channel, 64, 0])     # sustain off
                port.send_message([0xB0 | channel, 123, 0])    # all notes off
        except Exception:  # noqa: BLE001 - the port is gone; nothing left to silence
            pass

    def stop(self) -> None:
        self._stop.set()
        thread, self._thread = self._thread, None
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout=2.0)
        port, self._port = self._port, None
        if port is not None and hasattr(port, "close_port"):
            _delete(port)

    @property
    def position(self) -> float:
        if self._stopped_at is not None:
            return self._stopped_at
        if self._thread is None:
            return self._start_s
        return max(0.0, min(self._clock() - self._origin, self._duration))


# ----------------------------------------------------------------------- silent


class SilentOutput(Output):
    """Advances a clock in real time (scaled by ``speed``) and makes no sound."""

    needs = "events"
    spec = SILENT

    def __init__(self, *, speed: float = 1.0, clock: Callable[[], float] = time.monotonic):
        super().__init__()
        self.speed = speed
        self._clock = clock
        self._origin: float | None = None
        self._start_s = 0.0
        self._duration = 0.0
        self._stopped_at: float | None = None

    @property
    def label(self) -> str:
        return "Silent (no sound)"

    def start(self, source: RenderedAudio | Timeline, start_s: float) -> None:
        self._duration = source.duration if isinstance(source, Timeline) else source.music_seconds
        self._start_s = max(0.0, min(start_s, self._duration))
        self._origin = self._clock()
        self._stopped_at = None
        self.finished = False

    def stop(self) -> None:
        if self._origin is not None and self._stopped_at is None:
            self._stopped_at = self.position
        self._origin = None

    @property
    def position(self) -> float:
        if self._stopped_at is not None:
            return self._stopped_at
        if self._origin is None:
            return self._start_s
        pos = self._start_s + (self._clock() - self._origin) * self.speed
        if pos >= self._duration:
            self.finished = True
            return self._duration
        return pos


# ----------------------------------------------------------------------- choosing


@dataclass(frozen=True)
class OutputChoice:
    """One entry of the output menu: ``spec`` to store, ``label`` to show, and whether it works here."""

    spec: str
    label: str
    kind: str            # "builtin" | "midi"
    available: bool
    reason: str | None = None


def output_choices() -> list[OutputChoice]:
    """The built-in synthesizer and every MIDI output port; never raises."""
    choices = []
    try:
        ok = bool(list_audio_devices())
        reason = None if ok else _no_device_message()
    except AudioUnavailable as exc:
        ok, reason = False, str(exc)
    choices.append(OutputChoice(BUILTIN, "Built-in synthesizer", "builtin", ok, reason))
    try:
        for port in list_midi_ports():
            choices.append(OutputChoice(port, port, "midi", True))
    except AudioUnavailable as exc:
        log.info("no MIDI ports: %s", exc)
    return choices


def make_output(spec: str | Output | None, *, device: int | str | None = None) -> Output:
    """An :class:`Output` for a settings value (see the module docstring).  Opens nothing yet."""
    if isinstance(spec, Output):
        return spec
    if spec is None or spec == "" or spec == BUILTIN:
        return SoundDeviceOutput(device)
    if spec == SILENT:
        return SilentOutput()
    name = spec[len(MIDI_PREFIX):] if spec.startswith(MIDI_PREFIX) else spec
    if not name:
        raise ValueError("empty MIDI port name")
    return MidiPortOutput(name)
