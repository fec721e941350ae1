"""The (piece, texts) pairs that on-device fine-tuning learns from, taken from the user's own library.

Only what a person wrote counts as a label: tags they gave or accepted
(source ``user``), titles, composers, the ABC fields that describe a tune
(``R:`` rhythm, ``O:`` origin, ``N:`` notes, ``G:`` group), file and folder
names.  Automatic and probe tags are never used: training on the model's own
guesses would only teach it what it already believes.  A tag from a shipped
vocabulary brings its names and prompts in every language of that vocabulary,
so a model fine-tuned on English tags still answers Spanish or Chinese queries.
"""
from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Iterable, Mapping

from clamp2_engine.catalog import Catalog, PieceRecord, TagRecord
from clamp2_engine.catalog import USER_VOCABULARY

#: ABC header fields that carry a person's description of the tune.
ABC_TEXT_FIELDS = ("R", "O", "N", "G")
#: Names that say nothing about the music.
_GENERIC = {"untitled", "track", "song", "tune", "new", "midi", "abc", "music", "piece", "sequence", "copy",
            "final", "export", "score", "part"}
_HEXLIKE = re.compile(r"^[0-9a-f_\-]{8,}$", re.IGNORECASE)
_SEPARATORS = re.compile(r"[_\s]+")


@dataclass(frozen=True)
class PieceTexts:
    """One piece and every description of it that its owner wrote, by source."""

    piece_id: int
    path: str
    tune_index: int
    format: str | None
    texts: tuple[str, ...]
    sources: tuple[str, ...]  # parallel to texts: "tag", "title", "composer", "field", "file", "folder"


@dataclass
class DataSummary:
    pieces_in_library: int
    pieces_with_text: int
    train: int
    holdout: int
    texts_by_source: dict[str, int] = field(default_factory=dict)
    user_tags: dict[str, int] = field(default_factory=dict)  # tag name -> pieces

    def as_dict(self) -> dict:
        return {"pieces_in_library": self.pieces_in_library, "pieces_with_text": self.pieces_with_text,
                "train": self.train, "holdout": self.holdout, "texts_by_source": dict(self.texts_by_source),
                "user_tags": dict(self.user_tags)}


def clean_name(name: str) -> str | None:
    """A file or folder name as words, or None when it says nothing (``track01``, a hash, ``untitled``)."""
    words = _SEPARATORS.sub(" ", name).strip(" .-")
    if not words or _HEXLIKE.match(words.replace(" ", "")):
        return None
    letters = re.sub(r"[\W\d_]+", "", words)
    if len(letters) < 3:
        return None
    if all(w.lower() in _GENERIC for w in re.split(r"[\W\d_]+", words) if w):
        return None
    return words


def _tag_texts(tag: TagRecord, vocabularies: Mapping[str, object]) -> list[str]:
    vocab = vocabularies.get(tag.vocabulary) if tag.vocabulary != USER_VOCABULARY else None
    if vocab is not None:
        label = vocab.label(tag.name)  # type: ignore[attr-defined]
        if label is not None:
            return vocab.prompts_for(label)  # type: ignore[attr-defined]
    return [tag.name]


def piece_texts(piece: PieceRecord, tags: Iterable[TagRecord], vocabularies: Mapping[str, object]) -> PieceTexts:
    texts: list[str] = []
    sources: list[str] = []

    def add(text: str | None, source: str) -> None:
        text = " ".join(str(text or "").split()).strip(" .")
        if text and len(text) <= 300 and text not in texts:
            texts.append(text)
            sources.append(source)

    for tag in tags:
        for t in _tag_texts(tag, vocabularies):
            add(t, "tag")
    if piece.title:
        title = clean_name(piece.title)
        add(title, "title")
    if piece.composer:
        add(piece.composer, "composer")
    fields = piece.meta.get("fields") if isinstance(piece.meta, dict) else None
    if isinstance(fields, dict):
        for key in ABC_TEXT_FIELDS:
            for value in fields.get(key, []) or []:
                add(value, "field")
    path = Path(piece.path)
    add(clean_name(path.stem), "file")
    add(clean_name(path.parent.name), "folder")
    return PieceTexts(piece.id, piece.path, piece.tune_index, piece.format, tuple(texts), tuple(sources))


def collect_pairs(catalog: Catalog, vocabularies: Mapping[str, object] | None = None,
                  *, require_tag: bool = False) -> list[PieceTexts]:
    """Every piece with at least one description (with a user tag, if ``require_tag``), in id order."""
    vocabularies = vocabularies or {}
    tags = catalog.user_tags_by_piece()
    out: list[PieceTexts] = []
    ids = catalog.all_piece_ids().tolist()
    for start in range(0, len(ids), 2000):
        for piece in catalog.pieces(ids[start:start + 2000]):
            if require_tag and piece.id not in tags:
                continue
            pt = piece_texts(piece, tags.get(piece.id, []), vocabularies)
            if pt.texts:
                out.append(pt)
    return out


def drop_common_texts(pairs: list[PieceTexts], share: float) -> list[PieceTexts]:
    """Drop texts that more than ``share`` of the pieces carry (one folder name for the whole
    library says nothing about any one piece); pieces left with no text go too."""
    if len(pairs) < 10:
        return pairs
    df: Counter[str] = Counter(t for p in pairs for t in set(p.texts))
    limit = share * len(pairs)
    out = []
    for p in pairs:
        keep = [(t, s) for t, s in zip(p.texts, p.sources) if df[t] <= limit]
        if keep:
            out.append(replace(p, texts=tuple(t for t, _ in keep), sources=tuple(s for _, s in keep)))
    return out


def holdout_of(pair: PieceTexts, seed: int) -> float:
    """A stable number in [0, 1) per piece: the split does not move when the library grows, nor when
    the library folder is moved or renamed (only the file's own folder and name count)."""
    path = Path(pair.path)
    h = hashlib.sha1(f"{seed}:{path.parent.name}/{path.name}:{pair.tune_index}".encode("utf-8")).hexdigest()
    return int(h[:8], 16) / 2 ** 32


def split_pairs(pairs: list[PieceTexts], share: float, seed: int = 0) -> tuple[list[PieceTexts], list[PieceTexts]]:
    """``(train, holdout)``: a piece is held out when its stable hash is below ``share``.

    A threshold, not a rank, so adding or removing pieces never moves another
    piece between the splits.  A tiny library whose hashes all fall on one
    side gets its lowest (or highest) piece moved, so both splits exist.
    """
    if len(pairs) < 2:
        return sorted(pairs, key=lambda p: p.piece_id), []
    hold = [p for p in pairs if holdout_of(p, seed) < share]
    train = [p for p in pairs if holdout_of(p, seed) >= share]
    if not hold and share > 0:
        first = min(train, key=lambda p: holdout_of(p, seed))
        hold, train = [first], [p for p in train if p is not first]
    elif not train:
        last = max(hold, key=lambda p: holdout_of(p, seed))
        train, hold = [last], [p for p in hold if p is not last]
    return sorted(train, key=lambda p: p.piece_id), sorted(hold, key=lambda p: p.piece_id)


def summarize(catalog: Catalog, pairs: list[PieceTexts], train: list[PieceTexts],
              holdout: list[PieceTexts]) -> DataSummary:
    by_source: Counter[str] = Counter(s for p in pairs for s in p.sources)
    tag_counts: Counter[str] = Counter()
    for tags in catalog.user_tags_by_piece().values():
        tag_counts.update({t.name for t in tags})
    return DataSummary(pieces_in_library=int(len(catalog.all_piece_ids())), pieces_with_text=len(pairs),
                       train=len(train), holdout=len(holdout), texts_by_source=dict(by_source),
                       user_tags=dict(tag_counts.most_common()))
