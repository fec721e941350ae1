"""Text towers.  ``xlmr`` is the official XLM-RoBERTa encoder, built from a
config (never fetched from a hub): its weights come from the checkpoint.

RoBERTa derives position ids from the input ids, so padding must use the pad
id; the attention mask alone would shift positions.
"""
from __future__ import annotations

from transformers import XLMRobertaConfig, XLMRobertaModel

from clamp2_engine.model.config import TextTowerConfig


def xlmr_config(cfg: TextTowerConfig, attn_implementation: str = "sdpa") -> XLMRobertaConfig:
    config = XLMRobertaConfig(
        vocab_size=cfg.vocab_size,
        hidden_size=cfg.hidden_size,
        num_hidden_layers=cfg.num_layers,
        num_attention_heads=cfg.num_heads,
        intermediate_size=cfg.intermediate_size,
        max_position_embeddings=cfg.max_position_embeddings,
        type_vocab_size=cfg.type_vocab_size,
        layer_norm_eps=cfg.layer_norm_eps,
        pad_token_id=cfg.pad_token_id,
        bos_token_id=cfg.bos_token_id,
        eos_token_id=cfg.eos_token_id,
        hidden_act="gelu",
    )
    config._attn_implementation = attn_implementation
    return config


def build_xlmr(cfg: TextTowerConfig, attn_implementation: str = "sdpa") -> XLMRobertaModel:
    """A randomly initialised XLM-R of the given shape; load weights into it afterwards."""
    return XLMRobertaModel(xlmr_config(cfg, attn_implementation), add_pooling_layer=True)
