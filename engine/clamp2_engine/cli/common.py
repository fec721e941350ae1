"""What every ``clamp2`` command shares: output streams, progress, exit codes."""
from __future__ import annotations

import json
import sys
from contextlib import contextmanager
from typing import Any, Iterator

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

# Exit codes (documented in the README).
EXIT_OK = 0            # done (some inputs may have failed; they are listed)
EXIT_NOTHING_DONE = 1  # no input could be processed
EXIT_USAGE = 2         # bad arguments (argparse's own code)
EXIT_MODEL = 3         # the model could not be found or loaded
EXIT_LIBRARY = 4       # the library database or index could not be used
EXIT_INTERRUPTED = 130

err = Console(stderr=True, highlight=False, soft_wrap=True)


def print_json(doc: Any) -> None:
    """One JSON document on stdout, nothing else there."""
    sys.stdout.write(json.dumps(doc, ensure_ascii=False, indent=2) + "\n")
    sys.stdout.flush()


@contextmanager
def progress_bar(description: str, total: int, *, enabled: bool = True) -> Iterator[Progress]:
    """A progress bar on stderr (silent when stderr is not a terminal unless forced)."""
    progress = Progress(
        TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
        TimeElapsedColumn(), TextColumn("eta"), TimeRemainingColumn(),
        console=err, disable=not enabled, transient=False,
    )
    with progress:
        progress.add_task(description, total=total)
        yield progress


def advance_to(progress: Progress, completed: int) -> None:
    task = progress.task_ids[0]
    progress.update(task, completed=completed)
