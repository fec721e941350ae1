"""Turning ``--model NAME_OR_PATH`` into a model on disk."""
from __future__ import annotations

import sqlite3
from pathlib import Path

from clamp2_engine.errors import CheckpointError
from clamp2_engine.settings import DEFAULT_MODEL_NAME, Settings

#: Key in the catalog's ``meta`` table holding the model chosen with ``clamp2 models use``.
DEFAULT_MODEL_META = "default_model"


def stored_default_model(settings: Settings) -> tuple[str, str | None] | None:
    """(name, registered path) of the library's chosen default model, if one was chosen.

    Read through a read-only connection so that commands without a library
    (``clamp2 embed``) neither create nor lock the database.
    """
    db = settings.db_path
    if not db.is_file():
        return None
    try:
        conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True, timeout=5)
    except sqlite3.Error:
        return None
    try:
        row = conn.execute("SELECT value FROM meta WHERE key = ?", (DEFAULT_MODEL_META,)).fetchone()
        if not row or not row[0]:
            return None
        path = conn.execute("SELECT path FROM models WHERE name = ?", (row[0],)).fetchone()
        return str(row[0]), (path[0] if path else None)
    except sqlite3.Error:
        return None
    finally:
        conn.close()


def resolve_model_path(spec: str | Path | None, settings: Settings) -> Path:
    """A path as given, else a model folder of that name (user models first, then bundled).

    With no spec, the library's default model (``clamp2 models use``), else the bundled default model.
    """
    if spec is None:
        chosen = stored_default_model(settings)
        if chosen is not None:
            name, registered = chosen
            try:
                return resolve_model_path(name, settings)
            except CheckpointError:
                if registered and Path(registered).exists():
                    return Path(registered)
                raise CheckpointError(f"the library's default model {name!r} (chosen with 'clamp2 models use') "
                                      "is no longer installed; choose another with 'clamp2 models use NAME' "
                                      "or pass --model") from None
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
