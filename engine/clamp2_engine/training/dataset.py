"""ABC-MIDI-text triplets from the music21 corpus, cached in a data folder.

``build_dataset`` collects the labelled pieces (:mod:`.corpus`), renders
MIDI (``abc2midi``; music21 for scores), computes musical facts from the
notes (:mod:`.analysis`) and makes the model inputs with the model's
preprocessing: interleaved ABC through :func:`clamp2_engine.pieces.read_pieces`'
ABC path with ``Preprocessing`` (label-free: no header field but M L K Q V),
and MTF from the MIDI file.  Each piece gives up to two *items* (its ABC and
its MIDI), which share the piece's labels and descriptions.
"""
from __future__ import annotations

import hashlib
import re
import json
import pickle
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from clamp2_engine import patches as P
from clamp2_engine.formats.abc_interleave import interleave_abc_report
from clamp2_engine.formats.midi import midi_to_mtf, read_midi_report
from clamp2_engine.notation import normalize_abc
from clamp2_engine.pieces import Preprocessing
from clamp2_engine.training.analysis import analyse_midi, describe_levels, hand_features
from clamp2_engine.training.corpus import COMPOSERS, CorpusPiece, abc_pieces, score_files
from clamp2_engine.training.heldout import split_of
from clamp2_engine.training.render import render_abc, render_scores

DATASET_VERSION = 3
#: Patches kept per item (training crops from these; evaluation embeds them all).
MAX_PATCHES_STORED = 2048


def default_preprocessing() -> Preprocessing:
    """The bundled model's preprocessing: label-free headers, normalised notation."""
    base = Preprocessing.label_free()
    return Preprocessing(base.abc_drop_fields, base.abc_keep_fields, abc_normalize=True)


@dataclass
class Item:
    key: str  # corpus key of the piece
    collection: str
    split: str
    fmt: str  # "abc" | "midi"
    patches: np.ndarray  # uint8 [n, patch_size], with BOS/EOS
    labels: dict[str, str]
    levels: dict[str, str]
    features: np.ndarray  # the hand-feature baseline's vector
    n_patches_full: int = 0


@dataclass
class Dataset:
    items: list[Item]
    info: dict = field(default_factory=dict)

    def split(self, *names: str) -> list[Item]:
        return [it for it in self.items if it.split in names]

    def pieces(self, *names: str) -> dict[str, list[Item]]:
        out: dict[str, list[Item]] = {}
        for it in self.split(*names):
            out.setdefault(it.key, []).append(it)
        return out


def _abc_model_input(piece: CorpusPiece, pre: Preprocessing) -> str:
    source = normalize_abc(piece.abc) if pre.abc_normalize else piece.abc
    return interleave_abc_report(source, drop_fields=pre.abc_drop_fields, keep_fields=pre.abc_keep_fields).text


def _encode(text: str) -> tuple[np.ndarray, int]:
    arr = P.encode(text, add_special_patches=True)
    return arr[:MAX_PATCHES_STORED], len(arr)


def build_dataset(data_dir: Path, *, preprocessing: Preprocessing | None = None, include_scores: bool = True,
                  score_budget_s: float | None = None, log=print) -> Dataset:
    """Every split of every collection (training filters later).  Cached in ``data_dir/dataset.pkl``."""
    pre = preprocessing or default_preprocessing()
    data_dir = Path(data_dir)
    data_dir.mkdir(parents=True, exist_ok=True)
    stamp = hashlib.sha1(json.dumps([DATASET_VERSION, pre.to_dict(), include_scores]).encode()).hexdigest()[:12]
    cache = data_dir / f"dataset-{stamp}.pkl"
    if cache.exists():
        with cache.open("rb") as fh:
            ds = pickle.load(fh)
        log(f"dataset: {len(ds.items)} items from cache {cache}")
        return ds

    t0 = time.time()
    pieces = abc_pieces()
    log(f"corpus: {len(pieces)} ABC tunes ({time.time() - t0:.1f} s)")
    midi = render_abc(pieces, data_dir / "midi_abc", log=log)
    log(f"abc2midi: {len(midi)} MIDI files ({time.time() - t0:.1f} s)")
    items: list[Item] = []
    failed = 0
    for piece in pieces:
        mpath = midi.get(piece.key)
        facts = None
        fields = read_abc_fields(piece.abc)
        if mpath is not None:
            try:
                facts = analyse_midi(mpath, abc_fields=fields)
            except Exception:  # noqa: BLE001 - a file mido cannot read is skipped
                facts = None
        if facts is None:
            failed += 1
            continue
        levels = describe_levels(facts)
        feats = hand_features(facts)
        try:
            arr, n = _encode(_abc_model_input(piece, pre))
            items.append(Item(piece.key, piece.collection, piece.split, "abc", arr, piece.labels, levels, feats, n))
        except Exception:  # noqa: BLE001 - the tune has no usable music for the ABC path
            pass
        try:
            arr, n = _encode(midi_to_mtf(read_midi_report(str(mpath)).midi, path=str(mpath)))
            items.append(Item(piece.key, piece.collection, piece.split, "midi", arr, piece.labels, levels, feats, n))
        except Exception:  # noqa: BLE001
            pass
    log(f"ABC pieces: {len(items)} items, {failed} tunes without MIDI ({time.time() - t0:.1f} s)")

    if include_scores:
        files = score_files()
        rendered = render_scores(files, data_dir / "midi_scores", log=log, budget_s=score_budget_s)
        n_scores = 0
        for key, folder, _path in files:
            mpath = rendered.get(key)
            if mpath is None:
                continue
            try:
                facts = analyse_midi(mpath)
                mtf = midi_to_mtf(read_midi_report(str(mpath)).midi, path=str(mpath))
            except Exception:  # noqa: BLE001
                continue
            if facts is None:
                continue
            name, era = COMPOSERS[folder]
            labels = {"composer": folder, "era": era, "tradition": "classical"}
            arr, n = _encode(mtf)
            items.append(Item(key, "classical", split_of(key, "classical"), "midi", arr, labels,
                              describe_levels(facts), hand_features(facts), n))
            n_scores += 1
        log(f"scores: {n_scores} of {len(files)} ({time.time() - t0:.1f} s)")

    ds = Dataset(items, {"version": DATASET_VERSION, "preprocessing": pre.to_dict(), "seconds": time.time() - t0})
    tmp = cache.with_suffix(".part")
    with tmp.open("wb") as fh:
        pickle.dump(ds, fh, protocol=pickle.HIGHEST_PROTOCOL)
    tmp.replace(cache)
    return ds


def read_abc_fields(tune_text: str) -> dict[str, list[str]]:
    """Header fields of one tune (``X:`` to ``K:``), as ``AbcTune.fields`` has them."""
    fields: dict[str, list[str]] = {}
    for line in tune_text.split("\n"):
        m = _FIELD.match(line)
        if not m:
            continue
        fields.setdefault(m.group(1), []).append(m.group(2).strip())
        if m.group(1) == "K":
            break
    return fields


_FIELD = re.compile(r"^([A-Za-z]):(.*)$")
