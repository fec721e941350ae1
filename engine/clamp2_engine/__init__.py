"""clamp2_engine: the headless core of CLaMP 2 Desktop.

Files -> parsed piece -> patches -> embedding -> catalog/index -> results.
Nothing in this package imports Qt.
"""
from clamp2_engine.errors import (
    AbcFileError,
    CheckpointError,
    Clamp2Error,
    InputFileError,
    MidiFileError,
    ModelConfigError,
)

__version__ = "0.1.0"

__all__ = [
    "AbcFileError",
    "CheckpointError",
    "Clamp2Error",
    "InputFileError",
    "MidiFileError",
    "ModelConfigError",
    "__version__",
]
