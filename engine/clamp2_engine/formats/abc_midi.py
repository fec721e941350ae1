"""ABC → MIDI, for playback.

One ABC tune (the text from its ``X:`` line, with the file-header lines that
apply to it in front: :attr:`AbcTune.effective_text`) becomes a Standard MIDI
File.  Two converters, tried in this order:

``abc2midi``
    The abcMIDI program (Debian package ``abcmidi``), when it is on ``PATH``.
    Fast (milliseconds) and the reference for folk-tune ABC.  It prints many
    harmless warnings and exits with status 0 even when it wrote nothing, so
    success is judged by the file it writes: it must exist, be readable MIDI
    and contain at least one note.
``music21``
    ``music21.converter.parse(text, format="abc")`` when music21 is
    importable.  Slower (about a second, most of it importing music21).  It
    runs in a child Python process so that a pathological tune can be killed
    at the timeout.

Each converter runs under a timeout, so a conversion never hangs.  Every
failure is an :class:`~clamp2_engine.errors.AbcFileError` that says why
(including "neither converter is available").
"""
from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

from clamp2_engine.errors import AbcFileError, MidiFileError

__all__ = [
    "CONVERTERS",
    "DEFAULT_TIMEOUT_S",
    "AbcMidi",
    "abc_to_midi",
    "abc_to_midi_bytes",
    "available_converters",
    "convert_abc_tune",
]

#: Converter names, in the order ``converter=None`` tries them.
CONVERTERS = ("abc2midi", "music21")

#: Seconds one converter may run before it is killed.
DEFAULT_TIMEOUT_S = 20.0

#: A single tune longer than this is refused (a long tune is a few tens of KiB).
MAX_TUNE_CHARS = 2_000_000

_X_LINE = re.compile(r"^[ \t]*X:", re.MULTILINE)
_ABC2MIDI_LINE_CHAR = re.compile(r"line-char (\d+)-(\d+)")

_MUSIC21_SCRIPT = r"""
import sys


def convert(src, out):
    import music21

    with open(src, encoding="utf-8") as fh:
        text = fh.read()
    score = music21.converter.parse(text, format="abc")
    if isinstance(score, music21.stream.Opus):
        score = score.scores[0]
    score.write("midi", fp=out)


if __name__ == "__main__":
    convert(sys.argv[1], sys.argv[2])
"""


@dataclass(frozen=True)
class AbcMidi:
    """The MIDI file made from one tune, and how it was made."""

    data: bytes
    converter: str
    note_count: int
    warnings: tuple[str, ...] = ()


def available_converters() -> list[str]:
    """The converters usable on this machine, in the order they are tried."""
    found = []
    if shutil.which("abc2midi"):
        found.append("abc2midi")
    if importlib.util.find_spec("music21") is not None:
        found.append("music21")
    return found


def convert_abc_tune(
    tune_text: str,
    *,
    converter: str | None = None,
    timeout: float = DEFAULT_TIMEOUT_S,
    path: str | Path | None = None,
    position: str | None = None,
) -> AbcMidi:
    """Convert one ABC tune to MIDI.

    ``converter`` forces ``"abc2midi"`` or ``"music21"``; ``None`` tries the
    available ones in :data:`CONVERTERS` order and uses the first that
    produces notes.  ``path`` and ``position`` (e.g. ``"tune 3, line 120"``)
    only label error messages.
    """
    text = _prepare(tune_text, path, position)
    if converter is not None and converter not in CONVERTERS:
        raise ValueError(f"unknown ABC converter {converter!r}; choose one of {', '.join(CONVERTERS)}")
    available = available_converters()
    if converter is not None:
        if converter not in available:
            raise AbcFileError(path, _missing_message([converter]), position)
        chosen = [converter]
    else:
        chosen = available
    if not chosen:
        raise AbcFileError(path, _missing_message(list(CONVERTERS)), position)

    failures: list[str] = []
    for name in chosen:
        try:
            return _CONVERT[name](text, timeout)
        except _ConversionFailed as exc:
            failures.append(f"{name}: {exc}")
    raise AbcFileError(path, "cannot convert the tune to MIDI (" + "; ".join(failures) + ")", position)


def abc_to_midi_bytes(tune_text: str, **kwargs) -> bytes:
    """The bytes of the MIDI file made from one tune (see :func:`convert_abc_tune`)."""
    return convert_abc_tune(tune_text, **kwargs).data


def abc_to_midi(tune_text: str, out_path: str | Path, **kwargs) -> Path:
    """Write the MIDI file made from one tune to ``out_path`` and return that path."""
    out = Path(out_path)
    out.write_bytes(convert_abc_tune(tune_text, **kwargs).data)
    return out


# ----------------------------------------------------------------------- internals


class _ConversionFailed(Exception):
    """One converter failed; the message is a short reason."""


def _missing_message(names: list[str]) -> str:
    hints = {"abc2midi": "the abc2midi program (Debian/Ubuntu package 'abcmidi')",
             "music21": "the Python package music21"}
    wanted = " or ".join(hints[n] for n in names)
    return f"cannot play ABC: no ABC to MIDI converter is available; install {wanted}"


def _prepare(tune_text: str, path, position) -> tuple[str, int]:
    """The text to hand to a converter, and how many lines were added in front."""
    if not isinstance(tune_text, str):
        raise TypeError("tune_text must be str")
    if "\x00" in tune_text:
        raise AbcFileError(path, "the tune contains NUL characters (not ABC text)", position)
    if len(tune_text) > MAX_TUNE_CHARS:
        raise AbcFileError(path, f"the tune is too long to play ({len(tune_text)} characters; "
                                 f"the limit is {MAX_TUNE_CHARS})", position)
    if not tune_text.strip():
        raise AbcFileError(path, "the tune is empty", position)
    added = 0
    text = tune_text.replace("\r\n", "\n").replace("\r", "\n")
    if not _X_LINE.search(text):
        # Both converters want a reference number to start a tune.
        text = "X:1\n" + text
        added = 1
    if not text.endswith("\n"):
        text += "\n"
    return text, added


def _count_notes(data: bytes) -> int:
    from clamp2_engine.formats.midi import read_midi

    try:
        mid = read_midi(data)
    except MidiFileError as exc:
        raise _ConversionFailed(f"wrote an unreadable MIDI file ({exc.reason})") from None
    return sum(1 for track in mid.tracks for msg in track if msg.type == "note_on" and msg.velocity > 0)


def _abc2midi(prepared: tuple[str, int], timeout: float) -> AbcMidi:
    text, added = prepared
    exe = shutil.which("abc2midi")
    if exe is None:
        raise _ConversionFailed("abc2midi is not on PATH")
    with tempfile.TemporaryDirectory(prefix="clamp2-abc2midi-") as tmp:
        src = Path(tmp) / "tune.abc"
        out = Path(tmp) / "tune.mid"
        # abc2midi reads bytes; UTF-8 keeps titles and lyrics intact.
        src.write_text(text, encoding="utf-8")
        try:
            proc = subprocess.run([exe, src.name, "-o", out.name, "-quiet"], cwd=tmp,
                                  stdin=subprocess.DEVNULL, capture_output=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            raise _ConversionFailed(f"abc2midi took longer than {timeout:g} s and was stopped") from None
        except OSError as exc:
            raise _ConversionFailed(f"cannot run abc2midi ({exc})") from None
        messages = _abc2midi_messages(proc.stdout + proc.stderr, added)
        errors = [m for m in messages if m.startswith("Error")]
        if not out.exists() or out.stat().st_size == 0:
            reason = errors[0] if errors else (messages[-1] if messages else f"exit status {proc.returncode}")
            raise _ConversionFailed(f"no MIDI written ({reason})")
        data = out.read_bytes()
    notes = _count_notes(data)
    if notes == 0:
        raise _ConversionFailed("the tune has no notes to play" + (f" ({errors[0]})" if errors else ""))
    return AbcMidi(data, "abc2midi", notes, tuple(messages))


def _abc2midi_messages(output: bytes, added_lines: int) -> list[str]:
    lines = output.decode("utf-8", "replace").splitlines()

    def fix(match: re.Match) -> str:
        return f"line {max(1, int(match.group(1)) - added_lines)}, char {match.group(2)}"

    return [_ABC2MIDI_LINE_CHAR.sub(fix, line).strip() for line in lines
            if line.startswith(("Error", "Warning"))]


def _music21(prepared: tuple[str, int], timeout: float) -> AbcMidi:
    text, _ = prepared
    with tempfile.TemporaryDirectory(prefix="clamp2-music21-") as tmp:
        src = Path(tmp) / "tune.abc"
        out = Path(tmp) / "tune.mid"
        src.write_text(text, encoding="utf-8")
        if getattr(sys, "frozen", False):
            # A frozen app has no python to start: convert in a daemon thread
            # so that at least the caller never waits past the timeout.
            _music21_in_thread(src, out, timeout)
        else:
            _music21_in_child(src, out, timeout)
        if not out.exists() or out.stat().st_size == 0:
            raise _ConversionFailed("music21 wrote no MIDI")
        data = out.read_bytes()
    notes = _count_notes(data)
    if notes == 0:
        raise _ConversionFailed("the tune has no notes to play")
    return AbcMidi(data, "music21", notes, ())


def _music21_in_child(src: Path, out: Path, timeout: float) -> None:
    try:
        proc = subprocess.run([sys.executable, "-c", _MUSIC21_SCRIPT, str(src), str(out)],
                              stdin=subprocess.DEVNULL, capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        raise _ConversionFailed(f"music21 took longer than {timeout:g} s and was stopped") from None
    except OSError as exc:
        raise _ConversionFailed(f"cannot start Python for music21 ({exc})") from None
    if proc.returncode != 0:
        lines = [ln for ln in proc.stderr.decode("utf-8", "replace").splitlines() if ln.strip()]
        raise _ConversionFailed(lines[-1].strip() if lines else f"exit status {proc.returncode}")


def _music21_in_thread(src: Path, out: Path, timeout: float) -> None:
    box: dict[str, BaseException] = {}

    def work() -> None:
        try:
            namespace = {"__name__": "clamp2_music21"}
            exec(compile(_MUSIC21_SCRIPT, "<music21 abc>", "exec"), namespace)
            namespace["convert"](str(src), str(out))
        except BaseException as exc:  # noqa: BLE001 - reported to the caller
            box["error"] = exc

    thread = threading.Thread(target=work, name="music21-abc", daemon=True)
    thread.start()
    thread.join(timeout)
    if thread.is_alive():
        raise _ConversionFailed(f"music21 took longer than {timeout:g} s (left running in the background)")
    if "error" in box:
        raise _ConversionFailed(f"{type(box['error']).__name__}: {box['error']}")


_CONVERT = {"abc2midi": _abc2midi, "music21": _music21}
