"""The PyInstaller packaging is in place, and the app's ``--self-check`` passes from source.

The frozen build itself (``make package``: several minutes and over a gigabyte)
is not run here; ``packaging/build.sh`` runs the same ``--self-check`` against
the frozen app after building it.
"""
from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

from model_factory import tiny_tokenizer_dir

ROOT = Path(__file__).resolve().parents[1]
PACKAGING = ROOT / "packaging"


def test_spec_build_script_and_make_target_exist_and_are_well_formed():
    spec = PACKAGING / "clamp2_desktop.spec"
    build = PACKAGING / "build.sh"
    launch = PACKAGING / "launch.py"
    for path in (spec, build, launch):
        assert path.is_file(), path
    ast.parse(spec.read_text(), str(spec))
    ast.parse(launch.read_text(), str(launch))
    text = spec.read_text()
    for needed in ("launch.py", "resources", "models", "demo", "translations", "collect_submodules(\"clamp2_engine\"",
                   "libcudnn", "COLLECT"):
        assert needed in text, needed
    for kept_out in ('"ray"', '"pyarrow"', '"pandas"', '"clamp2_engine.cluster"'):  # the optional Ray job
        assert kept_out in text, kept_out
    assert os.access(build, os.X_OK)
    assert subprocess.run(["bash", "-n", str(build)], capture_output=True).returncode == 0
    script = build.read_text()
    assert "torch.version.cuda" in script and "--self-check" in script and "offscreen" in script
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text())
    extras = pyproject["project"]["optional-dependencies"]
    assert any(r.startswith("pyinstaller==") for r in extras["package"])
    assert any(r.startswith("hypothesis==") for r in extras["dev"])
    assert "\npackage:" in (ROOT / "Makefile").read_text()
    assert "dist/" in (ROOT / ".gitignore").read_text() and "build/" in (ROOT / ".gitignore").read_text()


def _self_check(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path / "home"),
               XDG_CONFIG_HOME=str(tmp_path / "config"), XDG_DATA_HOME=str(tmp_path / "share"),
               CLAMP2_DATA_DIR=str(tmp_path / "data"))
    env.pop("CLAMP2_DB", None)
    return subprocess.run([sys.executable, "-m", "clamp2_desktop", "--self-check", *args], env=env, cwd=tmp_path,
                          capture_output=True, text=True, timeout=600, stdin=subprocess.DEVNULL)


def test_self_check_passes_from_source(tmp_path, tiny_checkpoint):
    """Offscreen window, model, demo scan into a temporary library, a text search: exit 0.

    With the bundled default model when it is installed, else with the official-layout fixture model
    (plus a tokenizer, so that the text search runs)."""
    if (ROOT / "resources" / "models" / "default" / "config.json").is_file():
        args: list[str] = []
    else:
        folder = tmp_path / "model"
        folder.mkdir()
        shutil.copy(tiny_checkpoint, folder / "tiny_clamp2.pth")
        shutil.copy(tiny_checkpoint.parent / "config.json", folder / "config.json")
        tiny_tokenizer_dir(folder / "tokenizer")
        args = ["--model", str(folder / "tiny_clamp2.pth")]
    proc = _self_check(tmp_path, *args)
    assert proc.returncode == 0, proc.stderr[-4000:]
    lines = proc.stderr.splitlines()
    assert any("platform up" in ln and "offscreen" in ln for ln in lines), proc.stderr
    assert any("scanned the demo library: 45 files" in ln for ln in lines), proc.stderr
    assert any(" results" in ln and ("search" in ln or "similarity" in ln) for ln in lines), proc.stderr
    assert lines[-1].endswith("OK")
    assert not (tmp_path / "data").exists()  # everything went to a temporary folder


def test_self_check_fails_with_one_line_when_the_model_cannot_load(tmp_path):
    bad = tmp_path / "broken.pth"
    bad.write_bytes(b"not a checkpoint")
    proc = _self_check(tmp_path, "--model", str(bad))
    assert proc.returncode == 1
    failed = [ln for ln in proc.stderr.splitlines() if "FAILED" in ln]
    assert len(failed) == 1 and "broken.pth" in failed[0], proc.stderr
    assert "Traceback" not in proc.stderr
