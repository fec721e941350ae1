"""UI latency: from pressing Enter in the search box to the results shown, 10,000 pieces.

Runs the real main window (offscreen) over a library of N pieces.  The
library is built from real generated MIDI files; to reach N pieces without
embedding N files, extra pieces reuse the vectors of real ones with small
noise (the index, the catalog join and the table are what a big library
stresses; the text embedding costs the same whatever the library holds).
Printed beside it, in the same run: the engine call alone (no Qt), so the
window's own overhead is visible.

    python bench/ui_latency.py                    # bundled model, 10,000 pieces
    python bench/ui_latency.py --model PATH --pieces 2000
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

import numpy as np  # noqa: E402

from clamp2_engine.catalog import PieceRow  # noqa: E402
from clamp2_engine.library import Library  # noqa: E402
from clamp2_engine.settings import Settings  # noqa: E402
from music_factory import make_midi  # noqa: E402

QUERIES = ["Irish jig", "melancholic waltz", "canción de cuna", "欢快的舞曲", "Bach chorale", "marche militaire",
           "schneller Tanz", "悲しいワルツ", "slow air for fiddle", "danza popolare", "hornpipe in D major",
           "колыбельная", "fast reel", "berceuse douce", "4/4 march"]


def fixture_model(tmp: Path) -> Path:
    from model_factory import tiny_tokenizer_dir

    ref = ROOT.parent / "shared" / "fixtures" / "clamp2_reference"
    folder = tmp / "fixture-model"
    folder.mkdir()
    shutil.copy(ref / "tiny_clamp2.pth", folder / "tiny.pth")
    shutil.copy(ref / "config.json", folder / "config.json")
    tiny_tokenizer_dir(folder / "tokenizer")
    return folder / "tiny.pth"


def build_library(settings: Settings, model: str | None, n_pieces: int, n_real: int, tmp: Path) -> str:
    music = tmp / "music"
    for i in range(n_real):
        make_midi(music / f"real_{i:04d}.mid", n_notes=40 + i % 200, n_tracks=1 + i % 3, seed=i)
    with Library.open(settings, model, device="cpu") as lib:
        lib.scan([music])
        ids, vecs = lib.catalog.embeddings(lib.model.id)
        rng = np.random.default_rng(0)
        extra = n_pieces - len(ids)
        fake_root = lib.catalog.add_root(tmp / "imported")
        new_ids, new_vecs = [], []
        with lib.catalog.transaction():
            for j in range(extra):
                base = vecs[j % len(vecs)] + rng.normal(0, 0.05, vecs.shape[1]).astype(np.float32)
                path = tmp / "imported" / f"artist{j % 97}" / f"piece_{j:06d}.mid"
                pid = lib.catalog.record_file_ok(path, fake_root.id, 1000, j, f"sha{j}", "midi",
                                                 [PieceRow(title=f"Piece {j}")])[0]
                new_ids.append(pid)
                new_vecs.append(base / np.linalg.norm(base))
            lib.catalog.put_embeddings(lib.model.id, new_ids, np.stack(new_vecs))
        lib.index.add(np.asarray(new_ids), np.stack(new_vecs))
        lib.index.save()
        return lib.model.name


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pieces", type=int, default=10_000)
    ap.add_argument("--real", type=int, default=300, help="real generated MIDI files among them")
    ap.add_argument("--model", default=None, help="default: the bundled model (or the fixture model if none)")
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()

    from PySide6.QtCore import QEventLoop, QSettings, QTimer

    from clamp2_desktop.app import make_application
    from clamp2_desktop.main_window import MainWindow

    tmp = Path(tempfile.mkdtemp(prefix="clamp2-ui-bench-"))
    settings = Settings.from_env(db=tmp / "lib.db", environ={"CLAMP2_DATA_DIR": str(tmp / "data")})
    model = args.model
    if model is None and not (settings.bundled_models_dir and (settings.bundled_models_dir / "default").is_dir()):
        model = str(fixture_model(tmp))
    name = build_library(settings, model, args.pieces, args.real, tmp)

    # engine alone, same process, same library
    engine_ms = []
    with Library.open(settings, model, device="cpu") as lib:
        n = lib.stats()["pieces"]
        lib.search_text(QUERIES[0], 50)
        for _ in range(args.rounds):
            for q in QUERIES:
                t0 = time.perf_counter()
                lib.search_text(q, 50)
                engine_ms.append(1000 * (time.perf_counter() - t0))

    app = make_application([sys.argv[0]])
    win = MainWindow(settings, model, QSettings(str(tmp / "s.ini"), QSettings.IniFormat))
    win.show()
    loop = QEventLoop()
    poll = QTimer(interval=20)
    poll.timeout.connect(lambda: win.info is not None and loop.quit())
    poll.start()
    loop.exec()
    poll.stop()

    def shown(query: str) -> float:
        done = QEventLoop()
        win.searchShown.connect(done.quit)
        win.search.setText(query)
        t0 = time.perf_counter()
        win.run_search()  # what Enter does
        done.exec()
        app.processEvents()  # let the view paint the new rows
        elapsed = 1000 * (time.perf_counter() - t0)
        win.searchShown.disconnect(done.quit)
        return elapsed

    shown(QUERIES[0])
    ui_ms = [shown(q) for _ in range(args.rounds) for q in QUERIES]
    assert win.search_model.rowCount() == 50
    win.close()

    def row(label: str, xs: list[float]) -> str:
        xs = sorted(xs)
        return (f"{label:34}{statistics.median(xs):9.1f}{xs[int(0.95 * (len(xs) - 1))]:9.1f}{max(xs):9.1f}")

    print(f"library: {n} pieces, model {name}, {len(ui_ms)} queries in {len(QUERIES)} phrasings/languages")
    print(f"{'':34}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}")
    print(row("engine search_text (no Qt)", engine_ms))
    print(row("window: Enter -> results shown", ui_ms))
    p50 = statistics.median(ui_ms)
    print(f"\nwindow overhead at p50: {p50 - statistics.median(engine_ms):.1f} ms; "
          f"target < 150 ms: {'met' if p50 < 150 else 'NOT met'}")
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
