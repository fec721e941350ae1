"""Shards without a cluster: the plan, the Parquet files, the import (real model, real catalog, real files).

The embedding actor of ``embed-cluster`` is a plain class (Ray Data calls it);
here it is called directly, so these tests need pyarrow but no Ray.
"""
from __future__ import annotations

import json
import random
import sqlite3

import numpy as np
import pytest

pytest.importorskip("pyarrow", reason="the [ray] extra (pyarrow) is not installed")
import pyarrow as pa  # noqa: E402
import pyarrow.parquet as pq  # noqa: E402

from clamp2_engine.catalog import Catalog  # noqa: E402
from clamp2_engine.checkpoints import load_model  # noqa: E402
from clamp2_engine.cluster.embed_job import ShardEmbedder, convert_row, describe_model, prepare_job, \
    ClusterJobOptions  # noqa: E402
from clamp2_engine.cluster.errors import ShardModelMismatchError  # noqa: E402
from clamp2_engine.cluster.importer import import_embeddings  # noqa: E402
from clamp2_engine.cluster.manifest import SourceItem, list_source  # noqa: E402
from clamp2_engine.cluster.shards import plan_shards, remove_stale_temp_files, shard_is_complete  # noqa: E402
from clamp2_engine.embedder import Embedder  # noqa: E402
from clamp2_engine.reading import read_file  # noqa: E402
from model_factory import random_official_checkpoint  # noqa: E402
from music_factory import make_abc_file, make_midi  # noqa: E402


def tiny_model(path, seed=0):
    random_official_checkpoint(path, music_hidden=64, music_layers=1, patch_length=64, text_hidden=64,
                               text_layers=1, proj=16, seed=seed)
    return path


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    root = tmp_path_factory.mktemp("corpus")
    music = root / "music"
    for i in range(30):
        if i % 5:
            make_midi(music / f"d{i % 3}" / f"m{i:03d}.mid", n_notes=random.Random(i).randint(8, 200), n_tracks=2,
                      seed=i)
        else:
            make_abc_file(music / f"d{i % 3}" / f"t{i:03d}.abc", 3, seed=i)
    (music / "broken.mid").write_bytes(b"MThd\x00\x00\x00\x06\x00\x01")
    (music / "empty.abc").write_bytes(b"")
    model = tiny_model(root / "tiny.pth")
    return music, model


def run_in_process(music, model, out, shard_size=8):
    """What the Ray job does, stage by stage, in this process."""
    job, plans, convert = prepare_job(ClusterJobOptions(str(music), str(model), out, shard_size=shard_size))
    actor = ShardEmbedder(job.model.__dict__, str(out), device="cpu")
    for plan in plans:
        row = convert_row(plan.to_row(), convert.to_dict())
        actor({k: np.array([v], dtype=object) for k, v in row.items()})
    return job, plans


def test_plan_is_deterministic_and_names_follow_the_paths():
    items = [SourceItem(f"/m/{i:04d}.mid") for i in range(10)]
    shuffled = items[:]
    random.Random(3).shuffle(shuffled)
    a, b = plan_shards(items, 4), plan_shards(shuffled, 4)
    assert [p.name for p in a] == [p.name for p in b]
    assert [len(p.items) for p in a] == [4, 4, 2]
    assert a[0].name.startswith("shard-000000-")
    changed = plan_shards(items[:-1] + [SourceItem("/m/9999.mid")], 4)
    assert [p.name for p in changed][:2] == [p.name for p in a][:2] and changed[2].name != a[2].name


def test_manifests_list_the_same_files_as_the_folder(tmp_path, corpus):
    music, _ = corpus
    folder = list_source(music)
    assert folder.root == str(music.resolve())
    paths = [i.path for i in folder.items]
    assert len(paths) == 32 and paths == sorted(paths)
    txt = tmp_path / "list.txt"
    txt.write_text("# corpus\n\n" + "\n".join(reversed(paths)) + "\n" + paths[0] + "\n")
    assert [i.path for i in list_source(txt).items] == paths
    pq.write_table(pa.table({"path": paths}), tmp_path / "list.parquet")
    listing = list_source(tmp_path / "list.parquet")
    assert [i.path for i in listing.items] == paths and listing.root is None


def test_shards_hold_the_vectors_of_clamp2_embed_and_import_twice_without_duplicates(tmp_path, corpus):
    music, model = corpus
    out = tmp_path / "out"
    job, plans = run_in_process(music, model, out)
    assert all(shard_is_complete(out, p, job.model.weights_sha256) for p in plans)
    table = pa.concat_tables(pq.read_table(out / p.filename) for p in plans)
    assert set(table.column_names) >= {"path", "tune", "sha256", "model", "weights_sha256", "vector", "error"}
    assert table.schema.field("vector").type == pa.list_(pa.float32())
    errors = {r["path"].rsplit("/", 1)[1]: r["error"] for r in table.to_pylist() if r["error"]}
    assert set(errors) == {"broken.mid", "empty.abc"}

    # The same vectors as `clamp2 embed`'s code path (read_file -> encode -> embed_patches), within 1e-5.
    embedder = Embedder(load_model(model), device="cpu")
    ok = [r for r in table.to_pylist() if not r["error"]]
    by_key = {(r["path"], r["tune"]): np.asarray(r["vector"]) for r in ok}
    pieces = [p for f in sorted({r["path"] for r in ok}) for p in read_file(f, embedder.loaded.config.preprocessing).pieces]
    expected = embedder.embed_patches([embedder.encode_music_text(p.text) for p in pieces])
    got = np.stack([by_key[(p.path, p.tune_index)] for p in pieces])
    np.testing.assert_allclose(got, expected, atol=1e-5)

    db = tmp_path / "lib.db"
    with Catalog.open(db) as catalog:
        first = import_embeddings(out, catalog)
        again = import_embeddings(out, catalog)
        assert first.files == 32 and first.errors == 2 and first.pieces == len(ok) == first.indexed
        assert again.pieces == 0 and again.skipped_files == 30 and again.indexed == len(ok)
        assert len(catalog.file_states()) == 32
        assert sorted(e.path.rsplit("/", 1)[1] for e in catalog.errors()) == ["broken.mid", "empty.abc"]
        ids, vectors = catalog.embeddings(catalog.model_by_name(job.model.name).id)
        assert len(ids) == len(ok)
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT COUNT(*) FROM files").fetchone()[0] == 32
    assert conn.execute("SELECT COUNT(*), COUNT(DISTINCT file_id || '/' || tune_index) FROM pieces").fetchone() == (
        len(ok), len(ok))
    conn.close()


def test_import_refuses_shards_of_other_weights_before_writing_anything(tmp_path, corpus):
    music, model = corpus
    out = tmp_path / "out"
    run_in_process(music, model, out, shard_size=64)
    other = tiny_model(tmp_path / "tiny.pth", seed=1)  # same name "tiny", other weights
    with Catalog.open(tmp_path / "lib.db") as catalog:
        with pytest.raises(ShardModelMismatchError, match="weights") as info:
            import_embeddings(out, catalog, model=describe_model(other))
        assert "\n" not in str(info.value)
        assert catalog.stats()["files"] == 0 and catalog.models() == []
        # A library where that name already means other weights refuses them as well.
        rec = describe_model(other)
        catalog.register_model(rec.name, rec.kind, rec.dim, rec.weights_sha256, rec.path, rec.config)
        with pytest.raises(ShardModelMismatchError, match="has a model named 'tiny'"):
            import_embeddings(out, catalog)
        assert catalog.stats()["files"] == 0


def test_a_truncated_or_foreign_shard_is_not_complete_and_temp_files_are_cleared(tmp_path, corpus):
    music, model = corpus
    out = tmp_path / "out"
    job, plans = run_in_process(music, model, out)
    target = out / plans[1].filename
    target.write_bytes(target.read_bytes()[:200])
    assert not shard_is_complete(out, plans[1], job.model.weights_sha256)
    assert not shard_is_complete(out, plans[0], "0" * 64)
    (out / f".{plans[1].filename}.tmp-1-abc").write_bytes(b"half")
    assert remove_stale_temp_files(out) == 1
    doc = json.loads((out / "_job.json").read_text())
    assert doc["shards"] == [p.filename for p in plans] and doc["model"]["weights_sha256"] == job.model.weights_sha256


def test_an_actor_refuses_a_model_folder_whose_weights_are_not_those_of_its_config(tmp_path):
    from clamp2_engine.checkpoints import save_model_folder
    from clamp2_engine.errors import CheckpointError

    folder = save_model_folder(load_model(tiny_model(tmp_path / "tiny.pth")), tmp_path / "tiny")
    info = describe_model(folder)
    assert info.weights_sha256 and info.path == str(folder.resolve())
    ShardEmbedder(info.__dict__, str(tmp_path / "out"), device="cpu")  # the real folder loads
    config = json.loads((folder / "config.json").read_text())
    config["weights_sha256"] = "0" * 64  # another node's copy: same config claims, other bytes
    (folder / "config.json").write_text(json.dumps(config))
    with pytest.raises(CheckpointError, match="do not match"):
        ShardEmbedder(describe_model(folder).__dict__, str(tmp_path / "out"), device="cpu")
