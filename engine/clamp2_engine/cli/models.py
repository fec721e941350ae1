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
import shutil
from pathlib import Path
from typing import Any

from clamp2_engine.cli.common import EXIT_MODEL, EXIT_OK, EXIT_USAGE, err, print_json
from clamp2_engine.errors import CatalogError
from clamp2_engine.settings import DEFAULT_MODEL_NAME, Settings

from clamp2_engine.model_import import (
    OFFICIAL_FILE,
    OFFICIAL_NAME,
    OFFICIAL_REPO,
    check_model_name,
    download_official,
    import_model,
)


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
    # A bad or unsafe checkpoint (CheckpointError, exit 3), a bad or taken name (exit 2) or an unusable
    # library (exit 4) reach cli.main as one line; nothing is written before the checkpoint loaded.
    settings = _settings(args)
    result = import_model(args.path, settings, name=args.name, tokenizer_dir=args.tokenizer, make_default=args.use)
    if args.json:
        print_json(result.to_json())
        return EXIT_OK
    print(f"{result.status} {result.name}: {result.kind} CLaMP 2 model, {result.dim}-d, music tower "
          f"{result.music_layers} layers x {result.music_hidden}, text tower "
          f"{result.text_type} {result.text_layers} layers x {result.text_hidden}; "
          f"text search: {'yes' if result.can_embed_text else 'no (no tokenizer; pass --tokenizer DIR)'}")
    print(f"  -> {result.path}  (weights sha256 {result.weights_sha256[:16]}...)")
    if result.library_pieces:
        err.print(f"embed your library with it: clamp2 scan --model {result.name}"
                  + ("" if result.is_default else f"   (or make it the default: clamp2 models use {result.name})"))
    elif not result.is_default:
        err.print(f"use it with --model {result.name}, or make it the default: clamp2 models use {result.name}")
    return EXIT_OK


def cmd_download(args: argparse.Namespace) -> int:
    problem = check_model_name(args.name)
    if problem:
        err.print(f"[red]error:[/red] {problem}")
        return EXIT_USAGE
    err.print(f"downloading {OFFICIAL_FILE} from {OFFICIAL_REPO} (an interrupted download resumes)")
    checkpoint, tokenizer_dir = download_official(revision=args.revision, sha256=args.sha256)
    ns = argparse.Namespace(path=checkpoint, name=args.name, tokenizer=tokenizer_dir, use=args.use,
                            db=args.db, json=args.json)
    return cmd_import(ns)


def cmd_use(args: argparse.Namespace) -> int:
    from clamp2_engine.model_registry import DEFAULT_MODEL_META

    problem = check_model_name(args.name)
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
        owned = check_model_name(args.name) is None and (own / "config.json").is_file()
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
