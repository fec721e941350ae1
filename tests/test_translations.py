"""The user interface speaks Spanish, German, French, Chinese (Simplified) and Japanese.

* every ``.ts`` source is complete (no unfinished or empty entries, placeholders
  kept) and holds exactly the strings a fresh ``pyside6-lupdate`` extraction of
  ``clamp2_desktop/*.py`` finds, so a new untranslated string fails here;
* every ``.qm`` loads and says what its ``.ts`` says (it was compiled after the
  last edit: ``make translations``);
* a real main window, built after ``install_translators``, shows the translations;
* the language comes from the settings first, then from the system locale,
  else English.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication, QSettings, Qt, QTranslator  # noqa: E402
from PySide6.QtWidgets import QDialogButtonBox  # noqa: E402

from clamp2_engine.settings import Settings  # noqa: E402
from model_factory import tiny_tokenizer_dir  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
TS_DIR = ROOT / "resources" / "translations"
LANGS = ("es", "de", "fr", "zh_CN", "ja")
SIGNAL_TIMEOUT = 60_000
PLACEHOLDER = re.compile(r"\{\d+\}|%[nvm]")


# ---------------------------------------------------------------------- reading .ts files

def read_ts(path: Path) -> dict[tuple[str, str, str], dict]:
    """``(context, source, comment)`` -> ``{"numerus": bool, "forms": [...], "type": str}`` (live messages only)."""
    messages = {}
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            kind = translation.get("type", "")
            if kind in ("vanished", "obsolete"):
                continue
            numerus = message.get("numerus") == "yes"
            forms = [f.text or "" for f in translation.findall("numerusform")] if numerus else [translation.text or ""]
            key = (name, message.findtext("source") or "", message.findtext("comment") or "")
            messages[key] = {"numerus": numerus, "forms": forms, "type": kind}
    return messages


def ts_path(lang: str) -> Path:
    return TS_DIR / f"clamp2_desktop_{lang}.ts"


def lupdate() -> str:
    exe = Path(sys.executable).parent / "pyside6-lupdate"
    found = str(exe) if exe.exists() else shutil.which("pyside6-lupdate")
    assert found, "pyside6-lupdate not found (it comes with PySide6)"
    return found


@pytest.fixture(scope="module")
def fresh_extraction(tmp_path_factory) -> dict:
    """What lupdate finds in the code right now."""
    out = tmp_path_factory.mktemp("lupdate") / "fresh.ts"
    sources = sorted(str(p) for p in (ROOT / "clamp2_desktop").glob("*.py"))
    proc = subprocess.run([lupdate(), "-silent", "-locations", "none", "-source-language", "en", *sources,
                           "-ts", str(out)], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    messages = read_ts(out)
    assert len(messages) > 50, "lupdate found suspiciously few strings"
    return messages


def translation(lang: str, context: str, source: str, comment: str = "") -> str:
    entry = read_ts(ts_path(lang))[(context, source, comment)]
    assert not entry["numerus"]
    return entry["forms"][0]


# ---------------------------------------------------------------------- the .ts sources

@pytest.mark.parametrize("lang", LANGS)
def test_ts_is_complete_and_keeps_placeholders(lang):
    messages = read_ts(ts_path(lang))
    problems = []
    for (context, source, _), entry in messages.items():
        if entry["type"] == "unfinished":
            problems.append(f"{context}: {source!r} is unfinished")
        for form in entry["forms"]:
            if not form.strip():
                problems.append(f"{context}: {source!r} has an empty translation")
            elif sorted(PLACEHOLDER.findall(form)) != sorted(PLACEHOLDER.findall(source)):
                problems.append(f"{context}: {source!r} -> {form!r} changes the placeholders")
        if entry["numerus"] != ("%n" in source):
            problems.append(f"{context}: {source!r} numerus does not match %n")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("lang", LANGS)
def test_ts_holds_exactly_the_strings_of_the_code(lang, fresh_extraction):
    ours = set(read_ts(ts_path(lang)))
    code = set(fresh_extraction)
    assert not code - ours, f"strings not in clamp2_desktop_{lang}.ts (run `make translations`, then translate): " \
                            f"{sorted(code - ours)}"
    assert not ours - code, f"strings no longer in the code (run `make translations`): {sorted(ours - code)}"


def test_english_plural_forms_cover_every_counted_string(fresh_extraction):
    english = read_ts(ts_path("en"))
    counted = {k for k, v in fresh_extraction.items() if v["numerus"]}
    assert set(english) == counted
    for (context, source, _), entry in english.items():
        assert entry["type"] != "unfinished" and len(entry["forms"]) == 2, source
        assert all(f.strip() and "(s)" not in f for f in entry["forms"]), source


# ---------------------------------------------------------------------- the compiled .qm files

@pytest.mark.parametrize("lang", (*LANGS, "en"))
def test_qm_loads_and_matches_its_ts(lang):
    qm = TS_DIR / f"clamp2_desktop_{lang}.qm"
    translator = QTranslator()
    assert translator.load(str(qm)), f"{qm.name} does not load"
    assert not translator.isEmpty()
    assert translator.language().split("_")[0] == lang.split("_")[0]
    stale = []
    for (context, source, comment), entry in read_ts(ts_path(lang)).items():
        disambiguation = comment or None
        if entry["numerus"]:
            got = {translator.translate(context, source, disambiguation, n) for n in range(0, 30)}
            if got != set(entry["forms"]):
                stale.append(f"{source!r}: {got} != {entry['forms']}")
        elif translator.translate(context, source, disambiguation) != entry["forms"][0]:
            stale.append(f"{source!r}")
    assert not stale, f"{qm.name} is older than its .ts (run `make translations`):\n" + "\n".join(stale)


# ---------------------------------------------------------------------- the real window

@pytest.fixture(scope="module")
def model_path(tmp_path_factory, tiny_checkpoint) -> Path:
    folder = tmp_path_factory.mktemp("model")
    shutil.copy(tiny_checkpoint, folder / "tiny.pth")
    shutil.copy(tiny_checkpoint.parent / "config.json", folder / "config.json")
    tiny_tokenizer_dir(folder / "tokenizer")
    return folder / "tiny.pth"


@pytest.fixture
def translated(qapp):
    """Install the translators for a language; take them out again so later tests run in English."""
    from clamp2_desktop.i18n import install_translators

    installed: list[QTranslator] = []

    def install(lang: str) -> list[QTranslator]:
        installed.extend(install_translators(qapp, lang))
        return installed

    yield install
    for translator in installed:
        qapp.removeTranslator(translator)
    assert QCoreApplication.translate("MainWindow", "Library") == "Library"


@pytest.mark.parametrize("lang", LANGS)
def test_main_window_speaks_the_language(qtbot, qapp, tmp_path, model_path, translated, lang):
    from clamp2_desktop.app_settings import Preferences, SettingsDialog
    from clamp2_desktop.main_window import MainWindow
    from clamp2_desktop.widgets import ErrorsDialog

    installed = translated(lang)
    assert len(installed) == 2, "our .qm and Qt's own qtbase .qm should both load"
    settings = Settings.from_env(db=tmp_path / "lib.db", environ={"CLAMP2_DATA_DIR": str(tmp_path / "data")})
    win = MainWindow(settings, str(model_path), QSettings(str(tmp_path / "settings.ini"), QSettings.IniFormat))
    qtbot.addWidget(win)
    try:
        qtbot.waitUntil(lambda: win.info is not None, timeout=SIGNAL_TIMEOUT)
        win.show()

        def check(shown: str, context: str, source: str) -> None:
            expected = translation(lang, context, source)
            assert shown == expected and shown != source, (context, source, shown)

        for i, source in enumerate(("Library", "Search results", "Similar pieces")):
            check(win.tabs.tabText(i), "MainWindow", source)
        check(win.search.placeholderText(), "MainWindow",
              "Search in any language — “melancholic waltz”, “canción de cuna”, “欢快的舞曲”…")
        check(win.filter_edit.placeholderText(), "MainWindow", "Filter by title, composer or file name")
        check(win.search_header.text(), "MainWindow", "Type a description of the music you want, in any language.")
        check(win.settings_action.text(), "MainWindow", "Settings…")
        check(win.demo_button.text(), "MainWindow", "Open the demo library")
        for col, source in enumerate(("Title", "Composer")):
            check(win.library_model.headerData(col, Qt.Horizontal), "LibraryModel", source)
        check(win.search_model.headerData(1, Qt.Horizontal), "LibraryModel", "Match")
        check(win.details.similar_button.text(), "DetailsPane", "Find similar")
        check(win.details.title.text(), "DetailsPane", "Select a piece to see its details")
        check(win.player.title.text(), "PlayerBar", "Nothing to play — double-click a result, or press Play on a piece")

        model_text = translation(lang, "MainWindow", "Model: {0} · {1}").format(win.info.model_name, win.info.device)
        assert win.model_label.text() == model_text

        # counted strings use the language's plural forms (an empty library: 0 pieces)
        counted = read_ts(ts_path(lang))
        pieces = [f.replace("%n", "0") for f in counted[("MainWindow", "%n piece(s)", "")]["forms"]]
        assert win.filter_label.text() in pieces and win.filter_label.text() != "0 piece(s)"
        everything = [f.replace("%n", "0") for f in counted[("MainWindow", "All pieces (%n)", "")]["forms"]]
        assert win.sidebar.topLevelItem(0).text(0) in everything

        # dialogs: our strings, and Qt's standard buttons from qtbase_<lang>.qm
        dialog = SettingsDialog(Preferences(), [], [], win)
        check(dialog.windowTitle(), "SettingsDialog", "Settings")
        cancel = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.Cancel).text().replace("&", "")
        assert cancel and cancel != "Cancel", cancel
        errors = ErrorsDialog([], win)
        check(errors.windowTitle(), "ErrorsDialog", "Unreadable files")
        dialog.deleteLater()
        errors.deleteLater()
    finally:
        win.close()


# ---------------------------------------------------------------------- which language

def _pick_in_a_process(locale: str, preference: str) -> str:
    """``pick_language`` in a fresh process whose system locale is ``locale`` (Qt reads it at start-up)."""
    env = {**os.environ, "LC_ALL": locale, "LC_MESSAGES": locale, "LANG": locale, "LANGUAGE": ""}
    code = ("from clamp2_desktop.i18n import pick_language; import sys; "
            "print(pick_language(sys.argv[1]))")
    proc = subprocess.run([sys.executable, "-c", code, preference], env=env, capture_output=True, text=True,
                          timeout=60, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.strip()


@pytest.mark.parametrize("locale, expected", [
    ("ja_JP.UTF-8", "ja"),
    ("de_AT.UTF-8", "de"),
    ("fr_CA.UTF-8", "fr"),
    ("es_MX.UTF-8", "es"),
    ("zh_CN.UTF-8", "zh_CN"),
    ("pt_BR.UTF-8", "en"),   # no Portuguese yet: English
    ("C.UTF-8", "en"),
])
def test_pick_language_follows_the_system_locale(locale, expected):
    assert _pick_in_a_process(locale, "") == expected


def test_pick_language_prefers_the_setting_over_the_system_locale():
    assert _pick_in_a_process("ja_JP.UTF-8", "de") == "de"
    assert _pick_in_a_process("de_DE.UTF-8", "zh_CN") == "zh_CN"
    assert _pick_in_a_process("de_DE.UTF-8", "en") == "en"
    assert _pick_in_a_process("de_DE.UTF-8", "klingon") == "de"  # an unknown setting: the system's


def test_pick_language_in_process(qapp):
    from clamp2_desktop.i18n import LANGUAGES, pick_language

    for code in LANGUAGES:
        assert pick_language(code) == code
