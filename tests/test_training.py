"""Training data and the training loop, on real corpus data (music21's corpus, abc2midi).

Fast by construction: a small slice of the corpus, the ``tiny`` recipe (a
32-d, 1-layer tower), a few steps.  What is proven: the held-out split is
never in the training data; descriptions exist in every language; the same
seed gives the same weights; a resumed run ends where an uninterrupted one
does; the result is a loadable model folder with label-free preprocessing.
"""
from __future__ import annotations

import hashlib
import json
import shutil
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
import torch

pytest.importorskip("music21")

from clamp2_engine.checkpoints import load_model  # noqa: E402
from clamp2_engine.embedder import Embedder  # noqa: E402
from clamp2_engine.formats.abc import LABEL_FREE_KEEP_FIELDS  # noqa: E402
from clamp2_engine.training import heldout  # noqa: E402
from clamp2_engine.training.corpus import abc_pieces, genre_of, region_of, rhythm_of  # noqa: E402
from clamp2_engine.training.dataset import Dataset, Item, default_preprocessing, _abc_model_input  # noqa: E402
from clamp2_engine.training.texts import LANGUAGES, class_queries, describe, full_description  # noqa: E402
from clamp2_engine.training.train import RECIPES, Trainer, training_items  # noqa: E402
from clamp2_engine import patches as P  # noqa: E402

SHARED_HELDOUT = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "heldout.txt"


@pytest.fixture(scope="module")
def pieces():
    return abc_pieces()


def test_packaged_heldout_list_is_the_shared_one():
    packaged = Path(heldout.__file__).with_name("heldout.txt").read_text(encoding="utf-8")
    if SHARED_HELDOUT.exists():
        assert packaged == SHARED_HELDOUT.read_text(encoding="utf-8")
    keys, folders = heldout.heldout_entries()
    assert folders == ("ryansMammoth/",) and len(keys) == 529


def test_every_heldout_key_is_in_the_test_split_and_never_in_train(pieces):
    keys, _ = heldout.heldout_entries()
    by_key = {p.key: p for p in pieces}
    assert keys <= set(by_key), "every held-out Essen tune exists in the corpus"
    for key in keys:
        assert by_key[key].split == "test"
        # the split was drawn by sha1 starting with 0, as documented
        assert hashlib.sha1(key.encode()).hexdigest().startswith("0")
    ryans = [p for p in pieces if p.collection == "ryans"]
    assert len(ryans) == 1059 and all(p.split == "test" for p in ryans)
    train = [p for p in pieces if p.split == "train"]
    assert not any(heldout.is_heldout(p.key) for p in train)
    assert not ({p.key for p in train} & keys)


def test_training_items_exclude_heldout_and_assert_it(pieces):
    sample = [p for p in pieces if p.split in ("train", "test", "valid")][::40]
    items = [Item(p.key, p.collection, p.split, "abc", np.zeros((3, 64), np.uint8), p.labels, {}, np.zeros(3))
             for p in sample]
    ds = Dataset(items)
    got = training_items(ds, RECIPES["default"])
    assert got and all(it.split == "train" and not heldout.is_heldout(it.key) for it in got)
    pd = training_items(ds, replace(RECIPES["default"], public_domain_only=True))
    assert pd and all(it.collection != "essen" for it in pd)
    with pytest.raises(AssertionError, match="held-out"):
        heldout.assert_not_heldout([it.key for it in items if it.split == "test"][:1])


def test_labels_come_from_real_metadata():
    assert rhythm_of("Slip Jig") == "slip jig" and rhythm_of("The Earl of Loudoun's Strathspey") == "strathspey"
    assert region_of("China, Shaanxi, Zizhou") == ("china", "Shaanxi")
    assert region_of("Europa, Mitteleuropa, Deutschland")[0] == "germany"
    assert genre_of("Liebes - Lied, Leid, Klage") == "love song" and genre_of("Xiaodiao]") == "ditty"


def test_model_input_is_label_free_and_normalised(pieces):
    pre = default_preprocessing()
    tune = next(p for p in pieces if p.collection == "oneills" and p.labels.get("rhythm") == "jig")
    text = _abc_model_input(tune, pre)
    for line in text.splitlines():
        if len(line) > 1 and line[1] == ":" and line[0].isalpha():
            assert line[0] in "MLKQV", line
    assert '"' not in text and "!" not in text and "{" not in text
    assert tune.labels["title"] not in text
    assert pre.abc_keep_fields == LABEL_FREE_KEEP_FIELDS and pre.abc_normalize


def test_descriptions_in_every_language():
    import random

    labels = {"rhythm": "jig", "nationality": "irish", "tradition": "fiddle tune"}
    levels = {"key": "G major", "metre": "6/8", "register": "high"}
    rng = random.Random(0)
    texts = {lang: describe(labels, levels, lang, rng) for lang in LANGUAGES}
    assert len(LANGUAGES) >= 9 and len(set(texts.values())) == len(LANGUAGES)
    assert "G-Dur" in full_description(labels, levels, "de") and "ト長調" in full_description(labels, levels, "ja")
    for lang in LANGUAGES:
        q = class_queries(lang)
        assert {("rhythm", "jig"), ("region", "china"), ("composer", "bach")} <= set(q)


@pytest.fixture(scope="module")
def tiny_dataset(pieces, tmp_path_factory):
    """About a hundred real tunes (ABC + abc2midi MIDI) from the training and validation splits."""
    from clamp2_engine.training.analysis import analyse_midi, describe_levels, hand_features
    from clamp2_engine.training.dataset import _encode, read_abc_fields
    from clamp2_engine.training.render import render_abc
    from clamp2_engine.formats.midi import midi_to_mtf, read_midi_report

    if shutil.which("abc2midi") is None:
        pytest.skip("abc2midi (Debian package abcmidi) is not installed")
    chosen = [p for p in pieces if p.split == "train"][::150] + [p for p in pieces if p.split == "valid"][::60]
    out = tmp_path_factory.mktemp("corpus")
    midi = render_abc(chosen, out / "midi", use_music21_fallback=False)
    pre = default_preprocessing()
    items = []
    for p in chosen:
        if p.key not in midi:
            continue
        facts = analyse_midi(midi[p.key], abc_fields=read_abc_fields(p.abc))
        lev, feats = describe_levels(facts), hand_features(facts)
        arr, n = _encode(_abc_model_input(p, pre))
        items.append(Item(p.key, p.collection, p.split, "abc", arr, p.labels, lev, feats, n))
        arr, n = _encode(midi_to_mtf(read_midi_report(str(midi[p.key])).midi))
        items.append(Item(p.key, p.collection, p.split, "midi", arr, p.labels, lev, feats, n))
    assert len(items) > 100
    return Dataset(items, {"preprocessing": pre.to_dict()})


_TEXT_CACHE: list[Path] = []


def _run(ds, out: Path, recipe=None, **kw):
    """A tiny run; every run of this module shares one sentence-vector cache."""
    recipe = recipe or RECIPES["tiny"]
    if not _TEXT_CACHE:
        _TEXT_CACHE.append(out.parent / "text-cache")
    trainer = Trainer(ds, recipe, out, cache_dir=_TEXT_CACHE[0], log=lambda *_: None)
    best = trainer.fit(**kw)
    return trainer, best


@pytest.fixture(scope="module")
def first_run(tiny_dataset, tmp_path_factory):
    return _run(tiny_dataset, tmp_path_factory.mktemp("runs") / "a")


def test_tiny_training_is_deterministic_and_gives_a_loadable_model(tiny_dataset, first_run, tmp_path):
    t1, best1 = first_run
    t2, best2 = _run(tiny_dataset, tmp_path / "b")
    w1, w2 = t1.model.state_dict(), t2.model.state_dict()
    assert all(torch.equal(w1[k], w2[k]) for k in w1)
    assert [h["loss"] for h in t1.history] == [h["loss"] for h in t2.history]
    loaded = load_model(best1)
    assert loaded.config.kind == "bundled" and loaded.config.text.type == "usem3" and loaded.config.text.frozen
    assert loaded.config.preprocessing == default_preprocessing()
    assert loaded.config.training["recipe"]["name"] == "tiny"
    emb = Embedder(loaded, device="cpu")
    q = emb.embed_text(["an Irish jig", "ein irischer Jig"])
    m = emb.embed_patches([it.patches for it in tiny_dataset.items[:3]])
    assert q.shape[1] == m.shape[1] == loaded.config.projection_dim
    # A different seed trains different weights.
    t3, _ = _run(tiny_dataset, tmp_path / "c", replace(RECIPES["tiny"], seed=1))
    assert not torch.equal(t3.model.state_dict()["music_proj.weight"], w1["music_proj.weight"])


def test_resume_continues_to_the_same_weights(tiny_dataset, first_run, tmp_path):
    full, _ = first_run
    # Stop after the first round (a time budget of 0 s), then resume in a new process-like trainer.
    part, _ = _run(tiny_dataset, tmp_path / "part", time_budget_s=0)
    assert part.round == 1 < part.n_rounds
    history = json.loads((tmp_path / "part" / "history.json").read_text())
    assert len(history["history"]) == 1
    with pytest.raises(FileExistsError):
        _run(tiny_dataset, tmp_path / "part")
    resumed, _ = _run(tiny_dataset, tmp_path / "part", resume=True)
    assert resumed.round == full.round
    a, b = full.model.state_dict(), resumed.model.state_dict()
    assert all(torch.equal(a[k], b[k]) for k in a)
    assert [h["loss"] for h in resumed.history] == [h["loss"] for h in full.history]


def test_training_crops_long_pieces(tiny_dataset):
    import random

    it = max(tiny_dataset.items, key=lambda i: len(i.patches))
    crop = P.truncate(it.patches, 24, "random", random.Random(0))
    assert len(crop) == min(24, len(it.patches))
