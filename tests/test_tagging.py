"""Zero-shot tags and linear probes over a real library: the demo files, the
fixture CLaMP 2 model (with a real word-level tokenizer), a real SQLite
catalog.  Label prompts are restricted to a few languages where the full
ensembling is not what is being tested, to keep the file fast on CPU."""
from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import numpy as np
import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from clamp2_engine import tagging
from clamp2_engine.cli import main as cli_main
from clamp2_engine.library import Library
from clamp2_engine.settings import Settings
from model_factory import tiny_tokenizer_dir

ROOT = Path(__file__).resolve().parents[1]
VOCAB_DIR = ROOT / "resources" / "vocabularies"
DEMO_DIR = ROOT / "resources" / "demo"
REQUIRED_LANGS = {"en", "es", "fr", "de", "it", "pt", "ru", "zh", "ja", "ko", "ar"}

MINI = {
    "format": "clamp2-vocabulary", "version": 1, "name": "mini",
    "prompts": {"en": ["{label}", "A piece of music: {label}"], "es": ["{label}", "Una pieza musical: {label}"]},
    "labels": [
        {"id": "reel", "names": {"en": "irish reel", "es": "reel"}},
        {"id": "waltz", "names": {"en": "waltz", "es": "vals"}},
        {"id": "lullaby", "names": {"en": "lullaby", "es": "canción de cuna"}},
        {"id": "chinese", "names": {"en": "chinese folk song", "es": "canción popular china"}},
    ],
    "calibration": {"center": True, "top_k": 1, "threshold": 0.0, "margin": 0.0},
}


@pytest.fixture(scope="module")
def env(tmp_path_factory, reference_dir):
    tmp = tmp_path_factory.mktemp("tagging")
    ckpt = tmp / "model" / "tiny_clamp2.pth"
    ckpt.parent.mkdir()
    shutil.copy(reference_dir / "tiny_clamp2.pth", ckpt)
    tiny_tokenizer_dir(ckpt.parent / "tokenizer")
    data = tmp / "data"
    (data / "vocabularies").mkdir(parents=True)
    (data / "vocabularies" / "mini.json").write_text(json.dumps(MINI))
    settings = Settings.from_env(db=tmp / "lib.db", environ={"CLAMP2_DATA_DIR": str(data)})
    with Library.open(settings, ckpt, device="cpu") as lib:
        report = lib.scan([DEMO_DIR], workers=1)
        assert report.failed == 0 and report.pieces_embedded > 20
    return {"tmp": tmp, "ckpt": ckpt, "settings": settings, "data": data}


@pytest.fixture
def lib(env):
    with Library.open(env["settings"], env["ckpt"], device="cpu") as library:
        yield library


def mini_vocab(env, **calibration) -> tagging.Vocabulary:
    vocab = tagging.available_vocabularies(env["settings"])["mini"]
    return vocab.with_calibration(tagging.Calibration.from_dict({**MINI["calibration"], **calibration}))


# ---------------------------------------------------------------- vocabularies

@pytest.mark.parametrize("name", ["genre", "mood", "ensemble", "era", "form", "region"])
def test_builtin_vocabularies_are_multilingual_with_prompt_ensembles(name):
    vocab = tagging.load_vocabulary(VOCAB_DIR / f"{name}.json", min_languages=10)
    assert vocab.name == name and len(vocab.labels) >= 5
    for label in vocab.labels:
        assert REQUIRED_LANGS <= set(label.names), (label.id, REQUIRED_LANGS - set(label.names))
        assert len(vocab.prompts_for(label)) >= 2 * len(REQUIRED_LANGS)
    for lang in REQUIRED_LANGS:
        assert 2 <= len(vocab.prompts[lang]) <= 4
    raw = json.loads((VOCAB_DIR / f"{name}.json").read_text())
    assert {"top_k", "threshold", "margin"} <= set(raw["calibration"])


def test_user_vocabulary_folder_is_read_and_bad_files_reported(env, tmp_path):
    vocabs = tagging.available_vocabularies(env["settings"])
    assert {"genre", "region", "mini"} <= set(vocabs)
    assert vocabs["mini"].path == env["data"] / "vocabularies" / "mini.json"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"name": "bad", "labels": [{"id": "x", "names": {"en": ""}}]}))
    with pytest.raises(tagging.VocabularyError):
        tagging.load_vocabulary(bad)
    with pytest.raises(tagging.VocabularyError, match="10 needed"):
        tagging.load_vocabulary(env["data"] / "vocabularies" / "mini.json", min_languages=10)


# ---------------------------------------------------------------- calibration

def test_assign_respects_top_k_threshold_and_margin():
    scores = np.array([[0.9, 0.1, 0.0], [0.5, 0.49, 0.0], [0.2, 0.1, 0.15]])
    cal = tagging.Calibration(center=False, top_k=1, threshold=0.3, margin=0.05)
    assert tagging.assign(scores, cal) == [[0], [], []]
    cal2 = tagging.Calibration(center=False, top_k=2, threshold=0.0, margin=0.0)
    assert tagging.assign(scores, cal2) == [[0, 1], [0, 1], [0, 2]]
    fitted, metrics = tagging.fit_calibration(scores, [0, 1, -1])
    assert metrics["f1"] > 0 and fitted.top_k in (1, 2)


def test_label_embeddings_are_cached_per_model_weights(env, lib):
    vocab = mini_vocab(env)
    cache = env["tmp"] / "cache"
    first = tagging.label_embeddings(lib.embedder, vocab, cache)
    files = list(cache.rglob("*.npy"))
    assert len(files) == 1 and lib.loaded.config.weights_sha256[:32] in str(files[0])
    assert np.allclose(np.linalg.norm(first, axis=1), 1, atol=1e-5)
    np.save(files[0], first * 0 + 1 / np.sqrt(first.shape[1]))  # the cache is what is read next time
    assert np.allclose(tagging.label_embeddings(lib.embedder, vocab, cache), 1 / np.sqrt(first.shape[1]))
    assert np.allclose(tagging.label_embeddings(lib.embedder, vocab, None), first, atol=1e-5)


def test_auto_tags_respect_calibration(env, lib):
    loose = mini_vocab(env, center=False, threshold=-1.0)
    [rep] = tagging.tag_library(lib.catalog, lib.embedder, lib.model.id, [loose])
    n = rep.pieces
    assert rep.tagged == n  # top-1 with no threshold: exactly one tag per piece, never every tag
    per_piece = [sum(1 for t in lib.catalog.tags_of(pid) if t.source == "auto" and t.tag.vocabulary == "mini")
                 for pid in lib.catalog.embedding_ids(lib.model.id)]
    assert set(per_piece) == {1}
    strict = mini_vocab(env, center=True, threshold=0.0, margin=0.002)
    [rep2] = tagging.tag_library(lib.catalog, lib.embedder, lib.model.id, [strict])
    assert 0 < rep2.tagged < n
    rows = [t for pid in lib.catalog.embedding_ids(lib.model.id) for t in lib.catalog.tags_of(pid)
            if t.source == "auto" and t.tag.vocabulary == "mini"]
    assert len(rows) == rep2.tagged and all(t.model_id == lib.model.id and t.score is not None for t in rows)


def test_retag_replaces_auto_tags_keeps_user_tags_and_rejections(env, lib):
    cat = lib.catalog
    vocab = mini_vocab(env, center=False, threshold=-1.0)
    tagging.tag_library(cat, lib.embedder, lib.model.id, [vocab])
    pid = int(cat.embedding_ids(lib.model.id)[0])
    [auto] = [t for t in cat.tags_of(pid) if t.source == "auto" and t.tag.vocabulary == "mini"]
    # the user's own tag on the same vocabulary tag, and an auto tag from an older model
    cat.tag_piece([pid], auto.tag, source="user")
    old = cat.register_model("older", "official", lib.model.dim, "0" * 64, None)
    cat.tag_piece([pid], cat.add_tag("lullaby", "mini"), source="auto", score=0.9, model_id=old.id)
    second = int(cat.embedding_ids(lib.model.id)[1])
    [rej] = [t for t in cat.tags_of(second) if t.source == "auto" and t.tag.vocabulary == "mini"]
    tagging.reject_auto_tag(cat, [second], rej.tag)
    assert not [t for t in cat.tags_of(second) if t.source == "auto" and t.tag.vocabulary == "mini"]

    tagging.tag_library(cat, lib.embedder, lib.model.id, [vocab])
    tags = cat.tags_of(pid)
    assert [t.source for t in tags if t.tag.id == auto.tag.id].count("user") == 1
    assert all(t.model_id == lib.model.id for t in tags if t.source == "auto")  # the old model's went
    assert not any(t.tag.id == rej.tag.id and t.source == "auto" for t in cat.tags_of(second))  # stays rejected

    # accept: the suggestion becomes the user's tag
    third = int(cat.embedding_ids(lib.model.id)[2])
    [sug] = [t for t in cat.tags_of(third) if t.source == "auto" and t.tag.vocabulary == "mini"]
    tagging.accept_auto_tag(cat, [third], sug.tag)
    assert [(t.tag.id, t.source) for t in cat.tags_of(third) if t.tag.vocabulary == "mini"] == [(sug.tag.id, "user")]


# ---------------------------------------------------------------- probes

def test_probe_trains_with_five_positives_and_reports_cv_accuracy(env, lib):
    cat = lib.catalog
    oneills = [r.id for pid in cat.embedding_ids(lib.model.id) for r in [cat.piece(int(pid))]
               if "oneills" in Path(r.path).name]
    assert len(oneills) >= 5
    cat.tag_piece(oneills[:4], "o'neill")
    assert tagging.train_probes(cat, lib.model.id, min_positives=5) == []  # 4 is not enough
    cat.tag_piece(oneills, "o'neill")
    [rep] = tagging.train_probes(cat, lib.model.id, min_positives=5, tags=["o'neill"])
    assert rep.positives == len(oneills) and rep.cv is not None
    assert rep.cv["folds"] >= 2 and 0.0 <= rep.cv["accuracy"] <= 1.0
    assert 0.5 <= rep.cv["majority_baseline"] < 1.0
    probe_rows = [pid for pid in cat.embedding_ids(lib.model.id)
                  for t in cat.tags_of(int(pid)) if t.source == "probe" and t.tag.name == "o'neill"]
    assert len(probe_rows) == rep.suggested
    assert not set(probe_rows) & set(oneills)  # suggestions only where the user has not tagged


def test_probe_separates_a_learnable_tag():
    rng = np.random.default_rng(0)
    x = rng.normal(size=(80, 16)).astype(np.float32)
    y = (x[:, 0] + 0.2 * rng.normal(size=80) > 0.8).astype(np.int64)
    cv = tagging.cross_validate(x, y, k=5)
    assert cv["balanced_accuracy"] > 0.8 and cv["accuracy"] > cv["majority_baseline"]


# ---------------------------------------------------------------- CLI

def _cli(capsys, monkeypatch, env, *argv) -> object:
    monkeypatch.setenv("CLAMP2_DATA_DIR", str(env["data"]))
    capsys.readouterr()
    code = cli_main([*argv, "--db", str(env["settings"].db_path), "--model", str(env["ckpt"]), "--device", "cpu",
                     "--json"])
    out = capsys.readouterr().out
    assert code == 0, out
    return json.loads(out)


def test_cli_json_shapes(env, capsys, monkeypatch):
    doc = _cli(capsys, monkeypatch, env, "tag", "--vocabulary", "mini", "--languages", "en")
    assert set(doc) == {"model", "vocabularies"}
    [v] = doc["vocabularies"]
    assert v["vocabulary"] == "mini" and v["pieces"] > 0 and set(v) >= {"tagged", "counts", "calibration"}

    rows = _cli(capsys, monkeypatch, env, "tags")
    assert rows and set(rows[0]) == {"tag_id", "name", "vocabulary", "user", "auto", "probe", "mean_auto_score"}
    assert sum(r["auto"] for r in rows if r["vocabulary"] == "mini") == v["tagged"]

    for action in ("eval", "train"):
        doc = _cli(capsys, monkeypatch, env, "probe", action)
        assert doc["action"] == action and isinstance(doc["probes"], list)
        for p in doc["probes"]:
            assert set(p) >= {"tag", "vocabulary", "positives", "negatives", "cv", "suggested"}


# ---------------------------------------------------------------- desktop

def test_desktop_tags_library_on_the_engine_thread_and_reviews_suggestions(qtbot, tmp_path, reference_dir):
    from PySide6.QtCore import QSettings, Qt

    from clamp2_desktop.main_window import MainWindow
    from clamp2_desktop.tag_review import TagReviewDialog
    from music_factory import make_midi

    folder = tmp_path / "model"
    folder.mkdir()
    shutil.copy(reference_dir / "tiny_clamp2.pth", folder / "tiny.pth")
    tiny_tokenizer_dir(folder / "tokenizer")
    data = tmp_path / "data"
    (data / "vocabularies").mkdir(parents=True)
    (data / "vocabularies" / "mini.json").write_text(json.dumps(MINI))
    for i in range(8):
        make_midi(tmp_path / "music" / f"p{i}.mid", n_notes=30 + 4 * i, seed=i)
    settings = Settings.from_env(db=tmp_path / "lib.db", environ={"CLAMP2_DATA_DIR": str(data)})
    win = MainWindow(settings, str(folder / "tiny.pth"), QSettings(str(tmp_path / "s.ini"), QSettings.IniFormat))
    qtbot.addWidget(win)
    qtbot.waitUntil(lambda: win.info is not None, timeout=60_000)
    with qtbot.waitSignal(win.indexReady, timeout=60_000):
        with qtbot.waitSignal(win.scanCompleted, timeout=60_000):
            assert win.start_scan([tmp_path / "music"])
    assert win.autotag_action.text() == "Tag my library"
    with qtbot.waitSignal(win.autoTagShown, timeout=60_000):
        win.autotag_action.setEnabled(False)
        win.autoTagRequested.emit(["mini"])
    assert win.autotag_action.isEnabled() and "of 8 pieces" in win.status_text.text()
    items = [i.text(0) for i in win._sidebar_items()]
    assert "mini" in items

    dialog = TagReviewDialog(win.catalog, win)
    dialog.decided.connect(win.tagReview)
    n = dialog.table.rowCount()
    assert 2 <= n <= 8 and dialog.table.item(0, 3).text() == "auto"  # calibrated: at most one per piece
    assert float(dialog.table.item(0, 4).text()) >= float(dialog.table.item(n - 1, 4).text())  # most confident first
    piece_id, tag_id = dialog.table.item(0, 0).data(Qt.UserRole)
    dialog.table.selectRow(0)
    with qtbot.waitSignal(win.tagsShown, timeout=60_000):
        dialog.accept_button.click()
    sources = {(t.tag.id, t.source) for t in win.catalog.tags_of(piece_id)}
    assert (tag_id, "user") in sources and (tag_id, "auto") not in sources
    dialog.reload()
    assert dialog.table.rowCount() == n - 1
    dialog.table.selectRow(0)
    rejected_piece, rejected_tag = dialog.table.item(0, 0).data(Qt.UserRole)
    with qtbot.waitSignal(win.tagsShown, timeout=60_000):
        dialog.reject_button.click()
    assert not [t for t in win.catalog.tags_of(rejected_piece) if t.tag.id == rejected_tag]
    win.close()
