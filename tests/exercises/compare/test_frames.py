"""crmkit.exercises.compare.frames: a table compared column by column."""

from __future__ import annotations

import pandas as pd
from crmkit.exercises import compare

from tests.exercises.compare.support import problems_of


def test_frame_accepts_key_as_column_or_index_and_any_row_order(table: pd.DataFrame) -> None:
    compare_table = compare.frame(key="customer_id")
    assert compare_table(table, table).ok
    assert compare_table(table.set_index("customer_id"), table).ok
    assert compare_table(table.iloc[::-1], table).ok
    assert compare_table(table[["orders", "segment", "revenue", "customer_id"]], table).ok


def test_frame_wrong_type(table: pd.DataFrame) -> None:
    text = problems_of(compare.frame()(table["revenue"], table))
    assert "Your answer is a pandas Series" in text
    assert "expects a pandas DataFrame (a table) with columns 'customer_id'" in text
    assert ".reset_index()" in text


def test_frame_missing_and_extra_columns_are_named(table: pd.DataFrame) -> None:
    text = problems_of(compare.frame(key="customer_id")(table.drop(columns="orders"), table))
    assert "no column 'orders'" in text
    assert "Its columns are: 'customer_id', 'revenue', 'segment'" in text
    text = problems_of(
        compare.frame(key="customer_id")(table.rename(columns={"orders": "Orders"}), table)
    )
    assert "did you mean 'Orders'?" in text
    text = problems_of(compare.frame(key="customer_id")(table.assign(helper=1), table))
    assert "1 extra column: 'helper'" in text
    assert compare.frame(key="customer_id", columns=["revenue"])(table.assign(helper=1), table).ok


def test_frame_missing_extra_and_repeated_ids(table: pd.DataFrame) -> None:
    compare_table = compare.frame(key="customer_id")
    text = problems_of(compare_table(table.iloc[3:], table))
    assert "missing 3 customer_id values" in text and "for example C0001, C0002 and 1 more" in text
    text = problems_of(compare_table(pd.concat([table, table.iloc[[4]]]), table))
    assert "repeated customer_id values: C0005" in text
    text = problems_of(compare_table(table.drop(columns="customer_id"), table))
    assert "no column 'customer_id' (it identifies each row)" in text


def test_frame_values_factor_and_kinds(table: pd.DataFrame) -> None:
    compare_table = compare.frame(key="customer_id")
    text = problems_of(compare_table(table.assign(revenue=table["revenue"] * 100), table))
    assert "column 'revenue'" in text and "percentage" in text
    changed = table.copy()
    changed.loc[2, "orders"] = 99
    text = problems_of(compare_table(changed, table))
    assert "Column 'orders': 1 of 10 values differ" in text
    assert "customer_id C0003: yours 99 (too high)" in text and "expected 2" not in text
    text = problems_of(compare_table(table.assign(orders=table["orders"].astype(str)), table))
    assert "column 'orders' are text" in text


def test_frame_sort_order_is_named(table: pd.DataFrame) -> None:
    ranked = table.sort_values("revenue", ascending=False, ignore_index=True)
    text = problems_of(compare.frame(key="customer_id", check_order=True)(table, ranked))
    assert "expected sorted by 'revenue', largest first" in text
    assert "yours is sorted by 'revenue', smallest first" in text
    text = problems_of(compare.frame(check_order=True)(table, ranked))
    assert "wrong order" in text
    assert compare.frame()(table, ranked).ok  # positional rows, order not checked


def test_frame_multiindex_columns_and_index_matching(table: pd.DataFrame) -> None:
    grouped = table.groupby("segment").agg({"revenue": ["sum"]})
    expected = table.groupby("segment").agg(revenue=("revenue", "sum"))
    assert "named aggregation" in problems_of(compare.frame()(grouped, expected))
    assert compare.frame()(expected.sort_index(ascending=False), expected).ok
    text = problems_of(compare.frame()(expected.reset_index(), expected))
    assert "extra column: 'segment'" in text or "numbered 0, 1, 2" in text


def test_frame_shape(table: pd.DataFrame) -> None:
    text = problems_of(compare.frame()(table.iloc[:4], table))
    assert "Your table has 4 rows; expected 10." in text


def test_key_listed_in_columns_is_fine(table: pd.DataFrame) -> None:
    compare_table = compare.frame(key="customer_id", columns=["customer_id", "revenue"])
    assert compare_table(table[["customer_id", "revenue"]], table).ok
