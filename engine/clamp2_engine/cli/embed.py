"""``clamp2 embed``: files (or texts) -> one float32 row each, plus a JSON map.

Rows follow the order the files were given; a multi-tune ABC file gives one
row per tune.  Files that fail are listed at the end; the exit code is
non-zero only when nothing at all could be embedded.
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np

from clamp2_engine.atomic_files import atomic_write_bytes
from clamp2_engine.checkpoints import load_model
from clamp2_engine.cli.common import EXIT_NOTHING_DONE, EXIT_OK, advance_to, err, progress_bar
from clamp2_engine.device import DEVICE_CHOICES
from clamp2_engine.embedder import Embedder
from clamp2_engine.model_registry import resolve_model_path
from clamp2_engine.reading import expand_inputs, read_files
from clamp2_engine.settings import Settings


def add_model_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--model", default=None, metavar="NAME_OR_PATH",
                   help="model folder, official .pth, or model name (default: the bundled model)")
    p.add_argument("--device", choices=DEVICE_CHOICES, default="auto", help="default: cuda > mps > cpu")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("embed", help="embed music files (or texts) into a .npy matrix")
    p.add_argument("files", nargs="*", help="MIDI/ABC/MTF files or folders")
    p.add_argument("--text", nargs="+", metavar="QUERY", help="embed these texts instead of files")
    p.add_argument("--out", required=True, type=Path, help="output .npy; the row map goes to the same name .json")
    add_model_arguments(p)
    p.add_argument("--no-normalize", action="store_true", help="the official un-normalised projection")
    p.add_argument("--batch-patches", type=int, default=8192, help="patches per forward pass (memory bound)")
    p.add_argument("--workers", type=int, default=None, help="parser processes (default: CPU count)")
    p.set_defaults(func=run)


def load_embedder(args: argparse.Namespace) -> Embedder:
    settings = Settings.from_env(device=args.device)
    path = resolve_model_path(args.model, settings)
    return Embedder(load_model(path), device=args.device, batch_patches=getattr(args, "batch_patches", 8192))


def _write_outputs(out: Path, matrix: np.ndarray, doc: dict) -> Path:
    import io

    buf = io.BytesIO()
    np.save(buf, matrix)
    atomic_write_bytes(out, buf.getvalue())
    map_path = out.with_suffix(".json")
    atomic_write_bytes(map_path, (json.dumps(doc, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
    return map_path


def run(args: argparse.Namespace) -> int:
    if bool(args.text) == bool(args.files):
        err.print("[red]error:[/red] give either FILES or --text QUERY ...")
        return 2
    embedder = load_embedder(args)
    normalize = not args.no_normalize
    meta = {"model": embedder.loaded.name, "weights_sha256": embedder.loaded.config.weights_sha256,
            "normalized": normalize, "device": str(embedder.torch_device)}
    if args.text:
        matrix = embedder.embed_text(args.text, normalize=normalize)
        rows = [{"row": i, "text": t} for i, t in enumerate(args.text)]
        map_path = _write_outputs(args.out, matrix, {**meta, "rows": rows, "failed": []})
        err.print(f"embedded {len(rows)} text(s) -> {args.out} ({matrix.shape[1]}-d), map {map_path}")
        return EXIT_OK

    paths = expand_inputs(args.files)
    prep = embedder.loaded.config.preprocessing
    rows, arrays, failed = [], [], []
    with progress_bar("reading", len(paths)) as bar:
        for i, result in enumerate(read_files(paths, prep, workers=args.workers), 1):
            advance_to(bar, i)
            for e in result.errors:
                failed.append({"path": e.path or result.path, "position": e.position, "reason": e.reason})
            for piece in result.pieces:
                try:
                    arrays.append(embedder.encode_music_text(piece.text))
                except ValueError as exc:
                    failed.append({"path": result.path, "position": None, "reason": str(exc)})
                    continue
                rows.append({"row": len(rows), "path": result.path, "tune": piece.tune_index,
                             "title": piece.title, "patches": int(len(arrays[-1]))})
    if not arrays:
        for f in failed:
            err.print(f"[yellow]failed:[/yellow] {f['path']}: {f['reason']}")
        err.print("[red]error:[/red] nothing could be embedded")
        return EXIT_NOTHING_DONE
    with progress_bar("embedding", len(arrays)) as bar:
        matrix = embedder.embed_patches(arrays, normalize=normalize, progress=lambda n: advance_to(bar, n))
    map_path = _write_outputs(args.out, matrix, {**meta, "rows": rows, "failed": failed})
    for f in failed:
        where = f"{f['path']} ({f['position']})" if f.get("position") else f["path"]
        err.print(f"[yellow]failed:[/yellow] {where}: {f['reason']}")
    err.print(f"embedded {len(rows)} piece(s) from {len(paths)} file(s) -> {args.out} "
              f"({matrix.shape[1]}-d), map {map_path}; {len(failed)} failure(s)")
    return EXIT_OK
