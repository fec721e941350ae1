"""ABC files: decode them, split them into tunes, and prepare each tune for the model.

An ``.abc`` file is a *tune book*: an optional file header (the text before
the first ``X:`` field, whose fields apply to every tune, ABC 2.1 section
2.2.2), then tunes that each start with an ``X:`` line.  A library holds such
books with hundreds of tunes, so each tune is its own piece with its own
title, composer and header fields.

Decoding never fails: UTF-8 (with or without BOM) first, then Windows-1252
and finally Latin-1, which accepts any byte; the fallback is reported in the
tune's ``warnings``.  Files that are not text at all (NUL bytes: an image or
a MIDI file named ``.abc``) raise :class:`AbcFileError`.

The conversion to the model's input (CLaMP 2's interleaved ABC) lives in
:mod:`clamp2_engine.formats.abc_interleave` and is re-exported here.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from clamp2_engine.errors import AbcFileError
from clamp2_engine.formats.abc_interleave import (
    INLINE_BODY_FIELDS,
    LABEL_FREE_DROP_FIELDS,
    LABEL_FREE_KEEP_FIELDS,
    OFFICIAL_DROP_FIELDS,
    Interleaved,
    interleave_abc,
    interleave_abc_report,
)

__all__ = [
    "INLINE_BODY_FIELDS",
    "LABEL_FREE_DROP_FIELDS",
    "LABEL_FREE_KEEP_FIELDS",
    "OFFICIAL_DROP_FIELDS",
    "AbcTune",
    "Interleaved",
    "decode_abc_bytes",
    "interleave_abc",
    "interleave_abc_report",
    "read_abc",
    "split_tunes",
]

#: Files larger than this are refused: a real tune book is a few MiB at most.
MAX_ABC_BYTES = 32 * 1024 * 1024

_X_LINE = re.compile(r"^X:[ \t]*(.*)$")
_FIELD = re.compile(r"^([A-Za-z]):(.*)$")


@dataclass(frozen=True)
class AbcTune:
    """One tune of an ABC file.

    ``index`` is its 0-based position in the file and ``line`` the 1-based
    line where it starts.  ``fields`` maps each header field letter (the
    tune's header runs from ``X:`` to ``K:``) to its values in order, with the
    file header's fields filled in where the tune does not set them (titles
    excepted: a file-header ``T:`` names the book, not the tune).  ``text`` is
    the tune's own text; ``inherited`` are the file-header lines that apply to
    it, and :attr:`effective_text` is the text to convert.
    """

    index: int
    x: int | None
    title: str | None
    composer: str | None
    fields: dict[str, list[str]]
    text: str
    line: int
    inherited: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()

    @property
    def effective_text(self) -> str:
        """The tune with the file-header lines that apply to it in front."""
        if not self.inherited:
            return self.text
        return "\n".join(self.inherited) + "\n" + self.text


@dataclass
class _Block:
    start: int  # 0-based line index
    lines: list[str] = field(default_factory=list)


def decode_abc_bytes(data: bytes) -> tuple[str, str, list[str]]:
    """Bytes -> (text, encoding, warnings).  Never raises on bad bytes."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig", []
    try:
        return data.decode("utf-8"), "utf-8", []
    except UnicodeDecodeError as exc:
        bad = f"byte 0x{data[exc.start]:02x} at offset {exc.start}"
    for encoding in ("cp1252", "latin-1"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return text, encoding, [f"not valid UTF-8 ({bad}); read as {_ENCODING_NAMES[encoding]}"]
    raise AssertionError("latin-1 decodes every byte")  # pragma: no cover


_ENCODING_NAMES = {"cp1252": "Windows-1252", "latin-1": "Latin-1"}


def read_abc(path: str | Path, *, max_bytes: int = MAX_ABC_BYTES) -> list[AbcTune]:
    """Read an ABC file and split it into tunes.

    Raises :class:`AbcFileError` for a file that cannot be read, is empty,
    too large, binary, or holds no tune (no ``X:`` and no ``K:`` field).
    """
    p = Path(path)
    try:
        size = p.stat().st_size
        if size > max_bytes:
            raise AbcFileError(p, f"file too large ({size} bytes; the limit is {max_bytes})")
        data = p.read_bytes()
    except OSError as exc:
        raise AbcFileError(p, f"cannot read the file ({exc.strerror or exc})") from exc
    return tunes_from_bytes(data, path=str(p))


def tunes_from_bytes(data: bytes, *, path: str | None = None) -> list[AbcTune]:
    """:func:`read_abc` on bytes already in memory."""
    if not data.strip():
        raise AbcFileError(path, "empty file" if not data else "file holds only whitespace")
    if b"\x00" in data[:65536]:
        offset = data.index(b"\x00")
        raise AbcFileError(path, f"binary data, not ABC text (NUL byte at offset {offset})")
    text, _encoding, warnings = decode_abc_bytes(data)
    tunes = split_tunes(text)
    if not tunes:
        raise AbcFileError(path, "no tune found (no X: field and no K: field)")
    if warnings:
        tunes = [_with_warnings(t, warnings) for t in tunes]
    return tunes


def _with_warnings(tune: AbcTune, warnings: list[str]) -> AbcTune:
    return AbcTune(
        index=tune.index,
        x=tune.x,
        title=tune.title,
        composer=tune.composer,
        fields=tune.fields,
        text=tune.text,
        line=tune.line,
        inherited=tune.inherited,
        warnings=tuple(warnings) + tune.warnings,
    )


def split_tunes(text: str) -> list[AbcTune]:
    """Split the text of an ABC file into its tunes.

    Tunes start at ``X:`` lines.  A text with no ``X:`` at all but with a
    ``K:`` field is one tune.  After a blank line, a paragraph with neither a
    barline nor a field line is free text between tunes and ends the tune.
    """
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    starts = [i for i, ln in enumerate(lines) if _X_LINE.match(ln)]
    if not starts:
        if not any(_FIELD.match(ln) and ln[0] == "K" for ln in lines):
            return []
        return [_make_tune(0, _Block(0, _tune_lines(lines)), [])]
    header = lines[: starts[0]]
    inherited = [ln for ln in header if _FIELD.match(ln) or ln.startswith("%%")]
    tunes = []
    bounds = starts + [len(lines)]
    for index, (a, b) in enumerate(zip(bounds, bounds[1:])):
        tunes.append(_make_tune(index, _Block(a, _tune_lines(lines[a:b])), inherited))
    return tunes


def _tune_lines(lines: list[str]) -> list[str]:
    """The lines of one tune, free-text paragraphs after it and trailing blanks removed.

    Line positions are kept (blank lines inside the tune stay), so that line
    numbers in messages are those of the file.
    """
    end = len(lines)
    i = 0
    first = True
    while i < len(lines):
        if lines[i].strip() == "":
            i += 1
            continue
        j = i
        while j < len(lines) and lines[j].strip() != "":
            j += 1
        paragraph = lines[i:j]
        if not first and not any("|" in ln or _FIELD.match(ln) for ln in paragraph):
            end = i
            break
        first = False
        i = j
    out = lines[:end]
    while out and out[-1].strip() == "":
        out.pop()
    return out


def _header_fields(lines: list[str]) -> dict[str, list[str]]:
    """Fields from the first line up to ``K:`` (or the first music line)."""
    fields: dict[str, list[str]] = {}
    for ln in lines:
        m = _FIELD.match(ln)
        if m:
            fields.setdefault(m.group(1), []).append(_strip_comment(m.group(2)).strip())
            if m.group(1) == "K":
                break
        elif ln.startswith("%") or not ln.strip():
            continue
        else:
            break
    return fields


def _strip_comment(value: str) -> str:
    i = value.find("%")
    return value if i < 0 else value[:i]


def _make_tune(index: int, block: _Block, file_header: list[str]) -> AbcTune:
    own = _header_fields(block.lines)
    fields = {k: list(v) for k, v in own.items() if k != "X"}
    inherited: list[str] = []
    own_directives = {ln.split()[0] for ln in block.lines if ln.startswith("%%") and ln.split()}
    for ln in file_header:
        m = _FIELD.match(ln)
        if m:
            letter = m.group(1)
            if letter in own or letter == "X":
                continue
            inherited.append(ln)
            if letter != "T":
                fields.setdefault(letter, []).append(_strip_comment(m.group(2)).strip())
        elif ln.split() and ln.split()[0] not in own_directives:
            inherited.append(ln)
    x_value = None
    xm = _X_LINE.match(block.lines[0]) if block.lines else None
    if xm:
        digits = re.match(r"\d+", xm.group(1).strip())
        x_value = int(digits.group()) if digits else None
    title = next((t for t in own.get("T", []) if t), None)
    composer = next((c for c in fields.get("C", []) if c), None)
    return AbcTune(
        index=index,
        x=x_value,
        title=title,
        composer=composer,
        fields=fields,
        text="\n".join(block.lines) + "\n",
        line=block.start + 1,
        inherited=tuple(inherited),
    )
