"""Reading many music files, in parallel, without one bad file stopping the rest.

Parsing is pure Python (mido, regexes) and CPU-bound, so it fans out to a
process pool; results come back in input order.  Any exception a file
provokes becomes an :class:`InputFileError` for that file.
"""
from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator, Sequence

from clamp2_engine.errors import InputFileError
from clamp2_engine.pieces import ABC_EXTENSIONS, MIDI_EXTENSIONS, Piece, Preprocessing, read_pieces_report

# What a library scan picks up (MTF text files are accepted by `clamp2 embed`, not collected from folders).
MUSIC_EXTENSIONS = MIDI_EXTENSIONS | ABC_EXTENSIONS


@dataclass
class FileResult:
    path: str
    pieces: list[Piece] = field(default_factory=list)
    errors: list[InputFileError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return bool(self.pieces)


def read_file(path: str | Path, preprocessing: Preprocessing = Preprocessing()) -> FileResult:
    """One file's pieces and errors; never raises for a bad file."""
    path = str(path)
    try:
        pieces, errors = read_pieces_report(path, preprocessing)
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
