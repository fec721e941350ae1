"""Translations of the user interface (Qt's system: ``tr()`` + compiled ``.qm`` files).

The ``.ts`` sources live in ``resources/translations/`` and are compiled to
``.qm`` at build time (``make translations``); the language comes from the
settings, else from the system locale.  A CJK-capable font is put first in
the fallback list so Chinese, Japanese and Korean titles and tags render.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QFont, QFontDatabase, QFontInfo
from PySide6.QtWidgets import QApplication

LANGUAGES = {
    "en": "English",
    "es": "Español",
    "de": "Deutsch",
    "fr": "Français",
    "zh_CN": "中文 (简体)",
    "ja": "日本語",
}

CJK_FAMILIES = ("Noto Sans CJK SC", "Noto Sans CJK JP", "WenQuanYi Micro Hei", "WenQuanYi Zen Hei",
                "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", "Hiragino Sans", "Yu Gothic",
                "Malgun Gothic", "Droid Sans Fallback")


def translations_dir() -> Path | None:
    from clamp2_engine.settings import Settings

    res = Settings.from_env().resources_dir
    folder = res / "translations" if res else None
    return folder if folder and folder.is_dir() else None


def pick_language(preference: str) -> str:
    """A code of :data:`LANGUAGES` for the setting, or for the system locale (English if none fits)."""
    if preference in LANGUAGES:
        return preference
    name = QLocale().name()  # the default locale: the system's unless QLocale.setDefault changed it
    if name in LANGUAGES:
        return name
    short = name.split("_")[0]
    if short == "zh":
        return "zh_CN"
    return short if short in LANGUAGES else "en"


def install_translators(app: QApplication, preference: str = "") -> list[QTranslator]:
    """Load our ``.qm`` and Qt's own (standard buttons) for the chosen language."""
    code = pick_language(preference)
    installed: list[QTranslator] = []
    folder = translations_dir()
    ours = QTranslator(app)
    # English has a .qm too: it holds the plural forms ("1 piece", "2 pieces").
    if folder and ours.load(str(folder / f"clamp2_desktop_{code}.qm")):
        app.installTranslator(ours)
        installed.append(ours)
    if code == "en":
        return installed
    qt = QTranslator(app)
    if qt.load(f"qtbase_{code}", QLibraryInfo.path(QLibraryInfo.TranslationsPath)):
        app.installTranslator(qt)
        installed.append(qt)
    return installed


def install_cjk_fallback(app: QApplication) -> str | None:
    """Append an installed CJK family to the app font's fallbacks; return its name."""
    available = set(QFontDatabase.families())
    for family in CJK_FAMILIES:
        if family in available:
            font = app.font()
            # QFontInfo names the family really used ("Sans Serif" is only an alias); keeping it first
            # means Latin text keeps its font and only missing glyphs come from the CJK family.
            families = list(dict.fromkeys([QFontInfo(font).family(), *font.families(), family]))
            font.setFamilies(families)
            app.setFont(font)
            return family
    return None


__all__ = ["LANGUAGES", "QFont", "install_cjk_fallback", "install_translators", "pick_language"]
