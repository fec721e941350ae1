"""``clamp2 models``: list, import, choose and remove the library's models.

``import`` takes an official CLaMP 2 checkpoint (``.pth``, loaded with
``torch.load(weights_only=True)``: nothing in it can run) or a model folder,
checks it, converts it to our folder format (``config.json`` +
``model.safetensors`` + ``tokenizer/``) under the user's models folder,
loads the copy back to verify it, and registers it in the library.  From
then on ``--model NAME`` finds it, and ``clamp2 models use NAME`` makes it the
model every command uses when ``--model`` is not given.
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
from pathlib import Path
from typing import Any

from clamp2_engine.cli.common import EXIT_MODEL, EXIT_OK, EXIT_USAGE, err, print_json
from clamp2_engine.errors import CatalogError, CheckpointError
from clamp2_engine.settings import DEFAULT_MODEL_NAME, Settings

# Where the official weights and the XLM-R tokenizer are published (only fetched on `clamp2 models download`).
OFFICIAL_REPO = "sander-wood/clamp2"
OFFICIAL_FILE = ("weights_clamp2_h_size_768_lr_5e-05_batch_128_scale_1_t_length_128_t_model_"
                 "FacebookAI_xlm-roberta-base_t_dropout_True_m3_True.pth")
TOKENIZER_REPO = "FacebookAI/xlm-roberta-base"
TOKENIZER_FILES = ("tokenizer.json", "sentencepiece.bpe.model", "config.json")
OFFICIAL_NAME = "clamp2-official"

# A model name is also a folder name: letters (any script), digits, '.', '_', '-'; no path tricks.
_NAME = re.compile(r"^[^\W_][\w.\-]{0,63}$")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("models", help="list, import, choose and remove models")
    msub = p.add_subparsers(dest="models_command", metavar="ACTION", required=True)

    def common(q: argparse.ArgumentParser) -> None:
        q.add_argument("--db", default=None, help="library database (default: the user data folder)")

    q = msub.add_parser("list", help="models registered in the library and installed model folders")
    common(q)
    q.add_argument("--json", action="store_true", help="print one JSON document on stdout")
    q.set_defaults(func=cmd_list)

    q = msub.add_parser("import", help="import an official .pth checkpoint or a model folder")
    q.add_argument("path", type=Path, help="official CLaMP 2 .pth file, or a model folder")
    q.add_argument("--name", default=None, help="name to register it under (default: the file or folder name)")
    q.add_argument("--tokenizer", type=Path, default=None, metavar="DIR",
                   help="folder with the XLM-R tokenizer files (default: beside the checkpoint)")
    q.add_argument("--use", action="store_true", help="also make it the library's default model")
    common(q)
    q.add_argument("--json", action="store_true", help="print one JSON document on stdout")
    q.set_defaults(func=cmd_import)

    q = msub.add_parser("download", help="download the official CLaMP 2 model and its tokenizer, then import it")
    q.add_argument("--name", default=OFFICIAL_NAME, help=f"name to register it under (default: {OFFICIAL_NAME})")
    q.add_argument("--revision", default=None, help="a branch, tag or commit of the model repository")
    q.add_argument("--sha256", default=None, metavar="HEX", help="refuse the checkpoint unless its sha256 is this")
    q.add_argument("--use", action="store_true", help="also make it the library's default model")
    common(q)
    q.add_argument("--json", action="store_true", help="print one JSON document on stdout")
    q.set_defaults(func=cmd_download)

    q = msub.add_parser("use", help="make a model the default of this library")
    q.add_argument("name")
    common(q)
    q.set_defaults(func=cmd_use)

    q = msub.add_parser("remove", help="unregister a model (its embeddings go too; an imported copy is deleted)")
    q.add_argument("name")
    common(q)
    q.set_defaults(func=cmd_remove)


# --------------------------------------------------------------------------- helpers

def _settings(args: argparse.Namespace) -> Settings:
    return Settings.from_env(db=args.db)


def _open_catalog(settings: Settings):
    from clamp2_engine.catalog import Catalog

    return Catalog.open(settings.db_path)


def _default_name(catalog) -> str | None:
    from clamp2_engine.model_registry import DEFAULT_MODEL_META

    return catalog.get_meta(DEFAULT_MODEL_META) or None


def _can_read_text(config: dict[str, Any], path: Path | None) -> bool:
    text = config.get("text") or {}
    if text.get("frozen") and text.get("type") not in (None, "xlmr"):
        return True
    if path is None:
        return False
    from clamp2_engine.tokenizer import find_tokenizer_dir

    folder = path if path.is_dir() else path.parent
    return find_tokenizer_dir(folder) is not None


def _installed_folders(settings: Settings) -> list[tuple[Path, dict[str, Any]]]:
    import json

    out = []
    for root in settings.model_search_path():
        if not root.is_dir():
            continue
        for folder in sorted(root.iterdir()):
            cfg = folder / "config.json"
            if folder.name.startswith(".") or not cfg.is_file() or not (folder / "model.safetensors").is_file():
                continue
            try:
                data = json.loads(cfg.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                data = {}
            out.append((folder, data if isinstance(data, dict) else {}))
    return out


def _check_name(name: str) -> str | None:
    if not _NAME.match(name) or name in (".", ".."):
        return (f"{name!r} cannot be a model name: use letters, digits, '.', '_' or '-' "
                "(at most 64, starting with a letter or digit)")
    return None


# --------------------------------------------------------------------------- commands

def cmd_list(args: argparse.Namespace) -> int:
    settings = _settings(args)
    catalog = _open_catalog(settings)  # a CatalogError reaches cli.main: one line, exit 4
    with catalog:
        chosen = _default_name(catalog)
        rows: list[dict[str, Any]] = []
        seen_paths: set[str] = set()
        for m in catalog.models():
            path = Path(m.path) if m.path else None
            rows.append({"name": m.name, "kind": m.kind, "dim": m.dim, "registered": True,
                         "installed": bool(path and path.exists()), "text": _can_read_text(m.config, path),
                         "path": m.path, "weights_sha256": m.weights_sha256})
            if m.path:
                seen_paths.add(str(Path(m.path).resolve()))
        names = {r["name"] for r in rows}
        for folder, cfg in _installed_folders(settings):
            if str(folder.resolve()) in seen_paths or folder.name in names:
                continue
            names.add(folder.name)
            rows.append({"name": folder.name, "kind": cfg.get("kind"), "dim": cfg.get("projection_dim"),
                         "registered": False, "installed": True, "text": _can_read_text(cfg, folder),
                         "path": str(folder), "weights_sha256": cfg.get("weights_sha256")})
    effective = chosen or (DEFAULT_MODEL_NAME if any(r["name"] == DEFAULT_MODEL_NAME and r["installed"]
                                                     for r in rows) else None)
    for r in rows:
        r["default"] = r["name"] == effective
    if args.json:
        print_json({"default": effective, "models": rows})
        return EXIT_OK
    if not rows:
        print("no models yet; import one with: clamp2 models import PATH")
        return EXIT_OK
    for r in rows:
        flags = []
        if not r["installed"]:
            flags.append("MISSING")
        if not r["registered"]:
            flags.append("not used yet")
        if not r["text"]:
            flags.append("no text search")
        mark = "*" if r["default"] else " "
        extra = f"  [{', '.join(flags)}]" if flags else ""
        print(f"{mark} {r['name']:<24} {str(r['kind']):<10} {str(r['dim']):>5}-d  {r['path']}{extra}")
    if effective:
        err.print(f"* default model: {effective}")
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    from dataclasses import replace

    from clamp2_engine.checkpoints import load_model, load_model_folder, save_model_folder
    from clamp2_engine.library import register as register_model
    from clamp2_engine.model_registry import DEFAULT_MODEL_META
    from clamp2_engine.tokenizer import load_tokenizer

    source = args.path.expanduser()
    if not source.exists():
        raise CheckpointError(f"{source}: no such file or folder")
    settings = _settings(args)
    # Load first: an unreadable or unsafe checkpoint is refused before anything is written.
    kwargs = {"tokenizer_dir": args.tokenizer} if args.tokenizer and source.is_file() else {}
    loaded = load_model(source, **kwargs)
    if args.tokenizer and loaded.tokenizer is None:
        loaded.tokenizer = load_tokenizer(args.tokenizer)
    name = args.name or (source.stem if source.is_file() else loaded.config.name or source.name)
    problem = _check_name(name)
    if problem:
        err.print(f"[red]error:[/red] {problem}; pass --name")
        return EXIT_USAGE
    text = loaded.config.text
    if loaded.tokenizer is not None and text.type == "xlmr" and text.vocab_size:
        size = len(loaded.tokenizer._tok)
        if size > text.vocab_size:
            raise CheckpointError(f"{loaded.tokenizer.source}: the tokenizer has {size} tokens but the text tower "
                                  f"only {text.vocab_size}; these tokenizer files belong to another model")
    loaded.config = replace(loaded.config, name=name)
    catalog = _open_catalog(settings)  # a CatalogError reaches cli.main: one line, exit 4
    with catalog:
        existing = catalog.model_by_name(name)
        if existing is not None and existing.weights_sha256 != loaded.config.weights_sha256:
            err.print(f"[red]error:[/red] a model named {name!r} with other weights is already registered; "
                      "choose another name with --name")
            return EXIT_USAGE
        target = settings.models_dir / name
        if target.exists():
            try:
                already = load_model_folder(target)
            except CheckpointError:
                already = None
            if already is None or already.config.weights_sha256 != loaded.config.weights_sha256:
                err.print(f"[red]error:[/red] {target} already holds another model; choose another name with --name")
                return EXIT_USAGE
            status = "already imported"
        else:
            save_model_folder(loaded, target, card=_card(loaded, source))
            status = "imported"
        check = load_model_folder(target, verify=True)  # read back what was written, checksum included
        record = register_model(catalog, check)
        if args.use:
            catalog.set_meta(DEFAULT_MODEL_META, name)
        default = _default_name(catalog)
        n_pieces = catalog.stats().get("pieces", 0)
    doc = {"status": status, "name": name, "kind": record.kind, "dim": record.dim, "path": str(target),
           "source": str(source), "text": check.can_embed_text, "weights_sha256": record.weights_sha256,
           "music_layers": check.config.music.num_layers, "text_layers": check.config.text.num_layers,
           "default": default == name}
    if args.json:
        print_json(doc)
    else:
        print(f"{status} {name}: {record.kind} CLaMP 2 model, {record.dim}-d, music tower "
              f"{check.config.music.num_layers} layers x {check.config.music.hidden_size}, text tower "
              f"{check.config.text.type} {check.config.text.num_layers} layers x {check.config.text.hidden_size}; "
              f"text search: {'yes' if check.can_embed_text else 'no (no tokenizer; pass --tokenizer DIR)'}")
        print(f"  -> {target}  (weights sha256 {record.weights_sha256[:16]}...)")
        if n_pieces:
            err.print(f"embed your library with it: clamp2 scan --model {name}"
                      + ("" if default == name else f"   (or make it the default: clamp2 models use {name})"))
        elif default != name:
            err.print(f"use it with --model {name}, or make it the default: clamp2 models use {name}")
    return EXIT_OK


def _download_error(exc: BaseException, what: str) -> CheckpointError:
    """One line saying why a download failed and what to do instead."""
    name = type(exc).__name__
    text = " ".join(str(exc).split())[:200]
    manual = (f"download https://huggingface.co/{OFFICIAL_REPO}/blob/main/{OFFICIAL_FILE} and the tokenizer "
              f"files of {TOKENIZER_REPO} yourself, then: clamp2 models import FILE --tokenizer DIR")
    if name == "OfflineModeIsEnabled" or os.environ.get("HF_HUB_OFFLINE", "").lower() in ("1", "true", "yes"):
        why = "offline mode is on (HF_HUB_OFFLINE is set), so nothing can be downloaded"
    elif name in ("LocalEntryNotFoundError",) or "connect" in text.lower() or "resolve" in text.lower():
        why = ("huggingface.co cannot be reached (no network, or a proxy is needed: set HTTPS_PROXY)")
    elif name in ("RepositoryNotFoundError", "RevisionNotFoundError", "EntryNotFoundError", "GatedRepoError"):
        why = f"the hub has no such file or revision ({text})"
    else:
        why = f"{name}: {text}"
    return CheckpointError(f"cannot download {what}: {why}; or {manual}")


def cmd_download(args: argparse.Namespace) -> int:
    import hashlib

    try:
        from huggingface_hub import hf_hub_download
    except ImportError:
        raise CheckpointError("downloading needs the huggingface_hub package (pip install huggingface_hub); "
                              "or import local files with clamp2 models import FILE --tokenizer DIR") from None
    problem = _check_name(args.name)
    if problem:
        err.print(f"[red]error:[/red] {problem}")
        return EXIT_USAGE
    err.print(f"downloading {OFFICIAL_FILE} from {OFFICIAL_REPO} (an interrupted download resumes)")
    try:  # the hub's client shows progress, resumes partial files and checks what it received
        checkpoint = Path(hf_hub_download(OFFICIAL_REPO, OFFICIAL_FILE, revision=args.revision))
    except Exception as exc:  # network, proxy, offline mode, missing file: all explained in one line
        raise _download_error(exc, "the official CLaMP 2 checkpoint") from None
    tok_paths = []
    for fname in TOKENIZER_FILES:
        try:
            tok_paths.append(Path(hf_hub_download(TOKENIZER_REPO, fname)))
        except Exception as exc:
            raise _download_error(exc, f"the XLM-R tokenizer ({fname})") from None
    digest = hashlib.sha256()
    with checkpoint.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    if args.sha256 and digest.hexdigest() != args.sha256.lower():
        raise CheckpointError(f"{checkpoint}: sha256 {digest.hexdigest()} is not the expected {args.sha256}; "
                              "not importing it")
    err.print(f"checkpoint sha256 {digest.hexdigest()}")
    ns = argparse.Namespace(path=checkpoint, name=args.name, tokenizer=tok_paths[0].parent, use=args.use,
                            db=args.db, json=args.json)
    return cmd_import(ns)


def _card(loaded, source: Path) -> str:
    cfg = loaded.config
    return (f"# {cfg.name}\n\nImported with `clamp2 models import` from `{source.name}` "
            f"({cfg.kind} CLaMP 2 layout).\n\n- projection: {cfg.projection_dim}-d\n"
            f"- music tower: {cfg.music.num_layers} layers, hidden {cfg.music.hidden_size}, "
            f"patch size {cfg.music.patch_size}, patch length {cfg.music.patch_length}\n"
            f"- text tower: {cfg.text.type}, {cfg.text.num_layers} layers, hidden {cfg.text.hidden_size}\n"
            f"- weights sha256: {cfg.weights_sha256}\n\n"
            "Data, licences and intended use: see the original model's card (CLaMP 2: MIT licence).\n")


def cmd_use(args: argparse.Namespace) -> int:
    from clamp2_engine.model_registry import DEFAULT_MODEL_META

    problem = _check_name(args.name)
    if problem:
        err.print(f"[red]error:[/red] {problem}; to use a file or folder, import it first (clamp2 models import)")
        return EXIT_USAGE
    settings = _settings(args)
    catalog = _open_catalog(settings)  # a CatalogError reaches cli.main: one line, exit 4
    with catalog:
        record = catalog.model_by_name(args.name)
        found = [d / args.name for d in settings.model_search_path() if (d / args.name / "config.json").is_file()]
        if not found and record is not None and record.path and Path(record.path).exists():
            found = [Path(record.path)]
        if not found:
            err.print(f"[red]error:[/red] no model named {args.name!r}: see clamp2 models list, "
                      "or import one with clamp2 models import PATH")
            return EXIT_MODEL
        catalog.set_meta(DEFAULT_MODEL_META, args.name)
    print(f"default model: {args.name} ({found[0]})")
    return EXIT_OK


def cmd_remove(args: argparse.Namespace) -> int:
    from clamp2_engine.index import index_path
    from clamp2_engine.model_registry import DEFAULT_MODEL_META

    settings = _settings(args)
    catalog = _open_catalog(settings)  # a CatalogError reaches cli.main: one line, exit 4
    deleted_folder = None
    with catalog:
        record = catalog.model_by_name(args.name)
        own = settings.models_dir / args.name
        owned = _check_name(args.name) is None and (own / "config.json").is_file()
        if record is None and not owned:
            err.print(f"[red]error:[/red] no model named {args.name!r} (see clamp2 models list)")
            return EXIT_MODEL
        if record is not None:
            try:
                catalog.remove_model(args.name)
            except CatalogError as exc:
                err.print(f"[red]error:[/red] {exc}")
                return EXIT_USAGE
            index_path(catalog, record.id).unlink(missing_ok=True)
        if _default_name(catalog) == args.name:
            catalog.set_meta(DEFAULT_MODEL_META, "")  # back to the bundled default
    # Only a copy that `models import` (or fine-tuning) wrote under the user's models folder is deleted;
    # a bundled model or a checkpoint elsewhere on disk is left alone.
    if owned and own.resolve().parent == settings.models_dir.resolve():
        shutil.rmtree(own)
        deleted_folder = own
    what = f"removed {args.name}" + (f" and deleted {deleted_folder}" if deleted_folder else "")
    if record is not None:
        what += "; its embeddings were dropped from the library"
    print(what)
    return EXIT_OK
