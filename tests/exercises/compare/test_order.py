"""crmkit.exercises.compare.order: naming the sort order of rows."""

from __future__ import annotations

import pandas as pd
from crmkit.exercises.compare.order import describe_order, order_problem


def test_describe_order_tries_the_columns_in_turn() -> None:
    constant, rising = pd.Series([1, 1, 1]), pd.Series([1, 2, 3])
    assert describe_order({"'x'": constant, "'y'": rising}) == "sorted by 'y', smallest first"
    assert describe_order({"'x'": pd.Series([2, 1, 3])}) == "not sorted by 'x'"
    assert describe_order({"'x'": pd.Series([1, "a"], dtype=object)}) == "not sorted by 'x'"
    assert describe_order({}) == "not sorted"


def test_order_problem_tip_fits_the_expected_order() -> None:
    by_labels = order_problem("Series", "not sorted", "sorted by month, smallest first", "month")
    assert by_labels.endswith("Tip: .sort_index() sorts by the labels.")
    by_values = order_problem("Series", "not sorted", "sorted by value, largest first", "month")
    assert by_values.endswith("Tip: .sort_values(...) (ascending=False for largest first).")
