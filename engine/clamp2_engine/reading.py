"""Reading many music files, in parallel, without one bad file stopping the rest.

Parsing is pure Python (mido, regexes) and CPU-bound, so it fans out to a
process pool; results come back in input order.  Any exception a file
provokes becomes an :class:`InputFileError` for that file.
"""
from __future__ import annotations

import os
import signal
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator, Sequence

from clamp2_engine.errors import InputFileError
from clamp2_engine.pieces import ABC_EXTENSIONS, MIDI_EXTENSIONS, Piece, Preprocessing, read_pieces_report

# What a library scan picks up (MTF text files are accepted by `clamp2 embed`, not collected from folders).
MUSIC_EXTENSIONS = MIDI_EXTENSIONS | ABC_EXTENSIONS

#: Seconds one file may take to be read and converted.  Past it the file is reported as failed instead of
#: being waited for (a hostile file must not stall a scan).  Enforced where files are read on a process's
#: main thread: the parser processes of a scan or `clamp2 embed`, and the CLI itself.
FILE_TIME_LIMIT_S = 60.0


class _OverTime(BaseException):
    """Raised by the alarm; a BaseException so that no parser's ``except Exception`` can swallow it."""


@contextmanager
def _time_limit(seconds: float | None):
    if not seconds or threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def on_alarm(signum, frame):
        raise _OverTime()

    start = time.monotonic()
    previous = signal.signal(signal.SIGALRM, on_alarm)
    # Repeating: an alarm that lands in a finalizer run by the garbage collector is swallowed there
    # ("Exception ignored in ..."); the next one, 50 ms later, lands in the parser.
    outer, _ = signal.setitimer(signal.ITIMER_REAL, seconds, 0.05)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if outer:  # someone else's alarm was armed: give it back what is left of it
            signal.setitimer(signal.ITIMER_REAL, max(outer - (time.monotonic() - start), 0.001))


@dataclass
class FileResult:
    path: str
    pieces: list[Piece] = field(default_factory=list)
    errors: list[InputFileError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return bool(self.pieces)


def read_file(path: str | Path, preprocessing: Preprocessing = Preprocessing(),
              time_limit: float | None = None) -> FileResult:
    """One file's pieces and errors; never raises for a bad file.

    ``time_limit`` (default :data:`FILE_TIME_LIMIT_S`; 0: none) bounds the seconds spent on the file.
    """
    path = str(path)
    limit = FILE_TIME_LIMIT_S if time_limit is None else time_limit
    try:
        try:
            with _time_limit(limit):
                pieces, errors = read_pieces_report(path, preprocessing)
        except _OverTime:
            return FileResult(path, [], [InputFileError(
                path, f"reading took longer than {limit:g} s, the limit for one file; skipped")])
        return FileResult(path, list(pieces), [e.to_exception() for e in errors])
    except InputFileError as exc:
        return FileResult(path, [], [exc])
    except MemoryError:
        return FileResult(path, [], [InputFileError(path, "out of memory while reading the file")])
    except Exception as exc:  # a parser bug must cost one file, not the whole run
        return FileResult(path, [], [InputFileError(path, f"unexpected {type(exc).__name__}: {exc}")])


def default_workers() -> int:
    return max(1, min(8, (os.cpu_count() or 1)))


def read_files(paths: Sequence[str | Path], preprocessing: Preprocessing = Preprocessing(),
               workers: int | None = None, chunksize: int = 8) -> Iterator[FileResult]:
    """Results for ``paths`` in order; uses a process pool when it pays off."""
    workers = default_workers() if workers is None else workers
    if workers <= 1 or len(paths) < 4:
        for p in paths:
            yield read_file(p, preprocessing)
        return
    done = 0
    try:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            for result in pool.map(read_file, paths, [preprocessing] * len(paths), chunksize=chunksize):
                done += 1
                yield result
    except BrokenProcessPool:
        # A worker died (a crash in a C library, the OOM killer): finish in this process.
        for p in paths[done:]:
            yield read_file(p, preprocessing)


def expand_inputs(items: Iterable[str | Path], extensions: frozenset[str] = MUSIC_EXTENSIONS) -> list[Path]:
    """Files as given (any extension), and music files found under given folders, sorted."""
    out: list[Path] = []
    for item in items:
        path = Path(item)
        if path.is_dir():
            out.extend(sorted(p for p in path.rglob("*") if p.suffix.lower() in extensions and p.is_file()))
        else:
            out.append(path)
    return out
