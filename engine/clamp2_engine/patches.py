"""Text -> patch id arrays, exactly as the official CLaMP 2 ``M3Patchilizer``.

A patch is one bar of ABC or a run of same-type MTF messages, written as
``[BOS] + byte ids + [EOS]`` and cut or padded to ``patch_size`` ids.  The
model sees every character, so any drift from the official splitting rules
changes embeddings: the rules below are checked id-for-id against the
reference fixtures (see ``docs/clamp2_reference_spec.md`` section 4).
"""
from __future__ import annotations

import random
import re
from dataclasses import dataclass

import numpy as np
from unidecode import unidecode

PATCH_SIZE = 64
PATCH_LENGTH = 512
PAD_ID, BOS_ID, EOS_ID, MASK_ID = 0, 1, 2, 3
VOCAB_SIZE = 128

_LINE_RE = re.compile(r".*?\n|.*$")
# Order matters: the longer barline symbols must win over the bare "|".
_BARLINE_RE = re.compile(r"(\|:|::|:\||\[\||\|\||\|\]|\|)")
_BARLINES = frozenset(["|:", "::", ":|", "[|", "||", "|]", "|"])


def split_lines(text: str) -> list[str]:
    """Lines with their trailing newline kept (the official ``.*?\\n|.*$`` split)."""
    return [line for line in _LINE_RE.findall(text) if line]


def is_mtf(text: str) -> bool:
    """MTF text starts with a ``ticks_per_beat`` line; anything else is ABC."""
    first = text.split("\n", 1)[0]
    return first.split(" ", 1)[0] == "ticks_per_beat"


def mtf_segments(lines: list[str], patch_size: int = PATCH_SIZE) -> list[str]:
    """Pack runs of same-type MIDI messages into one patch while they fit.

    A following line joins the current patch when the patch starts with the
    line's message type and the joined text still leaves room for BOS and EOS;
    the newline that ended the patch becomes a tab.
    """
    segments: list[str] = []
    current = ""
    for line in lines:
        words = line.split(" ")
        rest = " ".join(words[1:])
        if current and current.startswith(words[0]) and len(current) + len(rest) <= patch_size - 2:
            current = current[:-1] + "\t" + rest
        else:
            if current:
                segments.append(current)
            current = line
    if current:
        segments.append(current)
    return segments


def _split_bars(line: str) -> list[str]:
    """One ABC body line -> bars, each ending with its right barline.

    Text after the last barline (often just the newline) is dropped, as the
    official implementation does.
    """
    pieces = [p for p in _BARLINE_RE.split(line) if p]
    if not pieces:
        return []
    if pieces[0] in _BARLINES and len(pieces) > 1:
        pieces = [pieces[0] + pieces[1]] + pieces[2:]
    return [pieces[2 * i] + pieces[2 * i + 1] for i in range(len(pieces) // 2)]


def abc_segments(lines: list[str]) -> list[str]:
    """Header/field lines are one patch each; body lines split into bars."""
    segments: list[str] = []
    for line in lines:
        if len(line) > 1 and ((line[0].isalpha() and line[1] == ":") or line.startswith("%%")):
            segments.append(line)
            continue
        bars = _split_bars(line)
        if bars:
            bars[-1] += "\n"
            segments.extend(bars)
    return segments


def segment_text(text: str, patch_size: int = PATCH_SIZE) -> list[str]:
    """The patch strings of a piece (without the BOS/EOS special patches)."""
    text = unidecode(text)
    lines = split_lines(text)
    if is_mtf(text):
        return mtf_segments(lines, patch_size)
    return abc_segments(lines)


def segments_to_ids(segments: list[str], patch_size: int = PATCH_SIZE) -> np.ndarray:
    """``[BOS] + ord(c) ... + [EOS]``, truncated then right-padded to ``patch_size``.

    A segment longer than ``patch_size - 2`` loses its tail and its EOS id,
    exactly as upstream.
    """
    out = np.zeros((len(segments), patch_size), dtype=np.uint8)
    for row, seg in enumerate(segments):
        ids = [BOS_ID] + [ord(c) for c in seg] + [EOS_ID]
        ids = ids[:patch_size]
        out[row, : len(ids)] = ids
    if out.size and int(out.max()) >= VOCAB_SIZE:
        bad = int(np.argwhere(out >= VOCAB_SIZE)[0][0])
        raise ValueError(f"patch {bad} holds a character outside ASCII; text must be unidecoded first")
    return out


def special_patches(patch_size: int = PATCH_SIZE) -> tuple[np.ndarray, np.ndarray]:
    """The BOS and EOS patches: upstream builds them from 64 x chr(1) / chr(2)."""
    bos = np.full(patch_size, BOS_ID, dtype=np.uint8)
    eos = np.full(patch_size, EOS_ID, dtype=np.uint8)
    eos[0] = BOS_ID
    return bos, eos


def encode(text: str, *, add_special_patches: bool = True, patch_size: int = PATCH_SIZE) -> np.ndarray:
    """Text (MTF or interleaved ABC) -> uint8 array ``[n_patches, patch_size]``."""
    ids = segments_to_ids(segment_text(text, patch_size), patch_size)
    if add_special_patches:
        bos, eos = special_patches(patch_size)
        ids = np.concatenate([bos[None], ids, eos[None]], axis=0)
    return ids


def truncate(patches: np.ndarray, max_patches: int = PATCH_LENGTH, mode: str = "random",
             rng: random.Random | None = None) -> np.ndarray:
    """Training-time truncation: keep the head, the tail or a random middle run.

    ``mode`` is ``head``, ``tail``, ``middle`` or ``random`` (one of the three
    chosen uniformly, as upstream does).  Extraction never truncates; it
    segments into windows instead (:func:`windows`).
    """
    n = len(patches)
    if n <= max_patches:
        return patches
    rng = rng or random.Random()
    if mode == "random":
        mode = rng.choice(["head", "tail", "middle"])
    if mode == "head":
        return patches[:max_patches]
    if mode == "tail":
        return patches[-max_patches:]
    if mode == "middle":
        start = rng.randint(1, n - max_patches - 1) if n - max_patches > 1 else 0
        return patches[start:start + max_patches]
    raise ValueError(f"unknown truncation mode {mode!r}")


@dataclass(frozen=True)
class Window:
    """One model call's worth of a long sequence: ``[start, stop)`` and its weight."""

    start: int
    stop: int
    weight: int


def windows(n: int, length: int = PATCH_LENGTH) -> list[Window]:
    """The official segmentation of ``n`` items into windows of ``length``.

    Windows start at 0, W, 2W, ...; the last one is replaced by the last W
    items, so it overlaps its neighbour and gets weight ``n % W`` in the
    weighted average of window embeddings.
    """
    if n <= 0:
        raise ValueError("cannot segment an empty sequence")
    starts = list(range(0, n, length))
    spans = [(s, min(s + length, n)) for s in starts]
    last_start = max(0, n - length)
    spans[-1] = (last_start, n)
    full, remainder = divmod(n, length)
    weights = [length] * full + ([remainder] if remainder else [])
    return [Window(a, b, w) for (a, b), w in zip(spans, weights)]
