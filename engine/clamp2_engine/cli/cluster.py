"""Cluster commands: ``embed-cluster`` (Ray Data -> Parquet shards) and ``import-embeddings`` (shards -> library).

Registering them must not need Ray: ``clamp2 --help`` and every other command
work without the ``[ray]`` extra, so the cluster modules (pyarrow, Ray) are
imported only when one of these commands runs.
"""
from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any, Callable

from rich.markup import escape

from clamp2_engine.cli.common import EXIT_NOTHING_DONE, EXIT_OK, advance_to, err, print_json, progress_bar
from clamp2_engine.device import DEVICE_CHOICES
from clamp2_engine.errors import Clamp2Error
from clamp2_engine.settings import Settings


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("embed-cluster", help="embed a huge corpus on a Ray cluster into Parquet shards "
                                             "(needs the [ray] extra)")
    p.add_argument("source", help="a folder (walked like a scan) or a .txt/.parquet manifest of paths")
    p.add_argument("--model", default=None, metavar="NAME_OR_PATH",
                   help="model folder or official .pth, at the same path on every node (default: the bundled model)")
    p.add_argument("--out", required=True, type=Path, help="output folder for the shards (visible to every node)")
    p.add_argument("--address", default=None,
                   help="Ray cluster: ray://host:10001, host:6379, auto, or local (default: $RAY_ADDRESS, else a "
                        "cluster started on this machine, else a new local one)")
    p.add_argument("--num-gpus-per-worker", type=float, default=0.0, metavar="G",
                   help="GPUs per embedding actor (Ray num_gpus; 0: embed on CPU)")
    p.add_argument("--workers", type=int, default=None, metavar="N",
                   help="most embedding actors (default: one per GPU share, or one per node)")
    p.add_argument("--batch-patches", type=int, default=8192, metavar="N", help="patches per forward pass")
    p.add_argument("--shard-size", type=int, default=256, metavar="K", help="files per shard (default 256)")
    p.add_argument("--cpus-per-worker", type=float, default=None,
                   help="CPUs each embedding actor reserves (default: 1 with GPUs, else 0.25)")
    p.add_argument("--cpus-per-task", type=float, default=0.5, help="CPUs each parsing task reserves")
    p.add_argument("--device", choices=DEVICE_CHOICES, default="auto", help="device of the actors")
    p.add_argument("--json", action="store_true", help="print the report as one JSON document")
    p.set_defaults(func=cmd_embed_cluster)

    p = sub.add_parser("import-embeddings", help="import the shards of embed-cluster into a library")
    p.add_argument("dir", type=Path, help="the --out folder of embed-cluster")
    p.add_argument("--db", default=None, help="library database (default: the user data folder)")
    p.add_argument("--model", default=None, metavar="NAME_OR_PATH",
                   help="file the vectors under this model (its weights must be the shards'); default: the "
                        "model recorded with the shards")
    p.add_argument("--json", action="store_true", help="print the report as one JSON document")
    p.set_defaults(func=cmd_import_embeddings)


def _bar(description: str) -> tuple[Callable[[int, int], None], Callable[[], None]]:
    """A progress callback that opens its bar on the first call (the total is known only then)."""
    state: dict[str, Any] = {}

    def update(done: int, total: int) -> None:
        if "bar" not in state:
            if not total:
                return
            state["ctx"] = progress_bar(description, total)
            state["bar"] = state["ctx"].__enter__()
        advance_to(state["bar"], done)

    def close() -> None:
        if "ctx" in state:
            state["ctx"].__exit__(None, None, None)

    return update, close


def _say_missing(exc: Exception) -> int:
    """The install hint, printed without rich markup (``[ray]`` would be taken for a style)."""
    err.print(f"[red]error:[/red] {escape(str(exc))}")
    return EXIT_NOTHING_DONE


def cmd_embed_cluster(args: argparse.Namespace) -> int:
    from clamp2_engine.cluster.errors import RayMissingError

    try:
        return _embed_cluster(args)
    except RayMissingError as exc:
        return _say_missing(exc)


def _embed_cluster(args: argparse.Namespace) -> int:
    from clamp2_engine.model_registry import resolve_model_path

    try:
        from clamp2_engine.cluster.embed_job import ClusterJobOptions, run_job
    except ImportError:  # pyarrow missing: the extra is not installed
        from clamp2_engine.cluster.errors import RayMissingError

        raise RayMissingError() from None
    for flag, value in (("--workers", args.workers), ("--shard-size", args.shard_size),
                        ("--batch-patches", args.batch_patches)):
        if value is not None and value < 1:
            raise Clamp2Error(f"{flag} must be at least 1")
    if args.num_gpus_per_worker < 0:
        raise Clamp2Error("--num-gpus-per-worker cannot be negative")
    model = resolve_model_path(args.model, Settings.from_env(device=args.device))
    update, close = _bar("embedding files")
    options = ClusterJobOptions(
        source=args.source, model=str(Path(model).expanduser().resolve()), out_dir=args.out, address=args.address,
        num_gpus_per_worker=args.num_gpus_per_worker, cpus_per_worker=args.cpus_per_worker,
        cpus_per_task=args.cpus_per_task, batch_patches=args.batch_patches, workers=args.workers,
        shard_size=args.shard_size, device=args.device, progress=update)
    try:
        report = run_job(options)
    finally:
        close()
    if args.json:
        print_json(report.as_dict())
    else:
        err.print(f"{report.files} file(s) in {report.shards} shard(s): {report.written_shards} written, "
                  f"{report.skipped_shards} already done; {report.pieces} piece(s) embedded, "
                  f"{report.errors} file(s) failed; {report.seconds:.1f} s on {report.nodes or '-'} node(s) "
                  f"-> {Path(args.out)}")
    return EXIT_OK if report.files else EXIT_NOTHING_DONE


def _selected_model(spec: str | None, settings: Settings, catalog: Any) -> Any:
    """The --model of import-embeddings as a ModelInfo: a path or installed name, else a registered name."""
    if spec is None:
        return None
    from clamp2_engine.cluster.embed_job import describe_model
    from clamp2_engine.cluster.shards import ModelInfo
    from clamp2_engine.model_registry import resolve_model_path

    try:
        return describe_model(resolve_model_path(spec, settings))
    except Clamp2Error:
        record = catalog.model_by_name(spec)
        if record is None:
            raise
        return ModelInfo(record.name, record.kind, record.dim, record.weights_sha256, record.path or "",
                         record.config)


def cmd_import_embeddings(args: argparse.Namespace) -> int:
    from clamp2_engine.cluster.errors import RayMissingError

    try:
        from clamp2_engine.cluster.importer import import_embeddings
    except ImportError:
        return _say_missing(RayMissingError("pyarrow"))
    from clamp2_engine.catalog import Catalog

    settings = Settings.from_env(db=args.db)
    with Catalog.open(settings.db_path) as catalog:
        selected = _selected_model(args.model, settings, catalog)
        update, close = _bar("importing shards")
        try:
            report = import_embeddings(args.dir, catalog, model=selected, progress=update)
        finally:
            close()
    if args.json:
        print_json(report.as_dict())
    else:
        missing = f"; {report.missing_shards} shard(s) not written yet" if report.missing_shards else ""
        err.print(f"imported {report.shards} shard(s) into {settings.db_path}: {report.files} file(s), "
                  f"{report.pieces} piece(s) embedded, {report.skipped_files} unchanged, {report.errors} failed"
                  f"{missing}; index of model {report.model}: {report.indexed} piece(s); {report.seconds:.1f} s")
    return EXIT_OK if report.files else EXIT_NOTHING_DONE
