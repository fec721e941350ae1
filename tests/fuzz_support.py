"""What the fuzz suites share: a hard per-case time limit and the case-count report."""
from __future__ import annotations

import signal
import threading
from collections import Counter
from contextlib import contextmanager

import pytest


@contextmanager
def hard_time_limit(seconds: float):
    """Interrupt the case instead of hanging the suite (SIGALRM; a BaseException, so no handler eats it).

    Off the main thread no alarm can be set; the case then runs without this limit.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    class Hang(BaseException):
        pass

    def on_alarm(signum, frame):
        raise Hang(f"no result after {seconds:.0f} s: a hang")

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds, 1.0)  # repeats, in case a finalizer swallows one
    try:
        yield
    except Hang as exc:
        pytest.fail(str(exc))
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def case_report(suite: str, cases: Counter[str], *, outcomes: bool = True) -> tuple[int, str]:
    """``(total, text)``: cases per kind; keys ``kind:outcome`` are summed into one outcomes line."""
    total = sum(v for k, v in cases.items() if ":" not in k)
    if not outcomes:
        return total, "\n".join([f"{suite}: {total} cases"] + [f"  {k}: {v}" for k, v in sorted(cases.items())])
    lines = [f"{suite}: {total} cases"] + [f"  {k}: {v}" for k, v in sorted(cases.items()) if ":" not in k]
    by_outcome: Counter[str] = Counter()
    for k, v in cases.items():
        if ":" in k:
            by_outcome[k.split(":", 1)[1]] += v
    lines.append("  outcomes: " + ", ".join(f"{k} {v}" for k, v in sorted(by_outcome.items())))
    return total, "\n".join(lines)
