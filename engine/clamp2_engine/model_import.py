"""Bring a model into a library: import local files, or download the official one on request.

Shared by ``clamp2 models import|download`` and the desktop app's "Get the
official CLaMP 2 model" dialog, so both check the same things in the same
order: the checkpoint is loaded (``weights_only``: nothing in it can run)
*before* anything is written, the copy under the user's models folder is read
back with its checksum, and only then is it registered in the catalog.
Nothing here touches the network except :func:`download_official`, which
only runs when a person asks for it.
"""
from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable

from clamp2_engine.errors import CheckpointError, Clamp2Error
from clamp2_engine.settings import Settings

# Where the official weights and the XLM-R tokenizer are published (fetched only by download_official).
OFFICIAL_REPO = "sander-wood/clamp2"
OFFICIAL_FILE = ("weights_clamp2_h_size_768_lr_5e-05_batch_128_scale_1_t_length_128_t_model_"
                 "FacebookAI_xlm-roberta-base_t_dropout_True_m3_True.pth")
TOKENIZER_REPO = "FacebookAI/xlm-roberta-base"
TOKENIZER_FILES = ("tokenizer.json", "sentencepiece.bpe.model", "config.json")
OFFICIAL_NAME = "clamp2-official"
OFFICIAL_SIZE_HINT = "about 1.5 GB"

# A model name is also a folder name: letters (any script), digits, '.', '_', '-'; no path tricks.
_NAME = re.compile(r"^[^\W_][\w.\-]{0,63}$")

#: ``progress(what, done_bytes, total_bytes)``; raising from it cancels a download (it resumes next time).
DownloadProgress = Callable[[str, int, int], None]


class ModelNameError(Clamp2Error):
    """A model name that cannot be used (bad characters, or taken by other weights)."""

    exit_code = 2


@dataclass(frozen=True)
class ImportResult:
    status: str          # "imported" or "already imported"
    name: str
    kind: str
    dim: int
    path: Path
    source: Path
    can_embed_text: bool
    weights_sha256: str
    music_layers: int
    music_hidden: int
    text_type: str
    text_layers: int
    text_hidden: int
    is_default: bool
    library_pieces: int

    def to_json(self) -> dict:
        return {"status": self.status, "name": self.name, "kind": self.kind, "dim": self.dim,
                "path": str(self.path), "source": str(self.source), "text": self.can_embed_text,
                "weights_sha256": self.weights_sha256, "music_layers": self.music_layers,
                "text_layers": self.text_layers, "default": self.is_default}


def check_model_name(name: str) -> str | None:
    """Why ``name`` cannot name a model, or None when it can."""
    if not _NAME.match(name) or name in (".", ".."):
        return (f"{name!r} cannot be a model name: use letters, digits, '.', '_' or '-' "
                "(at most 64, starting with a letter or digit)")
    return None


def import_model(source: str | Path, settings: Settings, *, name: str | None = None,
                 tokenizer_dir: str | Path | None = None, make_default: bool = False) -> ImportResult:
    """Check, copy (our folder format), verify and register a checkpoint or model folder.

    Raises :class:`CheckpointError` for an unreadable/unsafe/mismatched model,
    :class:`ModelNameError` for a name that is bad or taken by other weights,
    :class:`CatalogError` when the library cannot be written.  On any error the
    library and the models folder are as they were.
    """
    from clamp2_engine.catalog import Catalog
    from clamp2_engine.checkpoints import load_model, load_model_folder, save_model_folder
    from clamp2_engine.library import register as register_model
    from clamp2_engine.model_registry import DEFAULT_MODEL_META
    from clamp2_engine.tokenizer import load_tokenizer

    source = Path(source).expanduser()
    if not source.exists():
        raise CheckpointError(f"{source}: no such file or folder")
    tok = Path(tokenizer_dir).expanduser() if tokenizer_dir else None
    loaded = load_model(source, **({"tokenizer_dir": tok} if tok and source.is_file() else {}))
    if tok and loaded.tokenizer is None:
        loaded.tokenizer = load_tokenizer(tok)
    given = name
    if name is None and source.is_file() and source.name == OFFICIAL_FILE:
        name = OFFICIAL_NAME  # its 124-character file name cannot be a model name
    name = name or (source.stem if source.is_file() else loaded.config.name or source.name)
    problem = check_model_name(name)
    if problem:
        raise ModelNameError(problem + ("" if given else "; give the model a name (--name NAME)"))
    text = loaded.config.text
    if loaded.tokenizer is not None and text.type == "xlmr" and text.vocab_size:
        size = len(loaded.tokenizer._tok)
        if size > text.vocab_size:
            raise CheckpointError(f"{loaded.tokenizer.source}: the tokenizer has {size} tokens but the text tower "
                                  f"only {text.vocab_size}; these tokenizer files belong to another model")
    loaded.config = replace(loaded.config, name=name)
    catalog = Catalog.open(settings.db_path)
    with catalog:
        existing = catalog.model_by_name(name)
        if existing is not None and existing.weights_sha256 != loaded.config.weights_sha256:
            raise ModelNameError(f"a model named {name!r} with other weights is already registered; "
                                 "choose another name")
        target = settings.models_dir / name
        if target.exists():
            try:
                already = load_model_folder(target)
            except CheckpointError:
                already = None
            if already is None or already.config.weights_sha256 != loaded.config.weights_sha256:
                raise ModelNameError(f"{target} already holds another model; choose another name")
            status = "already imported"
        else:
            save_model_folder(loaded, target, card=model_card(loaded, source))
            status = "imported"
        check = load_model_folder(target, verify=True)  # read back what was written, checksum included
        record = register_model(catalog, check)
        if make_default:
            catalog.set_meta(DEFAULT_MODEL_META, name)
        default = catalog.get_meta(DEFAULT_MODEL_META) or None
        pieces = int(catalog.stats().get("pieces", 0))
    cfg = check.config
    return ImportResult(status=status, name=name, kind=record.kind, dim=record.dim, path=target, source=source,
                        can_embed_text=check.can_embed_text, weights_sha256=record.weights_sha256,
                        music_layers=cfg.music.num_layers, music_hidden=cfg.music.hidden_size,
                        text_type=cfg.text.type, text_layers=cfg.text.num_layers, text_hidden=cfg.text.hidden_size,
                        is_default=default == name, library_pieces=pieces)


def model_card(loaded, source: Path) -> str:
    cfg = loaded.config
    return (f"# {cfg.name}\n\nImported with `clamp2 models import` from `{source.name}` "
            f"({cfg.kind} CLaMP 2 layout).\n\n- projection: {cfg.projection_dim}-d\n"
            f"- music tower: {cfg.music.num_layers} layers, hidden {cfg.music.hidden_size}, "
            f"patch size {cfg.music.patch_size}, patch length {cfg.music.patch_length}\n"
            f"- text tower: {cfg.text.type}, {cfg.text.num_layers} layers, hidden {cfg.text.hidden_size}\n"
            f"- weights sha256: {cfg.weights_sha256}\n\n"
            "Data, licences and intended use: see the original model's card (CLaMP 2: MIT licence).\n")


# --------------------------------------------------------------------------- download

def download_error(exc: BaseException, what: str) -> CheckpointError:
    """One line saying why a download failed and what to do instead."""
    kind = type(exc).__name__
    text = " ".join(str(exc).split())[:200]
    manual = (f"download https://huggingface.co/{OFFICIAL_REPO}/blob/main/{OFFICIAL_FILE} and the tokenizer "
              f"files of {TOKENIZER_REPO} yourself, then import them (clamp2 models import FILE --tokenizer DIR)")
    if kind == "OfflineModeIsEnabled" or os.environ.get("HF_HUB_OFFLINE", "").lower() in ("1", "true", "yes"):
        why = "offline mode is on (HF_HUB_OFFLINE is set), so nothing can be downloaded"
    elif kind == "DownloadCancelled":
        why = "cancelled (what was received is kept; asking again resumes)"
    elif kind in ("LocalEntryNotFoundError",) or "connect" in text.lower() or "resolve" in text.lower():
        why = "huggingface.co cannot be reached (no network, or a proxy is needed: set HTTPS_PROXY)"
    elif kind in ("RepositoryNotFoundError", "RevisionNotFoundError", "EntryNotFoundError", "GatedRepoError"):
        why = f"the hub has no such file or revision ({text})"
    elif isinstance(exc, OSError) and getattr(exc, "errno", None) == 28:
        why = "the disk is full"
    else:
        why = f"{kind}: {text}"
    return CheckpointError(f"cannot download {what}: {why}; or {manual}")


class DownloadCancelled(Exception):
    """Raised from a progress callback to stop a download; the partial file is kept for resuming."""


def _progress_class(what: str, progress: DownloadProgress | None):
    """A tqdm class (the hub client's progress hook) that reports to ``progress``."""
    from tqdm.auto import tqdm

    if progress is None:
        return None

    class _Report(tqdm):  # type: ignore[misc,valid-type]
        def __init__(self, *a, **kw):
            kw["disable"] = False
            kw.setdefault("file", open(os.devnull, "w"))  # noqa: SIM115 - closed with the bar
            super().__init__(*a, **kw)

        def update(self, n=1):
            out = super().update(n)
            progress(what, int(self.n), int(self.total or 0))
            return out

        def close(self):
            fh = self.fp
            super().close()
            if fh is not None and getattr(fh, "name", "") == os.devnull:
                fh.close()

    return _Report


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def download_official(*, revision: str | None = None, sha256: str | None = None,
                      progress: DownloadProgress | None = None) -> tuple[Path, Path]:
    """Fetch the official checkpoint and the XLM-R tokenizer into the hub cache.

    The hub client resumes interrupted files and checks what it received
    against the server's hashes; ``sha256`` adds our own check of the
    checkpoint.  Returns ``(checkpoint, tokenizer_dir)``; every failure is one
    :class:`CheckpointError` line saying why and what to do instead.
    """
    try:
        from huggingface_hub import hf_hub_download
    except ImportError:
        raise CheckpointError("downloading needs the huggingface_hub package (pip install huggingface_hub); "
                              "or import local files with clamp2 models import FILE --tokenizer DIR") from None
    try:
        checkpoint = Path(hf_hub_download(OFFICIAL_REPO, OFFICIAL_FILE, revision=revision,
                                          tqdm_class=_progress_class("checkpoint", progress)))
    except Exception as exc:  # network, proxy, offline mode, missing file, cancel: all one line
        raise download_error(exc, "the official CLaMP 2 checkpoint") from None
    tokenizer_files = []
    for fname in TOKENIZER_FILES:
        try:
            tokenizer_files.append(Path(hf_hub_download(TOKENIZER_REPO, fname,
                                                        tqdm_class=_progress_class(fname, progress))))
        except Exception as exc:
            raise download_error(exc, f"the XLM-R tokenizer ({fname})") from None
    if sha256:
        got = file_sha256(checkpoint)
        if got != sha256.lower():
            raise CheckpointError(f"{checkpoint}: sha256 {got} is not the expected {sha256}; not importing it")
    return checkpoint, tokenizer_files[0].parent
