"""On-device fine-tuning over a real library: the bundled default model, generated ABC tunes, a real catalog.

The tunes are generated with a clear rhythm (jig 6/8, waltz 3/4, polka 2/4,
reel/hornpipe 4/4) and tagged by rhythm as a user would; the model input never
sees the tag (label-free preprocessing strips R: and T:).
"""
from __future__ import annotations

import hashlib
import json
import random
import subprocess
import sys
from pathlib import Path

import pytest

from clamp2_engine.catalog import Catalog
from clamp2_engine.library import Library
from clamp2_engine.settings import Settings
from clamp2_engine.training.finetune import FinetuneError, FinetuneOptions, Finetuner
from clamp2_engine.training.finetune_data import clean_name, collect_pairs, split_pairs

from music_factory import ABC_RHYTHMS, make_abc_tune

ROOT = Path(__file__).resolve().parents[1]


def _digest(folder: Path) -> str:
    h = hashlib.sha256()
    for p in sorted(folder.rglob("*")):
        if p.is_file():
            h.update(p.name.encode())
            h.update(p.read_bytes())
    return h.hexdigest()


def _settings(tmp: Path) -> Settings:
    return Settings.from_env(db=tmp / "lib.db", environ={"CLAMP2_DATA_DIR": str(tmp / "data"),
                                                         "CLAMP2_RESOURCES": str(ROOT / "resources")})


@pytest.fixture(scope="module")
def tagged(tmp_path_factory):
    """120 generated tunes in two folders, scanned with the bundled model, each tagged with its rhythm."""
    tmp = tmp_path_factory.mktemp("finetune")
    music = tmp / "music"
    rng = random.Random(0)
    truth = {}
    for i in range(120):
        rhythm = rng.choice(sorted(ABC_RHYTHMS))
        folder = music / ("session" if i % 2 else "book")
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{hashlib.sha1(str(i).encode()).hexdigest()[:12]}.abc"
        path.write_text(make_abc_tune(1, seed=i, rhythm=rhythm, title=f"Tune {i}",
                                       origin=("Clare", "Kerry", "Sligo", "Donegal")[i % 4]), encoding="utf-8")
        truth[path.name] = rhythm
    settings = _settings(tmp)
    with Library.open(settings) as lib:
        lib.scan([music])
        cat = lib.catalog
        for pid in cat.all_piece_ids().tolist():
            cat.tag_piece([pid], truth[Path(cat.piece(pid).path).name])
        parent = Path(lib.loaded.source)
    return settings, parent, truth


def test_pairs_come_from_user_tags_titles_fields_and_names_not_auto_tags(tagged):
    settings, _, truth = tagged
    with Catalog.open(settings.db_path) as cat:
        pid = int(cat.all_piece_ids()[0])
        cat.tag_piece([pid], "machine guess", source="auto", score=0.9, model_id=cat.models()[0].id)
        pairs = {p.piece_id: p for p in collect_pairs(cat)}
        cat.untag([pid], "machine guess", source="auto")
    p = pairs[pid]
    assert truth[Path(p.path).name] in p.texts           # the user tag
    assert "machine guess" not in p.texts                 # never the model's own guesses
    fields = [t for t, s in zip(p.texts, p.sources) if s == "field"]
    assert fields and fields[0] in ("Clare", "Kerry", "Sligo", "Donegal")  # O: of the tune
    assert "folder" in p.sources                          # "book" / "session"
    assert "file" not in p.sources                        # a hash-like file name says nothing
    assert "title" not in p.sources                       # "Tune 7" says nothing either


def test_clean_name_keeps_words_and_drops_noise():
    assert clean_name("Irish_jigs") == "Irish jigs"
    assert clean_name("track01") is None
    assert clean_name("3fa9c0e1b2d4") is None
    assert clean_name("Untitled 3") is None
    assert clean_name("悲しいワルツ") == "悲しいワルツ"


def test_vocabulary_tag_brings_its_names_in_every_language(tagged):
    settings, _, _ = tagged
    from clamp2_engine.tagging import available_vocabularies

    vocabs = available_vocabularies(settings)
    genre = vocabs["genre"]
    label = genre.labels[0]
    with Catalog.open(settings.db_path) as cat:
        pid = int(cat.all_piece_ids()[1])
        cat.tag_piece([pid], label.id, vocabulary="genre")
        pair = next(p for p in collect_pairs(cat, vocabs) if p.piece_id == pid)
        cat.untag([pid], label.id, vocabulary="genre")
    for lang in ("en", "es", "zh", "de"):
        assert any(label.names[lang] in t for t in pair.texts), lang


def test_split_is_stable_when_the_library_grows(tagged):
    settings, _, _ = tagged
    with Catalog.open(settings.db_path) as cat:
        pairs = collect_pairs(cat)
    train, hold = split_pairs(pairs, 0.2)
    _, hold_less = split_pairs(pairs[:-10], 0.2)
    assert 0.1 * len(pairs) < len(hold) < 0.3 * len(pairs)
    assert not {p.piece_id for p in train} & {p.piece_id for p in hold}
    assert {p.piece_id for p in hold_less} <= {p.piece_id for p in hold} | {p.piece_id for p in pairs[-10:]}


def test_finetune_beats_the_parent_on_held_out_pieces_and_registers_a_child(tagged):
    settings, parent, _ = tagged
    before = _digest(parent)
    with Catalog.open(settings.db_path) as cat:
        tuner = Finetuner(settings, cat, None, "rhythm-ft", FinetuneOptions(epochs=4, patience=4))
        result = tuner.run()
        record = cat.model_by_name("rhythm-ft")
        parent_record = cat.model(record.parent_id)
    assert result.status == "finished"
    assert result.mrr_after > result.mrr_before
    assert record.kind == "finetuned" and parent_record.name == result.parent
    config = json.loads((settings.models_dir / "rhythm-ft" / "config.json").read_text())
    assert config["kind"] == "finetuned" and config["parent"] == result.parent
    assert config["metrics"]["heldout_mrr_after"] > config["metrics"]["heldout_mrr_before"]
    assert _digest(parent) == before                    # the parent is never written to
    assert not (settings.data_dir / "finetune" / "rhythm-ft").exists()  # the run's checkpoints are cleaned up
    with Library.open(settings, "rhythm-ft") as lib:     # usable at once: embeds the library, answers a query
        report = lib.scan([Path(r.path) for r in lib.catalog.roots()])
        assert report.pieces_embedded == 120
        assert len(lib.search_text("a jig", 5)) == 5


def test_cancelled_run_changes_nothing_and_resumes(tagged):
    settings, parent, _ = tagged
    before = _digest(parent)
    trained = {"steps": 0}

    def progress(p) -> None:
        trained["steps"] += p.phase == "train"

    def stop() -> bool:  # cancel in the middle of the first epoch
        return trained["steps"] >= 3

    with Catalog.open(settings.db_path) as cat:
        models = [(m.name, m.weights_sha256) for m in cat.models()]
        tuner = Finetuner(settings, cat, None, "cancelled-ft", FinetuneOptions(epochs=2), should_stop=stop,
                          progress=progress)
        result = tuner.run()
        assert result.status == "cancelled" and result.path is None
        assert [(m.name, m.weights_sha256) for m in cat.models()] == models
        assert cat.integrity_check() == "ok"
    assert not (settings.models_dir / "cancelled-ft").exists()
    assert _digest(parent) == before
    with Library.open(settings) as lib:
        assert len(lib.search_text("a waltz", 5)) == 5
    logs: list[str] = []
    with Catalog.open(settings.db_path) as cat:
        again = Finetuner(settings, cat, None, "cancelled-ft", FinetuneOptions(epochs=2), log=logs.append).run()
    assert any("resumed" in line for line in logs)
    assert again.mrr_before == result.mrr_before and again.status in ("finished", "no_improvement")


def test_cancel_while_reading_the_library_changes_nothing(tagged):
    settings, _, _ = tagged
    with Catalog.open(settings.db_path) as cat:
        models = [(m.name, m.weights_sha256) for m in cat.models()]
        result = Finetuner(settings, cat, None, None, should_stop=lambda: True).run()
        assert result.status == "cancelled" and result.path is None
        assert [(m.name, m.weights_sha256) for m in cat.models()] == models
    assert not (settings.data_dir / "finetune" / result.name).exists()


def test_without_a_name_the_same_command_resumes_the_unfinished_run(tagged):
    settings, _, _ = tagged
    with Catalog.open(settings.db_path) as cat:
        first = Finetuner(settings, cat, None, None)
        assert first.name.endswith("-ft")
        trained = {"steps": 0}
        first.progress = lambda p: trained.__setitem__("steps", trained["steps"] + (p.phase == "train"))
        first.should_stop = lambda: trained["steps"] >= 2
        assert first.run().status == "cancelled"
        again = Finetuner(settings, cat, None, None, FinetuneOptions(epochs=3, max_minutes=5))  # new limits
        assert again.name == first.name
        logs: list[str] = []
        again.log = logs.append
        again.run()
    assert any("resumed" in line for line in logs)


def test_too_little_data_and_taken_names_are_refused_clearly(tmp_path, tagged):
    settings, _, _ = tagged
    with Catalog.open(settings.db_path) as cat:
        with pytest.raises(FinetuneError, match="already exists"):
            Finetuner(settings, cat, None, cat.models()[0].name)
        with pytest.raises(FinetuneError, match="cannot be a model name"):
            Finetuner(settings, cat, None, "../evil")
    empty = _settings(tmp_path)
    with Catalog.open(empty.db_path) as cat:
        with pytest.raises(FinetuneError, match="too little to learn from"):
            Finetuner(empty, cat, None, "nothing").prepare()


def test_cli_finetune_json_and_use_embeds_the_library(tagged, tmp_path):
    settings, _, _ = tagged
    env = {"CLAMP2_DATA_DIR": str(settings.data_dir), "CLAMP2_RESOURCES": str(ROOT / "resources"),
           "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    proc = subprocess.run([sys.executable, "-m", "clamp2_engine", "finetune", "--db", str(settings.db_path),
                           "--name", "cli-ft", "--epochs", "3", "--use", "--json"],
                          capture_output=True, text=True, env=env, timeout=600)
    assert proc.returncode == 0, proc.stderr[-2000:]
    doc = json.loads(proc.stdout)
    assert doc["status"] == "finished" and doc["embedded"] == 120
    assert doc["heldout_mrr_after"] > doc["heldout_mrr_before"] and doc["peak_rss_mb"] > 0
    with Catalog.open(settings.db_path) as cat:
        assert cat.get_meta("default_model") == "cli-ft"
        assert len(cat.embedding_ids(cat.model_by_name("cli-ft").id)) == 120


def test_an_official_layout_model_with_its_own_text_tower_fine_tunes_too(tmp_path, tiny_checkpoint):
    """XLM-R-style tower (the official layout, the reference checkpoint + a real tokenizer): its features
    come from the tower itself, and text_proj can train on them."""
    from clamp2_engine.model_import import import_model
    from model_factory import tiny_tokenizer_dir

    settings = _settings(tmp_path)
    imported = import_model(tiny_checkpoint, settings, name="official-tiny",
                            tokenizer_dir=tiny_tokenizer_dir(tmp_path / "tok"))
    assert imported.can_embed_text
    music = tmp_path / "music"
    music.mkdir()
    rng = random.Random(3)
    truth = {}
    for i in range(40):
        rhythm = rng.choice(sorted(ABC_RHYTHMS))
        path = music / f"{hashlib.sha1(str(i).encode()).hexdigest()[:12]}.abc"
        path.write_text(make_abc_tune(1, seed=500 + i, rhythm=rhythm), encoding="utf-8")
        truth[path.name] = rhythm
    with Library.open(settings, "official-tiny") as lib:
        lib.scan([music])
        for pid in lib.catalog.all_piece_ids().tolist():
            lib.catalog.tag_piece([pid], truth[Path(lib.catalog.piece(pid).path).name])
    with Catalog.open(settings.db_path) as cat:
        tuner = Finetuner(settings, cat, "official-tiny", None,
                          FinetuneOptions(epochs=2, patience=2, train_text_proj=True))
        result = tuner.run()
    assert tuner.text_feats.shape[1] == tuner.loaded.config.text.hidden_size
    assert result.status in ("finished", "no_improvement") and len(result.history) == 2
