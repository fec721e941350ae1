"""The model, loaded from the official-layout fixture checkpoint, reproduces the
official outputs: per-window intermediates, final embeddings, hidden states."""
from __future__ import annotations

import numpy as np
import pytest
import torch

from clamp2_engine.checkpoints import load_model
from clamp2_engine.embedder import Embedder

MUSIC = ["a01_reel", "a02_two_voice", "a03_three_voice_lyrics", "a04_long_exact1024",
         "m01_single_track", "m02_multitrack", "m03_tempo_change", "m04_drums_ch10", "m05_misc_messages", "m06_long"]
TEXT = ["t01_short", "t02_medium", "t03_full128", "t04_long300"]
ATOL, RTOL = 1e-5, 1e-4


@pytest.fixture(scope="module")
def embedder(tiny_checkpoint):
    return Embedder(load_model(tiny_checkpoint), device="cpu")


def _patches(reference_dir, name):
    return np.load(reference_dir / "expected" / "patches" / f"{name}.npy")


def test_fixture_dimensions_are_inferred_from_shapes_and_sidecar(embedder):
    cfg = embedder.loaded.config
    assert (cfg.music.hidden_size, cfg.music.num_layers, cfg.music.num_heads, cfg.music.intermediate_size) == (128, 2, 2, 512)
    assert (cfg.text.hidden_size, cfg.text.num_layers, cfg.text.num_heads, cfg.text.vocab_size) == (64, 2, 4, 1000)
    assert cfg.projection_dim == 64 and cfg.music.patch_length == 512


def test_all_music_embeddings_match_official_in_one_batched_call(reference_dir, embedder):
    got = embedder.embed_patches([_patches(reference_dir, n) for n in MUSIC], normalize=False)
    for name, row in zip(MUSIC, got):
        expected = np.load(reference_dir / "expected" / "music_emb" / f"{name}.npy")[0]
        np.testing.assert_allclose(row, expected, atol=ATOL, rtol=RTOL, err_msg=name)


@pytest.mark.parametrize("name", MUSIC)
def test_music_window_intermediates_match_official(reference_dir, embedder, name):
    from clamp2_engine import patches as P

    ref = np.load(reference_dir / "expected" / "music_emb" / f"{name}_windows.npz")
    arr = _patches(reference_dir, name)
    wins = P.windows(len(arr), 512)
    assert [w.stop - w.start for w in wins] == ref["window_valid_len"].tolist()
    model = embedder.model
    with torch.inference_mode():
        for i, w in enumerate(wins):
            ids = torch.from_numpy(arr[w.start:w.stop].astype(np.int64))[None]
            mask = torch.ones(ids.shape[:2], dtype=torch.long)
            pooled = model.music_window_features(ids, mask, project=False)[0].numpy()
            projected = model.music_window_features(ids, mask)[0].numpy()
            np.testing.assert_allclose(pooled, ref["window_avg_pooled"][i], atol=ATOL, rtol=RTOL)
            np.testing.assert_allclose(projected, ref["window_projected"][i], atol=ATOL, rtol=RTOL)


@pytest.mark.parametrize("name", MUSIC)
def test_music_hidden_states_match_official_raw_mode(reference_dir, embedder, name):
    expected = np.load(reference_dir / "expected" / "music_hidden" / f"{name}.npy")[0]
    got = embedder.music_hidden_states(_patches(reference_dir, name))
    assert got.shape == expected.shape
    np.testing.assert_allclose(got, expected, atol=ATOL, rtol=RTOL)


def test_gathered_patch_embedding_equals_official_one_hot_product(reference_dir, embedder):
    expected = np.load(reference_dir / "expected" / "music_hidden" / "a02_two_voice_patch_embedding.npy")[0]
    ids = torch.from_numpy(_patches(reference_dir, "a02_two_voice").astype(np.int64))[None]
    m3 = embedder.model.music_model
    with torch.inference_mode():
        fast = m3.embed_patches(ids)[0].numpy()
        official = m3.official_patch_embedding(ids)[0].numpy()
    np.testing.assert_allclose(fast, expected, atol=ATOL, rtol=RTOL)
    np.testing.assert_allclose(official, expected, atol=ATOL, rtol=RTOL)


def _ids(reference_dir, name):
    return [int(x) for x in (reference_dir / "inputs" / "text_ids" / f"{name}.txt").read_text().split()]


def test_text_embeddings_match_official_including_overlapping_window(reference_dir, embedder):
    got = embedder.embed_token_ids([_ids(reference_dir, n) for n in TEXT], normalize=False)
    for name, row in zip(TEXT, got):
        expected = np.load(reference_dir / "expected" / "text" / f"{name}_emb.npy")[0]
        np.testing.assert_allclose(row, expected, atol=ATOL, rtol=RTOL, err_msg=name)


def test_padded_text_batch_matches_official_get_text_features(reference_dir, embedder):
    ref = np.load(reference_dir / "expected" / "text" / "batch3.npz")
    ids = torch.from_numpy(ref["input_ids"].astype(np.int64))
    mask = torch.from_numpy(ref["attention_mask"].astype(np.int64))
    with torch.inference_mode():
        hidden = embedder.model.text_hidden(ids, mask).numpy()
        pooled = embedder.model.text_window_features(ids, mask, project=False).numpy()
        projected = embedder.model.text_window_features(ids, mask).numpy()
    valid = ref["attention_mask"].astype(bool)
    np.testing.assert_allclose(hidden[valid], ref["last_hidden_state"][valid], atol=ATOL, rtol=RTOL)
    np.testing.assert_allclose(pooled, ref["avg_pooled"], atol=ATOL, rtol=RTOL)
    np.testing.assert_allclose(projected, ref["projected"], atol=ATOL, rtol=RTOL)


def test_normalized_embeddings_are_unit_length_float32(reference_dir, embedder):
    rows = embedder.embed_patches([_patches(reference_dir, n) for n in MUSIC])
    assert rows.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(rows, axis=1), 1.0, atol=1e-6)


def test_batch_size_does_not_change_results(reference_dir, tiny_checkpoint):
    arrays = [_patches(reference_dir, n) for n in MUSIC]
    small = Embedder(load_model(tiny_checkpoint), device="cpu", batch_patches=1, max_batch=1).embed_patches(arrays)
    large = Embedder(load_model(tiny_checkpoint), device="cpu", batch_patches=100000).embed_patches(arrays)
    np.testing.assert_allclose(small, large, atol=1e-6)


def test_eager_and_sdpa_attention_agree(reference_dir, tiny_checkpoint):
    from clamp2_engine.checkpoints import build_model

    loaded = load_model(tiny_checkpoint)
    eager = build_model(loaded.config, loaded.model.state_dict(), tiny_checkpoint, attn_implementation="eager")
    arr = torch.from_numpy(_patches(reference_dir, "m03_tempo_change").astype(np.int64))[None]
    mask = torch.ones(arr.shape[:2], dtype=torch.long)
    with torch.inference_mode():
        a = loaded.model.music_window_features(arr, mask, official=True).numpy()
        b = eager.music_window_features(arr, mask, official=True).numpy()
    np.testing.assert_allclose(a, b, atol=1e-5)
