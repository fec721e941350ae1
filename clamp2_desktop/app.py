"""Application start-up: Qt application, translations, fonts, the main window."""
from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QApplication

from clamp2_desktop import APP_NAME, __version__
from clamp2_desktop.app_settings import Preferences
from clamp2_desktop.i18n import install_cjk_fallback, install_translators
from clamp2_engine.settings import Settings


def make_application(argv: list[str] | None = None) -> QApplication:
    QCoreApplication.setOrganizationName("clamp2-desktop")
    QCoreApplication.setApplicationName("CLaMP 2 Desktop")
    QCoreApplication.setApplicationVersion(__version__)
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationDisplayName(APP_NAME)
    return app


def run_gui(db: str | None, model: str | None, device: str | None = None) -> int:
    app = make_application()
    prefs = Preferences.load(QSettings())
    install_translators(app, prefs.language)
    install_cjk_fallback(app)
    from clamp2_desktop.main_window import MainWindow

    dev = device or (prefs.device if prefs.device != "auto" else None)
    window = MainWindow(Settings.from_env(db=db, device=dev), model)
    window.show()
    return app.exec()
