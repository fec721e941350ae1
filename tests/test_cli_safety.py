"""Untrusted models at every door, and ``clamp2 models`` for real.

A checkpoint carrying a pickle payload (``os.system('touch MARKER')`` on
load) is handed to every entry point that accepts a model: ``clamp2 embed``,
``clamp2 search``, ``clamp2 models import`` (real subprocesses, so what the
user sees on stderr is what is checked) and the desktop window (as its
``--model`` argument and as the model chosen in its settings).  Each refuses
it with one line, exit code 3 for the CLI, and the marker never appears.

Then the official fixture checkpoint is imported, used by name, made the
default, listed and removed, and the imported copy embeds exactly as the
``.pth`` it came from.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import torch

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from clamp2_engine.cli import main as clamp2_main
from clamp2_engine.cli.common import EXIT_MODEL, EXIT_OK, EXIT_USAGE
from model_factory import CodeRunningPayload, tiny_tokenizer_dir

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "resources" / "demo"
REFUSAL = "could run code"


@pytest.fixture(scope="module")
def evil(tmp_path_factory, tiny_checkpoint) -> tuple[Path, Path]:
    """(evil.pth, marker): the fixture model's real weights plus a code-running payload."""
    folder = tmp_path_factory.mktemp("evil")
    marker = folder / "PWNED"
    ck = torch.load(tiny_checkpoint, weights_only=True)
    ck["evil"] = CodeRunningPayload(marker)
    path = folder / "evil.pth"
    torch.save(ck, path)
    # The payload really is armed: an unsafe load would run it.
    probe = subprocess.run([sys.executable, "-c", "import sys, torch; torch.load(sys.argv[1], weights_only=False)",
                            str(path)], capture_output=True, timeout=120)
    assert probe.returncode == 0 and marker.exists(), probe.stderr.decode()[-2000:]
    marker.unlink()
    return path, marker


def _env(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(CLAMP2_DATA_DIR=str(tmp_path / "data"), CLAMP2_DB=str(tmp_path / "data" / "library.db"),
               PYTHONWARNINGS="ignore", COLUMNS="200")
    return env


def _assert_one_line_refusal(stderr: str, path: Path) -> None:
    lines = [ln for ln in stderr.splitlines() if ln.strip()]
    assert len(lines) == 1, f"expected one line on stderr, got:\n{stderr}"
    assert "Traceback" not in stderr
    assert lines[0].startswith("error:") and path.name in lines[0] and REFUSAL in lines[0], lines[0]


def test_every_cli_entry_point_refuses_a_code_running_checkpoint(tmp_path, evil):
    path, marker = evil
    music = DEMO / "abc" / "oneills1850_drowsy-maggie.abc"
    commands = {
        "embed": ["embed", str(music), "--model", str(path), "--out", str(tmp_path / "out.npy"), "--device", "cpu"],
        "search": ["search", "irish jig", "--model", str(path), "--device", "cpu"],
        "models import": ["models", "import", str(path), "--name", "evil"],
    }
    env = _env(tmp_path)
    procs = {name: subprocess.Popen([sys.executable, "-m", "clamp2_engine", *argv], env=env, cwd=tmp_path,
                                    stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                    text=True)
             for name, argv in commands.items()}
    for name, proc in procs.items():
        out, errs = proc.communicate(timeout=300)
        assert proc.returncode == EXIT_MODEL, f"{name}: exit {proc.returncode}\n{errs}"
        assert out == "", f"{name} wrote to stdout: {out!r}"
        _assert_one_line_refusal(errs, path)
    assert not marker.exists()
    assert not (tmp_path / "out.npy").exists()
    assert not (tmp_path / "data" / "models").exists()  # import wrote nothing


def test_a_model_folder_whose_tokenizer_asks_to_run_code_is_refused_even_if_the_user_says_yes(
        tmp_path, tiny_checkpoint, monkeypatch):
    """A tokenizer_config.json with ``auto_map`` names Python code beside it; transformers would ask on
    stdin whether to run it.  We never ask: the answer 'y' is ready and still nothing runs."""
    from clamp2_engine.checkpoints import load_model, save_model_folder

    marker = tmp_path / "PWNED"
    folder = save_model_folder(load_model(tiny_checkpoint, tokenizer_dir=tiny_tokenizer_dir(tmp_path / "tok")),
                               tmp_path / "hostile")
    cfg_path = folder / "tokenizer" / "tokenizer_config.json"
    cfg = json.loads(cfg_path.read_text())
    cfg.update(auto_map={"AutoTokenizer": ["evil_tok.EvilTokenizer", "evil_tok.EvilTokenizer"]},
               tokenizer_class="EvilTokenizer")
    cfg_path.write_text(json.dumps(cfg))
    (folder / "tokenizer" / "evil_tok.py").write_text(
        f"import pathlib\npathlib.Path({str(marker)!r}).touch()\n"
        "from transformers import PreTrainedTokenizerFast as EvilTokenizer\n")
    monkeypatch.setattr("builtins.input", lambda *a, **k: "y")
    monkeypatch.setenv("CLAMP2_DATA_DIR", str(tmp_path / "data"))
    code = clamp2_main(["embed", "--text", "irish jig", "--model", str(folder), "--out", str(tmp_path / "q.npy"),
                        "--device", "cpu"])
    assert code == EXIT_MODEL
    assert not marker.exists()


@pytest.mark.parametrize("where", ["argument", "settings"])
def test_the_app_refuses_a_code_running_checkpoint_with_one_line(qtbot, tmp_path, evil, monkeypatch, where):
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QMessageBox

    from clamp2_desktop.main_window import MainWindow
    from clamp2_engine.settings import Settings

    path, marker = evil
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: shown.append(a[2]))
    settings = Settings.from_env(db=tmp_path / "lib.db", environ={"CLAMP2_DATA_DIR": str(tmp_path / "data")})
    qsettings = QSettings(str(tmp_path / "settings.ini"), QSettings.IniFormat)
    if where == "settings":
        qsettings.setValue("model", str(path))
    win = MainWindow(settings, str(path) if where == "argument" else None, qsettings)
    qtbot.addWidget(win)
    qtbot.waitUntil(lambda: bool(shown), timeout=60_000)
    assert "No model loaded" in win.model_label.text()
    assert "\n" not in win.last_error and "Traceback" not in win.last_error
    assert path.name in win.last_error and REFUSAL in win.last_error
    assert win.last_error in shown[0]
    win.close()
    assert not marker.exists()


# --------------------------------------------------------------------------- clamp2 models


@pytest.fixture
def home(tmp_path, monkeypatch) -> Path:
    """A private user data folder (models, library) for in-process CLI calls."""
    data = tmp_path / "data"
    monkeypatch.setenv("CLAMP2_DATA_DIR", str(data))
    monkeypatch.setenv("CLAMP2_DB", str(data / "library.db"))
    monkeypatch.setenv("CLAMP2_RESOURCES", str(tmp_path / "no-resources"))  # no bundled default model
    return data


@pytest.fixture(scope="module")
def official_folder(tmp_path_factory, tiny_checkpoint) -> Path:
    """The official layout as a user has it: the .pth, its config.json, and the tokenizer files beside it."""
    folder = tmp_path_factory.mktemp("official")
    shutil.copy(tiny_checkpoint, folder / "tiny_clamp2.pth")
    shutil.copy(tiny_checkpoint.parent / "config.json", folder / "config.json")
    tiny_tokenizer_dir(folder / "tokenizer")
    return folder


def _embed(args: list[str], out: Path) -> tuple[np.ndarray, dict]:
    code = clamp2_main(["embed", *args, "--out", str(out), "--device", "cpu", "--workers", "1"])
    assert code == EXIT_OK
    return np.load(out), json.loads(out.with_suffix(".json").read_text())


def test_import_the_official_checkpoint_then_embed_by_name_gives_the_same_vectors(
        home, tmp_path, tiny_checkpoint, capsys):
    assert clamp2_main(["models", "import", str(tiny_checkpoint), "--name", "clamp2-tiny", "--json"]) == EXIT_OK
    doc = json.loads(capsys.readouterr().out)
    assert doc["status"] == "imported" and doc["name"] == "clamp2-tiny" and doc["kind"] == "official"
    assert doc["dim"] == 64 and doc["text"] is False  # no tokenizer beside the fixture checkpoint
    folder = home / "models" / "clamp2-tiny"
    assert Path(doc["path"]) == folder
    assert sorted(p.name for p in folder.iterdir()) == ["MODEL_CARD.md", "config.json", "model.safetensors"]
    assert json.loads((folder / "config.json").read_text())["name"] == "clamp2-tiny"

    files = [str(p) for p in sorted((DEMO / "abc").glob("*.abc"))[:3] + sorted((DEMO / "midi").glob("*.mid"))[:3]]
    by_name, map_name = _embed([*files, "--model", "clamp2-tiny"], tmp_path / "by_name.npy")
    by_pth, map_pth = _embed([*files, "--model", str(tiny_checkpoint)], tmp_path / "by_pth.npy")
    assert by_name.shape == by_pth.shape and by_name.shape[0] >= 6
    np.testing.assert_array_equal(by_name, by_pth)
    assert map_name["weights_sha256"] == map_pth["weights_sha256"] == doc["weights_sha256"]
    assert map_name["model"] == "clamp2-tiny"

    # Importing it again is harmless; the same name for other weights is refused.
    assert clamp2_main(["models", "import", str(tiny_checkpoint), "--name", "clamp2-tiny"]) == EXIT_OK
    assert "already imported" in capsys.readouterr().out
    other = tmp_path / "other.pth"
    ck = torch.load(tiny_checkpoint, weights_only=True)
    ck["model"]["music_proj.bias"] = ck["model"]["music_proj.bias"] + 1
    torch.save(ck, other)
    shutil.copy(tiny_checkpoint.parent / "config.json", tmp_path / "config.json")
    assert clamp2_main(["models", "import", str(other), "--name", "clamp2-tiny"]) == EXIT_USAGE
    assert "other weights" in capsys.readouterr().err


def test_import_with_a_tokenizer_enables_text_and_matches_the_pth(home, tmp_path, official_folder, capsys):
    pth = official_folder / "tiny_clamp2.pth"
    code = clamp2_main(["models", "import", str(pth), "--name", "tiny-text",
                        "--tokenizer", str(official_folder / "tokenizer"), "--json"])
    assert code == EXIT_OK
    doc = json.loads(capsys.readouterr().out)
    assert doc["text"] is True
    assert (home / "models" / "tiny-text" / "tokenizer" / "tokenizer.json").exists()
    queries = ["irish jig", "canción de cuna", "悲しい ワルツ"]
    by_name, _ = _embed(["--text", *queries, "--model", "tiny-text"], tmp_path / "q1.npy")
    by_pth, _ = _embed(["--text", *queries, "--model", str(pth)], tmp_path / "q2.npy")
    np.testing.assert_array_equal(by_name, by_pth)


def test_use_makes_a_model_the_default_for_every_command_and_remove_takes_it_away(
        home, tmp_path, official_folder, capsys):
    pth = official_folder / "tiny_clamp2.pth"
    assert clamp2_main(["models", "import", str(official_folder), "--name", "mine"]) == EXIT_OK
    capsys.readouterr()
    # No bundled default here and no choice yet: the commands say so.
    assert clamp2_main(["embed", "--text", "reel", "--out", str(tmp_path / "x.npy")]) == EXIT_MODEL
    assert "no model given" in capsys.readouterr().err

    assert clamp2_main(["models", "use", "mine"]) == EXIT_OK
    assert "default model: mine" in capsys.readouterr().out
    default_vec, meta = _embed(["--text", "irish jig"], tmp_path / "d.npy")
    assert meta["model"] == "mine"
    pth_vec, _ = _embed(["--text", "irish jig", "--model", str(pth)], tmp_path / "p.npy")
    np.testing.assert_array_equal(default_vec, pth_vec)

    # The library commands (scan, search) resolve it too.
    music = tmp_path / "music"
    shutil.copytree(DEMO / "abc", music, ignore=lambda d, names: [n for n in names if "oneills" not in n])
    assert clamp2_main(["scan", str(music), "--workers", "1", "--json"]) == EXIT_OK
    scan = json.loads(capsys.readouterr().out)
    assert scan["stats"]["model"] == "mine" and scan["scan"]["pieces_embedded"] > 0
    assert clamp2_main(["search", "irish jig", "--json", "-k", "3"]) == EXIT_OK
    assert len(json.loads(capsys.readouterr().out)) == 3

    assert clamp2_main(["models", "list", "--json"]) == EXIT_OK
    listed = json.loads(capsys.readouterr().out)
    assert listed["default"] == "mine"
    (row,) = [m for m in listed["models"] if m["name"] == "mine"]
    assert row["default"] and row["registered"] and row["installed"] and row["text"]

    assert clamp2_main(["models", "use", "nope"]) == EXIT_MODEL
    assert "no model named 'nope'" in capsys.readouterr().err
    assert clamp2_main(["models", "use", "../etc"]) == EXIT_USAGE
    capsys.readouterr()

    assert clamp2_main(["models", "remove", "mine"]) == EXIT_OK
    assert "embeddings were dropped" in capsys.readouterr().out
    assert not (home / "models" / "mine").exists()
    assert official_folder.joinpath("tiny_clamp2.pth").exists()  # the source is never touched
    assert clamp2_main(["models", "list", "--json"]) == EXIT_OK
    assert json.loads(capsys.readouterr().out) == {"default": None, "models": []}
    assert clamp2_main(["embed", "--text", "reel", "--out", str(tmp_path / "y.npy")]) == EXIT_MODEL
    assert "no model given" in capsys.readouterr().err


def test_import_refuses_bad_names_and_missing_files(home, tmp_path, tiny_checkpoint, capsys):
    assert clamp2_main(["models", "import", str(tiny_checkpoint), "--name", "../escape"]) == EXIT_USAGE
    assert "cannot be a model name" in capsys.readouterr().err
    assert clamp2_main(["models", "import", str(tmp_path / "absent.pth")]) == EXIT_MODEL
    assert "no such file" in capsys.readouterr().err
    assert not (home / "models").exists() or not any((home / "models").iterdir())


def test_download_offline_explains_itself_in_one_line_and_writes_nothing(tmp_path):
    """No network here: the download path is exercised up to the hub client, which is told it is offline.
    Nothing is pretended: no file is fetched, nothing is registered, the message says what to do instead."""
    env = _env(tmp_path)
    env.update(HF_HUB_OFFLINE="1", HF_HOME=str(tmp_path / "hf"))
    proc = subprocess.run([sys.executable, "-m", "clamp2_engine", "models", "download", "--name", "official"],
                          env=env, cwd=tmp_path, stdin=subprocess.DEVNULL, capture_output=True, text=True,
                          timeout=300)
    assert proc.returncode == EXIT_MODEL, proc.stderr
    assert "Traceback" not in proc.stderr and proc.stdout == ""
    last = proc.stderr.strip().splitlines()[-1]
    assert last.startswith("error: cannot download the official CLaMP 2 checkpoint: offline mode is on")
    assert "clamp2 models import FILE --tokenizer DIR" in last
    assert not (tmp_path / "data" / "models").exists()
    assert not (tmp_path / "data" / "library.db").exists()
