"""The CLaMP 2 model: music tower + text tower, each followed by a projection.

State-dict names are the official ones (``music_model.*``, ``music_proj.*``,
``text_model.*``, ``text_proj.*``), so official checkpoints load strictly.
"""
from __future__ import annotations

import torch
from torch import nn

from clamp2_engine.errors import ModelConfigError
from clamp2_engine.model.config import ModelConfig
from clamp2_engine.model.m3 import M3PatchEncoder
from clamp2_engine.model.text import build_xlmr
from clamp2_engine.model.text_towers import is_frozen_tower


def masked_mean(hidden: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
    """Mean over valid positions (the official ``avg_pooling``; BOS/EOS included)."""
    mask = mask.to(hidden.dtype)
    return (hidden * mask.unsqueeze(-1)).sum(dim=1) / mask.sum(dim=1, keepdim=True)


class CLaMP2Model(nn.Module):
    """Per-window features; combining windows is the embedder's job."""

    def __init__(self, config: ModelConfig, attn_implementation: str = "sdpa"):
        super().__init__()
        self.config = config
        self.music_model = M3PatchEncoder(config.music, attn_implementation)
        self.music_proj = nn.Linear(config.music.hidden_size, config.projection_dim)
        if config.text.type == "xlmr":
            self.text_model = build_xlmr(config.text, attn_implementation)
        elif is_frozen_tower(config.text.type):
            # A packaged sentence encoder, loaded by the embedder from its package:
            # only the projection on top of it is part of this model.
            self.text_model = None
        else:
            raise ModelConfigError(f"text tower type {config.text.type!r} is not supported by this version")
        self.text_proj = nn.Linear(config.text.hidden_size, config.projection_dim)

    @property
    def has_frozen_text_tower(self) -> bool:
        return self.text_model is None

    def project_text_features(self, features: torch.Tensor) -> torch.Tensor:
        """Frozen-tower sentence vectors ``[B, text.hidden_size]`` -> ``[B, projection_dim]``."""
        return self.text_proj(features)

    def music_window_features(self, patches: torch.Tensor, mask: torch.Tensor, *, official: bool = False,
                              project: bool = True) -> torch.Tensor:
        hidden = self.music_model(patches, mask, official=official)
        pooled = masked_mean(hidden, mask)
        return self.music_proj(pooled) if project else pooled

    def music_hidden(self, patches: torch.Tensor, mask: torch.Tensor, *, official: bool = False) -> torch.Tensor:
        return self.music_model(patches, mask, official=official)

    def text_hidden(self, ids: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        if self.text_model is None:
            raise ModelConfigError(f"text tower {self.config.text.type!r} is frozen and packaged: it takes strings, "
                                   "not token ids (use Embedder.embed_text)")
        return self.text_model(input_ids=ids, attention_mask=mask).last_hidden_state

    def text_window_features(self, ids: torch.Tensor, mask: torch.Tensor, *, project: bool = True) -> torch.Tensor:
        pooled = masked_mean(self.text_hidden(ids, mask), mask)
        return self.text_proj(pooled) if project else pooled
