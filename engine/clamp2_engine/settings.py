"""The one settings object: where the library, models and resources live.

Built once at start-up (from arguments and environment) and passed down;
nothing in the engine reads the environment behind its back.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import platformdirs

APP_NAME = "clamp2-desktop"
DEFAULT_MODEL_NAME = "default"


def _find_resources() -> Path | None:
    """``resources/`` of a source checkout or of a frozen bundle, if present."""
    here = Path(__file__).resolve()
    for parent in here.parents:
        candidate = parent / "resources"
        if (candidate / "models").is_dir() or (candidate / "demo").is_dir():
            return candidate
    return None


@dataclass(frozen=True)
class Settings:
    data_dir: Path
    db_path: Path
    resources_dir: Path | None = None
    device: str | None = None
    extra_model_dirs: tuple[Path, ...] = field(default_factory=tuple)

    @classmethod
    def from_env(cls, *, db: str | Path | None = None, device: str | None = None,
                 environ: dict[str, str] | None = None) -> "Settings":
        env = os.environ if environ is None else environ
        data_dir = Path(env.get("CLAMP2_DATA_DIR") or platformdirs.user_data_dir(APP_NAME, appauthor=False))
        db_path = Path(db) if db else Path(env.get("CLAMP2_DB") or data_dir / "library.db")
        res = env.get("CLAMP2_RESOURCES")
        resources = Path(res) if res else _find_resources()
        return cls(data_dir=data_dir, db_path=db_path.expanduser(), resources_dir=resources, device=device)

    @property
    def models_dir(self) -> Path:
        """Where imported and fine-tuned models are written."""
        return self.data_dir / "models"

    @property
    def bundled_models_dir(self) -> Path | None:
        return self.resources_dir / "models" if self.resources_dir else None

    @property
    def demo_dir(self) -> Path | None:
        return self.resources_dir / "demo" if self.resources_dir else None

    def model_search_path(self) -> list[Path]:
        dirs = [self.models_dir]
        if self.bundled_models_dir:
            dirs.append(self.bundled_models_dir)
        return dirs + list(self.extra_model_dirs)
