"""``clamp2 embed-cluster``: the Ray Data job (the only module here that imports Ray, and only when run).

Shape of the job (Ray Data, streaming, so a million files never sit in memory):

1. ``from_items`` - one row per shard still to do (finished shards are skipped
   before Ray is even asked);
2. ``map`` in CPU tasks - :func:`clamp2_engine.cluster.convert.convert_shard`,
   shipped on as Arrow IPC bytes;
3. ``map_batches`` with a callable class, one shard per call, in an actor pool
   (:class:`ShardEmbedder`): each actor loads the model once
   (:func:`clamp2_engine.checkpoints.load_model`, then an
   :class:`clamp2_engine.embedder.Embedder`, the objects ``clamp2 embed``
   uses), embeds the whole shard in length-sorted batches of about
   ``--batch-patches`` patches (``Embedder.embed_patches`` sorts every window
   of the shard by length and pads only to the longest of its batch), and
   writes the shard atomically.  ``--num-gpus-per-worker`` is Ray's
   ``num_gpus`` of those actors.

Ray retries the tasks and restarts the actors of a node that dies; if the job
fails anyway, the shards already written stay, and running the same command
again does only the rest.
"""
from __future__ import annotations

import logging
import os
import socket
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import numpy as np
import pyarrow as pa

from clamp2_engine.cluster.convert import FILE_FIELDS, ConvertOptions, convert_shard, patch_arrays, \
    table_from_bytes, table_to_bytes
from clamp2_engine.cluster.errors import ClusterJobError, RayMissingError
from clamp2_engine.cluster.manifest import list_source
from clamp2_engine.cluster.shards import DEFAULT_SHARD_SIZE, JobInfo, ModelInfo, ShardPlan, plan_shards, \
    remove_stale_temp_files, shard_is_complete, write_shard
from clamp2_engine.errors import Clamp2Error

#: The columns of a written shard: the file/piece columns, then the model and the vector.
SHARD_SCHEMA = pa.schema(FILE_FIELDS + [
    pa.field("model", pa.string()),
    pa.field("weights_sha256", pa.string()),
    pa.field("vector", pa.list_(pa.float32())),
])

ProgressFn = Callable[[int, int], None]  # (files done, files total)
#: Retries of a parse task whose node died (Ray's default is 3).
TASK_RETRIES = 5


@dataclass
class ClusterJobOptions:
    """Everything ``clamp2 embed-cluster`` was asked for."""

    source: str
    model: str
    out_dir: Path
    address: str | None = None  # None / "auto": an existing cluster; "local": start one in this process
    num_gpus_per_worker: float = 0.0
    cpus_per_worker: float | None = None  # None: 1 with GPUs, else 0.25
    cpus_per_task: float = 0.5
    batch_patches: int = 8192
    workers: int | None = None
    shard_size: int = DEFAULT_SHARD_SIZE
    device: str = "auto"
    progress: ProgressFn | None = field(default=None, repr=False)

    def worker_cpus(self) -> float:
        """CPUs an embedding actor reserves.  With a GPU it needs a core to feed it; on a CPU-only cluster
        a quarter, so that a 1-CPU node holds an actor and a parsing task, and still two actors and a task
        after taking over the actor of a node that died (a full CPU per actor would starve the parsing)."""
        if self.cpus_per_worker is not None:
            return self.cpus_per_worker
        return 1.0 if self.num_gpus_per_worker > 0 else 0.25


@dataclass
class ClusterJobReport:
    files: int = 0
    shards: int = 0
    skipped_shards: int = 0
    written_shards: int = 0
    pieces: int = 0
    errors: int = 0
    seconds: float = 0.0
    nodes: int = 0
    workers: int = 0

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


# ----------------------------------------------------------------------------- model


def describe_model(path: str | Path) -> ModelInfo:
    """The job's model identity, read without loading the weights when the folder's config.json says it."""
    from clamp2_engine.checkpoints import load_model, read_model_config

    path = Path(path).expanduser().resolve()
    if path.is_dir() and (path / "config.json").exists() and (path / "model.safetensors").exists():
        cfg = read_model_config(path)
        if cfg.weights_sha256:
            return ModelInfo(cfg.name, cfg.kind, int(cfg.projection_dim), cfg.weights_sha256, str(path),
                             cfg.to_dict())
    return ModelInfo.of(load_model(path))


# ----------------------------------------------------------------------------- work on the nodes


def convert_row(row: dict[str, Any], options: dict[str, Any]) -> dict[str, Any]:
    """Ray Data ``map``: one shard row -> the same row plus its converted table as Arrow bytes."""
    plan = ShardPlan.from_row(row)
    table = convert_shard(plan, ConvertOptions.from_dict(options))
    return {**row, "payload": table_to_bytes(table)}


def embed_shard_table(embedder: Any, converted: pa.Table, model: ModelInfo) -> pa.Table:
    """Converted rows -> shard rows with vectors.  A piece that cannot be embedded fails its file, not the shard.

    The whole shard is embedded in one ``embed_patches`` call (length-sorted batches); if that raises
    (out of memory on a huge piece, say) each file is tried alone.
    """
    patch_size = embedder.loaded.config.music.patch_size
    arrays = patch_arrays(converted, patch_size)
    paths = converted.column("path").to_pylist()
    ok = [i for i, a in enumerate(arrays) if a is not None]
    vectors: dict[int, np.ndarray] = {}
    failed: dict[str, str] = {}
    if ok:
        try:
            matrix = embedder.embed_patches([arrays[i] for i in ok])
            vectors = dict(zip(ok, matrix))
        except Exception:
            by_file: dict[str, list[int]] = {}
            for i in ok:
                by_file.setdefault(paths[i], []).append(i)
            for path, rows in by_file.items():
                try:
                    vectors.update(zip(rows, embedder.embed_patches([arrays[i] for i in rows])))
                except Exception as exc:
                    failed[path] = f"embedding failed: {type(exc).__name__}: {str(exc).splitlines()[0][:300]}"
    records = converted.drop_columns(["patch_data"]).to_pylist()
    out: list[dict[str, Any]] = []
    reported: set[str] = set()
    for i, rec in enumerate(records):
        rec |= {"model": model.name, "weights_sha256": model.weights_sha256, "vector": None}
        path = rec["path"]
        if path in failed:
            if path in reported:
                continue
            reported.add(path)
            rec |= {"tune": None, "title": None, "composer": None, "meta_json": None, "duration_s": None,
                    "patches": None, "error": failed[path], "error_kind": "embed"}
        elif i in vectors:
            rec["vector"] = np.asarray(vectors[i], dtype=np.float32)
        out.append(rec)
    return pa.Table.from_pylist(out, schema=SHARD_SCHEMA)


def _ray_node_id() -> str | None:
    """The Ray node this process runs on (recorded in each shard's footer), None outside Ray."""
    try:
        import ray

        # is_initialized first: get_runtime_context() would start a local Ray instance otherwise.
        return ray.get_runtime_context().get_node_id() if ray.is_initialized() else None
    except Exception:
        return None


class ShardEmbedder:
    """Ray Data callable class: loads the model once per actor, then embeds and writes one shard per call."""

    def __init__(self, model: dict[str, Any], out_dir: str, device: str = "auto", batch_patches: int = 8192):
        from clamp2_engine.checkpoints import load_model, load_model_folder
        from clamp2_engine.embedder import Embedder

        self.model = ModelInfo(**model)
        self.out_dir = Path(out_dir)
        path = Path(self.model.path)
        if (path / "config.json").is_file() and (path / "model.safetensors").is_file():
            # verify: hash the weights this node actually has, not only the digest its config.json claims
            loaded = load_model_folder(path, verify=True)
        else:
            loaded = load_model(path)  # an official .pth: its digest is computed from the weights on load
        digest = loaded.config.weights_sha256
        if digest != self.model.weights_sha256:
            raise ClusterJobError(
                f"{socket.gethostname()}: the model at {self.model.path} has weights {str(digest)[:12]}…, not "
                f"{self.model.weights_sha256[:12]}… as on the driver; every node must see the same model folder")
        self.embedder = Embedder(loaded, device=device, batch_patches=batch_patches)
        self.node = socket.gethostname()
        self.ray_node = _ray_node_id()

    def __call__(self, batch: dict[str, np.ndarray]) -> dict[str, list[Any]]:
        out: dict[str, list[Any]] = {"name": [], "files": [], "pieces": [], "errors": [], "node": [], "seconds": []}
        for index, name, items, payload in zip(batch["index"], batch["name"], batch["items"], batch["payload"]):
            start = time.perf_counter()
            plan = ShardPlan.from_row({"index": index, "name": name, "items": items})
            table = embed_shard_table(self.embedder, table_from_bytes(payload), self.model)
            errors = table.column("error").drop_null()
            write_shard(self.out_dir, plan, table, {
                "shard": plan.name, "index": plan.index, "files": len(plan.items), "rows": table.num_rows,
                "errors": len(errors), "model": self.model.name, "weights_sha256": self.model.weights_sha256,
                "dim": self.model.dim, "device": str(self.embedder.torch_device), "node": self.node,
                "ray_node": self.ray_node, "pid": os.getpid(), "embed_seconds": round(time.perf_counter() - start, 4),
            })
            out["name"].append(plan.name)
            out["files"].append(len(plan.items))
            out["pieces"].append(table.num_rows - len(errors))
            out["errors"].append(len(errors))
            out["node"].append(f"{self.node}:{os.getpid()}")
            out["seconds"].append(time.perf_counter() - start)
        return out


# ----------------------------------------------------------------------------- the driver


def _import_ray() -> Any:
    try:
        import ray
        import ray.data  # noqa: F401
    except ImportError:
        raise RayMissingError() from None
    return ray


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[-1] if text else ''}"[:400]


def _connect(ray: Any, address: str | None) -> None:
    """``None``: Ray's own rule ($RAY_ADDRESS, else a cluster started on this machine, else a new local one);
    ``local``: always a new local instance; ``auto``, ``host:port``, ``ray://...``: that cluster."""
    kwargs: dict[str, Any] = {"logging_level": logging.WARNING, "log_to_driver": False}
    if address == "local":
        kwargs["include_dashboard"] = False
    try:
        ray.init(address=address or None, **kwargs)
    except Exception as exc:
        raise ClusterJobError(f"cannot connect to the Ray cluster at {address or 'the default address'} "
                              f"({_one_line(exc)})") from None


def _default_workers(ray: Any, gpus_per_worker: float) -> tuple[int, int]:
    """(alive nodes, actors): one per GPU share when GPUs are asked for, else one per node."""
    nodes = [n for n in ray.nodes() if n.get("Alive")]
    if gpus_per_worker > 0:
        gpus = float(ray.cluster_resources().get("GPU", 0))
        if gpus < gpus_per_worker:
            raise ClusterJobError(f"--num-gpus-per-worker {gpus_per_worker:g}: the cluster has {gpus:g} GPU(s)")
        return len(nodes), max(1, int(gpus // gpus_per_worker))
    return len(nodes), max(1, len(nodes))


def prepare_job(options: ClusterJobOptions) -> tuple[JobInfo, list[ShardPlan], ConvertOptions]:
    """List the files, plan the shards and claim the output folder (no Ray yet)."""
    from clamp2_engine.model.config import ModelConfig

    listing = list_source(options.source)
    model = describe_model(options.model)
    cfg = ModelConfig.from_dict(model.config, source=model.path)
    convert = ConvertOptions(cfg.preprocessing, cfg.music.patch_size)
    plans = plan_shards(listing.items, options.shard_size)
    out_dir = Path(options.out_dir).expanduser().resolve()
    out_dir.mkdir(parents=True, exist_ok=True)
    previous = JobInfo.load(out_dir)
    if previous is not None and previous.model.weights_sha256 != model.weights_sha256:
        raise ClusterJobError(
            f"{out_dir} holds shards of model {previous.model.name!r} (weights {previous.model.weights_sha256[:12]}…), "
            f"not of {model.name!r} ({model.weights_sha256[:12]}…); choose another --out")
    job = JobInfo(source=listing.source, root=listing.root, shard_size=options.shard_size, files=len(listing.items),
                  shards=[p.filename for p in plans], model=model)
    job.save(out_dir)
    return job, plans, convert


def run_job(options: ClusterJobOptions) -> ClusterJobReport:
    """Embed everything not yet in ``options.out_dir``; see the module docstring."""
    start = time.perf_counter()
    job, plans, convert = prepare_job(options)
    out_dir = Path(options.out_dir).expanduser().resolve()
    remove_stale_temp_files(out_dir)
    todo = [p for p in plans if not shard_is_complete(out_dir, p, job.model.weights_sha256)]
    report = ClusterJobReport(files=job.files, shards=len(plans), skipped_shards=len(plans) - len(todo))
    total_files = sum(len(p.items) for p in todo)
    progress = options.progress or (lambda done, total: None)
    if todo:
        ray = _import_ray()
        progress(0, total_files)
        _connect(ray, options.address)
        try:
            report.nodes, default_workers = _default_workers(ray, options.num_gpus_per_worker)
            report.workers = options.workers or default_workers
            done = _execute(ray, options, job, todo, convert, report, progress, total_files)
        finally:
            ray.shutdown()
        if done < len(todo):
            missing = [p for p in todo if not shard_is_complete(out_dir, p, job.model.weights_sha256)]
            if missing:
                raise ClusterJobError(f"{len(missing)} shard(s) were not written; run the same command again")
    report.seconds = time.perf_counter() - start
    return report


def _execute(ray: Any, options: ClusterJobOptions, job: JobInfo, todo: list[ShardPlan], convert: ConvertOptions,
             report: ClusterJobReport, progress: ProgressFn, total_files: int) -> int:
    from ray.data import ActorPoolStrategy, DataContext

    ctx = DataContext.get_current()
    ctx.enable_progress_bars = False
    ctx.print_on_execution_start = False
    logging.getLogger("ray.data").setLevel(logging.WARNING)
    ds = ray.data.from_items([p.to_row() for p in todo], override_num_blocks=len(todo))
    # max_retries: a parse task lost with its node is run again elsewhere.  Being a task-only argument, it
    # also keeps Ray Data from fusing this CPU stage into the embedding actors (fused, files would be
    # parsed only inside the few actors, and on GPU nodes).
    ds = ds.map(convert_row, fn_kwargs={"options": convert.to_dict()}, num_cpus=options.cpus_per_task,
                max_retries=TASK_RETRIES)
    ds = ds.map_batches(
        ShardEmbedder, batch_size=1, batch_format="numpy",
        # All actors start at once; the pool may shrink to one (a node lost for good).
        compute=ActorPoolStrategy(min_size=1, max_size=report.workers, initial_size=report.workers),
        num_cpus=options.worker_cpus(), num_gpus=options.num_gpus_per_worker or None,
        fn_constructor_kwargs={"model": job.model.__dict__, "out_dir": str(Path(options.out_dir).resolve()),
                               "device": options.device, "batch_patches": options.batch_patches},
    )
    done = files = 0
    try:
        for row in ds.iter_rows():
            done += 1
            files += int(row["files"])
            report.written_shards += 1
            report.pieces += int(row["pieces"])
            report.errors += int(row["errors"])
            progress(files, total_files)
    except Clamp2Error:
        raise
    except Exception as exc:
        raise ClusterJobError(f"the Ray job stopped after {done} of {len(todo)} shard(s) ({_one_line(exc)}); "
                              "the shards written are kept: run the same command again to finish") from None
    return done
