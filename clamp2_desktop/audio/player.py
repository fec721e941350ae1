"""The player: load a piece, play / pause / stop / seek, report state, position and errors.

No Qt here.  :class:`Player` does its slow work (ABC conversion happens in
:meth:`Player.load`; rendering and the output's lifetime in a background
worker thread started by :meth:`Player.play`), and reports through
:class:`Signal` objects whose slots run **on that worker thread**: a GUI
connects them to Qt signals (queued connections) or polls
:attr:`Player.position` from a timer.

Typical use::

    player = Player("builtin")                 # or a MIDI port name, or "silent"
    player.error.connect(lambda exc: show(str(exc)))
    player.load("tune.abc", tune_index=2)      # raises MidiFileError / AbcFileError
    player.play()                              # returns at once
    ...
    player.seek(30.0); player.pause(); player.stop()

With no sound device, :meth:`Player.play` renders the piece (so
:attr:`Player.buffer` holds real samples), then reports
:class:`~clamp2_desktop.audio.errors.AudioUnavailable` through
:attr:`Player.error` and goes back to ``stopped``.

A/B comparison: :class:`ABPlayer` holds two players (the query and a result)
and switches between them at the same position.
"""
from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Callable

from clamp2_desktop.audio.errors import AudioError
from clamp2_desktop.audio.outputs import BUILTIN, Output, make_output
from clamp2_desktop.audio.render import (
    DEFAULT_SAMPLE_RATE,
    MAX_RENDER_SECONDS,
    RenderedAudio,
    Timeline,
    render_midi,
    timeline,
)
from clamp2_engine.errors import AbcFileError, Clamp2Error
from clamp2_engine.formats.abc import read_abc
from clamp2_engine.formats.abc_midi import convert_abc_tune
from clamp2_engine.formats.midi import read_midi

__all__ = ["ABPlayer", "LoadedPiece", "Player", "PlayerState", "Signal"]

log = logging.getLogger(__name__)

ABC_SUFFIXES = (".abc",)


class PlayerState(str, Enum):
    EMPTY = "empty"          # nothing loaded
    STOPPED = "stopped"      # loaded, not playing (position kept after pause/seek, 0 after stop)
    STARTING = "starting"    # play() called; rendering and opening the output
    PLAYING = "playing"
    PAUSED = "paused"


class Signal:
    """A minimal thread-safe callback list: ``connect``, ``disconnect``, ``emit``.

    A slot that raises is logged and skipped; it never stops playback.
    """

    def __init__(self) -> None:
        self._slots: list[Callable] = []
        self._lock = threading.Lock()

    def connect(self, slot: Callable) -> Callable:
        with self._lock:
            self._slots.append(slot)
        return slot

    def disconnect(self, slot: Callable) -> None:
        with self._lock:
            self._slots = [s for s in self._slots if s is not slot and s != slot]

    def emit(self, *args) -> None:
        with self._lock:
            slots = list(self._slots)
        for slot in slots:
            try:
                slot(*args)
            except Exception:  # noqa: BLE001 - a listener's bug must not kill the player
                log.exception("player listener %r failed", slot)


@dataclass(frozen=True, eq=False)
class LoadedPiece:
    """What :meth:`Player.load` read: the file, the tune, a title and the timed MIDI messages."""

    path: str | None
    tune_index: int | None
    title: str
    timeline: Timeline
    midi_bytes: bytes | None = None     # the converted MIDI of an ABC tune
    converter: str | None = None        # "abc2midi" or "music21" for ABC tunes

    @property
    def duration(self) -> float:
        return self.timeline.duration


class _Session:
    """One play() call: its worker thread, its output, and how it should end."""

    def __init__(self, start_s: float):
        self.start_s = start_s
        self.cancel = threading.Event()
        self.end_state = PlayerState.STOPPED   # what stop()/pause() asked for
        self.quiet = False                     # an internal restart (seek): no state announcements
        self.output: Output | None = None
        self.started = False
        self.thread: threading.Thread | None = None


class Player:
    """Plays one loaded piece at a time through one output (see the module docstring)."""

    def __init__(self, output: str | Output | None = BUILTIN, *, sample_rate: int = DEFAULT_SAMPLE_RATE,
                 soundfont: str | Path | None = None, synth: str = "auto", settings: object | None = None,
                 max_seconds: float = MAX_RENDER_SECONDS, position_interval: float = 0.1):
        self.sample_rate = int(sample_rate)
        self.soundfont = soundfont
        self.synth = synth
        self.settings = settings
        self.max_seconds = max_seconds
        self.position_interval = position_interval
        self.state_changed = Signal()     # (PlayerState)
        self.position_changed = Signal()  # (seconds: float)
        self.error = Signal()             # (exception: Clamp2Error); str(exc) is the user message
        self.loaded = Signal()            # (LoadedPiece)
        self._lock = threading.RLock()
        self._render_lock = threading.Lock()
        self._output_spec: str | Output | None = output
        self._piece: LoadedPiece | None = None
        self._buffer: RenderedAudio | None = None
        self._buffer_piece: LoadedPiece | None = None
        self._state = PlayerState.EMPTY
        self._position = 0.0
        self._session: _Session | None = None
        self.last_error: Exception | None = None

    # ------------------------------------------------------------------ properties

    @property
    def state(self) -> PlayerState:
        return self._state

    @property
    def piece(self) -> LoadedPiece | None:
        return self._piece

    @property
    def duration(self) -> float:
        """Seconds of music in the loaded piece (0 when nothing is loaded)."""
        return self._piece.duration if self._piece else 0.0

    @property
    def position(self) -> float:
        """The playing position in seconds, between 0 and :attr:`duration`."""
        session = self._session
        if session is not None and session.started and session.output is not None:
            return self._clamp(session.output.position)
        return self._position

    @property
    def buffer(self) -> RenderedAudio | None:
        """The rendered audio of the loaded piece, once rendered (by :meth:`render` or :meth:`play`)."""
        return self._buffer

    @property
    def output(self) -> str | Output | None:
        return self._output_spec

    def _clamp(self, seconds: float) -> float:
        return max(0.0, min(float(seconds), self.duration))

    # ------------------------------------------------------------------ loading

    def load(self, path: str | Path, tune_index: int | None = None, *, title: str | None = None) -> LoadedPiece:
        """Load a MIDI file, or one tune of an ABC file (``tune_index``: 0-based, default the first).

        Stops what is playing.  Raises :class:`MidiFileError` or
        :class:`AbcFileError` (with the file, the tune and the reason) for a
        file that cannot be played; the previous piece is then unloaded.
        """
        self.stop()
        p = Path(path)
        try:
            if p.suffix.lower() in ABC_SUFFIXES:
                piece = self._load_abc(p, tune_index, title)
            else:
                mid = read_midi(p)
                piece = LoadedPiece(str(p), None, title or p.stem,
                                    timeline(mid, max_seconds=self.max_seconds))
        except Exception:
            self.unload()
            raise
        self._set_piece(piece)
        return piece

    def load_midi_bytes(self, data: bytes, *, title: str = "MIDI", path: str | None = None) -> LoadedPiece:
        """Load a MIDI file given as bytes (``path`` only labels errors)."""
        self.stop()
        try:
            mid = read_midi(data, path=path)
            piece = LoadedPiece(path, None, title, timeline(mid, max_seconds=self.max_seconds), bytes(data))
        except Exception:
            self.unload()
            raise
        self._set_piece(piece)
        return piece

    def _load_abc(self, path: Path, tune_index: int | None, title: str | None) -> LoadedPiece:
        tunes = read_abc(path)
        if not tunes:
            raise AbcFileError(path, "no tunes in this file (no X: field)")
        index = 0 if tune_index is None else int(tune_index)
        if not 0 <= index < len(tunes):
            raise AbcFileError(path, f"there is no tune {index + 1} (the file has {len(tunes)})")
        tune = tunes[index]
        converted = convert_abc_tune(tune.effective_text, path=path,
                                     position=f"tune {index + 1}, line {tune.line}")
        mid = read_midi(converted.data, path=path)
        return LoadedPiece(str(path), index, title or tune.title or f"{path.stem} #{index + 1}",
                           timeline(mid, max_seconds=self.max_seconds), converted.data, converted.converter)

    def _set_piece(self, piece: LoadedPiece) -> None:
        with self._lock:
            self._piece = piece
            self._buffer = None
            self._position = 0.0
        self._set_state(PlayerState.STOPPED)
        self.position_changed.emit(0.0)
        self.loaded.emit(piece)

    def unload(self) -> None:
        self.stop()
        with self._lock:
            self._piece = None
            self._buffer = None
            self._position = 0.0
        self._set_state(PlayerState.EMPTY)

    # ------------------------------------------------------------------ rendering

    def render(self) -> RenderedAudio:
        """Render the loaded piece with the built-in synthesizer (cached; blocking; thread-safe)."""
        piece = self._piece
        if piece is None:
            raise AudioError("Nothing to play: choose a piece first.")
        return self._render(piece)

    def _render(self, piece: LoadedPiece) -> RenderedAudio:
        with self._render_lock:
            if self._buffer is not None and self._buffer_piece is piece:
                return self._buffer
            source = piece.midi_bytes if piece.midi_bytes is not None else piece.path
            audio = render_midi(source, self.sample_rate, self.soundfont, synth=self.synth,
                                settings=self.settings, max_seconds=self.max_seconds)
            with self._lock:
                if self._piece is piece:
                    self._buffer, self._buffer_piece = audio, piece
            return audio

    # ------------------------------------------------------------------ transport

    def set_output(self, output: str | Output | None) -> None:
        """Choose the output (``"builtin"``, a MIDI port name, ``"silent"`` or an :class:`Output`).

        Playing continues on the new output from the same position.
        """
        playing = self._state in (PlayerState.PLAYING, PlayerState.STARTING)
        if playing:
            self._halt(PlayerState.PAUSED, quiet=True)   # keeps the position
        self._output_spec = output
        if playing:
            self.play()

    def play(self) -> None:
        """Start playing from :attr:`position`; returns at once.  Errors arrive through :attr:`error`."""
        if self._piece is None:
            self._report(AudioError("Nothing to play: choose a piece first."))
            return
        with self._lock:
            if self._piece is None:
                return
            if self._state in (PlayerState.PLAYING, PlayerState.STARTING):
                return
            start = self._position if self._position < self.duration else 0.0
            session = _Session(start)
            self._session = session
            self._state = PlayerState.STARTING
            session.thread = threading.Thread(target=self._run, args=(session, self._piece, self._output_spec),
                                              name="clamp2-player", daemon=True)
        self.state_changed.emit(PlayerState.STARTING)
        session.thread.start()

    def pause(self) -> None:
        """Stop sounding and keep the position."""
        self._halt(PlayerState.PAUSED)

    def stop(self) -> None:
        """Stop sounding and go back to the start."""
        self._halt(PlayerState.STOPPED)

    def toggle(self) -> None:
        """Play when not playing, pause when playing."""
        if self._state in (PlayerState.PLAYING, PlayerState.STARTING):
            self.pause()
        else:
            self.play()

    def seek(self, seconds: float) -> float:
        """Move to ``seconds`` (clamped to the piece); playing continues from there.  Returns the new position."""
        target = self._clamp(seconds)
        playing = self._state in (PlayerState.PLAYING, PlayerState.STARTING)
        if playing:
            self._halt(PlayerState.PAUSED, quiet=True)
        with self._lock:
            self._position = target
        self.position_changed.emit(target)
        if playing:
            self.play()
        return target

    def wait(self, timeout: float | None = None) -> bool:
        """Wait until the current playback worker has ended; ``False`` on timeout."""
        session = self._session
        if session is None or session.thread is None:
            return True
        session.thread.join(timeout)
        return not session.thread.is_alive()

    def close(self) -> None:
        """Stop and release everything (call when the window closes)."""
        self.stop()

    def _halt(self, end_state: PlayerState, *, quiet: bool = False) -> None:
        with self._lock:
            session = self._session
            if session is None:
                if self._piece is None or end_state is PlayerState.PAUSED:
                    return      # pausing a stopped or paused player changes nothing
                changed = self._state is not PlayerState.STOPPED
                self._state = PlayerState.STOPPED
                self._position = 0.0
            else:
                session.end_state = end_state
                session.quiet = quiet
                session.cancel.set()
        if session is None:
            if changed and not quiet:
                self.state_changed.emit(PlayerState.STOPPED)
            self.position_changed.emit(0.0)
            return
        thread = session.thread
        if thread is not None and thread is not threading.current_thread():
            # The worker notices the cancel within position_interval.  Rendering cannot be
            # interrupted: a worker still rendering is not waited for; it will not play.
            thread.join(timeout=max(2.0, 5 * self.position_interval) if session.started else 0.05)
        with self._lock:
            if self._session is not session:
                return          # the worker finished the session itself
            if end_state is PlayerState.PAUSED:
                output = session.output
                position = output.position if session.started and output is not None else session.start_s
            else:
                position = 0.0
            notes = self._finish_locked(session, end_state, position)
        self._notify(notes)

    # ------------------------------------------------------------------ worker

    def _run(self, session: _Session, piece: LoadedPiece, spec: str | Output | None) -> None:
        output: Output | None = None
        position = session.start_s
        outcome = "cancelled"
        try:
            output = make_output(spec)
            source = self._render(piece) if output.needs == "audio" else piece.timeline
            if not session.cancel.is_set():
                output.start(source, session.start_s)
                session.output = output
                session.started = True
                with self._lock:
                    go = self._session is session and not session.cancel.is_set()
                    if go:
                        self._state = PlayerState.PLAYING
                if go:
                    self.state_changed.emit(PlayerState.PLAYING)
                    last = -1.0
                    while not session.cancel.wait(self.position_interval):
                        pos = self._clamp(output.position)
                        if pos != last:
                            self.position_changed.emit(pos)
                            last = pos
                        if output.finished or output.failure is not None:
                            break
                    position = self._clamp(output.position)
                    if output.failure is not None:
                        outcome = "error"
                        self._report(output.failure)
                    elif output.finished and not session.cancel.is_set():
                        outcome = "finished"
        except Clamp2Error as exc:            # AudioUnavailable, RenderError, MidiFileError ...
            outcome = "error"
            self._report(exc)
        except Exception as exc:  # noqa: BLE001 - never let playback crash the app
            outcome = "error"
            log.exception("playback failed")
            self._report(AudioError(f"Playback failed: {type(exc).__name__}: {exc}"))
        finally:
            if output is not None and session.started:
                try:
                    output.stop()
                except Exception:  # noqa: BLE001
                    log.exception("stopping the output failed")
            with self._lock:
                notes = None
                if self._session is session:
                    if outcome == "finished":
                        notes = self._finish_locked(session, PlayerState.STOPPED, 0.0)
                    elif outcome == "error":
                        notes = self._finish_locked(session, PlayerState.STOPPED, position)
                    else:
                        end = session.end_state
                        notes = self._finish_locked(session, end, position if end is PlayerState.PAUSED else 0.0)
            self._notify(notes)

    def _finish_locked(self, session: _Session, end_state: PlayerState, position: float):
        """End ``session`` (lock held); returns what to announce once the lock is released."""
        self._session = None
        self._position = self._clamp(position)
        self._state = end_state if self._piece is not None else PlayerState.EMPTY
        return (None if session.quiet else self._state), self._position

    def _notify(self, notes) -> None:
        if notes is None:
            return
        state, position = notes
        if state is not None:
            self.state_changed.emit(state)
        self.position_changed.emit(position)

    def _set_state(self, state: PlayerState) -> None:
        with self._lock:
            changed = self._state is not state
            self._state = state
        if changed:
            self.state_changed.emit(state)

    def _report(self, exc: Exception) -> None:
        self.last_error = exc
        self.error.emit(exc)


class ABPlayer:
    """A/B comparison of two pieces (``a``: the query, ``b``: a result) at the same position.

    Both players share the output setting; only one sounds at a time.
    :meth:`switch` moves playback to the other piece at the current
    position (clamped to its length).
    """

    def __init__(self, output: str | Output | None = BUILTIN, **player_kwargs):
        self.a = Player(output, **player_kwargs)
        self.b = Player(output, **player_kwargs)
        self.active = "a"

    @property
    def current(self) -> Player:
        return self.a if self.active == "a" else self.b

    @property
    def other(self) -> Player:
        return self.b if self.active == "a" else self.a

    def load_ab(self, query: str | Path | tuple, result: str | Path | tuple) -> tuple[LoadedPiece, LoadedPiece]:
        """Load the query and the result: each a path or a ``(path, tune_index)`` pair.  A becomes active."""
        self.stop()
        pieces = []
        for player, item in ((self.a, query), (self.b, result)):
            path, tune = (item[0], item[1]) if isinstance(item, tuple) else (item, None)
            pieces.append(player.load(path, tune))
        self.active = "a"
        return pieces[0], pieces[1]

    def set_output(self, output: str | Output | None) -> None:
        self.a.set_output(output)
        self.b.set_output(output)

    def play(self) -> None:
        self.current.play()

    def pause(self) -> None:
        self.current.pause()

    def stop(self) -> None:
        self.a.stop()
        self.b.stop()

    def seek(self, seconds: float) -> float:
        return self.current.seek(seconds)

    def switch(self, to: str | None = None) -> Player:
        """Make ``to`` (``"a"``, ``"b"``, or the other one) active at the same position; returns it."""
        target = to or ("b" if self.active == "a" else "a")
        if target not in ("a", "b"):
            raise ValueError("switch to 'a' or 'b'")
        if target == self.active:
            return self.current
        source = self.current
        playing = source.state in (PlayerState.PLAYING, PlayerState.STARTING)
        position = source.position
        source.pause()
        self.active = target
        dest = self.current
        if dest.piece is not None:
            dest.seek(min(position, dest.duration))
            if playing:
                dest.play()
        return dest

    def close(self) -> None:
        self.a.close()
        self.b.close()

