"""The held-out evaluation split: never trained on by any bundled model.

``heldout.txt`` (a copy of ``shared/data/heldout.txt``, shipped with the
package so that a fresh install has it) lists music21 corpus keys: a whole
folder (``ryansMammoth/``) or one tune (``essenFolksong/<file>#<X number>``).

Besides that official *test* split, the recipe takes two more splits by
hash, in the same way the test split was drawn (sha1 of the key):

* ``valid``: keys whose sha1 starts with ``1`` in the training collections
  (Essen, O'Neill's, Aird's, the classical scores).  Not trained on; used to
  pick the checkpoint (DATA.md: select on retrieval outside training, never
  on the training loss).
* ``composer_test``: classical scores whose sha1 starts with ``0``.  The
  official split has no composer-labelled pieces, so composer queries are
  evaluated on these (also never trained on).
"""
from __future__ import annotations

import hashlib
from functools import lru_cache
from importlib import resources
from pathlib import Path

HELDOUT_FILE = "heldout.txt"


@lru_cache(maxsize=None)
def heldout_entries(path: str | None = None) -> tuple[frozenset[str], tuple[str, ...]]:
    """(tune keys, folder prefixes) of the held-out list."""
    if path is None:
        text = resources.files("clamp2_engine.training").joinpath(HELDOUT_FILE).read_text(encoding="utf-8")
    else:
        text = Path(path).read_text(encoding="utf-8")
    keys, folders = set(), []
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.endswith("/"):
            folders.append(line)
        else:
            keys.add(line)
    return frozenset(keys), tuple(folders)


def is_heldout(key: str) -> bool:
    """True for every key of the official evaluation split (``folder/file#X`` or ``folder/file``)."""
    keys, folders = heldout_entries()
    return key in keys or key.startswith(folders)


def key_hash(key: str) -> str:
    return hashlib.sha1(key.encode("utf-8")).hexdigest()


def split_of(key: str, collection: str) -> str:
    """``test`` (official held-out), ``composer_test``, ``valid`` or ``train``."""
    if is_heldout(key):
        return "test"
    h = key_hash(key)
    if collection == "classical" and h[0] == "0":
        return "composer_test"
    if h[0] == "1":
        return "valid"
    return "train"


def assert_not_heldout(keys) -> None:
    """Raise if any key belongs to the evaluation splits (called before every training run)."""
    bad = [k for k in keys if is_heldout(k)]
    if bad:
        raise AssertionError(f"{len(bad)} held-out piece(s) in the training data, e.g. {bad[0]}")
