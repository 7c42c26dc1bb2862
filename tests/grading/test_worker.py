"""crmkit.grading.worker without a kernel: how a cell's error is recorded."""

from __future__ import annotations

from crmkit.grading.worker import describe_error


def test_describe_error_without_traceback_cuts_long_text() -> None:
    error = describe_error(2, {"ename": "ValueError", "evalue": "x" * 5000, "traceback": []})
    assert error["line"] is None and len(error["evalue"]) == 2000
