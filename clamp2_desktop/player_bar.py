"""The player bar: play/stop/seek of the selected piece or result, A/B against the query.

The Qt-free :class:`~clamp2_desktop.audio.player.ABPlayer` does the work on
its own thread; its callbacks are forwarded to Qt signals (queued into the
GUI thread).  Loading (ABC conversion, MIDI parsing) runs in the thread pool
so a long file never freezes the window.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSlider, QStyle, QWidget

from clamp2_desktop.audio.outputs import BUILTIN, list_midi_ports
from clamp2_desktop.audio.player import ABPlayer, PlayerState
from clamp2_engine.errors import Clamp2Error


def _clock(seconds: float) -> str:
    seconds = max(0, int(seconds))
    return f"{seconds // 60}:{seconds % 60:02d}"


class _Bridge(QObject):
    state = Signal(str)
    error = Signal(str)
    loaded = Signal(str, bool)   # title, has A/B pair
    loadFailed = Signal(str)


class _LoadTask(QRunnable):
    def __init__(self, ab: ABPlayer, bridge: _Bridge, target: tuple, compare: tuple | None, title: str,
                 play: bool):
        super().__init__()
        self.ab, self.bridge, self.target, self.compare, self.title, self.play = ab, bridge, target, compare, title, play

    def run(self) -> None:
        try:
            self.ab.stop()
            if self.compare is not None:
                self.ab.load_ab(self.compare, self.target)
                self.ab.switch("b")
            else:
                self.ab.a.load(self.target[0], self.target[1], title=self.title)
                self.ab.switch("a")
                self.ab.b.unload()
        except Clamp2Error as exc:
            self.bridge.loadFailed.emit(str(exc))
            return
        except Exception as exc:  # a bug in a converter must not take the window down
            self.bridge.loadFailed.emit(f"{type(exc).__name__}: {exc}")
            return
        self.bridge.loaded.emit(self.title, self.compare is not None)
        if self.play:
            self.ab.play()


class PlayerBar(QWidget):
    """Play/stop, a seek slider, elapsed/total time, the title, A/B and the output in use."""

    def __init__(self, output: str = BUILTIN, parent=None):
        super().__init__(parent)
        self.ab = ABPlayer(output or BUILTIN)
        self.bridge = _Bridge()
        self.last_message = ""
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        for player in (self.ab.a, self.ab.b):
            player.state_changed.connect(lambda state: self.bridge.state.emit(str(getattr(state, "value", state))))
            player.error.connect(lambda exc: self.bridge.error.emit(str(exc)))
        self.bridge.state.connect(self._on_state)
        self.bridge.error.connect(self._on_error)
        self.bridge.loaded.connect(self._on_loaded)
        self.bridge.loadFailed.connect(self._on_error)

        style = self.style()
        self.play_button = QPushButton(style.standardIcon(QStyle.SP_MediaPlay), "")
        self.play_button.setToolTip(self.tr("Play / pause (Space)"))
        self.play_button.clicked.connect(self.toggle)
        self.stop_button = QPushButton(style.standardIcon(QStyle.SP_MediaStop), "")
        self.stop_button.setToolTip(self.tr("Stop"))
        self.stop_button.clicked.connect(self.stop)
        self.ab_button = QPushButton(self.tr("A/B"))
        self.ab_button.setCheckable(True)
        self.ab_button.setToolTip(self.tr("Switch between the dropped piece (A) and the result (B) at the same moment"))
        self.ab_button.clicked.connect(self._switch)
        self.slider = QSlider(Qt.Horizontal)
        self.slider.setRange(0, 1000)
        self.slider.sliderReleased.connect(self._seek)
        self.time = QLabel("0:00 / 0:00")
        self.title = QLabel(self.tr("Nothing to play — double-click a result, or press Play on a piece"))
        self.title.setMinimumWidth(200)
        self.message = QLabel()
        self.message.setStyleSheet("color: palette(mid);")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        for w in (self.play_button, self.stop_button, self.ab_button):
            layout.addWidget(w)
        self.slider.setMinimumWidth(180)
        self.message.setMaximumWidth(420)
        layout.addWidget(self.slider, 3)
        layout.addWidget(self.time)
        layout.addWidget(self.title, 2)
        layout.addWidget(self.message, 2)
        self.timer = QTimer(self, interval=200)
        self.timer.timeout.connect(self._tick)
        self.timer.start()
        self._set_enabled(False)
        self.ab_button.setEnabled(False)

    # -- public -----------------------------------------------------------------

    def midi_ports(self) -> list[str]:
        try:
            return list_midi_ports()
        except Clamp2Error:
            return []

    def set_output(self, output: str) -> None:
        self.ab.set_output(output or BUILTIN)

    def load_and_play(self, path: str, tune: int | None, title: str, *, compare_with: str | None = None,
                      compare_tune: int | None = None, play: bool = True) -> None:
        self.message.setText(self.tr("Loading…"))
        compare = (compare_with, compare_tune) if compare_with and compare_with != path else None
        self.pool.start(_LoadTask(self.ab, self.bridge, (path, tune), compare, title, play))

    def toggle(self) -> None:
        if self.ab.current.state == PlayerState.PLAYING:
            self.ab.pause()
        else:
            self.ab.play()

    def stop(self) -> None:
        self.ab.stop()

    def shutdown(self) -> None:
        self.timer.stop()
        self.pool.waitForDone(5000)
        for player in (self.ab.a, self.ab.b):
            player.close()

    # -- internals -----------------------------------------------------------------

    def _set_enabled(self, on: bool) -> None:
        for w in (self.play_button, self.stop_button, self.slider):
            w.setEnabled(on)

    def _switch(self) -> None:
        self.ab.switch("b" if self.ab_button.isChecked() else "a")
        piece = self.ab.current.piece
        if piece is not None:
            self.title.setText(("B: " if self.ab_button.isChecked() else "A: ") + piece.title)

    def _seek(self) -> None:
        duration = self.ab.current.duration
        if duration > 0:
            self.ab.seek(self.slider.value() / 1000 * duration)

    def _tick(self) -> None:
        player = self.ab.current
        duration = player.duration
        position = player.position
        if not self.slider.isSliderDown() and duration > 0:
            self.slider.setValue(int(1000 * position / duration))
        self.time.setText(f"{_clock(position)} / {_clock(duration)}")

    def _on_state(self, state: str) -> None:
        style = self.style()
        playing = state == PlayerState.PLAYING.value
        self.play_button.setIcon(style.standardIcon(QStyle.SP_MediaPause if playing else QStyle.SP_MediaPlay))
        if playing:
            output = self.ab.current.output
            label = self.tr("built-in synthesizer") if output in (None, "", BUILTIN) else str(output)
            self.message.setText(self.tr("Playing on: {0}").format(label))

    def _on_error(self, message: str) -> None:
        self.last_message = message
        metrics = self.message.fontMetrics()
        self.message.setText(metrics.elidedText(message, Qt.ElideRight, self.message.maximumWidth()))
        self.message.setToolTip(message)

    def _on_loaded(self, title: str, has_pair: bool) -> None:
        self._set_enabled(True)
        self.ab_button.setEnabled(has_pair)
        self.ab_button.setChecked(has_pair)
        self.title.setText(("B: " if has_pair else "") + (title or Path(str(self.ab.current.piece.path)).stem))
        self.title.setToolTip(str(self.ab.current.piece.path))
        self.message.setText("")
