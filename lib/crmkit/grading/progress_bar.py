"""A small progress display on stderr: a bar on a terminal, one line per student otherwise."""

from __future__ import annotations

import shutil
import sys
import time
from typing import TextIO


class ProgressBar:
    """Shows how many submissions are graded.

    On a terminal it redraws one line (``[#####.....] 12/40  0:42  alice: ok``);
    elsewhere (a log, CI) it prints one line per finished student.

    >>> import io
    >>> stream = io.StringIO()
    >>> progress = ProgressBar(2, stream, interactive=False)
    >>> progress.advance("alice", "ok, 3 of 4 points")
    >>> progress.close()
    >>> stream.getvalue()
    '[1/2] alice: ok, 3 of 4 points\\n'
    """

    def __init__(
        self, total: int, stream: TextIO | None = None, interactive: bool | None = None
    ) -> None:
        self.total = total
        self.stream = stream if stream is not None else sys.stderr
        if interactive is None:
            interactive = bool(getattr(self.stream, "isatty", lambda: False)())
        self.interactive = interactive
        self.done = 0
        self.started = time.monotonic()
        self.last = ""

    def start(self) -> None:
        if self.interactive:
            self._draw()

    def advance(self, student: str, outcome: str) -> None:
        """Count one more graded submission."""
        self.done += 1
        self.last = f"{student}: {outcome}"
        if self.interactive:
            self._draw()
        else:
            self.stream.write(f"[{self.done}/{self.total}] {self.last}\n")
            self.stream.flush()

    def close(self) -> None:
        if self.interactive:
            self.stream.write("\n")
            self.stream.flush()

    def _draw(self) -> None:
        width = shutil.get_terminal_size((80, 20)).columns
        elapsed = int(time.monotonic() - self.started)
        counter = f"{self.done}/{self.total}  {elapsed // 60}:{elapsed % 60:02d}"
        bar_width = max(10, min(30, width - len(counter) - 20))
        filled = bar_width * self.done // max(self.total, 1)
        line = f"[{'#' * filled}{'.' * (bar_width - filled)}] {counter}  {self.last}"
        self.stream.write("\r" + line[: width - 1].ljust(width - 1))
        self.stream.flush()
