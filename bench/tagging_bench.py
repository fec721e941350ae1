"""Zero-shot tagging and linear probes on a labelled library built from the music21 corpus.

The library: tunes of O'Neill's 1850 and Aird's Airs (rhythm type from the
R: field or the title, e.g. reel / jig / hornpipe) and of the Essen folk
songs (region from O:), restricted to the *valid* split of the training
recipe: never trained on by the bundled model, and never in the official
held-out list (shared/data/heldout.txt), which is not touched here.  Each
tune becomes its own .abc file, scanned into a fresh catalog with the model.

Printed:
* zero-shot top-1 accuracy of the genre (rhythm) and region vocabularies vs
  the majority-class baseline, and the calibrated tagger (calibration fitted
  on one half, precision/recall/coverage on the other half);
* linear-probe stratified 5-fold CV accuracy per rhythm class (balanced
  accuracy and the majority baseline beside it);
* cross-language overlap@10: the top 10 pieces of a label queried in
  Spanish, Chinese and German vs the same label in English (lib.search_text,
  the hnswlib index).

    .venv/bin/python bench/tagging_bench.py [--model default] [--write-calibration]
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import numpy as np

from clamp2_engine import tagging
from clamp2_engine.library import Library
from clamp2_engine.settings import Settings
from clamp2_engine.training.corpus import abc_pieces
from clamp2_engine.training.heldout import is_heldout

ROOT = Path(__file__).resolve().parents[1]


def build_library_files(out: Path, split: str, max_essen: int, seed: int = 0) -> dict[str, dict[str, str]]:
    """One .abc file per tune; returns {file name: labels}."""
    labels: dict[str, dict[str, str]] = {}
    rng = np.random.default_rng(seed)
    pieces = abc_pieces(collections={"oneills", "aird", "essen"})
    essen = [p for p in pieces if p.collection == "essen" and p.split == split and p.labels.get("region")]
    if len(essen) > max_essen:
        essen = [essen[i] for i in sorted(rng.choice(len(essen), max_essen, replace=False))]
    fiddle = [p for p in pieces if p.collection in ("oneills", "aird") and p.split == split and p.labels.get("rhythm")]
    for p in fiddle + essen:
        assert not is_heldout(p.key), p.key  # never calibrate or evaluate on the official held-out split
        name = hashlib.sha1(p.key.encode()).hexdigest()[:16] + ".abc"
        (out / name).write_text(p.abc or "", encoding="utf-8")
        labels[name] = {k: v for k, v in p.labels.items() if k in ("rhythm", "region")}
    return labels


def zero_shot(scores: np.ndarray, truth: np.ndarray, label_ids: list[str], name: str) -> dict:
    top1 = scores.argmax(axis=1)
    acc = float((top1 == truth).mean())
    counts = Counter(truth.tolist())
    majority = counts.most_common(1)[0][1] / len(truth)
    centred = (scores - scores.mean(axis=0)).argmax(axis=1)
    acc_c = float((centred == truth).mean())
    # calibration: fit on even rows, evaluate on odd rows (rows are in file-hash order: a random split)
    a, b = np.arange(0, len(truth), 2), np.arange(1, len(truth), 2)
    cal, fit_m = tagging.fit_calibration(scores[a], truth[a])
    held = tagging.tagging_metrics(tagging.assign(scores[b], cal), truth[b])
    print(f"\n[{name}] {len(truth)} labelled pieces, {len(counts)} classes present "
          f"(vocabulary has {len(label_ids)} labels)")
    print(f"  majority-class baseline accuracy      {majority:.3f}  ({label_ids[counts.most_common(1)[0][0]]})")
    print(f"  zero-shot top-1 accuracy (raw cosine) {acc:.3f}")
    print(f"  zero-shot top-1 accuracy (centred)    {acc_c:.3f}")
    print(f"  calibrated {cal.as_dict()}: on the other half precision {held['precision']:.3f}, "
          f"recall {held['recall']:.3f}, F1 {held['f1']:.3f}, coverage {held['coverage']:.3f}, "
          f"tags/piece {held['tags_per_piece']:.2f}")
    return {"majority": majority, "top1": acc, "top1_centred": acc_c, "calibration": cal, "held": held,
            "fit": fit_m}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--model", default=None, help="model name or path (default: the bundled default model)")
    ap.add_argument("--device", default="auto")
    ap.add_argument("--split", default="valid", choices=("valid", "train"))
    ap.add_argument("--max-essen", type=int, default=300)
    ap.add_argument("--write-calibration", action="store_true",
                    help="store the fitted calibrations in resources/vocabularies/{genre,region}.json")
    ap.add_argument("--json", type=Path, default=None, help="also write the numbers here")
    args = ap.parse_args()

    with tempfile.TemporaryDirectory(prefix="tagging_bench_") as tmp_s:
        tmp = Path(tmp_s)
        music = tmp / "music"
        music.mkdir()
        t0 = time.perf_counter()
        labels = build_library_files(music, args.split, args.max_essen)
        settings = Settings.from_env(db=tmp / "lib.db", device=args.device,
                                     environ={"CLAMP2_DATA_DIR": str(tmp / "data"),
                                              **({"CLAMP2_RESOURCES": str(ROOT / "resources")})})
        with Library.open(settings, args.model, device=None if args.device == "auto" else args.device) as lib:
            report = lib.scan([music])
            print(f"model {lib.model.name} ({lib.model.kind}, dim {lib.model.dim}, device "
                  f"{lib.embedder.torch_device}); library: {report.pieces_embedded} pieces embedded, "
                  f"{report.failed} failed, {time.perf_counter() - t0:.0f} s")
            ids, vecs = lib.catalog.embeddings(lib.model.id)
            recs = {r.id: r for r in lib.catalog.pieces(ids.tolist())}
            piece_labels = [labels.get(Path(recs[int(i)].path).name, {}) for i in ids]
            vocabs = tagging.available_vocabularies(settings)
            cache = tagging.cache_dir_for(settings)
            results: dict = {"model": lib.model.name, "weights_sha256": lib.loaded.config.weights_sha256}

            for vname, field, rename in (("genre", "rhythm", {}), ("region", "region", {})):
                vocab = vocabs[vname]
                label_ids = [lab.id for lab in vocab.labels]
                rows = [i for i, pl in enumerate(piece_labels) if rename.get(pl.get(field), pl.get(field)) in label_ids]
                truth = np.array([label_ids.index(piece_labels[i][field]) for i in rows])
                lab = tagging.label_embeddings(lib.embedder, vocab, cache)
                scores = vecs[rows] @ lab.T
                r = zero_shot(scores, truth, label_ids, f"{vname} <- {field}")
                results[vname] = {k: (v.as_dict() if isinstance(v, tagging.Calibration) else v) for k, v in r.items()}
                if args.write_calibration and vocab.path and vocab.path.parent == ROOT / "resources" / "vocabularies":
                    full_cal, full_m = tagging.fit_calibration(scores, truth)
                    tagging.save_calibration(vocab.path, full_cal, {
                        "fitted_on": f"music21 corpus, {field} labels, split '{args.split}' ({len(truth)} pieces; "
                                     "never the held-out list)",
                        "model": lib.model.name, "weights_sha256": lib.loaded.config.weights_sha256,
                        "f1": round(full_m["f1"], 4), "precision": round(full_m["precision"], 4),
                        "coverage": round(full_m["coverage"], 4)})
                    print(f"  wrote calibration {full_cal.as_dict()} to {vocab.path}")

            # probes: one-vs-rest per rhythm class with >= 5 pieces, among the fiddle tunes
            fiddle_rows = [i for i, pl in enumerate(piece_labels) if pl.get("rhythm")]
            rhythms = Counter(piece_labels[i]["rhythm"] for i in fiddle_rows)
            print(f"\n[probes] stratified 5-fold CV, one-vs-rest, {len(fiddle_rows)} fiddle tunes")
            probe_res = {}
            x = vecs[fiddle_rows]
            for rhythm, n in rhythms.most_common():
                if n < 5 or n > len(fiddle_rows) - 5:
                    continue
                y = np.array([1 if piece_labels[i]["rhythm"] == rhythm else 0 for i in fiddle_rows])
                cv = tagging.cross_validate(x, y, k=5)
                probe_res[rhythm] = cv
                print(f"  {rhythm:<12} n={n:4d}  accuracy {cv['accuracy']:.3f}  balanced {cv['balanced_accuracy']:.3f}"
                      f"  majority {cv['majority_baseline']:.3f}")
            if probe_res:
                mean_bal = float(np.mean([c["balanced_accuracy"] for c in probe_res.values()]))
                print(f"  mean balanced accuracy {mean_bal:.3f} (chance 0.5)")
            results["probes"] = probe_res

            # cross-language overlap@10 through the real search path
            print("\n[cross-language] overlap@10 of a label queried in another language vs English")
            overlap: dict[str, list[float]] = {"es": [], "zh": [], "de": []}
            for vname in ("genre", "region", "form"):
                for lab in vocabs[vname].labels:
                    en = {r.piece_id for r in lib.search_text(lab.name("en"), 10)}
                    for lang in overlap:
                        other = {r.piece_id for r in lib.search_text(lab.name(lang), 10)}
                        overlap[lang].append(len(en & other) / max(len(en), 1))
            for lang, vals in overlap.items():
                print(f"  {lang} vs en: mean overlap@10 {np.mean(vals):.3f} over {len(vals)} labels")
            results["overlap_at_10"] = {k: float(np.mean(v)) for k, v in overlap.items()}
            print(f"\ntotal {time.perf_counter() - t0:.0f} s")
            if args.json:
                args.json.write_text(json.dumps(results, indent=1, default=float))
    return 0


if __name__ == "__main__":
    sys.exit(main())
