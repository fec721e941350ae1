"""Shared fixtures: where the official reference data lives, and small generated files."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))


def _reference_dir() -> Path:
    env = os.environ.get("CLAMP2_REFERENCE_DIR")
    if env:
        return Path(env)
    return ROOT.parent / "shared" / "fixtures" / "clamp2_reference"


REFERENCE_DIR = _reference_dir()


@pytest.fixture(scope="session")
def reference_dir() -> Path:
    """The fixtures produced by running the official CLaMP 2 code (see its MANIFEST.md)."""
    if not (REFERENCE_DIR / "MANIFEST.md").exists():
        pytest.fail(
            f"official reference fixtures not found at {REFERENCE_DIR}; "
            "set CLAMP2_REFERENCE_DIR to the clamp2_reference folder"
        )
    return REFERENCE_DIR


@pytest.fixture(scope="session")
def tiny_checkpoint(reference_dir: Path) -> Path:
    return reference_dir / "tiny_clamp2.pth"
