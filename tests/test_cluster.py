"""embed-cluster on a REAL two-node Ray cluster on this machine, a node crash mid-run, a rerun, an import.

Two ``ray start`` processes on a loopback address, 1 CPU each; the second node's whole
process group (``ray start --block``, its raylet, object store and workers) is
killed with SIGKILL while the job runs, as a machine that dies would.  The
rerun must finish, skipping the shards already written; after the import every
file is in the catalog once, broken files are errors, and vectors equal those
of ``clamp2 embed`` within 1e-5.

Teardown kills the process groups this test started, by their ids (never
``ray stop``, which would stop every Ray instance of the user on the machine).

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m pytest -m cluster tests/test_cluster.py -q
"""
from __future__ import annotations

import json
import os
import random
import secrets
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("ray", reason="Ray is not installed (pip install 'clamp2-engine[ray]')")
pytest.importorskip("pyarrow", reason="pyarrow is not installed (pip install 'clamp2-engine[ray]')")

from model_factory import random_official_checkpoint  # noqa: E402
from music_factory import make_abc_file, make_midi  # noqa: E402

pytestmark = pytest.mark.cluster

RAY = str(Path(sys.executable).with_name("ray"))
N_MIDI, N_ABC, ABC_TUNES = 2200, 250, 2
SHARD_SIZE = 40
# A loopback address that Ray keeps as given (it swaps 127.0.0.1 for the machine's network address).
NODE_IP = "127.0.0.2"
# Notice a dead node within ~3 s instead of the default ~30 s.
FAST_FAILURE_ENV = {"RAY_health_check_period_ms": "1000", "RAY_health_check_timeout_ms": "1000",
                    "RAY_health_check_failure_threshold": "3", "RAY_health_check_initial_delay_ms": "1000"}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind((NODE_IP, 0))
        return s.getsockname()[1]


def _kill_group(proc: subprocess.Popen, grace: float = 5.0) -> None:
    """SIGTERM then SIGKILL to the process group this test created for ``proc`` (and only to it)."""
    try:
        pgid = os.getpgid(proc.pid)
    except ProcessLookupError:
        return
    if pgid != proc.pid:  # started with start_new_session: the group id is the leader's pid
        return
    for sig, wait in ((signal.SIGTERM, grace), (signal.SIGKILL, 5.0)):
        try:
            os.killpg(pgid, sig)
        except ProcessLookupError:
            break
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline and _group_alive(pgid):
            time.sleep(0.1)
            try:
                proc.wait(timeout=0)
            except subprocess.TimeoutExpired:
                pass
        if not _group_alive(pgid):
            break
    try:
        proc.wait(timeout=5)
    except subprocess.TimeoutExpired:
        pass


def _group_alive(pgid: int) -> bool:
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as fh:
                    fields = fh.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[2]) == pgid and fields[0] != "Z":
                return True
    return False


def _wait_for(log: Path, text: str, proc: subprocess.Popen, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if text in log.read_text(errors="replace"):
            return
        if proc.poll() is not None:
            break
        time.sleep(0.2)
    raise AssertionError(f"'{text}' not seen in {log}:\n{log.read_text(errors='replace')[-3000:]}")


class LocalCluster:
    """A head and a worker node, each ``ray start --block`` in its own process group."""

    def __init__(self, base: Path):
        self.base = base
        self.port = _free_port()
        self.address = f"{NODE_IP}:{self.port}"
        # Token authentication with a token of this test's own (Ray 2.60 turns it on by itself when a token
        # exists in ~/.ray, and a node or driver without the token is refused); drivers get the same env.
        self.env = {**os.environ, **FAST_FAILURE_ENV, "RAY_USAGE_STATS_ENABLED": "0", "RAY_AUTH_MODE": "token",
                    "RAY_AUTH_TOKEN": secrets.token_hex(32)}
        self.procs: dict[str, subprocess.Popen] = {}

    def _start(self, name: str, args: list[str]) -> None:
        log = self.base / f"{name}.log"
        fh = open(log, "w")
        cpu = self._cpu_for(len(self.procs))
        self.procs[name] = subprocess.Popen([RAY, "start", "--block", "--num-cpus", "1", "--node-ip-address",
                                             NODE_IP, *args], stdout=fh, stderr=subprocess.STDOUT,
                                            env=self.env, start_new_session=True,
                                            preexec_fn=None if cpu is None else lambda: os.sched_setaffinity(0, {cpu}))
        _wait_for(log, "Ray runtime started", self.procs[name])

    @staticmethod
    def _cpu_for(node: int) -> int | None:
        """The core node ``node`` is pinned to (its raylet and workers inherit it), so that a node of
        1 CPU uses one core, as a machine of its own would; None where affinity is not available."""
        if not hasattr(os, "sched_setaffinity"):
            return None
        cores = sorted(os.sched_getaffinity(0))
        return cores[node % len(cores)]

    def start(self, nodes: int = 2) -> None:
        self._start("head", ["--head", "--port", str(self.port), "--include-dashboard=false",
                             "--temp-dir", str(self.base / "t"), "--disable-usage-stats"])
        for n in range(2, nodes + 1):
            self._start(f"node{n}", ["--address", self.address])

    def crash(self, name: str) -> None:
        _kill_group(self.procs[name], grace=0)  # straight to SIGKILL: a crash, not a shutdown

    def stop(self) -> None:
        for name in reversed(list(self.procs)):
            _kill_group(self.procs[name])


@pytest.fixture
def ray_cluster(request):
    # Ray's unix socket paths must stay under ~107 bytes: a short base folder, not pytest's tmp_path.
    base = Path(tempfile.mkdtemp(prefix="c2ray", dir="/tmp"))
    cluster = LocalCluster(base)
    drivers: list[subprocess.Popen] = []
    cluster.drivers = drivers

    def finish():
        for proc in drivers:
            _kill_group(proc)
        cluster.stop()
        shutil.rmtree(base, ignore_errors=True)

    request.addfinalizer(finish)
    cluster.start()
    return cluster


def _corpus(folder: Path) -> tuple[list[Path], list[Path]]:
    """(good files, broken files).  Small MIDI files, ABC books of 2 tunes, 6 broken files."""
    good = []
    rng = random.Random(7)
    for i in range(N_MIDI):
        good.append(make_midi(folder / f"artist{i % 40:02d}" / f"m{i:05d}.mid", n_notes=rng.randint(8, 48),
                              n_tracks=rng.randint(1, 2), seed=i))
    for i in range(N_ABC):
        good.append(make_abc_file(folder / f"books{i % 10}" / f"b{i:04d}.abc", ABC_TUNES, seed=i))
    broken = {"broken/truncated.mid": b"MThd\x00\x00\x00\x06\x00\x01", "broken/garbage.mid": os.urandom(300),
              "broken/empty.abc": b"", "broken/not_music.abc": b"hello, this is not ABC\n",
              "broken/zero.kar": b"", "broken/text.midi": b"MIDI? no.\n"}
    paths = []
    for name, data in broken.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
        paths.append(folder / name)
    return good, paths


def clamp2(*args: str, timeout: float = 300, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "clamp2_engine", *args], capture_output=True, text=True,
                          timeout=timeout, env=env)


def _popen_clamp2(cluster: LocalCluster, log: Path, *args: str) -> subprocess.Popen:
    fh = open(log, "w")
    proc = subprocess.Popen([sys.executable, "-m", "clamp2_engine", *args], stdout=fh, stderr=subprocess.STDOUT,
                            start_new_session=True, env=cluster.env)
    cluster.drivers.append(proc)
    return proc


def test_two_nodes_a_crash_a_rerun_and_an_import(ray_cluster, tmp_path):
    music = tmp_path / "music"
    good, broken = _corpus(music)
    n_files = len(good) + len(broken)
    n_shards = -(-n_files // SHARD_SIZE)
    model = tmp_path / "tiny.pth"
    random_official_checkpoint(model, music_hidden=64, music_layers=1, patch_length=64, text_hidden=64,
                               text_layers=1, proj=16)
    out = tmp_path / "shards"
    job = ["embed-cluster", str(music), "--model", str(model), "--out", str(out), "--address", ray_cluster.address,
           "--shard-size", str(SHARD_SIZE), "--workers", "2", "--device", "cpu", "--json"]

    def written() -> int:
        return len(list(out.glob("shard-*.parquet")))

    def wait_for_shards(n: int, proc: subprocess.Popen, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and written() < n and proc.poll() is None:
            time.sleep(0.05)

    # Run 1: crash the second node once a few shards are written.  Ray retries its tasks and restarts its
    # actor on the head; once the job has gone on a little, the driver is killed too (a job that dies), so
    # that the rerun has real work left as well as finished shards to skip.
    first = _popen_clamp2(ray_cluster, tmp_path / "run1.log", *job)
    wait_for_shards(3, first, timeout=180)
    done_at_crash = written()
    assert 0 < done_at_crash < n_shards, (done_at_crash, (tmp_path / "run1.log").read_text()[-3000:])
    ray_cluster.crash("node2")
    wait_for_shards(done_at_crash + 3, first, timeout=90)
    _kill_group(first, grace=0)
    log1 = (tmp_path / "run1.log").read_text()
    written_by_first = written()
    assert written_by_first >= done_at_crash, log1[-3000:]

    # Run 2: finishes on the head alone, skipping every shard already written.
    second = clamp2(*job, timeout=240, env=ray_cluster.env)
    assert second.returncode == 0, (second.stderr[-3000:], log1[-3000:])
    report = json.loads(second.stdout)
    assert report["files"] == n_files and report["shards"] == n_shards
    assert report["skipped_shards"] == written_by_first
    assert report["skipped_shards"] + report["written_shards"] == n_shards
    assert report["written_shards"] > 0 or first.returncode == 0  # a killed first run left work for the rerun
    assert not list(out.glob(".shard-*")), "temporary files left behind"

    # Import, twice: the second changes nothing.
    db = tmp_path / "lib.db"
    imported = clamp2("import-embeddings", str(out), "--db", str(db), "--json")
    assert imported.returncode == 0, imported.stderr
    first_import = json.loads(imported.stdout)
    again = clamp2("import-embeddings", str(out), "--db", str(db), "--json")
    assert again.returncode == 0, again.stderr
    second_import = json.loads(again.stdout)
    n_pieces = N_MIDI + N_ABC * ABC_TUNES
    assert first_import["files"] == n_files and first_import["pieces"] == n_pieces == first_import["indexed"]
    assert second_import["pieces"] == 0 and second_import["skipped_files"] == len(good)

    # Every file exactly once; broken files are errors with their reason.
    conn = sqlite3.connect(db)
    rows = conn.execute("SELECT path, status, error FROM files").fetchall()
    assert len(rows) == n_files and {r[0] for r in rows} == {str(p.resolve()) for p in good + broken}
    assert {r[0] for r in rows if r[1] == "error"} == {str(p.resolve()) for p in broken}
    assert all(r[2] for r in rows if r[1] == "error")
    assert conn.execute("SELECT COUNT(*) FROM pieces").fetchone()[0] == n_pieces
    assert conn.execute("SELECT COUNT(*) FROM embeddings").fetchone()[0] == n_pieces
    conn.close()

    # Vectors equal `clamp2 embed` (same model, one machine) within 1e-5, for a sample of files.
    sample = random.Random(1).sample(good, 40)
    emb = clamp2("embed", *map(str, sample), "--model", str(model), "--out", str(tmp_path / "ref.npy"),
                 "--device", "cpu")
    assert emb.returncode == 0, emb.stderr
    ref = np.load(tmp_path / "ref.npy")
    ref_rows = json.loads((tmp_path / "ref.json").read_text())["rows"]
    from clamp2_engine.catalog import Catalog

    with Catalog.open(db) as catalog:
        model_id = catalog.models()[0].id
        for row in ref_rows:
            piece = next(p for p in catalog.pieces_of_file(Path(row["path"]).resolve())
                         if p.tune_index == (row["tune"] or 0))
            _, vec = catalog.embeddings(model_id, [piece.id])
            np.testing.assert_allclose(vec[0], ref[row["row"]], atol=1e-5)

    # The library works: similar pieces, and a scan of the same folder embeds nothing again.
    similar = clamp2("similar", str(sample[0]), "--db", str(db), "--model", str(model), "-k", "3", "--json")
    assert similar.returncode == 0, similar.stderr
    hits = json.loads(similar.stdout)
    assert hits[0]["path"] == str(sample[0].resolve()) and hits[0]["score"] > 0.999
    scan = clamp2("scan", str(music), "--db", str(db), "--model", str(model), "--json")
    assert scan.returncode == 0, scan.stderr
    scanned = json.loads(scan.stdout)["scan"]
    assert scanned["unchanged"] == n_files and scanned["new"] == 0 and scanned["pieces_embedded"] == 0
