"""Naming the order of rows: which column (or the labels) they are sorted by, and which way.

Used when an exercise asks for a ranking: "expected sorted by revenue,
largest first; yours is sorted by revenue, smallest first" says what to fix.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd


def describe_order(columns: Mapping[str, pd.Series | pd.Index]) -> str:
    """Say which of ``columns`` (name -> values) the rows are sorted by, trying them in order.

    >>> describe_order({"value": pd.Series([3, 2, 1]), "customer_id": pd.Index(["C1", "C2", "C3"])})
    'sorted by value, largest first'
    >>> describe_order({"value": pd.Series([1, 3, 2])})
    'not sorted by value'
    """
    for name, values in columns.items():
        direction = _direction(values)
        if direction:
            return f"sorted by {name}, {direction}"
    return "not sorted by " + " or ".join(columns) if columns else "not sorted"


def _direction(values: pd.Series | pd.Index) -> str | None:
    try:
        if len(values) < 2 or values.nunique(dropna=False) < 2:
            return None
        if values.is_monotonic_decreasing:
            return "largest first"
        if values.is_monotonic_increasing:
            return "smallest first"
    except Exception:  # unorderable values (mixed types) have no order to describe
        return None
    return None


def order_problem(
    what: str, answer_order: str, expected_order: str, index_name: str | None = None
) -> str:
    """The message for the right values in the wrong order, with the sorting tip that fits.

    ``index_name``: when the expected order is by these labels, the tip is .sort_index().

    >>> order_problem("table", "not sorted", "sorted by 'revenue', largest first")
    ... # doctest: +NORMALIZE_WHITESPACE
    "Your table has the right values but in the wrong order: expected sorted by 'revenue',
    largest first; yours is not sorted. Tip: .sort_values(...) (ascending=False for largest first)."
    """
    if index_name and expected_order.startswith(f"sorted by {index_name},"):
        tip = "Tip: .sort_index() sorts by the labels."
    else:
        tip = "Tip: .sort_values(...) (ascending=False for largest first)."
    return (
        f"Your {what} has the right values but in the wrong order: expected {expected_order}; "
        f"yours is {answer_order}. {tip}"
    )
