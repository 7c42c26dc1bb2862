"""crmkit.grading.kernel_client without a kernel: how output is counted against the cap."""

from __future__ import annotations

from crmkit.grading.kernel_client import output_size


def test_output_size_counts_every_representation() -> None:
    assert output_size({"content": {"data": {"image/png": "abc", "text/plain": "d"}}}) == 4
