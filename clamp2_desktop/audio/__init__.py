"""Playback for CLaMP 2 Desktop, with no Qt: render MIDI offline, play it on a sound card or a MIDI port.

- :mod:`~clamp2_desktop.audio.render`: :func:`render_midi` (FluidSynth with a
  General MIDI SoundFont, or sine synthesis when FluidSynth is missing).
- :mod:`~clamp2_desktop.audio.outputs`: the sound card (sounddevice /
  PortAudio), MIDI output ports (python-rtmidi), a silent clock; a missing
  device is :class:`AudioUnavailable`, never a crash.
- :mod:`~clamp2_desktop.audio.player`: :class:`Player` (load, play, pause,
  stop, seek, state/position/error signals) and :class:`ABPlayer`.

ABC tunes are converted by :mod:`clamp2_engine.formats.abc_midi`.
"""
from clamp2_desktop.audio.errors import AudioError, AudioUnavailable, RenderError
from clamp2_desktop.audio.outputs import (
    BUILTIN,
    SILENT,
    MidiPortOutput,
    Output,
    OutputChoice,
    SilentOutput,
    SoundDeviceOutput,
    list_audio_devices,
    list_midi_ports,
    make_output,
    open_midi_port,
    output_choices,
)
from clamp2_desktop.audio.player import ABPlayer, LoadedPiece, Player, PlayerState, Signal
from clamp2_desktop.audio.render import (
    RenderedAudio,
    Timeline,
    find_soundfont,
    fluidsynth_status,
    render_midi,
    soundfont_candidates,
    timeline,
)

__all__ = [
    "ABPlayer", "AudioError", "AudioUnavailable", "BUILTIN", "LoadedPiece", "MidiPortOutput", "Output",
    "OutputChoice", "Player", "PlayerState", "RenderError", "RenderedAudio", "SILENT", "Signal", "SilentOutput",
    "SoundDeviceOutput", "Timeline", "find_soundfont", "fluidsynth_status", "list_audio_devices",
    "list_midi_ports", "make_output", "open_midi_port", "output_choices", "render_midi",
    "soundfont_candidates", "timeline",
]
