"""embed-cluster throughput on 1 vs 2 Ray nodes (same corpus, same model), and the import rate into SQLite.

Each run starts a real local Ray cluster (``ray start`` on a loopback address,
1 CPU per node, as tests/test_cluster.py does), runs ``clamp2 embed-cluster``
as a user would, and stops the cluster.  Two rates per run:

* end to end: files / wall time of the command (connecting, starting worker
  processes - each imports torch - and the work);
* steady: files in shards 2..n / time between the first and the last shard
  written (what a long job approaches).

The 2-node output is then imported into a fresh library in this process
(``import_embeddings``): rows/s of the catalog writes, and the index build.

    python bench/cluster_bench.py                 # 4,000 files, a small random model
    python bench/cluster_bench.py --files 20000 --model resources/models/default
"""
from __future__ import annotations

import argparse
import json
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from clamp2_engine.catalog import Catalog  # noqa: E402
from clamp2_engine.cluster.importer import import_embeddings  # noqa: E402
from model_factory import random_official_checkpoint  # noqa: E402
from music_factory import make_abc_file, make_midi  # noqa: E402
from test_cluster import LocalCluster  # noqa: E402


def generate(folder: Path, n: int, seed: int) -> int:
    """n files: 90% small MIDI files, 10% ABC books of 2 tunes, in 40 folders."""
    rng = random.Random(seed)
    for i in range(n):
        sub = folder / f"artist{i % 40:02d}"
        if rng.random() < 0.9:
            make_midi(sub / f"m{i:06d}.mid", n_notes=rng.randint(8, 96), n_tracks=rng.randint(1, 3), seed=i)
        else:
            make_abc_file(sub / f"b{i:06d}.abc", 2, seed=i)
    return n


def run(nodes: int, music: Path, model: Path, out: Path, shard_size: int) -> dict:
    base = Path(tempfile.mkdtemp(prefix="c2rb", dir="/tmp"))
    cluster = LocalCluster(base)
    try:
        cluster.start(nodes)
        start = time.perf_counter()
        proc = subprocess.run(
            [sys.executable, "-m", "clamp2_engine", "embed-cluster", str(music), "--model", str(model),
             "--out", str(out), "--address", cluster.address, "--shard-size", str(shard_size),
             "--workers", str(nodes), "--device", "cpu", "--json"],
            capture_output=True, text=True, env=cluster.env, timeout=3600)
        wall = time.perf_counter() - start
    finally:
        cluster.stop()
        shutil.rmtree(base, ignore_errors=True)
    if proc.returncode != 0:
        raise SystemExit(f"embed-cluster on {nodes} node(s) failed:\n{proc.stderr[-3000:]}")
    report = json.loads(proc.stdout)
    times = sorted(p.stat().st_mtime for p in out.glob("shard-*.parquet"))
    steady_files = report["files"] - shard_size
    steady = steady_files / (times[-1] - times[0]) if len(times) > 1 and times[-1] > times[0] else float("nan")
    return {"nodes": nodes, "files": report["files"], "wall": wall, "end_to_end": report["files"] / wall,
            "steady": steady}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--files", type=int, default=4000)
    ap.add_argument("--shard-size", type=int, default=100)
    ap.add_argument("--model", default=None, help="model folder or .pth (default: a small random M3 model)")
    args = ap.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        t0 = time.perf_counter()
        generate(tmp / "music", args.files, seed=1)
        print(f"generated {args.files} files in {time.perf_counter() - t0:.1f} s")
        model = Path(args.model) if args.model else tmp / "model.pth"
        if args.model is None:
            random_official_checkpoint(model, music_hidden=128, music_layers=2, patch_length=128, text_hidden=64,
                                       text_layers=1, proj=32)
        results = [run(n, tmp / "music", model, tmp / f"out{n}", args.shard_size) for n in (1, 2)]

        with Catalog.open(tmp / "bench.db") as catalog:
            report = import_embeddings(tmp / "out2", catalog)
        write_s = report.seconds - report.index_seconds

    print(f"\nembed-cluster, {args.files} files, shards of {args.shard_size}, 1 CPU per node (2-core machine)")
    print(f"{'nodes':>6}{'wall s':>9}{'files/s end-to-end':>20}{'files/s steady':>16}")
    for r in results:
        print(f"{r['nodes']:>6}{r['wall']:9.1f}{r['end_to_end']:20.1f}{r['steady']:16.1f}")
    one, two = results
    print(f"2 nodes / 1 node: {two['end_to_end'] / one['end_to_end']:.2f}x end to end, "
          f"{two['steady'] / one['steady']:.2f}x steady")
    print(f"\nimport-embeddings: {report.rows} rows ({report.files} files, {report.pieces} pieces) in "
          f"{write_s:.2f} s = {report.rows / write_s:.0f} rows/s into SQLite; index of {report.indexed} built in "
          f"{report.index_seconds:.2f} s; total {report.seconds:.2f} s")


if __name__ == "__main__":
    main()
