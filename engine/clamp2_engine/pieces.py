"""File -> pieces: the one entry point that turns a music file into model inputs.

A *piece* is what the library lists, embeds and searches: a MIDI file is
one piece, an ABC tune book is one piece per tune.  Its ``text`` is exactly
what the model reads (MTF for MIDI, interleaved ABC for ABC); ``meta`` is a
JSON-ready dict for the catalog.

A library scan must record a bad file and go on, and one broken tune must
not cost the other tunes of its book: :func:`read_pieces_report` returns the
pieces it could make *and* a :class:`PieceError` for each failure (a plain,
picklable record: scans run in a process pool).  :func:`read_pieces` is the
strict variant for one-off use.

How ABC is prepared depends on the model (which header fields it keeps), so
it is described by a :class:`Preprocessing` that travels in the model's
``config.json`` under the key :data:`PREPROCESSING_CONFIG_KEY`.
"""
from __future__ import annotations

import traceback
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from clamp2_engine.errors import AbcFileError, InputFileError, MidiFileError, ModelConfigError
from clamp2_engine.formats.abc import (
    LABEL_FREE_DROP_FIELDS,
    LABEL_FREE_KEEP_FIELDS,
    OFFICIAL_DROP_FIELDS,
    AbcTune,
    interleave_abc_report,
    read_abc,
)
from clamp2_engine.formats.midi import midi_metadata, midi_to_mtf, read_midi_report

#: Where a model's ``config.json`` keeps its :class:`Preprocessing`.
PREPROCESSING_CONFIG_KEY = "preprocessing"

MIDI_EXTENSIONS = frozenset({".mid", ".midi", ".kar", ".rmi"})
ABC_EXTENSIONS = frozenset({".abc"})
MTF_EXTENSIONS = frozenset({".mtf"})
SUPPORTED_EXTENSIONS = MIDI_EXTENSIONS | ABC_EXTENSIONS | MTF_EXTENSIONS

#: An .mtf file larger than this is refused (MTF of a 16 MiB MIDI file is far smaller).
MAX_MTF_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True)
class Preprocessing:
    """Everything about turning files into model input that a model decides.

    ``abc_drop_fields``: line prefixes removed from ABC before interleaving
    (the official model drops ``X: T: C: W: w: Z: %%MIDI``);
    ``abc_keep_fields``: prefixes kept even when a drop prefix matches
    (``%%score`` for the label-free preprocessing, which drops all ``%`` lines).
    """

    abc_drop_fields: tuple[str, ...] = OFFICIAL_DROP_FIELDS
    abc_keep_fields: tuple[str, ...] = ()
    #: Remove collection-specific notation habits (quotes, decorations, bowings,
    #: grace notes, slurs) from ABC music lines: see :mod:`clamp2_engine.notation`.
    abc_normalize: bool = False

    @classmethod
    def official(cls) -> "Preprocessing":
        """The preprocessing of the official CLaMP 2 model."""
        return cls()

    @classmethod
    def label_free(cls) -> "Preprocessing":
        """Keep only M L K Q V and ``%%score``: no title, composer, origin ... can leak in."""
        return cls(LABEL_FREE_DROP_FIELDS, LABEL_FREE_KEEP_FIELDS)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"abc_drop_fields": list(self.abc_drop_fields),
                               "abc_keep_fields": list(self.abc_keep_fields)}
        if self.abc_normalize:  # written only when on, so older configs stay byte-identical
            out["abc_normalize"] = True
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> "Preprocessing":
        """Read the dict written by :meth:`to_dict`; missing keys take the official values.

        Unknown keys are refused: they would change what a model computes.
        """
        if data is None:
            return cls()
        if not isinstance(data, dict):
            raise ModelConfigError(f"preprocessing must be an object, not {type(data).__name__}")
        unknown = sorted(set(data) - {"abc_drop_fields", "abc_keep_fields", "abc_normalize"})
        if unknown:
            raise ModelConfigError(f"unsupported preprocessing option(s): {', '.join(unknown)}")
        values = {}
        for key in ("abc_drop_fields", "abc_keep_fields"):
            if key in data:
                value = data[key]
                if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) and v for v in value):
                    raise ModelConfigError(f"preprocessing.{key} must be a list of non-empty strings")
                values[key] = tuple(value)
        if "abc_normalize" in data:
            if not isinstance(data["abc_normalize"], bool):
                raise ModelConfigError("preprocessing.abc_normalize must be true or false")
            values["abc_normalize"] = data["abc_normalize"]
        return cls(**values)


@dataclass
class Piece:
    """One piece of music ready for the model.  ``meta`` is JSON-serialisable."""

    path: str
    tune_index: int | None  # None for MIDI and MTF files
    format: str  # "midi" | "abc"
    title: str | None
    composer: str | None
    text: str
    meta: dict[str, Any] = field(default_factory=dict)
    duration_s: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class PieceError:
    """Why a file, or one tune of a file, gave no piece.  Plain data: picklable, JSON-ready."""

    path: str
    tune_index: int | None
    kind: str  # "midi" | "abc" | "file" | "internal"
    reason: str
    position: str | None = None

    @property
    def message(self) -> str:
        where = self.path if not self.position else f"{self.path} ({self.position})"
        return f"{where}: {self.reason}"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self) | {"message": self.message}

    def to_exception(self) -> InputFileError:
        cls = {"midi": MidiFileError, "abc": AbcFileError}.get(self.kind, InputFileError)
        return cls(self.path, self.reason, self.position)

    @classmethod
    def from_exception(cls, exc: InputFileError, path: str, tune_index: int | None = None) -> "PieceError":
        return cls(exc.path or path, tune_index, exc.kind, exc.reason, exc.position)


def read_pieces(path: str | Path, preprocessing: Preprocessing | None = None) -> list[Piece]:
    """The pieces of a file; raises :class:`InputFileError` when it gives none.

    Tunes of a book that fail alone are left out silently; use
    :func:`read_pieces_report` to learn about them.
    """
    pieces, errors = read_pieces_report(path, preprocessing)
    if not pieces:
        raise errors[0].to_exception()
    return pieces


def read_pieces_report(
    path: str | Path, preprocessing: Preprocessing | None = None
) -> tuple[list[Piece], list[PieceError]]:
    """(pieces, errors) of a file.  Never raises for a bad file.

    When ``pieces`` is empty, ``errors`` holds at least one entry.
    """
    pre = preprocessing or Preprocessing()
    p = str(path)
    ext = Path(p).suffix.lower()
    try:
        if ext in MIDI_EXTENSIONS:
            return [_midi_piece(p)], []
        if ext in ABC_EXTENSIONS:
            return _abc_pieces(p, pre)
        if ext in MTF_EXTENSIONS:
            return [_mtf_piece(p)], []
        raise InputFileError(p, f"unsupported file type {ext or '(no extension)'!r}")
    except InputFileError as exc:
        return [], [PieceError.from_exception(exc, p)]
    except MemoryError:  # a file that costs more memory than a parser process may use
        return [], [PieceError(p, None, "file", "out of memory while reading the file (it needs more than a "
                                                "parser process may use)")]
    except Exception as exc:  # a bug: one file must never abort a scan
        return [], [_internal(p, None, exc)]


def _internal(path: str, tune_index: int | None, exc: Exception) -> PieceError:
    frame = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
    where = f" at {Path(frame.filename).name}:{frame.lineno}" if frame else ""
    return PieceError(path, tune_index, "internal", f"internal error{where}: {type(exc).__name__}: {exc}")


# -------------------------------------------------------------------------- MIDI


def _midi_piece(path: str) -> Piece:
    read = read_midi_report(path)
    try:
        text = midi_to_mtf(read.midi, path=path)
    except MidiFileError as exc:
        if not read.repairs:
            raise
        raise MidiFileError(path, f"{exc.reason}; after repairs: {'; '.join(read.repairs)}", exc.position) from None
    info = midi_metadata(read.midi, repairs=read.repairs)
    meta = info.to_dict() | {"size": read.size, "mtf_lines": text.count("\n") + 1}
    return Piece(path, None, "midi", info.title, None, text, meta, info.duration_s)


def _mtf_piece(path: str) -> Piece:
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise MidiFileError(path, f"cannot read the file ({exc.strerror or exc})") from exc
    if len(data) > MAX_MTF_BYTES:
        raise MidiFileError(path, f"file too large ({len(data)} bytes; the limit is {MAX_MTF_BYTES})")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise MidiFileError(path, "not an MTF file (not UTF-8 text)", f"byte {exc.start}") from None
    if not text.startswith("ticks_per_beat "):
        raise MidiFileError(path, "not an MTF file (the first line must be 'ticks_per_beat <N>')", "line 1")
    if "\nnote_on " not in text:
        raise MidiFileError(path, "no notes (the MTF text holds no note_on line)")
    meta = {"source": "mtf", "mtf_lines": text.count("\n") + 1}
    return Piece(path, None, "midi", None, None, text, meta, None)


# --------------------------------------------------------------------------- ABC


def _abc_pieces(path: str, pre: Preprocessing) -> tuple[list[Piece], list[PieceError]]:
    tunes = read_abc(path)
    pieces: list[Piece] = []
    errors: list[PieceError] = []
    for tune in tunes:
        try:
            pieces.append(_abc_piece(path, tune, pre))
        except AbcFileError as exc:
            errors.append(PieceError(path, tune.index, "abc", exc.reason, _tune_position(tune, exc.position)))
        except Exception as exc:  # a bug in one tune must not cost the others
            errors.append(_internal(path, tune.index, exc))
    return pieces, errors


def _tune_position(tune: AbcTune, detail: str | None) -> str:
    label = f"tune {tune.index + 1}" + (f" (X:{tune.x})" if tune.x is not None else "")
    return f"{label}, {detail}" if detail else f"{label}, line {tune.line}"


def _abc_piece(path: str, tune: AbcTune, pre: Preprocessing) -> Piece:
    source = tune.effective_text
    if pre.abc_normalize:
        from clamp2_engine.notation import normalize_abc

        source = normalize_abc(source)
    result = interleave_abc_report(
        source,
        drop_fields=pre.abc_drop_fields,
        keep_fields=pre.abc_keep_fields,
        path=path,
        line_offset=tune.line - 1 - len(tune.inherited),
    )
    meta = {
        "x": tune.x,
        "line": tune.line,
        "fields": tune.fields,
        "voices": list(result.voices),
        "n_bars": result.n_bars,
        "implicit_voice": result.implicit_voice,
        "warnings": list(tune.warnings) + list(result.warnings),
    }
    return Piece(path, tune.index, "abc", tune.title, tune.composer, result.text, meta, None)
