"""The grading worker's own log: a private channel for its report, a trace of what it does.

The worker's stdout carries its report to the grading process and nothing else:
:func:`private_channel` moves it to a descriptor the kernel does not inherit and
sends everything else printed (the kernel's output included) to ``worker.log`` in
the job folder, where :func:`trace` writes a timestamped line per step. The log is
for diagnosing the grader itself; nothing in it is graded.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import TextIO

_STARTED = time.monotonic()


def trace(text: str) -> None:
    """A timestamped line in the worker's log (for diagnosing the grader, never graded).

    >>> import contextlib, io
    >>> with contextlib.redirect_stderr(io.StringIO()) as log:
    ...     trace("cell 3")
    >>> log.getvalue().startswith("crmkit worker ") and log.getvalue().endswith("s: cell 3\\n")
    True
    """
    print(f"crmkit worker {time.monotonic() - _STARTED:7.2f}s: {text}", file=sys.stderr, flush=True)


def private_channel(log_path: Path) -> TextIO:
    """Keep stdout for the report only; everything else (the kernel too) writes to the log."""
    sys.stdout.flush()
    channel = os.fdopen(os.dup(1), "w", encoding="utf-8")  # os.dup: not inherited
    log = os.open(log_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.dup2(log, 1)
    os.dup2(log, 2)
    os.close(log)
    return channel
