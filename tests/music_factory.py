"""Generators of real MIDI and ABC files for tests and benchmarks.

The music is synthetic but structurally realistic: a conductor track with
tempo/metre/key, melody and accompaniment tracks with program changes and
controllers, optional drums on channel 10, and ABC tunes with headers, bars,
repeats, chords and several tunes per file.  Everything is seeded.
"""
from __future__ import annotations

import random
from pathlib import Path

import mido

SCALES = {"major": [0, 2, 4, 5, 7, 9, 11], "minor": [0, 2, 3, 5, 7, 8, 10]}
KEYS = ["C", "G", "D", "A", "F", "Bb", "Eb"]
KEY_PC = {"C": 0, "G": 7, "D": 2, "A": 9, "F": 5, "Bb": 10, "Eb": 3}


def _melody(rng: random.Random, n_notes: int, root: int, scale: list[int], tpb: int,
            channel: int, low: int = 60) -> list[mido.Message]:
    msgs: list[mido.Message] = []
    degree = rng.randrange(7)
    pending_rest = 0
    for _ in range(n_notes):
        degree = max(0, min(20, degree + rng.choice([-2, -1, -1, 0, 1, 1, 2, 3])))
        pitch = low + root + 12 * (degree // 7) + scale[degree % 7]
        dur = rng.choice([tpb // 4, tpb // 2, tpb // 2, tpb, tpb, tpb * 3 // 2, tpb * 2])
        vel = rng.randint(55, 110)
        msgs.append(mido.Message("note_on", channel=channel, note=pitch, velocity=vel, time=pending_rest))
        msgs.append(mido.Message("note_off", channel=channel, note=pitch, velocity=0, time=dur))
        pending_rest = rng.choice([0, 0, 0, tpb // 4])
    return msgs


def _drums(rng: random.Random, n_hits: int, tpb: int) -> list[mido.Message]:
    msgs = []
    for i in range(n_hits):
        note = [36, 38, 42, 42][i % 4]
        msgs.append(mido.Message("note_on", channel=9, note=note, velocity=rng.randint(70, 120), time=0 if i == 0 else tpb // 2))
        msgs.append(mido.Message("note_on", channel=9, note=note, velocity=0, time=0))
    return msgs


def make_midi(path: Path, *, n_notes: int = 64, n_tracks: int = 2, seed: int = 0, tpb: int = 480,
              drums: bool = False, mode: str | None = None, tempo_bpm: int | None = None) -> Path:
    """A type-1 MIDI file with a conductor track and ``n_tracks`` instrument tracks."""
    rng = random.Random(seed)
    key = rng.choice(KEYS)
    mode = mode or rng.choice(["major", "minor"])
    mid = mido.MidiFile(type=1, ticks_per_beat=tpb)
    conductor = mido.MidiTrack()
    conductor.append(mido.MetaMessage("track_name", name=f"Piece {seed}", time=0))
    conductor.append(mido.MetaMessage("time_signature", numerator=rng.choice([2, 3, 4, 6]), denominator=4 if rng.random() < 0.8 else 8, time=0))
    conductor.append(mido.MetaMessage("key_signature", key=key + ("m" if mode == "minor" and key in ("C", "G", "D", "A", "F") else ""), time=0))
    conductor.append(mido.MetaMessage("set_tempo", tempo=mido.bpm2tempo(tempo_bpm or rng.randint(60, 160)), time=0))
    mid.tracks.append(conductor)
    per_track = max(1, n_notes // max(1, n_tracks))
    for t in range(n_tracks):
        track = mido.MidiTrack()
        track.append(mido.MetaMessage("track_name", name=f"Track {t}", time=0))
        track.append(mido.Message("program_change", channel=t, program=rng.choice([0, 24, 40, 41, 56, 73, 32]), time=0))
        track.append(mido.Message("control_change", channel=t, control=7, value=rng.randint(80, 120), time=0))
        track.extend(_melody(rng, per_track, KEY_PC[key], SCALES[mode], tpb, channel=t, low=48 + 12 * (t % 3)))
        mid.tracks.append(track)
    if drums:
        track = mido.MidiTrack()
        track.extend(_drums(rng, max(8, n_notes // 4), tpb))
        mid.tracks.append(track)
    path.parent.mkdir(parents=True, exist_ok=True)
    mid.save(path)
    return path


# About 1.9 MTF patches per note on the generated tracks (measured: note_on/note_off runs pack 2-4 per patch).
PATCHES_PER_NOTE = 1.9


def make_midi_with_patches(path: Path, target_patches: int, seed: int) -> Path:
    """A MIDI file of about ``target_patches`` MTF patches (drums, 1-4 tracks)."""
    rng = random.Random(seed)
    n_notes = max(4, int(target_patches / PATCHES_PER_NOTE))
    return make_midi(path, n_notes=n_notes, n_tracks=rng.randint(1, 4), seed=seed, drums=rng.random() < 0.3)


ABC_RHYTHMS = {"jig": ("6/8", 6), "reel": ("4/4", 8), "waltz": ("3/4", 6), "hornpipe": ("4/4", 8), "polka": ("2/4", 4)}


def make_abc_tune(x: int, *, seed: int, rhythm: str = "reel", bars: int = 8, title: str | None = None,
                  origin: str | None = None) -> str:
    """One single-voice ABC tune with the usual header fields and repeats."""
    rng = random.Random(seed)
    meter, units = ABC_RHYTHMS[rhythm]
    key = rng.choice(["G", "D", "A", "Em", "Am", "C", "F"])
    notes = "CDEFGABcdefgab"
    body_bars = []
    for b in range(bars):
        bar, left = [], units
        while left > 0:
            d = min(left, rng.choice([1, 1, 2, 2, 3]) if units == 6 else rng.choice([1, 1, 2]))
            n = rng.choice(notes)
            bar.append(n + (str(d) if d > 1 else ""))
            left -= d
        if rng.random() < 0.2:
            bar.insert(0, f'"{rng.choice(["G", "D", "Em", "C"])}"')
        body_bars.append("".join(bar))
    half = bars // 2
    line1 = "|:" + "|".join(body_bars[:half]) + ":|"
    line2 = "|:" + "|".join(body_bars[half:]) + ":|"
    header = [f"X:{x}", f"T:{title or f'{rhythm.title()} number {x}'}", f"R:{rhythm}"]
    if origin:
        header.append(f"O:{origin}")
    header += [f"M:{meter}", "L:1/8", f"K:{key}"]
    return "\n".join(header + [line1, line2]) + "\n"


def make_abc_file(path: Path, n_tunes: int, *, seed: int = 0) -> Path:
    rng = random.Random(seed)
    tunes = [make_abc_tune(i + 1, seed=seed * 1000 + i, rhythm=rng.choice(list(ABC_RHYTHMS)),
                           bars=rng.choice([8, 8, 16])) for i in range(n_tunes)]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(tunes), encoding="utf-8")
    return path
