"""Exception types of the engine.

Every failure a user can cause with a bad file or a bad argument ends in a
subclass of :class:`Clamp2Error`, whose message names the file, the position
when there is one, and the reason.  Callers (the scanner, the CLI, the app)
catch ``Clamp2Error`` and show ``str(exc)``; anything else is a bug.
"""
from __future__ import annotations

from pathlib import Path


class Clamp2Error(Exception):
    """Base class of every error the engine raises on purpose."""


class InputFileError(Clamp2Error):
    """A music file could not be read or converted.

    ``path`` is the file, ``reason`` a short human sentence, ``position`` an
    optional location inside the file (byte offset, line number, tune number).
    """

    kind = "file"

    def __init__(self, path: str | Path | None, reason: str, position: str | None = None):
        self.path = str(path) if path is not None else None
        self.reason = reason
        self.position = position
        where = self.path or "<input>"
        if position:
            where = f"{where} ({position})"
        super().__init__(f"{where}: {reason}")


class MidiFileError(InputFileError):
    """A MIDI file is corrupt, truncated, empty or not MIDI at all."""

    kind = "midi"


class AbcFileError(InputFileError):
    """An ABC file or tune cannot be turned into model input."""

    kind = "abc"


class CheckpointError(Clamp2Error):
    """A model checkpoint or model folder is missing, corrupt, unsafe or of the wrong shape."""


class ModelConfigError(Clamp2Error):
    """A model's config.json is missing fields or asks for something unsupported."""


class CatalogError(Clamp2Error):
    """The music library database cannot be used as asked.

    Raised for a database written by a newer schema version, a failed
    migration, or a request that contradicts what is stored (an unknown
    model, a vector of the wrong dimension, a duplicate model name with other
    weights).  The message names the database file when it matters.
    """

    exit_code = 4  # the CLI's "library database or index could not be used"
