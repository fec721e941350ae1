"""Playback: offline rendering (FluidSynth + a GM SoundFont, sine fallback), outputs, the Player.

Real files and the real synthesizers; the only stand-ins are for hardware
that these machines do not have (a recording MIDI port, a silent clock).
"""
from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import threading
import time
import wave
from pathlib import Path

import mido
import numpy as np
import pytest

from clamp2_desktop.audio import render as render_mod
from clamp2_desktop.audio.errors import AudioError, AudioUnavailable, RenderError
from clamp2_desktop.audio.outputs import (
    BUILTIN,
    MidiPortOutput,
    SilentOutput,
    SoundDeviceOutput,
    _match_port,
    chase_messages,
    list_audio_devices,
    list_midi_ports,
    make_output,
    open_midi_port,
    output_choices,
)
from clamp2_desktop.audio.player import ABPlayer, Player, PlayerState
from clamp2_desktop.audio.render import (
    MAX_TAIL_SECONDS,
    TARGET_PEAK,
    find_soundfont,
    fluidsynth_status,
    pretty_midi_soundfont,
    render_midi,
    soundfont_candidates,
    timeline,
)
from clamp2_engine.errors import AbcFileError, MidiFileError
from clamp2_engine.formats.abc import read_abc

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "resources" / "demo"
CHORALE = DEMO / "midi" / "bach_bwv140-7_wachet-auf-ruft-uns-die-stimme.mid"
DROWSY = DEMO / "abc" / "oneills1850_drowsy-maggie.abc"
REELS = DEMO / "abc" / "oneills1850_set-of-reels.abc"
SR = 44100


# ----------------------------------------------------------------------- helpers


def midi_bytes(tracks: list[list[mido.Message | mido.MetaMessage]], *, tpb: int = 480, type_: int = 1) -> bytes:
    mid = mido.MidiFile(type=type_, ticks_per_beat=tpb)
    for msgs in tracks:
        mid.tracks.append(mido.MidiTrack(msgs))
    buf = io.BytesIO()
    mid.save(file=buf)
    return buf.getvalue()


def one_note(note: int = 69, seconds: float = 1.0, program: int = 0, channel: int = 0) -> bytes:
    ticks = int(960 * seconds)  # 480 ticks per beat at 120 bpm
    return midi_bytes([[
        mido.Message("program_change", program=program, channel=channel),
        mido.Message("note_on", note=note, velocity=100, channel=channel),
        mido.Message("note_off", note=note, velocity=0, channel=channel, time=ticks),
    ]])


def dominant_frequency(samples: np.ndarray, sample_rate: int) -> float:
    x = samples[:, 0].astype(np.float64)
    spectrum = np.abs(np.fft.rfft(x * np.hanning(len(x))))
    return float(np.fft.rfftfreq(len(x), 1 / sample_rate)[spectrum.argmax()])


def audible_fraction(samples: np.ndarray, sample_rate: int, seconds: float) -> float:
    """Share of the 1-second windows of the music whose RMS is above -60 dBFS."""
    windows = [samples[i * sample_rate:(i + 1) * sample_rate] for i in range(int(seconds))]
    return float(np.mean([np.sqrt(np.mean(np.square(w, dtype=np.float64))) > 1e-3 for w in windows]))


def has_audio_device() -> bool:
    try:
        return bool(list_audio_devices())
    except AudioUnavailable:
        return False


def has_midi_ports() -> bool:
    try:
        return bool(list_midi_ports())
    except AudioUnavailable:
        return False


class Recorder:
    """Collects a player's signals; ``wait_for`` blocks until a condition holds."""

    def __init__(self, player: Player):
        self.states: list[str] = []
        self.positions: list[float] = []
        self.errors: list[Exception] = []
        self._cond = threading.Condition()
        player.state_changed.connect(lambda s: self._add(self.states, s.value))
        player.position_changed.connect(lambda p: self._add(self.positions, p))
        player.error.connect(lambda e: self._add(self.errors, e))

    def _add(self, bucket, item) -> None:
        with self._cond:
            bucket.append(item)
            self._cond.notify_all()

    def wait_for(self, predicate, timeout: float = 30.0) -> None:
        with self._cond:
            assert self._cond.wait_for(predicate, timeout), (self.states, self.errors)


@pytest.fixture(scope="module")
def chorale_audio():
    return render_midi(CHORALE)


# ----------------------------------------------------------------------- rendering


def test_fluidsynth_and_a_general_midi_soundfont_are_found_here():
    module, info = fluidsynth_status()
    assert module is not None, f"FluidSynth unavailable: {info} (install libfluidsynth3; .ci/run does)"
    assert info.count(".") == 2                       # the library's version, e.g. 2.3.1
    font = find_soundfont()
    assert font is not None and font.suffix.lower() in (".sf2", ".sf3") and font.stat().st_size > 1_000_000


def test_demo_midi_renders_with_fluidsynth_to_a_non_silent_buffer_of_the_right_length(chorale_audio):
    audio = chorale_audio
    assert audio.synth == "fluidsynth" and audio.soundfont is not None and audio.note is None
    assert audio.samples.dtype == np.float32 and audio.channels == 2 and audio.sample_rate == SR
    expected = mido.MidiFile(CHORALE).length            # mido's own reckoning of the length
    assert audio.music_seconds == pytest.approx(expected, abs=0.6)
    assert expected * SR <= audio.frames <= (expected + MAX_TAIL_SECONDS + 0.6) * SR
    assert audio.peak() == pytest.approx(TARGET_PEAK, abs=1e-3)
    assert audio.rms() > 0.05
    assert audible_fraction(audio.samples, SR, audio.music_seconds) > 0.95
    assert not audio.truncated
    assert audio.describe().startswith("FluidSynth ") and audio.soundfont.name in audio.describe()


def test_fluidsynth_plays_the_written_pitch():
    audio = render_midi(one_note(69, 1.0, program=0), synth="fluidsynth")      # A4, piano
    assert dominant_frequency(audio.samples[:SR], SR) == pytest.approx(440.0, abs=4)
    audio = render_midi(one_note(81, 1.0, program=73), synth="fluidsynth")     # A5, flute
    assert dominant_frequency(audio.samples[:SR], SR) == pytest.approx(880.0, abs=6)


def test_fluidsynth_renders_drums_on_channel_ten():
    hits = []
    for _ in range(8):
        hits += [mido.Message("note_on", channel=9, note=38, velocity=110),
                 mido.Message("note_off", channel=9, note=38, velocity=0, time=240)]
    audio = render_midi(midi_bytes([hits]), synth="fluidsynth")
    assert audio.rms() > 0.01


def test_sine_fallback_renders_non_silent_mono_audio():
    audio = render_midi(CHORALE, synth="sine")
    assert audio.synth == "sine" and audio.soundfont is None and audio.channels == 1
    expected = mido.MidiFile(CHORALE).length
    assert audio.music_seconds == pytest.approx(expected, abs=0.6)
    assert expected * SR <= audio.frames <= (expected + 1) * SR
    assert audio.rms() > 0.02
    assert audible_fraction(audio.samples, SR, audio.music_seconds) > 0.95
    assert dominant_frequency(render_midi(one_note(69), synth="sine").samples[:SR], SR) == pytest.approx(440, abs=2)


def test_without_fluidsynth_auto_falls_back_to_sine_and_says_why(monkeypatch):
    # As on a machine without libfluidsynth: the cached probe answers "unavailable".
    monkeypatch.setitem(render_mod._FS_STATE, "result", (None, "the FluidSynth library cannot be loaded (test)"))
    audio = render_midi(one_note())
    assert audio.synth == "sine" and audio.rms() > 0.01
    assert "FluidSynth not used" in audio.note and "cannot be loaded" in audio.note
    with pytest.raises(RenderError, match="FluidSynth cannot be used"):
        render_midi(one_note(), synth="fluidsynth")


def test_soundfont_search_order(tmp_path):
    chosen = tmp_path / "mine.sf2"
    chosen.write_bytes(b"RIFF")
    from_settings = tmp_path / "settings.sf2"
    from_settings.write_bytes(b"RIFF")
    from_env = tmp_path / "env.sf2"
    from_env.write_bytes(b"RIFF")

    class Settings:
        soundfont = str(from_settings)

    order = soundfont_candidates(chosen, settings=Settings(), environ={"CLAMP2_SOUNDFONT": str(from_env)})
    assert order[:3] == [chosen, from_settings, from_env]
    assert order[-1] == pretty_midi_soundfont()        # the bundled TimGM6mb.sf2 comes last
    plain = soundfont_candidates(environ={})
    if Path("/usr/share/sounds/sf2/FluidR3_GM.sf2").exists():
        assert plain[0] == Path("/usr/share/sounds/sf2/FluidR3_GM.sf2")
    elif Path("/usr/share/sounds/sf2/TimGM6mb.sf2").exists():
        assert plain[0] == Path("/usr/share/sounds/sf2/TimGM6mb.sf2")
    with pytest.raises(RenderError, match="SoundFont not found"):
        find_soundfont(tmp_path / "missing.sf2")


def test_a_file_that_is_not_a_soundfont_is_a_clean_error(tmp_path):
    bogus = tmp_path / "bogus.sf2"
    bogus.write_bytes(b"this is not a SoundFont" * 100)
    with pytest.raises(RenderError, match="cannot load the SoundFont"):
        render_midi(one_note(), soundfont=bogus, synth="fluidsynth")


def test_wav_export_round_trips(tmp_path, chorale_audio):
    path = chorale_audio.write_wav(tmp_path / "out.wav")
    with wave.open(str(path)) as w:
        assert (w.getnchannels(), w.getframerate(), w.getnframes()) == (2, SR, chorale_audio.frames)


def test_tempo_changes_and_type_2_files_are_timed_right():
    tl = timeline(midi_bytes([[
        mido.MetaMessage("set_tempo", tempo=500_000),
        mido.Message("note_on", note=60, velocity=90),
        mido.Message("note_off", note=60, time=480),          # 1 beat at 120 bpm: 0.5 s
        mido.MetaMessage("set_tempo", tempo=1_000_000),
        mido.Message("note_on", note=62, velocity=90),
        mido.Message("note_off", note=62, time=480),          # 1 beat at 60 bpm: 1 s more
    ]]))
    assert tl.times == pytest.approx((0.0, 0.5, 0.5, 1.5))
    assert tl.duration == pytest.approx(1.5) and tl.note_count == 2
    sequences = midi_bytes([[mido.Message("note_on", note=60, velocity=90), mido.Message("note_off", note=60, time=960)],
                            [mido.Message("note_on", note=64, velocity=90), mido.Message("note_off", note=64, time=960)]],
                           type_=2)
    assert timeline(sequences).times == pytest.approx((0.0, 1.0, 1.0, 2.0))   # one after the other


def test_rendering_is_bounded_for_gigantic_pieces():
    far = midi_bytes([[
        mido.Message("note_on", note=60, velocity=90),
        mido.Message("note_off", note=60, time=960),
        mido.Message("note_on", note=64, velocity=90, time=480 * 2 * 100_000),   # ~28 hours later
        mido.Message("note_off", note=64, time=960),
    ]])
    assert timeline(far).duration == render_mod.MAX_RENDER_SECONDS and timeline(far).truncated
    audio = render_midi(far, max_seconds=20)
    assert audio.truncated and audio.music_seconds == 20
    assert 20 * SR <= audio.frames <= (20 + MAX_TAIL_SECONDS) * SR
    assert "first" in audio.describe()


def test_broken_midi_is_a_clean_error(tmp_path):
    with pytest.raises(MidiFileError, match="empty file"):
        render_midi(b"")
    broken = tmp_path / "broken.mid"
    broken.write_bytes(CHORALE.read_bytes()[:30])        # header and the start of a track
    with pytest.raises(MidiFileError) as info:
        render_midi(broken)
    assert str(broken) in str(info.value)
    not_midi = tmp_path / "photo.mid"
    not_midi.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    with pytest.raises(MidiFileError):
        render_midi(not_midi)
    silent = midi_bytes([[mido.MetaMessage("set_tempo", tempo=500_000), mido.Message("control_change", control=7)]])
    with pytest.raises(RenderError, match="no notes"):
        render_midi(silent)


# ----------------------------------------------------------------------- ABC


def test_an_abc_tune_renders(tmp_path):
    player = Player("silent")
    piece = player.load(REELS, tune_index=2)
    assert piece.tune_index == 2 and piece.converter in ("abc2midi", "music21")
    assert piece.title == read_abc(REELS)[2].title
    audio = player.render()
    assert audio is player.buffer and audio.synth == "fluidsynth"
    assert audio.music_seconds == pytest.approx(piece.duration)
    assert audio.rms() > 0.05 and audible_fraction(audio.samples, SR, audio.music_seconds) > 0.95


def test_abc_errors_name_the_tune(tmp_path):
    player = Player("silent")
    with pytest.raises(AbcFileError, match="there is no tune 9"):
        player.load(REELS, tune_index=8)
    assert player.state is PlayerState.EMPTY
    rests = tmp_path / "rests.abc"
    rests.write_text("X:1\nT:Rests\nL:1/4\nK:C\nz4|z4|\n", encoding="utf-8")
    with pytest.raises(AbcFileError) as info:
        player.load(rests)
    assert "rests.abc (tune 1, line 1)" in str(info.value) and "no notes" in str(info.value)


# ----------------------------------------------------------------------- outputs


@pytest.mark.skipif(has_audio_device(), reason="this machine has a sound device")
def test_sound_device_output_without_a_device_is_audio_unavailable(chorale_audio):
    output = SoundDeviceOutput()
    with pytest.raises(AudioUnavailable) as info:
        output.start(chorale_audio, 0.0)
    message = str(info.value)
    assert "No audio output device" in message and "MIDI output" in message
    assert info.value.output == BUILTIN
    choice = output_choices()[0]
    assert choice.spec == BUILTIN and not choice.available and "No audio output device" in choice.reason


@pytest.mark.skipif(has_midi_ports(), reason="this machine has MIDI output ports")
def test_midi_ports_without_a_sequencer_degrade_to_audio_unavailable():
    with pytest.raises(AudioUnavailable) as listed:
        list_midi_ports()
    with pytest.raises(AudioUnavailable) as opened:
        open_midi_port("FLUID Synth (1234):Synth input port (1234:0) 128:0")
    assert opened.value.output.startswith("FLUID Synth")
    for exc in (listed.value, opened.value):
        text = str(exc)
        assert "MIDI output" in text and ("/dev/snd/seq" in text or "not found" in text)
    assert all(c.kind == "builtin" for c in output_choices())


def test_port_names_match_across_sessions():
    ports = ["Midi Through:Midi Through Port-0 14:0", "FLUID Synth (4242):Synth input port (4242:0) 129:0"]
    assert _match_port("Midi Through:Midi Through Port-0 14:0", ports) == 0
    assert _match_port("Midi Through:Midi Through Port-0 20:0", ports) == 0   # client number changed
    assert _match_port("fluid synth", ports) == 1
    assert _match_port("Nothing", ports) is None


def test_make_output_reads_the_settings_values():
    assert isinstance(make_output(BUILTIN), SoundDeviceOutput)
    assert isinstance(make_output(None), SoundDeviceOutput)
    assert isinstance(make_output("silent"), SilentOutput)
    port = make_output("midi:Some Synth")
    assert isinstance(port, MidiPortOutput) and port.port_name == "Some Synth"
    assert make_output("Some Synth").port_name == "Some Synth"


class RecordingPort:
    """Stands in for a MIDI device: records what the output sends, with times."""

    def __init__(self):
        self.sent: list[tuple[float, list[int]]] = []

    def send_message(self, message) -> None:
        self.sent.append((time.monotonic(), list(message)))


def test_midi_port_output_sends_the_files_messages_in_real_time():
    notes = []
    for i, pitch in enumerate((60, 62, 64, 65)):
        notes += [mido.Message("note_on", note=pitch, velocity=80), mido.Message("note_off", note=pitch, time=120)]
    tl = timeline(midi_bytes([[mido.Message("program_change", program=40)] + notes]))   # 4 notes of 0.125 s
    port = RecordingPort()
    output = MidiPortOutput("Recorder", opener=lambda name: port)
    started = time.monotonic()
    output.start(tl, 0.0)
    deadline = time.monotonic() + 5
    while not output.finished and time.monotonic() < deadline:
        time.sleep(0.01)
    output.stop()
    assert output.finished and output.position == pytest.approx(tl.duration)
    channel_msgs = [m for _, m in port.sent]
    assert channel_msgs[0] == [0xC0, 40]
    note_ons = [(t - started, m) for t, m in port.sent if m[0] == 0x90]
    assert [m[1] for _, m in note_ons] == [60, 62, 64, 65]
    for k, (at, _) in enumerate(note_ons):
        assert at == pytest.approx(k * 0.125, abs=0.05)
    assert [0xB0, 123, 0] in channel_msgs[-32:]           # all notes off when done


def test_midi_port_output_restores_state_when_starting_mid_piece_and_silences_on_stop():
    msgs = [mido.Message("control_change", channel=2, control=0, value=1),
            mido.Message("program_change", channel=2, program=19),
            mido.Message("control_change", channel=2, control=101, value=0),
            mido.Message("control_change", channel=2, control=100, value=0),
            mido.Message("control_change", channel=2, control=6, value=12),      # bend range 12 semitones
            mido.Message("control_change", channel=2, control=7, value=90),
            mido.Message("pitchwheel", channel=2, pitch=1000),
            mido.Message("note_on", channel=2, note=60, velocity=90),
            mido.Message("note_off", channel=2, note=60, time=960 * 10)]          # a 10-second note
    tl = timeline(midi_bytes([msgs]))
    chased = chase_messages(tl, tl.index_at(5.0))
    assert chased[:2] == [[0xB2, 0, 1], [0xC2, 19]]
    assert [0xB2, 7, 90] in chased
    assert chased.index([0xB2, 101, 0]) < chased.index([0xB2, 6, 12])
    assert chased[-1] == [0xE2, (1000 + 8192) & 0x7F, (1000 + 8192) >> 7]
    port = RecordingPort()
    output = MidiPortOutput("Recorder", opener=lambda name: port)
    output.start(tl, 5.0)
    time.sleep(0.2)
    assert 5.1 < output.position < 6.0
    output.stop()
    sent = [m for _, m in port.sent]
    assert [0xB2, 123, 0] in sent and [0xB2, 64, 0] in sent
    assert not any(m[0] & 0xF0 == 0x90 for m in sent)      # the note began before 5 s: not replayed


# ----------------------------------------------------------------------- the player


@pytest.mark.skipif(has_audio_device(), reason="this machine has a sound device")
def test_play_without_a_sound_device_reports_audio_unavailable_and_stops():
    player = Player(BUILTIN)
    rec = Recorder(player)
    player.load(CHORALE)
    player.play()
    rec.wait_for(lambda: rec.errors and rec.states[-1] == "stopped")
    assert isinstance(rec.errors[0], AudioUnavailable)
    assert "No audio output device" in str(rec.errors[0])
    assert player.state is PlayerState.STOPPED and player.position == 0.0
    assert rec.states == ["stopped", "starting", "stopped"]   # load, play, gave up
    assert player.buffer is not None and player.buffer.rms() > 0.05   # the synthesis did run
    assert player.last_error is rec.errors[0]


@pytest.mark.skipif(has_midi_ports(), reason="this machine has MIDI output ports")
def test_play_to_a_midi_port_that_cannot_open_reports_audio_unavailable():
    player = Player("FLUID Synth")
    rec = Recorder(player)
    player.load(DROWSY)
    player.play()
    rec.wait_for(lambda: rec.errors and rec.states[-1] == "stopped")
    assert isinstance(rec.errors[0], AudioUnavailable) and "MIDI output" in str(rec.errors[0])
    assert player.buffer is None                           # a MIDI port needs no rendering
    assert player.state is PlayerState.STOPPED


def test_play_pause_seek_stop_and_the_end_of_the_piece():
    player = Player(SilentOutput(speed=20.0), position_interval=0.02)
    rec = Recorder(player)
    assert player.state is PlayerState.EMPTY and player.duration == 0.0
    player.play()
    assert isinstance(rec.errors[-1], AudioError) and player.state is PlayerState.EMPTY
    player.load(DROWSY)
    duration = player.duration
    assert duration == pytest.approx(32.0, abs=0.5)      # 16 bars of 4/4 at abc2midi's 120 bpm
    # Seeking while stopped only moves the position, clamped to the piece.
    assert player.seek(-5) == 0.0
    assert player.seek(duration + 100) == duration
    assert player.seek(10.0) == 10.0 and player.position == 10.0 and player.state is PlayerState.STOPPED
    player.play()
    rec.wait_for(lambda: "playing" in rec.states)
    time.sleep(0.1)
    assert 10.5 < player.position < 20
    player.pause()
    paused_at = player.position
    assert player.state is PlayerState.PAUSED and paused_at > 10.5
    time.sleep(0.1)
    assert player.position == paused_at                    # paused: the clock stands still
    player.seek(20.0)
    assert player.position == 20.0 and player.state is PlayerState.PAUSED
    player.play()
    rec.wait_for(lambda: rec.states.count("playing") == 2)
    player.seek(30.0)                                      # seeking while playing keeps playing
    assert player.state in (PlayerState.STARTING, PlayerState.PLAYING)
    rec.wait_for(lambda: rec.states[-1] == "stopped", timeout=10)   # ran to the end
    assert player.position == 0.0 and rec.positions[-1] == 0.0
    assert max(rec.positions) == pytest.approx(duration, abs=0.5)
    assert not rec.errors[1:]
    player.play()
    rec.wait_for(lambda: rec.states.count("playing") == 4)
    player.stop()
    assert player.state is PlayerState.STOPPED and player.position == 0.0


def test_loading_while_playing_stops_and_a_bad_file_unloads(tmp_path):
    player = Player(SilentOutput(speed=1.0), position_interval=0.02)
    rec = Recorder(player)
    player.load(DROWSY)
    player.play()
    rec.wait_for(lambda: "playing" in rec.states)
    player.load(CHORALE)
    assert player.state is PlayerState.STOPPED and player.piece.path == str(CHORALE)
    bad = tmp_path / "bad.mid"
    bad.write_bytes(b"MThd\x00\x00\x00\x06\x00\x01\x00\x05")
    with pytest.raises(MidiFileError):
        player.load(bad)
    assert player.state is PlayerState.EMPTY and player.piece is None


def test_a_listener_that_raises_does_not_stop_playback():
    player = Player(SilentOutput(speed=50.0), position_interval=0.01)

    def broken(_):
        raise RuntimeError("listener bug")

    player.position_changed.connect(broken)
    rec = Recorder(player)
    player.load(DROWSY)
    player.play()
    rec.wait_for(lambda: rec.states[-1:] == ["stopped"] and "playing" in rec.states, timeout=10)
    assert not rec.errors


def test_ab_switch_keeps_the_position():
    ab = ABPlayer(SilentOutput(speed=1.0), position_interval=0.02)
    a, b = ab.load_ab(DROWSY, (REELS, 1))
    assert a.path == str(DROWSY) and b.tune_index == 1 and ab.active == "a"
    ab.seek(12.0)
    ab.play()
    Recorder(ab.a).wait_for(lambda: ab.a.state is PlayerState.PLAYING)
    time.sleep(0.1)
    before = ab.a.position
    player_b = ab.switch()
    assert ab.active == "b" and player_b is ab.b
    assert ab.a.state is PlayerState.PAUSED
    assert ab.b.state in (PlayerState.STARTING, PlayerState.PLAYING)
    assert ab.b.position == pytest.approx(before, abs=0.1)
    time.sleep(0.1)
    ab.switch("a")
    assert ab.a.position == pytest.approx(ab.b.position, abs=0.1) and ab.b.state is PlayerState.PAUSED
    ab.close()
    assert ab.a.state is PlayerState.STOPPED and ab.b.state is PlayerState.STOPPED


def test_switching_output_while_playing_continues_at_the_same_place():
    player = Player(SilentOutput(speed=1.0), position_interval=0.02)
    rec = Recorder(player)
    player.load(CHORALE)
    player.seek(7.0)
    player.play()
    rec.wait_for(lambda: "playing" in rec.states)
    player.set_output(SilentOutput(speed=1.0))
    assert player.state in (PlayerState.STARTING, PlayerState.PLAYING)
    assert player.position == pytest.approx(7.0, abs=0.3)
    player.stop()
    assert "paused" not in rec.states                       # an internal restart, not a user pause


_ALSA_TAP = """
pcm.!default {
    type plug
    slave { pcm "tap" format S16_LE rate 44100 channels 2 }
}
pcm.tap {
    type file
    slave.pcm "null"
    file "%s"
    format "raw"
}
"""

_TAP_SCRIPT = """
import json, sys
import numpy as np
from clamp2_desktop.audio.player import Player
player = Player("builtin", synth=sys.argv[2], position_interval=0.02)
events = []
player.state_changed.connect(lambda s: events.append(s.value))
player.error.connect(lambda e: events.append("error: " + str(e)))
player.load(sys.argv[1])
player.seek(10.0)
player.play()
player.wait(60)
np.save(sys.argv[3], player.buffer.samples)
print(json.dumps(events))
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="uses an ALSA configuration file")
@pytest.mark.parametrize("synth", ["fluidsynth", "sine"])
def test_builtin_output_sends_the_rendered_samples_through_portaudio(tmp_path, synth):
    """The real sounddevice/PortAudio/ALSA path, into ALSA's file plugin instead of a sound card.

    PortAudio sees a "default" device (a file tap in front of ALSA's null
    device, which consumes audio as fast as it is written), so the whole
    buffer from the seek point on is played and can be compared sample by
    sample with what the player rendered.
    """
    raw_path = tmp_path / "played.raw"
    (tmp_path / ".asoundrc").write_text(_ALSA_TAP % raw_path)
    env = dict(os.environ, HOME=str(tmp_path))
    proc = subprocess.run([sys.executable, "-c", _TAP_SCRIPT, str(CHORALE), synth, str(tmp_path / "buf.npy")],
                          env=env, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    events = json.loads(proc.stdout.strip().splitlines()[-1])
    if any("No audio output device" in e for e in events):
        pytest.skip("PortAudio here has no ALSA host API")
    assert events == ["stopped", "starting", "playing", "stopped"], events
    rendered = np.load(tmp_path / "buf.npy")[10 * SR:]
    if rendered.shape[1] == 1:
        rendered = np.repeat(rendered, 2, axis=1)                  # mono is sent to both channels
    played = np.fromfile(raw_path, dtype="<i2").reshape(-1, 2).astype(np.float32) / 32768
    lead = int(np.argmax(np.abs(played[:, 0]) > 1e-3)) - int(np.argmax(np.abs(rendered[:, 0]) > 1e-3))
    assert 0 <= lead < SR // 2                                     # PortAudio primes with a little silence
    assert not played[:lead].any()
    segment = played[lead:lead + len(rendered)]
    assert len(segment) == len(rendered)
    assert np.abs(segment - rendered).max() < 2e-4                 # int16 rounding only
    assert not played[lead + len(rendered):].any()


@pytest.mark.skipif(not os.environ.get("CLAMP2_SOUND_SMOKE"), reason="set CLAMP2_SOUND_SMOKE=1 on a machine "
                    "with speakers to hear two seconds of the chorale")
def test_audible_smoke():  # pragma: no cover - needs a real sound card
    player = Player(BUILTIN)
    rec = Recorder(player)
    player.load(CHORALE)
    player.play()
    rec.wait_for(lambda: "playing" in rec.states or rec.errors)
    assert not rec.errors
    time.sleep(2)
    assert player.position > 1.0
    player.stop()
