"""Entry point of the frozen app (PyInstaller): the same ``main`` as ``clamp2-desktop``."""
import multiprocessing
import sys

if __name__ == "__main__":
    multiprocessing.freeze_support()  # parser worker processes of scans
    from clamp2_desktop.__main__ import main

    sys.exit(main())
