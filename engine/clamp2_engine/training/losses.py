"""The contrastive loss and batch padding that training and fine-tuning share."""
from __future__ import annotations

from typing import Sequence

import numpy as np
import torch
import torch.nn.functional as F


def pad_patches(crops: Sequence[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """Patch arrays of different lengths -> ``(ids [B, L, patch_size] int64, mask [B, L] int64)``."""
    longest = max(len(c) for c in crops)
    ids = np.zeros((len(crops), longest, crops[0].shape[1]), dtype=np.int64)
    mask = np.zeros((len(crops), longest), dtype=np.int64)
    for i, c in enumerate(crops):
        ids[i, :len(c)] = c
        mask[i, :len(c)] = 1
    return ids, mask


def multi_positive_contrastive(logits: torch.Tensor, same: torch.Tensor, *, exact_transpose: bool = False
                               ) -> torch.Tensor:
    """Symmetric InfoNCE where ``same[i, j]`` marks every positive pair, not only the diagonal.

    Two pieces described by the same text (two reels, both "a reel") are not
    negatives of each other; the target spreads over all positives of a row.
    By default the text->music direction reuses the transposed row targets, as
    the recipe that trained the bundled model did (kept so that it reproduces);
    ``exact_transpose`` normalises the columns on their own, which an
    asymmetric ``same`` (fine-tuning's "text j is one of piece i's texts") needs.
    """
    target = same / same.sum(dim=1, keepdim=True)
    target_t = same.T / same.T.sum(dim=1, keepdim=True).clamp(min=1) if exact_transpose else target.T
    return 0.5 * (torch.sum(-target * F.log_softmax(logits, dim=1), dim=1).mean()
                  + torch.sum(-target_t * F.log_softmax(logits.T, dim=1), dim=1).mean())
