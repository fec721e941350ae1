"""Library scan speed: a first scan and a no-change rescan of N generated files.

Both scans run in this process over the same folder with the same model.
The no-change rescan must not open a single file (it compares size and
mtime against one catalog query); the target is under 5 s for 10,000 files.

    python bench/scan_bench.py                      # 10,000 files, fixture model
    python bench/scan_bench.py --files 2000 --model resources/models/default
"""
from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from clamp2_engine.library import Library  # noqa: E402
from clamp2_engine.settings import Settings  # noqa: E402
from music_factory import make_abc_file, make_midi  # noqa: E402

FIXTURE_MODEL = ROOT.parent / "shared" / "fixtures" / "clamp2_reference" / "tiny_clamp2.pth"


def generate(folder: Path, n: int, seed: int) -> int:
    """n files, 90% MIDI in nested folders, 10% ABC with 3 tunes each; returns the piece count."""
    rng = random.Random(seed)
    pieces = 0
    for i in range(n):
        sub = folder / f"artist{i % 50:02d}" / f"album{i % 7}"
        if rng.random() < 0.9:
            make_midi(sub / f"track{i:05d}.mid", n_notes=rng.randint(16, 120), n_tracks=rng.randint(1, 3), seed=i)
            pieces += 1
        else:
            make_abc_file(sub / f"tunes{i:05d}.abc", 3, seed=i)
            pieces += 3
    return pieces


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--files", type=int, default=10_000)
    ap.add_argument("--model", default=str(FIXTURE_MODEL), help="model for the first scan (default: the fixture model)")
    ap.add_argument("--workers", type=int, default=None)
    args = ap.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        t0 = time.perf_counter()
        n_pieces = generate(tmp / "music", args.files, seed=1)
        print(f"generated {args.files} files ({n_pieces} pieces) in {time.perf_counter() - t0:.1f} s")
        settings = Settings.from_env(db=tmp / "bench.db", environ={"CLAMP2_DATA_DIR": str(tmp / "data")})
        with Library.open(settings, args.model, device="cpu") as lib:
            print(f"model {lib.model.name} ({lib.embedder.dim}-d), device {lib.embedder.torch_device}")
            first = lib.scan([tmp / "music"], workers=args.workers)
            second = lib.scan([tmp / "music"], workers=args.workers)
            stats = lib.stats()
    assert second.parsed == 0, "a no-change rescan must not parse any file"
    print()
    print(f"{'':22}{'files':>8}{'parsed':>8}{'seconds':>10}{'files/s':>10}")
    print(f"{'first scan':22}{first.seen:8d}{first.parsed:8d}{first.seconds:10.2f}{first.seen / first.seconds:10.0f}")
    print(f"{'no-change rescan':22}{second.seen:8d}{second.parsed:8d}{second.seconds:10.2f}{second.seen / second.seconds:10.0f}")
    print(f"\nlibrary: {stats['files']} files, {stats['pieces']} pieces, {stats['indexed']} indexed; "
          f"rescan is {first.seconds / second.seconds:.0f}x faster than the first scan; "
          f"target for 10,000 files: < 5 s ({'met' if second.seconds < 5 * args.files / 10_000 else 'NOT met'})")


if __name__ == "__main__":
    main()
