"""Errors of the cluster commands; all are :class:`Clamp2Error`, so the CLI prints one line."""
from __future__ import annotations

from clamp2_engine.errors import CatalogError, CheckpointError, Clamp2Error

#: The one line that says how to get Ray when it is missing.
INSTALL_HINT = "Ray is not installed; install the extra with: pip install 'clamp2-engine[ray]'"


class RayMissingError(Clamp2Error):
    """``ray`` (or ``pyarrow``) is not importable: the ``[ray]`` extra is not installed."""

    def __init__(self, what: str = "ray"):
        super().__init__(INSTALL_HINT if what == "ray" else
                         f"{what} is not installed; install the extra with: pip install 'clamp2-engine[ray]'")


class ClusterJobError(Clamp2Error):
    """The Ray job itself could not run (no cluster at the address, the output folder belongs to another run...)."""


class NotAJobFolderError(Clamp2Error):
    """``import-embeddings`` was given a folder that ``embed-cluster`` did not write."""


class ShardModelMismatchError(CheckpointError):
    """Shards were embedded with other weights than the model the library uses for them.

    A subclass of :class:`CheckpointError` so the CLI exits with the model code (3):
    vectors of two different weights are not comparable, so nothing is imported.
    """


class ShardFileError(CatalogError):
    """A shard file cannot be read (truncated, not Parquet, wrong columns)."""
