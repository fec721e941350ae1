"""Turning ``--model NAME_OR_PATH`` into a model on disk."""
from __future__ import annotations

from pathlib import Path

from clamp2_engine.errors import CheckpointError
from clamp2_engine.settings import DEFAULT_MODEL_NAME, Settings


def resolve_model_path(spec: str | Path | None, settings: Settings) -> Path:
    """A path as given, else a model folder of that name (user models first, then bundled).

    With no spec, the bundled default model.
    """
    if spec is None:
        for folder in settings.model_search_path():
            candidate = folder / DEFAULT_MODEL_NAME
            if (candidate / "config.json").exists():
                return candidate
        raise CheckpointError(
            "no model given and no bundled default model is installed; pass --model with an official CLaMP 2 "
            ".pth file or a model folder"
        )
    path = Path(spec).expanduser()
    if path.exists():
        return path
    for folder in settings.model_search_path():
        candidate = folder / str(spec)
        if (candidate / "config.json").exists():
            return candidate
    searched = ", ".join(str(p) for p in settings.model_search_path())
    raise CheckpointError(f"model {str(spec)!r} not found: not a path, and no model of that name in {searched}")
