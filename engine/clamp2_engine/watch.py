"""Watch mode: keep the library in step with folders while the program runs.

watchdog reports file events; they are collected for a short quiet period
(editors and copy tools write a file in several steps) and then an ordinary
incremental scan of the affected root runs, which already knows how to tell
added, changed, moved and deleted files apart.
"""
from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Callable, Sequence

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from clamp2_engine.reading import MUSIC_EXTENSIONS


class _Collector(FileSystemEventHandler):
    def __init__(self, root: Path, pending: dict[Path, float], lock: threading.Lock):
        self.root, self.pending, self.lock = root, pending, lock

    def on_any_event(self, event: FileSystemEvent) -> None:
        paths = [getattr(event, "src_path", ""), getattr(event, "dest_path", "")]
        if event.is_directory or any(Path(str(p)).suffix.lower() in MUSIC_EXTENSIONS for p in paths if p):
            with self.lock:
                self.pending[self.root] = time.monotonic()


def watch(roots: Sequence[Path], rescan: Callable[[Path], None], stop: threading.Event,
          quiet_seconds: float = 1.0, poll: float = 0.2) -> None:
    """Block until ``stop`` is set, calling ``rescan(root)`` after changes settle."""
    pending: dict[Path, float] = {}
    lock = threading.Lock()
    observer = Observer()
    for root in roots:
        observer.schedule(_Collector(Path(root), pending, lock), str(root), recursive=True)
    observer.start()
    try:
        while not stop.is_set():
            now = time.monotonic()
            with lock:
                due = [r for r, t in pending.items() if now - t >= quiet_seconds]
                for r in due:
                    del pending[r]
            for root in due:
                rescan(root)
            stop.wait(poll)
    finally:
        observer.stop()
        observer.join(timeout=5)
