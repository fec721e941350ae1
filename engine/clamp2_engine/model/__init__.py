"""CLaMP 2 model: configs, towers and the combined model."""
from clamp2_engine.model.clamp2 import CLaMP2Model, masked_mean
from clamp2_engine.model.config import ModelConfig, MusicTowerConfig, TextTowerConfig
from clamp2_engine.model.text_towers import FROZEN_TOWERS, get_frozen_tower, is_frozen_tower

__all__ = ["CLaMP2Model", "FROZEN_TOWERS", "ModelConfig", "MusicTowerConfig", "TextTowerConfig", "get_frozen_tower",
           "is_frozen_tower", "masked_mean"]
