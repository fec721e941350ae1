"""Musical facts computed from the notes of a MIDI file (no music21: mido only, fast).

Used twice: the facts become words in the training descriptions (key, metre,
tempo, register, density, ensemble, length ...), and a few numbers become the
hand-feature baseline (metre, mode, note-length histogram, dotted-rhythm and
triplet rates, notes per bar ...).
"""
from __future__ import annotations

import math
import re
from dataclasses import asdict, dataclass

import mido
import numpy as np

# Krumhansl-Kessler key profiles.
_MAJOR = np.array([6.35, 2.23, 3.48, 2.33, 4.38, 4.09, 2.52, 5.19, 2.39, 3.66, 2.29, 2.88])
_MINOR = np.array([6.33, 2.68, 3.52, 5.38, 2.60, 3.53, 2.54, 4.75, 3.98, 2.69, 3.34, 3.17])
PITCH_CLASSES = ("C", "C#", "D", "Eb", "E", "F", "F#", "G", "Ab", "A", "Bb", "B")
_TONIC_PC = {"C": 0, "D": 2, "E": 4, "F": 5, "G": 7, "A": 9, "B": 11}
_MODES = {"": "major", "maj": "major", "major": "major", "ion": "major", "m": "minor", "min": "minor",
          "minor": "minor", "aeo": "minor", "dor": "dorian", "mix": "mixolydian", "phr": "phrygian",
          "lyd": "lydian", "loc": "locrian"}
#: Note-length bins, in quarter notes.
LENGTH_BINS = (0.25, 1 / 3, 0.5, 0.75, 1.0, 1.5, 2.0, 3.0, 4.0)
METRES = ("2/4", "3/4", "4/4", "2/2", "6/8", "9/8", "12/8", "3/8", "3/2", "4/2", "6/4")


@dataclass
class Facts:
    metre: str | None
    tonic: str | None
    mode: str | None
    key_source: str  # "abc" | "estimated" | "none"
    qpm: float | None  # tempo in quarter notes per minute, when the source states one
    n_notes: int
    n_bars: float
    n_voices: int
    mean_pitch: float
    pitch_range: int
    notes_per_bar: float
    notes_per_second: float
    duration_s: float
    dotted_rate: float
    triplet_rate: float
    length_hist: tuple[float, ...]

    def to_dict(self) -> dict:
        return asdict(self)


def parse_abc_key(k_field: str | None) -> tuple[str | None, str | None]:
    """``K:`` value -> (tonic like ``F#``/``Bb``, mode).  ``None`` when it names no key."""
    if not k_field:
        return None, None
    m = re.match(r"^\s*([A-Ga-g])([#b]?)\s*([A-Za-z]*)", k_field)
    if not m or m.group(0).strip().lower() in ("none", "hp"):
        return None, None
    tonic = m.group(1).upper() + m.group(2)
    mode_word = m.group(3).lower()[:3]
    if m.group(3).lower() in ("m", "min", "minor"):
        mode = "minor"
    else:
        mode = _MODES.get(mode_word, "major" if not mode_word else None)
    if mode is None:
        return None, None
    pc = (_TONIC_PC[tonic[0]] + (1 if tonic.endswith("#") else -1 if tonic.endswith("b") else 0)) % 12
    return PITCH_CLASSES[pc], mode


def estimate_key(pitches: np.ndarray, weights: np.ndarray) -> tuple[str | None, str | None]:
    if len(pitches) == 0:
        return None, None
    hist = np.bincount(pitches % 12, weights=weights, minlength=12)
    if hist.sum() <= 0:
        return None, None
    best, best_r = None, -2.0
    for tonic in range(12):
        for mode, prof in (("major", _MAJOR), ("minor", _MINOR)):
            r = np.corrcoef(hist, np.roll(prof, tonic))[0, 1]
            if r > best_r:
                best, best_r = (PITCH_CLASSES[tonic], mode), r
    return best


def _notes(mid: mido.MidiFile):
    """(onset_tick, duration_tick, pitch, voice) for every note; tempo and metre events."""
    notes = []
    tempos, metres = [], []
    for ti, track in enumerate(mid.tracks):
        t = 0
        active: dict[tuple[int, int], list[int]] = {}
        for msg in track:
            t += msg.time
            if msg.type == "set_tempo":
                tempos.append((t, msg.tempo))
            elif msg.type == "time_signature":
                metres.append((t, f"{msg.numerator}/{msg.denominator}"))
            elif msg.type == "note_on" and msg.velocity > 0:
                if msg.channel == 9:
                    continue
                active.setdefault((msg.channel, msg.note), []).append(t)
            elif msg.type in ("note_off", "note_on"):
                starts = active.get((msg.channel, msg.note))
                if starts:
                    s = starts.pop(0)
                    notes.append((s, max(t - s, 1), msg.note, ti * 16 + msg.channel))
    notes.sort()
    return notes, sorted(tempos), sorted(metres)


def analyse_midi(path_or_mid, *, abc_fields: dict[str, list[str]] | None = None,
                 explicit_tempo: bool | None = None) -> Facts | None:
    """Facts of a MIDI file; ABC header fields (``K:``, ``M:``, ``Q:``) take precedence when given."""
    mid = path_or_mid if isinstance(path_or_mid, mido.MidiFile) else mido.MidiFile(str(path_or_mid))
    tpb = mid.ticks_per_beat or 480
    notes, tempos, metres = _notes(mid)
    if not notes:
        return None
    onsets = np.array([n[0] for n in notes], dtype=np.int64)
    durs = np.array([n[1] for n in notes], dtype=np.float64) / tpb  # in quarter notes
    pitches = np.array([n[2] for n in notes], dtype=np.int64)
    voices = len({n[3] for n in notes})
    end_tick = int(max(o + d for o, d, _, _ in notes))

    metre = metres[0][1] if metres else None
    if abc_fields and abc_fields.get("M"):
        m = abc_fields["M"][0].strip()
        metre = {"C": "4/4", "C|": "2/2"}.get(m, m) if re.match(r"^(\d+/\d+|C\|?)$", m) else metre
    num, den = (int(x) for x in metre.split("/")) if metre and re.match(r"^\d+/\d+$", metre) else (4, 4)
    bar_q = num * 4.0 / max(den, 1)
    n_bars = max(end_tick / tpb / bar_q, 1.0)

    tonic, mode, key_source = None, None, "none"
    if abc_fields and abc_fields.get("K"):
        tonic, mode = parse_abc_key(abc_fields["K"][-1] if len(abc_fields["K"]) == 1 else abc_fields["K"][0])
        key_source = "abc" if tonic else "none"
    if tonic is None:
        tonic, mode = estimate_key(pitches, durs)
        key_source = "estimated" if tonic else "none"

    us_per_q = tempos[0][1] if tempos else 500000
    qpm = 60e6 / us_per_q
    if explicit_tempo is None:
        explicit_tempo = bool(abc_fields.get("Q")) if abc_fields is not None else bool(tempos)
    duration_s = end_tick / tpb * us_per_q / 1e6

    # Inter-onset intervals of the top voice: the rhythm as heard.
    uniq = np.unique(onsets)
    ioi = np.diff(uniq).astype(np.float64) / tpb if len(uniq) > 1 else np.array([1.0])
    ioi = ioi[ioi > 0]
    bins = np.array(LENGTH_BINS)
    idx = np.abs(np.log(ioi[:, None] / bins[None, :])).argmin(axis=1)
    hist = np.bincount(idx, minlength=len(bins)).astype(np.float64)
    hist /= max(hist.sum(), 1)
    frac = (ioi / min(bar_q / num if den == 8 and num % 3 == 0 else 1.0, 1.0))
    dotted = float(np.mean(np.isclose(ioi % 1.0, 0.75, atol=0.03) | np.isclose(ioi % 1.0, 0.375, atol=0.02)
                           | np.isclose(ioi, 1.5, atol=0.03))) if len(ioi) else 0.0
    triplet = float(np.mean(np.isclose((ioi * 3) % 1.0, 0.0, atol=0.05) & ~np.isclose(ioi % 0.25, 0.0, atol=0.02)))
    del frac
    return Facts(
        metre=metre, tonic=tonic, mode=mode, key_source=key_source,
        qpm=round(qpm, 1) if explicit_tempo else None,
        n_notes=len(notes), n_bars=round(n_bars, 2), n_voices=voices,
        mean_pitch=round(float(pitches.mean()), 2), pitch_range=int(pitches.max() - pitches.min()),
        notes_per_bar=round(len(uniq) / n_bars, 3),
        notes_per_second=round(len(uniq) / max(duration_s, 1e-3), 3),
        duration_s=round(duration_s, 2), dotted_rate=round(dotted, 4), triplet_rate=round(triplet, 4),
        length_hist=tuple(round(float(h), 4) for h in hist),
    )


def hand_features(f: Facts) -> np.ndarray:
    """The tiny baseline's feature vector (DATA.md): metre, mode, rhythm statistics, register."""
    metre = [1.0 if f.metre == m else 0.0 for m in METRES] + [0.0 if f.metre in METRES else 1.0]
    mode = [1.0 if f.mode == "major" else 0.0, 1.0 if f.mode == "minor" else 0.0,
            1.0 if f.mode not in ("major", "minor") else 0.0]
    voices = [1.0 if f.n_voices == v else 0.0 for v in (1, 2, 3)] + [1.0 if f.n_voices >= 4 else 0.0]
    nums = [f.dotted_rate, f.triplet_rate, math.log1p(f.notes_per_bar) / 3, (f.mean_pitch - 64) / 12,
            f.pitch_range / 24, math.log1p(f.n_bars) / 5]
    return np.array(metre + mode + list(f.length_hist) + voices + nums + [1.0], dtype=np.float32)


def describe_levels(f: Facts) -> dict[str, str]:
    """Facts -> the discrete words the descriptions use."""
    out: dict[str, str] = {}
    if f.metre and re.match(r"^\d+/\d+$", f.metre):
        out["metre"] = f.metre
    if f.tonic and f.mode in ("major", "minor"):
        out["key"] = f"{f.tonic} {f.mode}"
    elif f.mode in ("dorian", "mixolydian", "phrygian", "lydian"):
        out["modal"] = f.mode
    if f.qpm:
        out["tempo"] = "slow" if f.qpm < 76 else "fast" if f.qpm >= 120 else "moderate"
    out["register"] = "low" if f.mean_pitch < 57 else "high" if f.mean_pitch > 74 else "middle"
    out["range"] = "narrow" if f.pitch_range <= 10 else "wide" if f.pitch_range >= 20 else "medium"
    out["density"] = "busy" if f.notes_per_second >= 5.0 else "sparse" if f.notes_per_second <= 2.0 else "medium"
    out["ensemble"] = {1: "1", 2: "2", 3: "3", 4: "4"}.get(f.n_voices, "many")
    out["length"] = "short" if f.n_bars <= 16 else "long" if f.n_bars >= 64 else "medium"
    if f.dotted_rate >= 0.15:
        out["feel"] = "dotted"
    elif f.triplet_rate >= 0.25:
        out["feel"] = "triplets"
    return out
