"""On-device fine-tuning on a labelled library: held-out MRR before/after, peak memory, cancel safety.

The library is the one of ``bench/tagging_bench.py``: O'Neill's and Aird's
tunes (rhythm type) and Essen folk songs (region), the *valid* split of the
training recipe, never the official held-out list.  Every piece gets its label
as a user tag (what a musician who tagged their library would have); the
fine-tuner holds out 20 % of the pieces and scores text->music MRR of the tag
queries among them, for the parent model and for the fine-tuned one.

Then a second run is cancelled in the middle of its first epoch: the bench
checks that nothing was registered or written as a model, that the parent
folder's files are byte-identical, that the catalog passes ``integrity_check``
and a search still answers, and that rerunning resumes and finishes.

    .venv/bin/python bench/finetune_bench.py [--model default] [--epochs 6]

Peak RSS is this process's high-water mark (it includes scanning the library
with the parent model first); printed, never asserted.
"""
from __future__ import annotations

import argparse
import hashlib
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from tagging_bench import ROOT, build_library_files  # noqa: E402

from clamp2_engine.catalog import Catalog  # noqa: E402
from clamp2_engine.library import Library  # noqa: E402
from clamp2_engine.settings import Settings  # noqa: E402
from clamp2_engine.training.finetune import FinetuneOptions, Finetuner, peak_rss_mb  # noqa: E402


def folder_digest(folder: Path) -> str:
    h = hashlib.sha256()
    for p in sorted(folder.rglob("*")):
        if p.is_file():
            h.update(p.relative_to(folder).as_posix().encode())
            h.update(p.read_bytes())
    return h.hexdigest()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--model", default=None, help="parent model (default: the bundled default model)")
    ap.add_argument("--device", default="auto")
    ap.add_argument("--epochs", type=int, default=6)
    ap.add_argument("--max-essen", type=int, default=300)
    d = FinetuneOptions()
    ap.add_argument("--lr", type=float, default=d.lr)
    ap.add_argument("--train-layers", type=int, default=d.train_layers)
    ap.add_argument("--accumulate", type=int, default=d.accumulate)
    ap.add_argument("--skip-cancel", action="store_true", help="only the full run")
    args = ap.parse_args()
    device = None if args.device == "auto" else args.device

    with tempfile.TemporaryDirectory(prefix="finetune_bench_") as tmp_s:
        tmp = Path(tmp_s)
        music = tmp / "music"
        music.mkdir()
        t0 = time.perf_counter()
        labels = build_library_files(music, "valid", args.max_essen)
        settings = Settings.from_env(db=tmp / "lib.db", device=device,
                                     environ={"CLAMP2_DATA_DIR": str(tmp / "data"),
                                              "CLAMP2_RESOURCES": str(ROOT / "resources")})
        with Library.open(settings, args.model, device=device) as lib:
            report = lib.scan([music])
            parent_name, parent_path = lib.model.name, Path(lib.loaded.source)
            cat = lib.catalog
            for pid in cat.all_piece_ids().tolist():
                lab = labels.get(Path(cat.piece(pid).path).name, {})
                for value in lab.values():
                    cat.tag_piece([pid], value)
            print(f"library: {report.pieces_embedded} pieces ({report.failed} failed) scanned with {parent_name} "
                  f"in {time.perf_counter() - t0:.0f} s; every piece tagged with its rhythm or region")
        parent_digest = folder_digest(parent_path)
        options = FinetuneOptions(epochs=args.epochs, lr=args.lr, train_layers=args.train_layers,
                                  accumulate=args.accumulate)

        # 1. a full run
        with Catalog.open(settings.db_path) as cat:
            tuner = Finetuner(settings, cat, args.model, "bench-ft", options, device=device, log=print)
            tuner.prepare()
            s = tuner.summary
            print(f"data: {s.train} training pieces, {s.holdout} held out, {len(tuner.query_rows)} held-out queries; "
                  f"tags {dict(list(s.user_tags.items())[:8])}...")
            rss_before = peak_rss_mb()
            result = tuner.run(resume=False)
        print(f"\nheld-out text->music MRR: parent {result.mrr_before:.4f} -> fine-tuned "
              f"{(result.mrr_after or 0):.4f} (best epoch {result.best_epoch} of {result.epochs_run}), "
              f"x{(result.mrr_after or 0) / max(result.mrr_before, 1e-9):.2f}; status {result.status}")
        print(f"time {result.seconds:.0f} s on {result.device}; peak RSS {result.peak_rss_mb:.0f} MB "
              f"(before training {rss_before:.0f} MB, of which scanning and the corpus build are part)")

        if args.skip_cancel:
            return 0
        # 2. a cancelled run, then a resumed one
        steps = {"n": 0}

        def count_training(p) -> None:
            steps["n"] += p.phase == "train"

        def stop_after_a_few() -> bool:  # in the middle of the first epoch
            return steps["n"] >= 5

        with Catalog.open(settings.db_path) as cat:
            models_before = [(m.name, m.weights_sha256) for m in cat.models()]
            tuner = Finetuner(settings, cat, args.model, "bench-ft-cancel", options, device=device,
                              should_stop=stop_after_a_few, progress=count_training)
            cancelled = tuner.run(resume=False)
            models_after = [(m.name, m.weights_sha256) for m in cat.models()]
            ok_db = cat.integrity_check()
        intact = folder_digest(parent_path) == parent_digest
        no_folder = not (settings.models_dir / "bench-ft-cancel").exists()
        with Library.open(settings, args.model, device=device) as lib:
            answer = lib.search_text("a jig", 5)
        print(f"\ncancelled run: status {cancelled.status}; models unchanged {models_before == models_after}; "
              f"no model folder written {no_folder}; parent files byte-identical {intact}; "
              f"catalog integrity {ok_db}; search after cancel returns {len(answer)} results")
        with Catalog.open(settings.db_path) as cat:
            logs: list[str] = []
            resumed = Finetuner(settings, cat, args.model, "bench-ft-cancel", options, device=device,
                                log=logs.append).run()
        print(f"run again: {next((x for x in logs if 'resumed' in x), 'did NOT resume')}; status {resumed.status}, "
              f"MRR {resumed.mrr_before:.4f} -> {(resumed.mrr_after or 0):.4f}")
        print(f"\ntotal {time.perf_counter() - t0:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
