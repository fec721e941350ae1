"""Render corpus pieces to MIDI: ABC with ``abc2midi`` (fast), scores with music21.

``abc2midi`` (Debian package ``abcmidi``) converts thousands of tunes per
second; music21 parses ABC ~300x slower and is the fallback for tunes that
``abc2midi`` cannot convert, and the only route for MusicXML and kern.
Outputs are cached by key under the data folder, so a second run reads them.
"""
from __future__ import annotations

import hashlib
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Iterable

import mido

from clamp2_engine.training.corpus import CorpusPiece

ABC2MIDI = "abc2midi"


def midi_name(key: str) -> str:
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:20] + ".mid"


def _valid_midi(path: Path) -> bool:
    try:
        mid = mido.MidiFile(str(path))
    except Exception:
        return False
    return any(msg.type == "note_on" and msg.velocity > 0 for track in mid.tracks for msg in track)


def render_abc(pieces: Iterable[CorpusPiece], out_dir: Path, *, use_music21_fallback: bool = True,
               log=print) -> dict[str, Path]:
    """key -> MIDI path for every ABC piece that could be rendered."""
    out_dir.mkdir(parents=True, exist_ok=True)
    pieces = [p for p in pieces if p.abc]
    todo = [p for p in pieces if not (out_dir / midi_name(p.key)).exists()]
    have_abc2midi = shutil.which(ABC2MIDI) is not None
    if todo and not have_abc2midi:
        log("abc2midi not found (apt-get install abcmidi): rendering with music21, which is much slower")
    if todo and have_abc2midi:
        with tempfile.TemporaryDirectory(prefix="clamp2-abc2midi-") as tmp:
            tmpd = Path(tmp)
            # One file of up to 500 tunes per call, each renumbered X:1..n so the output names are known.
            for start in range(0, len(todo), 500):
                chunk = todo[start:start + 500]
                book = tmpd / f"b{start}.abc"
                parts = []
                for i, p in enumerate(chunk, 1):
                    lines = [ln for ln in p.abc.replace("\r", "").split("\n") if not ln.startswith("X:")]
                    parts.append(f"X:{i}\n" + "\n".join(lines).strip() + "\n")
                book.write_text("\n".join(parts), encoding="utf-8")
                subprocess.run([ABC2MIDI, book.name], cwd=tmpd, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, timeout=600, check=False)
                for i, p in enumerate(chunk, 1):
                    produced = tmpd / f"b{start}{i}.mid"
                    if produced.exists() and _valid_midi(produced):
                        shutil.move(str(produced), out_dir / midi_name(p.key))
    missing = [p for p in pieces if not (out_dir / midi_name(p.key)).exists()]
    if missing and use_music21_fallback:
        log(f"music21 fallback for {len(missing)} tune(s)")
        for p in missing:
            try:
                render_with_music21(p.abc, out_dir / midi_name(p.key), fmt="abc")
            except Exception as exc:  # noqa: BLE001 - a tune music21 cannot read is skipped
                log(f"  {p.key}: not rendered ({type(exc).__name__}: {str(exc)[:80]})")
    return {p.key: out_dir / midi_name(p.key) for p in pieces if (out_dir / midi_name(p.key)).exists()}


def render_with_music21(source, out: Path, fmt: str | None = None) -> Path:
    """Parse a file path (or ABC text with ``fmt='abc'``) with music21 and write MIDI atomically."""
    from music21 import converter

    if fmt == "abc":
        score = converter.parse(source, format="abc")
    else:
        score = converter.parse(str(source))
    tmp = out.with_suffix(".part")
    score.write("midi", fp=str(tmp))
    if not _valid_midi(tmp):
        tmp.unlink(missing_ok=True)
        raise ValueError("no notes in the rendered MIDI")
    tmp.replace(out)
    return out


def render_scores(files: Iterable[tuple[str, str, Path]], out_dir: Path, log=print,
                  budget_s: float | None = None) -> dict[str, Path]:
    """key -> MIDI path for the classical scores (music21; slow, cached).

    With ``budget_s``, scores not yet cached are rendered only while the budget
    lasts (the rest are left out of this run and rendered by a later one).
    """
    import time

    start = time.monotonic()
    out_dir.mkdir(parents=True, exist_ok=True)
    done: dict[str, Path] = {}
    failed_marker = out_dir / "failed.txt"
    failed = set(failed_marker.read_text().split("\n")) if failed_marker.exists() else set()
    for key, _folder, path in files:
        out = out_dir / midi_name(key)
        if out.exists():
            done[key] = out
            continue
        if key in failed:
            continue
        if budget_s is not None and time.monotonic() - start > budget_s:
            continue
        try:
            render_with_music21(path, out)
            done[key] = out
        except Exception as exc:  # noqa: BLE001
            log(f"  {key}: not rendered ({type(exc).__name__}: {str(exc)[:80]})")
            with failed_marker.open("a") as fh:
                fh.write(key + "\n")
    return done
