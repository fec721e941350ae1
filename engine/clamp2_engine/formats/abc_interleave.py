"""One ABC tune -> CLaMP 2's *interleaved* ABC (the model input for ABC).

This is a re-implementation of the official ``abc_pipeline`` of CLaMP 2
(``process_data/batch_interleaved_abc.py``, which relies on the
``abctoolkit`` package; see ``docs/clamp2_reference_spec.md`` section 3).
It is written from that behaviour, not from its code, and it has no
dependency on ``abctoolkit``.

What the official pipeline does, and this module does too
---------------------------------------------------------
1. drop blank lines;
2. drop every line that starts with one of the *drop prefixes*
   (official: ``X: T: C: W: w: Z: %%MIDI``);
3. remove the ``%<n>`` bar-number comments that xml2abc writes at line ends;
4. in music lines, remove ``\\"`` and every quoted string that contains a
   barline symbol (with the official quirk: when such a string is removed, the
   ``\\"`` removal of that line is *not* applied);
5. split every voice into bars; a run of digits/``:`` right after a barline
   (a volta number, the colon of ``|:`` written apart) belongs to that barline;
6. strip the leading bars that hold no music and the trailing bars that hold
   no pitch, using one common range for all voices;
7. write the header lines, then one line per bar index where every voice, in
   order of first appearance, contributes ``[V:id]`` + bar + right barline
   (bar 0 also gets the voice's inline-field prefix and its left barline).

For the standard ABC that CLaMP 2 was trained on (``xml2abc -d 8 -x``: one
``V:`` block per voice, every line ending at a barline) the output is
identical to the official one, byte for byte.

Where this module deliberately differs
--------------------------------------
The official code silently loses bars or crashes on ABC that is perfectly
valid but not written by xml2abc.  Each of these is handled the way xml2abc
would have *written* the same music, so that the model sees input shaped
like its training data:

* **Consecutive barlines** (``:|`` at the end of a line and ``|:`` at the
  start of the next one, ``| |:``, ``|] |:`` ...) are merged into one barline
  the way xml2abc joins them (``:|`` + ``|:`` -> ``::``, ``|`` + ``|:`` ->
  ``|:``).  The official splitter then misaligns bars and barlines and keeps
  only part of the tune (fixture ``a01_reel``) or crashes (two body lines
  that both start with ``|:``).
* **A tune without any ``V:`` field** (most ABC found in the wild: the
  Essen and O'Neill collections of the music21 corpus, the Nottingham
  database ...) is read as ONE implicit voice ``V:1``: the output is exactly
  what the official pipeline gives for the same tune with a bare ``V:1`` line
  inserted before its first music line.  The header lines are kept as they
  are and no ``V:1`` definition line is invented.  (abctoolkit raises
  "tunebody index not found" for such a tune, so the official pipeline has no
  output at all for it.)
* Music that comes before any voice switch belongs to the first voice
  declared in the header (or to ``V:1`` when none is declared).
* A voice that appears in several blocks (one block per system, as people
  write by hand) is the concatenation of its blocks; inline voice switches at
  the start of a line (``[V:2] abc|``) are understood too.
* A voice line with properties in the body (``V:1 clef=bass``) switches to
  voice ``1``; its definition goes to the header when the header has none.
* Field lines inside the body: ``K: L: M: Q: P:`` become inline fields
  (``[M:3/4]``) at that point of the current voice; other fields there
  (``w:``, ``W:``, ``N:`` ...) are dropped, as are comment and ``%%`` lines.
* Trailing ``% comments`` of music lines and the ``\\`` line-continuation
  mark are removed; a ``[1``-style volta becomes ``|1`` like xml2abc writes.
* Text after the last barline of a voice is kept as a last bar closed with
  ``|`` (the official splitter drops it, and so does the patchilizer).
* A voice with no barline at all (some early-music transcriptions) uses its
  line breaks as bar separators, so it does not become one giant patch.
* Voices with different bar counts are padded at the end with empty bars
  (reported in ``warnings``) instead of failing the whole tune.
* Before ``K:``, a line that is neither a field nor holds a barline (a tempo
  written without ``Q:``, a stray word) is ignored, with a warning.
* The official code parses its own stripped output a second time; when the
  first kept bar of a voice holds nothing but inline fields, that second
  parse shifts the voice by one bar against the others.  This module parses
  once.  (xml2abc never writes such a bar.)
* Control characters (binary data; bytes 1 and 2 would also collide with the
  patchilizer's BOS/EOS ids) raise :class:`AbcFileError`.

Nothing here can loop without bound: every step is a single pass over the
text with simple, non-nested regular expressions.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from clamp2_engine.errors import AbcFileError

#: The line prefixes that the official pipeline removes.
OFFICIAL_DROP_FIELDS: tuple[str, ...] = ("X:", "T:", "C:", "W:", "w:", "Z:", "%%MIDI")

#: Fields that a label-free model keeps: only what changes how the notes are read.
_LABEL_FREE_KEPT_LETTERS = "KLMQV"

#: Every header field that can carry a label (title, composer, origin, rhythm,
#: source, notes ...), every comment and every ``%%`` directive.  Used together
#: with :data:`LABEL_FREE_KEEP_FIELDS`, which rescues ``%%score``.
LABEL_FREE_DROP_FIELDS: tuple[str, ...] = tuple(
    f"{c}:" for c in "ABCDEFGHIJNOPRSTUWXYZabcdefghijklmnopqrstuvwxyz" if c not in _LABEL_FREE_KEPT_LETTERS
) + ("+:", "%")

#: Lines kept even when a drop prefix matches them (label-free preprocessing).
LABEL_FREE_KEEP_FIELDS: tuple[str, ...] = ("%%score",)

#: Body field lines that become inline fields; any other field in the body is dropped.
INLINE_BODY_FIELDS = frozenset("KLMQP")

# The barline symbols and their precedence, as the official splitter uses them
# (an alternation is tried left to right at each position).
BARLINES: tuple[str, ...] = ("|:", "::", ":|", "[|", "||", "|]", "|", "|]:", ":[|")
_BARLINE_SPLIT = re.compile("(" + "|".join(map(re.escape, BARLINES)) + ")")
_BARLINE_SET = frozenset(BARLINES)

_FIELD_LINE = re.compile(r"^[A-Za-z]:")
_QUOTED = re.compile(r'"[^"]*"')
_DECORATION = re.compile(r"![^!]+!")
# "[" is excluded inside too: the official pattern goes quadratic on a run of unclosed "[".
_SQUARE = re.compile(r"\[[^\[\]]+\]")
_BAR_NUMBER_COMMENT = re.compile(r"%\d+$")
_CONTINUATION = re.compile(r"\\\s*$")
_VOLTA_AFFIX_CHARS = frozenset("0123456789,.-:")
_INLINE_VOICE = re.compile(r"\[V:\s*([^\[\]\s]*)[^\[\]]*\]")
_PITCH = re.compile(r"[A-Ga-g]")
_ANNOTATION_STARTS = frozenset("^_<>@")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class Interleaved:
    """The result of :func:`interleave_abc_report`.

    ``text`` is the model input; ``warnings`` lists the repairs that were
    needed (padding of voices, implicit voice ...), for the library's notes.
    """

    text: str
    voices: tuple[str, ...]
    n_bars: int
    implicit_voice: bool
    warnings: tuple[str, ...] = ()


@dataclass
class _Line:
    number: int  # 1-based, in the tune text
    text: str  # without its newline


@dataclass
class _Voice:
    vid: str
    chunks: list[str] = field(default_factory=list)
    first_line: int = 0


@dataclass
class _Bars:
    prefix: str
    left: str
    texts: list[str]
    rights: list[str]


def interleave_abc(
    tune_text: str,
    *,
    drop_fields: tuple[str, ...] | list[str] = OFFICIAL_DROP_FIELDS,
    keep_fields: tuple[str, ...] | list[str] = (),
) -> str:
    """Turn one ABC tune into CLaMP 2's interleaved ABC (see the module docstring).

    ``drop_fields`` are line prefixes (``"T:"``, ``"%%MIDI"`` ...) whose lines
    are removed; ``keep_fields`` are prefixes that are kept even when a drop
    prefix matches.  Raises :class:`AbcFileError` when the tune holds no music.
    """
    return interleave_abc_report(tune_text, drop_fields=drop_fields, keep_fields=keep_fields).text


def interleave_abc_report(
    tune_text: str,
    *,
    drop_fields: tuple[str, ...] | list[str] = OFFICIAL_DROP_FIELDS,
    keep_fields: tuple[str, ...] | list[str] = (),
    path: str | None = None,
    line_offset: int = 0,
) -> Interleaved:
    """Like :func:`interleave_abc`, and also say what had to be repaired.

    ``path`` and ``line_offset`` (the line of the tune in its file, minus one)
    only make error messages point to the right place.
    """
    _refuse_binary(tune_text, path, line_offset)
    lines = _kept_lines(tune_text, tuple(drop_fields), tuple(keep_fields))
    lines, warnings = _drop_header_junk(lines)
    header, voices, implicit, more = _split_header_and_voices(lines, path, line_offset)
    warnings += more
    bars = {}
    for voice in voices:
        bars[voice.vid] = _voice_bars(voice, warnings)
    _equalise(bars, warnings)
    first, last = _music_range(bars)
    if first >= last:
        where = _where(voices[0].first_line, line_offset)
        raise AbcFileError(path, "tune has no notes (every bar is empty or only rests)", where)
    text = _rotate(header, bars, first, last)
    return Interleaved(
        text=text,
        voices=tuple(f"V:{v}" for v in bars),
        n_bars=last - first,
        implicit_voice=implicit,
        warnings=tuple(warnings),
    )


# --------------------------------------------------------------------------- lines


def _kept_lines(text: str, drop: tuple[str, ...], keep: tuple[str, ...]) -> list[_Line]:
    """Blank lines and dropped fields out; ``+:`` continuations follow their field."""
    out: list[_Line] = []
    previous_dropped = False
    for number, raw in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), start=1):
        if raw.strip() == "":
            continue
        kept = any(raw.startswith(k) for k in keep)
        continues_dropped = raw.startswith("+:") and previous_dropped
        if not kept and (continues_dropped or any(raw.startswith(d) for d in drop)):
            previous_dropped = True
            continue
        previous_dropped = False
        out.append(_Line(number, raw))
    return out


def _refuse_binary(text: str, path: str | None, line_offset: int) -> None:
    """Control characters mean binary data, and ids 1 and 2 are the patchilizer's BOS/EOS."""
    m = _CONTROL.search(text)
    if m:
        line = text.count("\n", 0, m.start()) + 1
        raise AbcFileError(
            path, f"binary data in the tune (control character U+{ord(m.group()):04X})", _where(line, line_offset)
        )


def _drop_header_junk(lines: list[_Line]) -> tuple[list[_Line], list[str]]:
    """Before ``K:``, a non-field line without any barline is not music (``3/8=120``, a stray word)."""
    k_index = next((i for i, ln in enumerate(lines) if ln.text.startswith("K:")), None)
    if k_index is None:
        return lines, []
    junk = [i for i in range(k_index) if _is_music(lines[i].text) and "|" not in lines[i].text]
    if not junk:
        return lines, []
    warnings = [f"line {lines[i].number}: text in the header ignored: {lines[i].text.strip()[:40]!r}" for i in junk]
    dropped = set(junk)
    return [ln for i, ln in enumerate(lines) if i not in dropped], warnings


def _is_field(text: str) -> bool:
    return bool(_FIELD_LINE.match(text))


def _is_music(text: str) -> bool:
    return not (_is_field(text) or text.startswith("%") or text.startswith("+:"))


def _clean_music_line(text: str) -> str:
    """Comments, escaped quotes, quoted strings with barlines and ``\\`` out."""
    text = _BAR_NUMBER_COMMENT.sub("", text)
    text = _strip_comment(text)
    text = _drop_quotes_with_barlines(text)
    # Trailing spaces stay: the official splitter keeps them inside a bar
    # that goes on on the next line.
    return _CONTINUATION.sub("", text)


def _strip_comment(text: str) -> str:
    """Cut a ``%`` comment that is not inside a quoted string."""
    if "%" not in text:
        return text
    quoted = False
    for i, ch in enumerate(text):
        if ch == '"':
            quoted = not quoted
        elif ch == "%" and not quoted:
            return text[:i]
    return text


def _drop_quotes_with_barlines(line: str) -> str:
    """Step 4 of the official pipeline, quirk included.

    Official: remove every ``\\"``; but when some quoted string holds a barline
    symbol, the line becomes the ORIGINAL line minus those strings, which
    brings the ``\\"`` back.  Reproduced so that the output stays identical.
    """
    without_escapes = line.replace('\\"', "")
    removed = line
    changed = False
    for quoted in _QUOTED.findall(line):
        if any(b in quoted for b in BARLINES):
            removed = removed.replace(quoted, "")
            changed = True
    return removed if changed else without_escapes


# --------------------------------------------------------------------- structure


def _voice_id(field_text: str) -> tuple[str, bool]:
    """``V:1 clef=bass`` -> ("1", True); ``V:1`` -> ("1", False)."""
    rest = field_text[2:].strip()
    parts = rest.split(None, 1)
    if not parts:
        return "1", False
    return parts[0], len(parts) > 1


def _split_header_and_voices(
    lines: list[_Line], path: str | None, line_offset: int
) -> tuple[list[str], list[_Voice], bool, list[str]]:
    warnings: list[str] = []
    first_music = next((i for i, ln in enumerate(lines) if _is_music(ln.text)), None)
    if first_music is None:
        raise AbcFileError(path, "tune has no music lines", _where(lines[0].number if lines else 1, line_offset))

    # The body starts at the voice switch right before the first music line.
    body_start = first_music
    for j in range(first_music - 1, -1, -1):
        t = lines[j].text
        if t.startswith("%"):
            continue
        if t.startswith("V:"):
            body_start = j
        break

    header_lines = lines[:body_start]
    header = [ln.text for ln in header_lines]
    declared = [_voice_id(t)[0] for t in header if t.startswith("V:")]
    defined = set(declared)
    any_voice = bool(declared) or any(
        ln.text.startswith("V:") or (_is_music(ln.text) and _INLINE_VOICE.search(ln.text)) for ln in lines[body_start:]
    )
    implicit = not any_voice

    voices: dict[str, _Voice] = {}
    current = declared[0] if declared else "1"

    def voice(vid: str, number: int) -> _Voice:
        if vid not in voices:
            voices[vid] = _Voice(vid, first_line=number)
        return voices[vid]

    for ln in lines[body_start:]:
        t = ln.text
        if t.startswith("V:"):
            current, has_props = _voice_id(t)
            if has_props and current not in defined:
                header.append(t)
                defined.add(current)
            continue
        if t.startswith("%") or t.startswith("+:"):
            continue
        if _is_field(t):
            letter = t[0]
            if letter in INLINE_BODY_FIELDS:
                voice(current, ln.number).chunks.append(f"[{letter}:{t[2:].strip()}]")
            continue
        music = _clean_music_line(t)
        # Inline voice switches, at the start of a line or inside it (already
        # interleaved text: "[V:1]abc|[V:2]def|").
        pieces = _INLINE_VOICE.split(music)
        for k in range(0, len(pieces), 2):
            if k:
                current = pieces[k - 1] or "1"
            if pieces[k].strip():
                voice(current, ln.number).chunks.append(pieces[k])
    if implicit:
        warnings.append("no V: field: read as one voice V:1")
    kept = [v for v in voices.values() if v.chunks]  # voices appear in the order their music starts
    if not kept:
        raise AbcFileError(path, "tune has no music lines", _where(lines[body_start].number, line_offset))
    return header, kept, implicit, warnings


# -------------------------------------------------------------------------- bars


def _merge_barlines(first: str, second: str) -> str:
    """Two barlines with nothing between them -> the one xml2abc would write."""
    if first == second:
        return first
    if second in ("|:", "[|:"):
        return (first + ":").replace(":|:", "::").replace("||", "|")
    if first == "|":
        return second
    if second == "|":
        return first
    first_repeat, second_repeat = ":" in first, ":" in second
    if first_repeat and second_repeat:
        return "::"
    if first_repeat:
        return first
    return second


def _tokens(text: str) -> list[str]:
    """Split into text/barline tokens that strictly alternate."""
    raw = [t for t in _BARLINE_SPLIT.split(text.strip()) if t.strip() != ""]
    tokens: list[str] = []
    for t in raw:
        if tokens and t in _BARLINE_SET and tokens[-1] in _BARLINE_SET:
            tokens[-1] = _merge_barlines(tokens[-1], t)
        else:
            tokens.append(t)
    return tokens


def _only_inline_fields(text: str) -> bool:
    return _remove_inline_fields(text).strip() == ""


def _voice_bars(voice: _Voice, warnings: list[str]) -> _Bars:
    chunks = voice.chunks
    music = [c for c in chunks if not _only_inline_fields(c)]
    barless = [c for c in music if not _BARLINE_SPLIT.search(c)]
    if len(barless) * 2 > len(music):
        # Mostly unbarred music (early-music transcriptions): line ends are bar lines.
        chunks = [_close_line(c) for c in chunks]
        warnings.append(f"V:{voice.vid} has almost no barlines: line breaks used as bar lines")
    tokens = _tokens("\n".join(chunks))

    prefix, left = "", ""
    i = 0
    if len(tokens) > 1 and tokens[0] not in _BARLINE_SET and _only_inline_fields(tokens[0]):
        prefix = tokens[0].strip()
        i = 1
    if i < len(tokens) and tokens[i] in _BARLINE_SET:
        left = tokens[i]
        i += 1

    texts: list[str] = []
    rights: list[str] = []
    while i < len(tokens):
        bar = tokens[i].strip().replace("\n", "")
        right = tokens[i + 1] if i + 1 < len(tokens) else None
        i += 2
        bar, affix = _split_affix(bar)
        if affix:
            if rights:
                rights[-1] += affix
            else:
                left += affix
        if right is None:
            if not bar:
                break
            right = "|"
        texts.append(bar)
        rights.append(right)
    return _Bars(prefix, left, texts, rights)


def _close_line(chunk: str) -> str:
    """End a music line with a barline unless it already ends with one."""
    if _only_inline_fields(chunk) or chunk.rstrip().endswith(BARLINES):
        return chunk
    return chunk.rstrip() + " |"


def _split_affix(bar: str) -> tuple[str, str]:
    """A volta number or a stray ``:`` at the start of a bar belongs to the barline before it."""
    if bar.startswith("[") and len(bar) > 1 and bar[1].isdigit():
        bar = bar[1:]  # "[1" volta, written "|1" by xml2abc
    if not bar or not (bar[0].isdigit() or bar[0] == ":"):
        return bar, ""
    k = 0
    while k < len(bar) and bar[k] in _VOLTA_AFFIX_CHARS:
        k += 1
    return bar[k:].strip(), bar[:k]


def _equalise(bars: dict[str, _Bars], warnings: list[str]) -> None:
    """Pad short voices with empty bars, using the longest voice's barlines.

    The short voice's final barline (``|]``) moves to the end of the padding.
    """
    reference = max(bars.values(), key=lambda b: len(b.texts))
    longest = len(reference.texts)
    for vid, b in bars.items():
        have = len(b.texts)
        if have == longest:
            continue
        warnings.append(f"V:{vid} has {have} bars, other voices {longest}: padded with empty bars")
        final = b.rights[-1] if b.rights else reference.rights[-1]
        if have:
            b.rights[-1] = reference.rights[have - 1]
        b.texts.extend([""] * (longest - have))
        b.rights.extend(reference.rights[have:])
        b.rights[-1] = final


# --------------------------------------------------------------- empty-bar strip


def _remove_inline_fields(text: str) -> str:
    for match in _SQUARE.findall(text):
        if match[1].isalpha() and match[2] == ":":
            text = text.replace(match, "")
    return text


def _remove_annotations(text: str) -> str:
    for match in _QUOTED.findall(text):
        if match[1] in _ANNOTATION_STARTS:
            text = text.replace(match, "")
    return text


def _starts_music(bar: str) -> bool:
    """A bar counts from the left when anything but rests/spacers is in it."""
    bar = _remove_annotations(_DECORATION.sub("", bar))
    return any(c.isalpha() and c not in "ZzXx" for c in bar)


def _ends_music(bar: str) -> bool:
    """A bar counts from the right only when it has a pitch letter."""
    bar = _remove_annotations(_remove_inline_fields(_DECORATION.sub("", bar)))
    return bool(_PITCH.search(bar))


def _music_range(bars: dict[str, _Bars]) -> tuple[int, int]:
    """The common [first, last) range of bars that hold music, over all voices."""
    n = len(next(iter(bars.values())).texts)
    first, last = n, -1
    for b in bars.values():
        lo = next((i for i, t in enumerate(b.texts) if _starts_music(t)), n)
        hi = next((i for i in range(n - 1, -1, -1) if _ends_music(b.texts[i])), -1) + 1
        first, last = min(first, lo), max(last, hi)
    return first, last


# ------------------------------------------------------------------------ output


def _rotate(header: list[str], bars: dict[str, _Bars], first: int, last: int) -> str:
    out = [line + "\n" for line in header]
    for index in range(first, last):
        parts = []
        for vid, b in bars.items():
            right = b.rights[index] if index < last - 1 else b.rights[-1]
            part = f"[V:{vid}]"
            if index == first:
                part += b.prefix + b.left
            parts.append(part + b.texts[index] + right)
        out.append("".join(parts) + "\n")
    return "".join(out)


def _where(number: int, line_offset: int) -> str:
    return f"line {number + line_offset}"
