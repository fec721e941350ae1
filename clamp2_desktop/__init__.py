"""CLaMP 2 Desktop: the PySide6 application over :mod:`clamp2_engine`."""

__version__ = "0.1.0"
APP_NAME = "CLaMP 2 Desktop"
