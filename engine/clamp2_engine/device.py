"""Which torch device runs the model, and in which precision.

Preference order is CUDA, then Apple MPS, then CPU.  On a GPU the model runs
under autocast (bf16 where the card supports it, else fp16) because that is
2-4x faster there; on the CPU it stays float32, which is also what makes CPU
results reproducible to the last bit.
"""
from __future__ import annotations

import torch

from clamp2_engine.errors import Clamp2Error

DEVICE_CHOICES = ("auto", "cpu", "cuda", "mps")


def _mps_available() -> bool:
    backend = getattr(torch.backends, "mps", None)
    return bool(backend and backend.is_available())


def choose_device(preference: str | None = None) -> torch.device:
    """``None``/``auto`` picks the best device present; a named one must exist."""
    pref = (preference or "auto").lower()
    if pref == "auto":
        if torch.cuda.is_available():
            return torch.device("cuda")
        if _mps_available():
            return torch.device("mps")
        return torch.device("cpu")
    kind = pref.split(":", 1)[0]
    if kind not in DEVICE_CHOICES:
        raise Clamp2Error(f"unknown device {preference!r}; choose one of {', '.join(DEVICE_CHOICES)}")
    if kind == "cuda" and not torch.cuda.is_available():
        raise Clamp2Error("device 'cuda' was asked for, but this machine has no usable CUDA GPU")
    if kind == "mps" and not _mps_available():
        raise Clamp2Error("device 'mps' was asked for, but Apple's Metal backend is not available here")
    return torch.device(pref)


def autocast_dtype(device: torch.device, precision: str = "auto") -> torch.dtype | None:
    """The autocast dtype for ``device``, or ``None`` for plain float32."""
    if precision == "fp32" or device.type == "cpu":
        return None
    if precision == "fp16":
        return torch.float16
    if precision == "bf16":
        return torch.bfloat16
    if device.type == "cuda":
        return torch.bfloat16 if torch.cuda.is_bf16_supported() else torch.float16
    return torch.float16
