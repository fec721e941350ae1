"""The [ray] extra stays optional: nothing but the cluster commands imports Ray, and without it they say so."""
from __future__ import annotations

import subprocess
import sys

import pytest


def _run(code: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300,
                          env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"})


def test_engine_cli_and_desktop_do_not_import_ray():
    # (pyarrow may be loaded anyway where the extra is installed: sqlite-utils imports pandas when present.)
    proc = _run(
        "import sys\n"
        "import clamp2_engine, clamp2_engine.cli, clamp2_engine.library, clamp2_engine.scanner\n"
        "clamp2_engine.cli.build_parser()\n"
        "import clamp2_desktop, clamp2_desktop.main_window, clamp2_desktop.engine_service\n"
        "print(sorted(m for m in sys.modules if m == 'ray' or m.startswith('ray.')))\n")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[]", proc.stdout


def test_without_ray_embed_cluster_says_in_one_line_how_to_install_it(tmp_path):
    pytest.importorskip("pyarrow")
    from model_factory import random_official_checkpoint
    from music_factory import make_midi

    model = tmp_path / "m.pth"
    random_official_checkpoint(model, music_hidden=64, music_layers=1, patch_length=64, text_hidden=64,
                               text_layers=1, proj=16)
    make_midi(tmp_path / "music" / "a.mid", n_notes=16, seed=1)
    # sys.modules[name] = None makes `import name` fail exactly as if the package were not installed.
    proc = _run(
        "import sys\n"
        "sys.modules['ray'] = None\n"
        "from clamp2_engine.cli import main\n"
        f"sys.exit(main(['embed-cluster', {str(tmp_path / 'music')!r}, '--model', {str(model)!r}, "
        f"'--out', {str(tmp_path / 'out')!r}, '--address', 'local']))\n")
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert proc.returncode == 1, proc.stderr
    assert lines == ["error: Ray is not installed; install the extra with: pip install 'clamp2-engine[ray]'"], lines
