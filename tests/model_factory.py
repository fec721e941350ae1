"""Builders for real (randomly initialised) models and tokenizers used by tests and benches."""
from __future__ import annotations

import json
from pathlib import Path

import torch

from clamp2_engine.model import CLaMP2Model, ModelConfig, MusicTowerConfig, TextTowerConfig

WORDS = ("irish jig reel hornpipe waltz lullaby chinese folk song bach chorale sad happy dance slow fast "
         "piano violin flute guitar major minor melancholic canción de cuna popular china 悲しい ワルツ").split()


def random_official_checkpoint(path: Path, *, music_hidden=192, music_layers=3, patch_length=256,
                               text_hidden=128, text_layers=2, vocab=500, proj=32, seed=0) -> ModelConfig:
    """Write an official-layout .pth with dimensions unlike the fixture's."""
    torch.manual_seed(seed)
    cfg = ModelConfig(
        name="random",
        music=MusicTowerConfig(hidden_size=music_hidden, num_layers=music_layers, num_heads=music_hidden // 64,
                               intermediate_size=music_hidden * 4, patch_length=patch_length),
        text=TextTowerConfig(hidden_size=text_hidden, num_layers=text_layers, num_heads=text_hidden // 64,
                             intermediate_size=text_hidden * 4, vocab_size=vocab),
        projection_dim=proj,
    )
    model = CLaMP2Model(cfg)
    torch.save({"model": model.state_dict(), "optimizer": {}, "epoch": 3, "best_epoch": 3, "min_eval_loss": 1.0}, path)
    return cfg


def tiny_tokenizer_dir(folder: Path, vocab_size: int = 1000) -> Path:
    """A real fast tokenizer (word level, XLM-R special ids) saved as tokenizer.json."""
    from tokenizers import Tokenizer, models, pre_tokenizers, processors

    specials = ["<s>", "<pad>", "</s>", "<unk>"]
    vocab = {tok: i for i, tok in enumerate(specials)}
    for word in WORDS:
        vocab.setdefault(word, len(vocab))
    vocab["<mask>"] = len(vocab)
    assert len(vocab) <= vocab_size
    tok = Tokenizer(models.WordLevel(vocab=vocab, unk_token="<unk>"))
    tok.pre_tokenizer = pre_tokenizers.Whitespace()
    tok.post_processor = processors.TemplateProcessing(
        single="<s> $A </s>", pair="<s> $A </s> </s> $B </s>",
        special_tokens=[("<s>", 0), ("</s>", 2)],
    )
    folder.mkdir(parents=True, exist_ok=True)
    tok.save(str(folder / "tokenizer.json"))
    return folder


def write_shapes_json(path: Path, shapes: dict[str, list[int]]) -> None:
    path.write_text(json.dumps(shapes))


class CodeRunningPayload:
    """Pickles as a call to ``os.system`` that creates ``marker``: the malicious-checkpoint tests' payload.

    ``torch.load(weights_only=True)`` must refuse it; if it ever ran, ``marker`` would exist.
    """

    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self):
        import os

        return (os.system, (f"touch '{self.marker}'",))

