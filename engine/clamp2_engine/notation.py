"""Normalise away the notation habits of ABC collections (a model preprocessing option).

Transcribers differ in what they write besides the notes: fingering numbers
and chord symbols in quotes (``"4"e``, ``"G"``), annotations (``"^SEGUE"``),
decorations (``!trill!``, ``+fermata+``, ``~``, ``T``), bowings (``u``, ``v``),
grace notes (``{g}``) and slurs.  A small model learns these habits instead of
the music (DATA.md), so a model whose ``Preprocessing.abc_normalize`` is on
sees the tune without them, at training and at inference alike.

Only music lines are touched; header and field lines (``K:``, ``M:`` ...) and
inline fields (``[K:D]``) are kept as they are.
"""
from __future__ import annotations

import re

_QUOTED = re.compile(r'"[^"\n]*"')
_DECORATION = re.compile(r"![^!\n]*!|\+[^+\n:]*\+")
_GRACE = re.compile(r"\{[^}\n]*\}")
_INLINE_FIELD = re.compile(r"\[[A-Za-z]:[^\]\n]*\]")
# Single-character decorations of ABC 2.1 (defaults) and the bowing marks.
_SHORT_DECORATIONS = re.compile(r"[~HLMOPSTuv]")
_SLURS = re.compile(r"[()](?!\d)")
_FIELD_LINE = re.compile(r"^[A-Za-z+]:|^%")


def _clean_music(line: str) -> str:
    line = _QUOTED.sub("", line)
    line = _DECORATION.sub("", line)
    line = _GRACE.sub("", line)
    # Protect inline fields, strip single-character decorations and slurs elsewhere.
    parts = []
    last = 0
    for m in _INLINE_FIELD.finditer(line):
        parts.append(_SLURS.sub("", _SHORT_DECORATIONS.sub("", line[last:m.start()])))
        parts.append(m.group(0))
        last = m.end()
    parts.append(_SLURS.sub("", _SHORT_DECORATIONS.sub("", line[last:])))
    return re.sub(r"[ \t]{2,}", " ", "".join(parts))


def normalize_abc(tune_text: str) -> str:
    """The tune with quotes, decorations, bowings, grace notes and slurs removed from its music lines."""
    out = []
    for line in tune_text.split("\n"):
        if not line.strip() or _FIELD_LINE.match(line):
            out.append(line)
        else:
            out.append(_clean_music(line))
    return "\n".join(out)
