"""Errors of the playback layer.

All derive from :class:`clamp2_engine.errors.Clamp2Error`, so the app shows
``str(exc)`` for them like for any engine error.  A missing sound card or
MIDI port is :class:`AudioUnavailable`: a normal condition (CI, servers,
remote desktops), reported to the user, never a crash.
"""
from __future__ import annotations

from clamp2_engine.errors import Clamp2Error


class AudioError(Clamp2Error):
    """Base class of the playback layer's errors."""


class RenderError(AudioError):
    """A piece could not be rendered to audio (a bad SoundFont, a synth failure)."""


class AudioUnavailable(AudioError):
    """No way to make sound here: no audio device, no PortAudio, no MIDI port or no ALSA sequencer.

    ``output`` names the output that was asked for (``"builtin"`` or a MIDI
    port name); the message is a sentence meant for the user.
    """

    def __init__(self, message: str, output: str | None = None):
        self.output = output
        super().__init__(message)
