"""Loading and saving models: the official ``.pth`` and our model folder.

Checkpoints are untrusted files: ``.pth`` is read with
``torch.load(weights_only=True)`` (no code runs), our own format is
safetensors.  Every dimension of an official checkpoint is read from its
tensor shapes, so the tiny fixture model and the full 768-d model load with
the same code.  The one thing shapes cannot tell is the number of attention
heads; it comes from a ``config.json`` beside the checkpoint when one
describes a tower of that size, else from the official rule ``hidden // 64``.
"""
from __future__ import annotations

import hashlib
import json
import os
import pickle
import re
import shutil
import tempfile
import zipfile
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Iterable, Mapping

import torch
from safetensors import SafetensorError
from safetensors.torch import load_file, save_file

from clamp2_engine.errors import CheckpointError, ModelConfigError
from clamp2_engine.model import CLaMP2Model, ModelConfig, MusicTowerConfig, TextTowerConfig
from clamp2_engine.pieces import Preprocessing
from clamp2_engine.tokenizer import TextTokenizer, find_tokenizer_dir, load_tokenizer

CONFIG_FILE = "config.json"
WEIGHTS_FILE = "model.safetensors"
TOKENIZER_DIR = "tokenizer"
CARD_FILE = "MODEL_CARD.md"

# Buffers that some transformers releases save and others do not.
_IGNORED_KEY = re.compile(r"(^|\.)(position_ids|token_type_ids)$")
_LAYER_KEY = re.compile(r"^{prefix}encoder\.layer\.(\d+)\.")


@dataclass
class LoadedModel:
    """A model ready to embed: weights, config, and the tokenizer when it has one."""

    config: ModelConfig
    model: CLaMP2Model
    tokenizer: TextTokenizer | None
    source: Path

    @property
    def name(self) -> str:
        return self.config.name

    @property
    def dim(self) -> int:
        return self.config.projection_dim

    @property
    def can_embed_text(self) -> bool:
        """True when text queries work: a tokenizer for XLM-R, or a frozen packaged tower."""
        return self.tokenizer is not None or self.model.has_frozen_text_tower


# --------------------------------------------------------------------------- reading files

def safe_torch_load(path: Path) -> Any:
    """``torch.load`` that cannot execute code and fails with one readable line."""
    if not path.exists():
        raise CheckpointError(f"{path}: no such file")
    if path.stat().st_size == 0:
        raise CheckpointError(f"{path}: the file is empty")
    try:
        return torch.load(path, map_location="cpu", weights_only=True)
    except pickle.UnpicklingError as exc:
        text = str(exc)
        first = text.strip().splitlines()[0] if text.strip() else "unpickling failed"
        # The weights-only unpickler names what it refused: a global (a function or class to import
        # and call) means Python objects that could run code; anything else is a broken file.
        wanted = re.search(r"GLOBAL ([\w.]+)|Unsupported global: GLOBAL ([\w.]+)|Unsupported global", text)
        if wanted or "reduce" in text.lower():
            name = next((g for g in (wanted.groups() if wanted else ()) if g), None)
            raise CheckpointError(
                f"{path}: refused to load: the checkpoint contains Python objects that could run code"
                + (f" (it asks for {name})" if name else "") + "; only plain tensors and numbers are allowed"
            ) from None
        if "Weights only load failed" in text:
            detail = re.search(r"WeightsUnpickler error: \s*(.+)", text)
            raise CheckpointError(f"{path}: not a readable PyTorch checkpoint"
                                  + (f" ({detail.group(1).strip()})" if detail else "")) from None
        raise CheckpointError(f"{path}: not a readable PyTorch checkpoint ({first})") from None
    except (RuntimeError, zipfile.BadZipFile, EOFError, OSError, ValueError) as exc:
        text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        if "central directory" in text or "failed finding" in text or isinstance(exc, (EOFError, zipfile.BadZipFile)):
            raise CheckpointError(f"{path}: the checkpoint is truncated or corrupt ({text})") from None
        raise CheckpointError(f"{path}: not a readable PyTorch checkpoint ({text})") from None


def extract_state_dict(obj: Any, source: Path) -> dict[str, torch.Tensor]:
    """The state dict of a checkpoint: under ``'model'`` (official layout) or bare."""
    if isinstance(obj, Mapping) and "model" in obj and isinstance(obj["model"], Mapping):
        obj = obj["model"]
    elif isinstance(obj, Mapping) and "state_dict" in obj and isinstance(obj["state_dict"], Mapping):
        obj = obj["state_dict"]
    if not isinstance(obj, Mapping) or not obj:
        raise CheckpointError(f"{source}: no state dict found (expected a dict with the weights under 'model')")
    out: dict[str, torch.Tensor] = {}
    for key, value in obj.items():
        if not isinstance(value, torch.Tensor):
            raise CheckpointError(f"{source}: entry {key!r} is not a tensor")
        if key.startswith("module."):  # saved from DistributedDataParallel
            key = key[len("module."):]
        if _IGNORED_KEY.search(key):
            continue
        out[key] = value
    return out


# --------------------------------------------------------------------------- shape inference

def _shape(sd: Mapping[str, torch.Tensor], key: str, source: Path) -> tuple[int, ...]:
    if key not in sd:
        raise CheckpointError(f"{source}: missing tensor {key!r}; this is not a CLaMP 2 checkpoint")
    return tuple(sd[key].shape)


def _count_layers(sd: Mapping[str, torch.Tensor], prefix: str, source: Path) -> int:
    pattern = re.compile(_LAYER_KEY.pattern.format(prefix=re.escape(prefix)))
    indices = {int(m.group(1)) for k in sd if (m := pattern.match(k))}
    if not indices:
        raise CheckpointError(f"{source}: no encoder layers under {prefix!r}")
    missing = sorted(set(range(max(indices) + 1)) - indices)
    if missing:
        raise CheckpointError(f"{source}: encoder layer {prefix}encoder.layer.{missing[0]} is missing")
    return max(indices) + 1


def _sidecar_heads(paths: Iterable[Path], hidden: int, layers: int) -> int | None:
    """Heads from any JSON object beside the checkpoint that describes a tower of this size."""

    def walk(obj: Any) -> Iterable[Mapping[str, Any]]:
        if isinstance(obj, Mapping):
            yield obj
            for value in obj.values():
                yield from walk(value)

    for path in paths:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        for node in walk(data):
            if (node.get("hidden_size") == hidden and node.get("num_hidden_layers") == layers
                    and isinstance(node.get("num_attention_heads"), int)):
                return int(node["num_attention_heads"])
    return None


def _heads(hidden: int, layers: int, sidecars: list[Path], override: int | None, what: str, source: Path) -> int:
    heads = override or _sidecar_heads(sidecars, hidden, layers) or max(1, hidden // 64)
    if hidden % heads:
        raise CheckpointError(f"{source}: {what} hidden size {hidden} is not divisible by {heads} attention heads")
    return heads


def infer_official_config(sd: Mapping[str, torch.Tensor], source: Path, *, name: str,
                          sidecars: list[Path] | None = None, text_heads: int | None = None,
                          music_heads: int | None = None) -> ModelConfig:
    """A :class:`ModelConfig` for an official-layout state dict, read from its shapes."""
    sidecars = sidecars or []
    hidden, flat = _shape(sd, "music_model.patch_embedding.weight", source)
    if flat % 128:
        raise CheckpointError(f"{source}: music_model.patch_embedding.weight has {flat} inputs, not a multiple of 128")
    m_layers = _count_layers(sd, "music_model.base.", source)
    music = MusicTowerConfig(
        hidden_size=hidden,
        num_layers=m_layers,
        num_heads=_heads(hidden, m_layers, sidecars, music_heads, "music", source),
        intermediate_size=_shape(sd, "music_model.base.encoder.layer.0.intermediate.dense.weight", source)[0],
        patch_size=flat // 128,
        patch_length=_shape(sd, "music_model.base.embeddings.position_embeddings.weight", source)[0],
        type_vocab_size=_shape(sd, "music_model.base.embeddings.token_type_embeddings.weight", source)[0],
    )
    vocab, t_hidden = _shape(sd, "text_model.embeddings.word_embeddings.weight", source)
    t_layers = _count_layers(sd, "text_model.", source)
    text = TextTowerConfig(
        type="xlmr",
        hidden_size=t_hidden,
        num_layers=t_layers,
        num_heads=_heads(t_hidden, t_layers, sidecars, text_heads, "text", source),
        intermediate_size=_shape(sd, "text_model.encoder.layer.0.intermediate.dense.weight", source)[0],
        vocab_size=vocab,
        max_position_embeddings=_shape(sd, "text_model.embeddings.position_embeddings.weight", source)[0],
        type_vocab_size=_shape(sd, "text_model.embeddings.token_type_embeddings.weight", source)[0],
    )
    proj_dim = _shape(sd, "music_proj.weight", source)[0]
    return ModelConfig(name=name, kind="official", music=music, text=text, projection_dim=proj_dim,
                       preprocessing=Preprocessing())


# --------------------------------------------------------------------------- building

def build_model(config: ModelConfig, state_dict: Mapping[str, torch.Tensor], source: Path,
                attn_implementation: str = "sdpa") -> CLaMP2Model:
    """Instantiate and fill the model, naming the first tensor that does not fit."""
    try:
        model = CLaMP2Model(config, attn_implementation)
    except ModelConfigError:
        raise
    except (ValueError, TypeError) as exc:
        raise CheckpointError(f"{source}: the model dimensions are inconsistent ({exc})") from None
    expected = {k: v for k, v in model.state_dict().items() if not _IGNORED_KEY.search(k)}
    missing = [k for k in expected if k not in state_dict]
    if missing:
        raise CheckpointError(f"{source}: missing tensor {missing[0]!r}" + (f" (and {len(missing) - 1} more)" if len(missing) > 1 else ""))
    unexpected = [k for k in state_dict if k not in expected]
    if unexpected:
        raise CheckpointError(f"{source}: unexpected tensor {unexpected[0]!r}; not a CLaMP 2 checkpoint of this layout")
    for key, tensor in expected.items():
        got = tuple(state_dict[key].shape)
        if got != tuple(tensor.shape):
            raise CheckpointError(f"{source}: tensor {key!r} has shape {list(got)}, expected {list(tensor.shape)}")
    model.load_state_dict({k: v.to(torch.float32) for k, v in state_dict.items()}, strict=False)
    model.eval()
    return model


def weights_digest(state_dict: Mapping[str, torch.Tensor]) -> str:
    """sha256 over names, dtypes, shapes and bytes: the same for a .pth and its safetensors copy."""
    h = hashlib.sha256()
    for key in sorted(state_dict):
        if _IGNORED_KEY.search(key):
            continue
        t = state_dict[key].detach().to(torch.float32).contiguous().cpu()
        h.update(key.encode())
        h.update(str(tuple(t.shape)).encode())
        h.update(t.numpy().tobytes())
    return h.hexdigest()


def load_official_checkpoint(path: str | Path, *, name: str | None = None, tokenizer_dir: str | Path | None = None,
                             text_heads: int | None = None, music_heads: int | None = None) -> LoadedModel:
    """Load an official CLaMP 2 ``.pth`` (any size), with its XLM-R tokenizer when found."""
    path = Path(path)
    sd = extract_state_dict(safe_torch_load(path), path)
    tok_dir = Path(tokenizer_dir) if tokenizer_dir else find_tokenizer_dir(path.parent)
    sidecars = [path.parent / CONFIG_FILE, path.with_suffix(".json")]
    if tok_dir is not None:
        sidecars.append(tok_dir / CONFIG_FILE)
    config = infer_official_config(sd, path, name=name or path.stem, sidecars=sidecars,
                                   text_heads=text_heads, music_heads=music_heads)
    model = build_model(config, sd, path)
    config.weights_sha256 = weights_digest(model.state_dict())
    tokenizer = load_tokenizer(tok_dir) if tok_dir is not None else None
    return LoadedModel(config=config, model=model, tokenizer=tokenizer, source=path)


# --------------------------------------------------------------------------- our folder format

def save_model_folder(loaded: LoadedModel, folder: str | Path, *, card: str | None = None,
                      overwrite: bool = False) -> Path:
    """Write ``config.json`` + ``model.safetensors`` (+ tokenizer, card) atomically.

    The folder is assembled under a temporary name and renamed into place, so
    a crash never leaves a half-written model that looks complete.
    """
    folder = Path(folder)
    if folder.exists() and not overwrite:
        raise CheckpointError(f"{folder}: already exists")
    folder.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", dir=folder.parent))
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o777 & ~umask)  # mkdtemp makes it private; a model folder is ordinary data
    try:
        state = {k: v.detach().contiguous().cpu() for k, v in loaded.model.state_dict().items()
                 if not _IGNORED_KEY.search(k) and not k.endswith("_char_offsets")}
        config = replace(loaded.config, weights_sha256=weights_digest(state))
        save_file(state, str(tmp / WEIGHTS_FILE), metadata={"format": "pt"})
        (tmp / CONFIG_FILE).write_text(json.dumps(config.to_dict(), indent=2, ensure_ascii=False) + "\n",
                                       encoding="utf-8")
        if loaded.tokenizer is not None:
            loaded.tokenizer.save(tmp / TOKENIZER_DIR)
        if card:
            (tmp / CARD_FILE).write_text(card, encoding="utf-8")
        if folder.exists():
            shutil.rmtree(folder)
        os.replace(tmp, folder)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    loaded.config = config
    return folder


def read_model_config(folder: str | Path) -> ModelConfig:
    folder = Path(folder)
    cfg_path = folder / CONFIG_FILE
    try:
        data = json.loads(cfg_path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise CheckpointError(f"{folder}: not a model folder (no {CONFIG_FILE})") from None
    except ValueError as exc:
        raise CheckpointError(f"{cfg_path}: invalid JSON ({exc})") from None
    return ModelConfig.from_dict(data, source=str(cfg_path))


def load_model_folder(folder: str | Path, *, verify: bool = False) -> LoadedModel:
    """Load a model saved by :func:`save_model_folder` (safetensors: no code can run)."""
    folder = Path(folder)
    config = read_model_config(folder)
    weights = folder / WEIGHTS_FILE
    if not weights.exists():
        raise CheckpointError(f"{folder}: missing {WEIGHTS_FILE}")
    try:
        state = load_file(str(weights))
    except (SafetensorError, OSError, ValueError) as exc:
        raise CheckpointError(f"{weights}: the weights file is truncated or corrupt ({exc})") from None
    model = build_model(config, state, weights)
    if verify and config.weights_sha256 and weights_digest(state) != config.weights_sha256:
        raise CheckpointError(f"{weights}: weights do not match the sha256 recorded in {CONFIG_FILE}")
    tok_dir = folder / TOKENIZER_DIR
    tokenizer = load_tokenizer(tok_dir) if tok_dir.is_dir() else None
    return LoadedModel(config=config, model=model, tokenizer=tokenizer, source=folder)


def load_model(path: str | Path, **kwargs: Any) -> LoadedModel:
    """A model folder (our format) or an official checkpoint file."""
    path = Path(path).expanduser()
    if path.is_dir():
        if (path / CONFIG_FILE).exists() and (path / WEIGHTS_FILE).exists():
            return load_model_folder(path)
        checkpoints = sorted(path.glob("*.pth"))
        if len(checkpoints) == 1:
            return load_official_checkpoint(checkpoints[0], **kwargs)
        raise CheckpointError(f"{path}: not a model folder (needs {CONFIG_FILE} and {WEIGHTS_FILE}, "
                              "or exactly one official .pth file)")
    if not path.exists():
        raise CheckpointError(f"{path}: no such model file or folder")
    return load_official_checkpoint(path, **kwargs)
