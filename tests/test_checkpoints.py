"""Checkpoint loading: shapes inferred, bad files refused with one clear line,
our safetensors folder round-trips."""
from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np
import pytest
import torch

from clamp2_engine.checkpoints import (
    infer_official_config,
    load_model,
    load_model_folder,
    save_model_folder,
    weights_digest,
)
from clamp2_engine.embedder import Embedder
from clamp2_engine.errors import CheckpointError
from model_factory import random_official_checkpoint, tiny_tokenizer_dir

PATCHES = "m03_tempo_change"


def _some_patches(reference_dir):
    return np.load(reference_dir / "expected" / "patches" / f"{PATCHES}.npy")


def test_checkpoint_with_other_dimensions_loads_by_inferring_shapes(tmp_path, reference_dir):
    path = tmp_path / "other.pth"
    written = random_official_checkpoint(path)
    loaded = load_model(path)
    assert loaded.config.music == written.music
    assert loaded.config.text.hidden_size == 128 and loaded.config.text.vocab_size == 500
    assert loaded.config.text.num_layers == 2 and loaded.config.projection_dim == 32
    row = Embedder(loaded, device="cpu").embed_patches([_some_patches(reference_dir)[:200]])
    assert row.shape == (1, 32)


def test_full_official_shapes_infer_the_official_architecture(reference_dir):
    doc = json.loads((reference_dir / "official_full_state_dict_shapes.json").read_text())
    shapes = doc["shapes"]
    assert len(shapes) == doc["num_tensors"] == 404
    sd = {k: torch.empty(v, device="meta") for k, v in shapes.items()}
    cfg = infer_official_config(sd, Path("official.pth"), name="official")
    assert (cfg.music.hidden_size, cfg.music.num_layers, cfg.music.num_heads) == (768, 12, 12)
    assert (cfg.music.intermediate_size, cfg.music.patch_size, cfg.music.patch_length) == (3072, 64, 512)
    assert (cfg.text.hidden_size, cfg.text.num_layers, cfg.text.num_heads, cfg.text.vocab_size) == (768, 12, 12, 250002)
    assert cfg.text.max_position_embeddings == 514 and cfg.projection_dim == 768
    from clamp2_engine.model import CLaMP2Model

    with torch.device("meta"):
        model = CLaMP2Model(cfg)
    built = {k: list(v.shape) for k, v in model.state_dict().items() if not k.endswith(("position_ids", "token_type_ids"))}
    assert built == shapes
    assert sum(int(np.prod(v)) for v in built.values()) == doc["num_elements"]


def _official_dict(tiny_checkpoint):
    return torch.load(tiny_checkpoint, weights_only=True)


def test_missing_tensor_is_named_in_the_error(tmp_path, tiny_checkpoint):
    ck = _official_dict(tiny_checkpoint)
    del ck["model"]["music_model.base.encoder.layer.1.output.dense.weight"]
    torch.save(ck, tmp_path / "missing.pth")
    with pytest.raises(CheckpointError, match=r"music_model\.base\.encoder\.layer\.1\.output\.dense\.weight"):
        load_model(tmp_path / "missing.pth")


def test_misshaped_tensor_is_named_with_both_shapes(tmp_path, tiny_checkpoint):
    ck = _official_dict(tiny_checkpoint)
    ck["model"]["text_proj.bias"] = torch.zeros(65)
    torch.save(ck, tmp_path / "bad.pth")
    with pytest.raises(CheckpointError, match=r"text_proj\.bias.*\[65\].*\[64\]"):
        load_model(tmp_path / "bad.pth")


def test_truncated_checkpoint_gives_one_line_error(tmp_path, tiny_checkpoint):
    data = tiny_checkpoint.read_bytes()
    for cut in (100, len(data) // 2, len(data) - 10):
        path = tmp_path / f"cut{cut}.pth"
        path.write_bytes(data[:cut])
        with pytest.raises(CheckpointError) as info:
            load_model(path)
        assert "truncated or corrupt" in str(info.value) or "not a readable" in str(info.value)
        assert "\n" not in str(info.value)


def test_random_bytes_and_empty_files_are_not_checkpoints(tmp_path):
    (tmp_path / "noise.pth").write_bytes(os.urandom(5000))
    (tmp_path / "empty.pth").write_bytes(b"")
    for name in ("noise.pth", "empty.pth", "absent.pth"):
        with pytest.raises(CheckpointError):
            load_model(tmp_path / name)


class _Payload:
    def __reduce__(self):
        return (os.system, (f"touch {os.environ['CLAMP2_PWNED']}",))


def test_pickle_payload_is_refused_and_never_runs(tmp_path, tiny_checkpoint, monkeypatch):
    marker = tmp_path / "pwned"
    monkeypatch.setenv("CLAMP2_PWNED", str(marker))
    ck = _official_dict(tiny_checkpoint)
    ck["evil"] = _Payload()
    path = tmp_path / "evil.pth"
    torch.save(ck, path)
    with pytest.raises(CheckpointError, match="could run code"):
        load_model(path)
    assert not marker.exists()


def test_model_folder_round_trip_keeps_weights_outputs_and_tokenizer(tmp_path, tiny_checkpoint, reference_dir):
    loaded = load_model(tiny_checkpoint, tokenizer_dir=tiny_tokenizer_dir(tmp_path / "tok"))
    before = Embedder(loaded, device="cpu").embed_patches([_some_patches(reference_dir)])
    folder = save_model_folder(loaded, tmp_path / "tiny-model")
    assert sorted(p.name for p in folder.iterdir()) == ["config.json", "model.safetensors", "tokenizer"]
    again = load_model_folder(folder, verify=True)
    assert again.config.music == loaded.config.music and again.config.text == loaded.config.text
    assert again.config.weights_sha256 == weights_digest(loaded.model.state_dict())
    after = Embedder(again, device="cpu").embed_patches([_some_patches(reference_dir)])
    np.testing.assert_array_equal(before, after)
    assert again.tokenizer.encode("irish jig") == loaded.tokenizer.encode("irish jig")


def test_corrupt_safetensors_in_model_folder_is_reported(tmp_path, tiny_checkpoint):
    folder = save_model_folder(load_model(tiny_checkpoint), tmp_path / "m")
    weights = folder / "model.safetensors"
    weights.write_bytes(weights.read_bytes()[: weights.stat().st_size // 3])
    with pytest.raises(CheckpointError, match="truncated or corrupt"):
        load_model(folder)


def test_tampered_weights_fail_verification(tmp_path, tiny_checkpoint):
    from safetensors.torch import load_file, save_file

    folder = save_model_folder(load_model(tiny_checkpoint), tmp_path / "m")
    state = load_file(str(folder / "model.safetensors"))
    state["music_proj.bias"] = state["music_proj.bias"] + 1
    save_file(state, str(folder / "model.safetensors"))
    with pytest.raises(CheckpointError, match="sha256"):
        load_model_folder(folder, verify=True)


def test_text_query_is_tokenized_and_embedded(tmp_path, tiny_checkpoint):
    loaded = load_model(tiny_checkpoint, tokenizer_dir=tiny_tokenizer_dir(tmp_path / "tok"))
    emb = Embedder(loaded, device="cpu")
    ids = emb.tokenize("irish jig\nirish jig\nwaltz")
    # "<s> irish jig </s> waltz </s>": lines joined by the sep token, the repeated line dropped
    assert ids[0] == 0 and ids[3] == 2 and ids[-1] == 2 and len(ids) == 6
    rows = emb.embed_text(["irish jig", "sad waltz"])
    assert rows.shape == (2, 64)
    assert not np.allclose(rows[0], rows[1])


def test_model_without_tokenizer_explains_it_cannot_embed_text(tiny_checkpoint):
    from clamp2_engine.errors import Clamp2Error

    emb = Embedder(load_model(tiny_checkpoint), device="cpu")
    with pytest.raises(Clamp2Error, match="no tokenizer"):
        emb.embed_text(["hello"])
