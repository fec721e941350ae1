"""The shipped default model (resources/models/default): it loads offline, says what it
is, uses the label-free preprocessing, and finds the right demo pieces for plain
queries in several languages."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from clamp2_engine.checkpoints import load_model_folder
from clamp2_engine.embedder import Embedder
from clamp2_engine.model.text_towers import FROZEN_TOWERS
from clamp2_engine.model_registry import resolve_model_path
from clamp2_engine.pieces import Preprocessing, read_pieces
from clamp2_engine.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT / "resources" / "models" / "default"
DEMO = ROOT / "resources" / "demo"


@pytest.fixture(scope="module")
def loaded():
    return load_model_folder(DEFAULT, verify=True)


@pytest.fixture(scope="module")
def demo(loaded):
    """(rhythm label, embedding) of every demo piece, read with the model's own preprocessing."""
    sources = json.loads((DEMO / "SOURCES.json").read_text(encoding="utf-8"))
    emb = Embedder(loaded, device="cpu")
    labels, texts = [], []
    for rel, info in sorted(sources.items()):
        for piece in read_pieces(DEMO / rel, loaded.config.preprocessing):
            labels.append(info["rhythm"])
            texts.append(piece.text)
    return emb, labels, emb.embed_music_texts(texts)


def test_default_model_is_the_bundled_one_and_resolves_by_default(loaded):
    settings = Settings.from_env(environ={"CLAMP2_DATA_DIR": "/nonexistent-clamp2-test"})
    assert resolve_model_path(None, settings).resolve() == DEFAULT.resolve()
    cfg = loaded.config
    assert cfg.kind == "bundled"
    assert cfg.text.frozen and cfg.text.type in FROZEN_TOWERS and cfg.text.package == FROZEN_TOWERS[cfg.text.type].package
    assert loaded.can_embed_text and loaded.tokenizer is None
    size = (DEFAULT / "model.safetensors").stat().st_size
    assert 1e6 < size < 40e6
    assert (DEFAULT / "MODEL_CARD.md").read_text(encoding="utf-8").count("held-out") >= 1


def test_default_model_uses_label_free_preprocessing(loaded):
    pre = loaded.config.preprocessing
    free = Preprocessing.label_free()
    assert pre.abc_drop_fields == free.abc_drop_fields and pre.abc_keep_fields == free.abc_keep_fields
    assert pre.abc_normalize
    for label_field in ("T:", "R:", "O:", "C:", "B:", "N:", "Z:", "S:", "H:", "A:", "G:"):
        assert label_field in pre.abc_drop_fields
    for kept in ("M:", "L:", "K:", "Q:", "V:"):
        assert kept not in pre.abc_drop_fields
    # The title and rhythm written in a demo file do not reach the model.
    piece = read_pieces(DEMO / "abc" / "oneills1850_the-kid-on-the-mountain.abc", pre)[0]
    assert "Kid" not in piece.text and "R:" not in piece.text


def _ranks(sims: np.ndarray, relevant: np.ndarray) -> np.ndarray:
    order = np.argsort(-sims)
    return np.nonzero(relevant[order])[0] + 1


@pytest.mark.parametrize("query", ["Irish jig", "eine irische Jig", "gigue irlandaise", "アイルランドのジグ"])
def test_jig_query_ranks_the_demo_jigs_above_chance(demo, query):
    emb, labels, music = demo
    jig = np.array(["jig" in lab for lab in labels])
    assert 4 <= jig.sum() < len(labels) / 2
    sims = music @ emb.embed_text([query])[0]
    ranks = _ranks(sims, jig)
    chance = (len(labels) + 1) / 2
    assert ranks.mean() < chance, (query, ranks.tolist())
    assert sims[jig].mean() > sims[~jig].mean()


def test_bach_chorale_query_finds_the_chorales(demo):
    emb, labels, music = demo
    chorale = np.array([lab == "chorale" for lab in labels])
    for query in ("Bach Choral", "巴赫的众赞歌"):
        sims = music @ emb.embed_text([query])[0]
        assert _ranks(sims, chorale).mean() < (len(labels) + 1) / 2, query
