"""CLaMP 2 model: configs, towers and the combined model."""
from clamp2_engine.model.clamp2 import CLaMP2Model, masked_mean
from clamp2_engine.model.config import ModelConfig, MusicTowerConfig, TextTowerConfig

__all__ = ["CLaMP2Model", "ModelConfig", "MusicTowerConfig", "TextTowerConfig", "masked_mean"]
