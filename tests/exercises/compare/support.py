"""Helpers shared by the comparator tests."""

from __future__ import annotations

import pandas as pd
from crmkit.exercises import compare


def customer_index(count: int = 10) -> pd.Index:
    return pd.Index([f"C{number:04d}" for number in range(1, count + 1)], name="customer_id")


def problems_of(verdict: compare.Verdict) -> str:
    """All problems as one text, for 'is this diagnosis mentioned' assertions."""
    assert isinstance(verdict, compare.Verdict)
    assert all(isinstance(problem, str) for problem in verdict.problems)
    return "\n".join(verdict.problems)
