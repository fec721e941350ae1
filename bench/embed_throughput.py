"""Embedding throughput: `clamp2 embed`'s pipeline vs the official extraction loop.

Both run in this process, on the same generated MIDI files, with the same
full-size official architecture (768-d M3 + XLM-R base, random weights:
timing does not depend on the weights).  The baseline mirrors upstream
``extract_clamp2.py``: files converted to MTF one by one, each window run
alone (batch size 1), padded to 512 patches, one-hot patch embedding, eager
attention (transformers 4.40, pinned upstream, had no SDPA for BERT).

Prints pieces/s and patches/s for each, the ratio, peak extra memory of each
phase, and the largest difference between the two sets of embeddings.

    python bench/embed_throughput.py              # ~200 files, several minutes on 2 cores
    python bench/embed_throughput.py --files 40   # quick look
"""
from __future__ import annotations

import argparse
import random
import sys
import tempfile
import threading
import time
from pathlib import Path

import numpy as np
import torch

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from clamp2_engine import patches as P  # noqa: E402
from clamp2_engine.checkpoints import LoadedModel, build_model  # noqa: E402
from clamp2_engine.embedder import Embedder, l2_normalize  # noqa: E402
from clamp2_engine.formats.midi import file_to_mtf  # noqa: E402
from clamp2_engine.model import CLaMP2Model, ModelConfig  # noqa: E402
from clamp2_engine.reading import read_files  # noqa: E402
from music_factory import make_midi_with_patches  # noqa: E402


class PeakRSS:
    """Samples this process's resident memory in a thread; reports the peak above the start."""

    def __init__(self, interval: float = 0.005):
        self.interval = interval
        self.peak = 0
        self._stop = threading.Event()

    @staticmethod
    def rss() -> int:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[1]) * 4096

    def __enter__(self):
        self.start = self.rss()
        self.peak = self.start
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()
        return self

    def _run(self):
        while not self._stop.is_set():
            self.peak = max(self.peak, self.rss())
            time.sleep(self.interval)

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, self.rss())

    @property
    def extra_mb(self) -> float:
        return (self.peak - self.start) / 2**20


def generate_corpus(folder: Path, n: int, seed: int) -> list[Path]:
    """Sizes log-normal with median ~300 patches, clipped to 30..2000: most files short, a long tail."""
    rng = random.Random(seed)
    paths = []
    for i in range(n):
        target = int(min(2000, max(30, rng.lognormvariate(5.7, 0.9))))
        paths.append(make_midi_with_patches(folder / f"piece_{i:04d}.mid", target, seed=seed + i))
    return paths


def official_style(model: CLaMP2Model, paths: list[Path]) -> tuple[np.ndarray, int]:
    """One file at a time: MIDI -> MTF -> patches -> 512-padded windows, batch size 1."""
    rows, total = [], 0
    length = model.config.music.patch_length
    with torch.no_grad():
        for path in paths:
            ids = torch.from_numpy(P.encode(file_to_mtf(path)).astype(np.int64))
            total += len(ids)
            feats, weights = [], []
            for w in P.windows(len(ids), length):
                seg = ids[w.start:w.stop]
                pad = torch.zeros((length - len(seg), seg.shape[1]), dtype=torch.long)
                mask = torch.cat([torch.ones(len(seg)), torch.zeros(length - len(seg))])[None]
                x = torch.cat([seg, pad])[None]
                feats.append(model.music_window_features(x, mask, official=True)[0])
                weights.append(w.weight)
            wt = torch.tensor(weights, dtype=torch.float32)[:, None]
            rows.append(((torch.stack(feats) * wt).sum(0) / wt.sum()).numpy())
    return l2_normalize(np.stack(rows)), total


def ours(embedder: Embedder, paths: list[Path]) -> tuple[np.ndarray, int]:
    """What `clamp2 embed` does: parse in a process pool, batch windows by length."""
    arrays = []
    for result in read_files(paths):
        for piece in result.pieces:
            arrays.append(embedder.encode_music_text(piece.text))
    return embedder.embed_patches(arrays), sum(len(a) for a in arrays)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--files", type=int, default=200)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--batch-patches", type=int, default=8192)
    ap.add_argument("--device", default="cpu")
    args = ap.parse_args()

    torch.manual_seed(0)
    config = ModelConfig(name="official-architecture-random")
    base = CLaMP2Model(config).eval()
    params = sum(p.numel() for p in base.parameters())
    state = base.state_dict()
    eager = build_model(config, state, Path("<random>"), attn_implementation="eager")
    fast = LoadedModel(config=config, model=base, tokenizer=None, source=Path("<random>"))
    embedder = Embedder(fast, device=args.device, batch_patches=args.batch_patches)

    with tempfile.TemporaryDirectory() as tmp:
        paths = generate_corpus(Path(tmp), args.files, args.seed)
        sizes = [len(P.encode(file_to_mtf(p))) for p in paths]
        print(f"model: full official architecture, {params / 1e6:.0f} M parameters, device {embedder.torch_device}, "
              f"{torch.get_num_threads()} threads")
        print(f"corpus: {len(paths)} generated MIDI files, patches min {min(sizes)} / median {int(np.median(sizes))} "
              f"/ max {max(sizes)}, {sum(sizes)} in all, {sum(s > 512 for s in sizes)} longer than one window")

        ours(embedder, paths[:2])  # warm-up: thread pools, allocator
        with PeakRSS() as mem_ours:
            t0 = time.perf_counter()
            emb_ours, n_ours = ours(embedder, paths)
            t_ours = time.perf_counter() - t0
        with PeakRSS() as mem_base:
            t0 = time.perf_counter()
            emb_base, n_base = official_style(eager, paths)
            t_base = time.perf_counter() - t0

    assert n_ours == n_base
    diff = float(np.abs(emb_ours - emb_base).max())
    print()
    print(f"{'':28}{'pieces/s':>10}{'patches/s':>12}{'seconds':>10}{'peak extra RSS':>16}")
    print(f"{'official-style loop':28}{len(paths) / t_base:10.2f}{n_base / t_base:12.0f}{t_base:10.1f}{mem_base.extra_mb:13.0f} MB")
    print(f"{'clamp2 embed':28}{len(paths) / t_ours:10.2f}{n_ours / t_ours:12.0f}{t_ours:10.1f}{mem_ours.extra_mb:13.0f} MB")
    print(f"\nspeed-up: {t_base / t_ours:.2f}x   max |difference| of L2-normalised embeddings: {diff:.2e} "
          f"({'within' if diff <= 1e-4 else 'OUTSIDE'} 1e-4)")


if __name__ == "__main__":
    main()
