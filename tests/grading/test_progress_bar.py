"""crmkit.grading.progress_bar: the progress display on a terminal."""

from __future__ import annotations

import io

from crmkit.grading.progress_bar import ProgressBar


def test_progress_bar_on_a_terminal() -> None:
    stream = io.StringIO()
    progress = ProgressBar(4, stream, interactive=True)
    progress.start()
    progress.advance("ann", "ok")
    progress.close()
    assert stream.getvalue().count("\r") == 2 and "[" in stream.getvalue()
    assert "1/4" in stream.getvalue() and stream.getvalue().endswith("\n")
