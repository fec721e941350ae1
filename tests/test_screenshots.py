"""Screenshots of the real window under Xvfb (a real X server, the xcb platform).

Writes PNGs of the first run, the library, search results, the similarity
view and the tag browser to ``$CLAMP2_SCREENSHOTS`` (default: a temporary
folder) for a person to look at; asserts they exist and are not blank.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from model_factory import tiny_tokenizer_dir

HERE = Path(__file__).resolve().parent
SHOTS = ("00_first_run", "01_library", "02_search", "03_similar", "04_tags", "05_search_cjk")


def _free_display() -> int:
    for n in range(90, 140):
        if not Path(f"/tmp/.X11-unix/X{n}").exists() and not Path(f"/tmp/.X{n}-lock").exists():
            return n
    raise RuntimeError("no free X display number")


@pytest.fixture
def xvfb():
    if shutil.which("Xvfb") is None:
        pytest.skip("Xvfb is not installed (.ci/run installs it)")
    display = _free_display()
    proc = subprocess.Popen(["Xvfb", f":{display}", "-screen", "0", "1600x1000x24", "-nolisten", "tcp"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 10
    while not Path(f"/tmp/.X11-unix/X{display}").exists() and time.time() < deadline:
        time.sleep(0.05)
    yield f":{display}"
    proc.terminate()
    proc.wait(timeout=10)


def test_screenshot_tour_writes_non_blank_pngs(xvfb, tmp_path, tiny_checkpoint):
    model = tmp_path / "model"
    model.mkdir()
    shutil.copy(tiny_checkpoint, model / "tiny.pth")
    shutil.copy(tiny_checkpoint.parent / "config.json", model / "config.json")
    tiny_tokenizer_dir(model / "tokenizer")
    out = Path(os.environ.get("CLAMP2_SCREENSHOTS") or tmp_path / "shots")
    env = {**os.environ, "DISPLAY": xvfb, "QT_QPA_PLATFORM": "xcb", "CLAMP2_DATA_DIR": str(tmp_path / "data")}
    proc = subprocess.run([sys.executable, str(HERE / "screenshot_tour.py"), str(out), "--model", str(model / "tiny.pth")],
                          env=env, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    for name in SHOTS:
        image = QImage(str(out / f"{name}.png"))
        assert not image.isNull(), name
        assert image.width() >= 1200 and image.height() >= 700
        colours = {image.pixel(x, y) for x in range(0, image.width(), 37) for y in range(0, image.height(), 29)}
        assert len(colours) > 8, f"{name} looks blank"
