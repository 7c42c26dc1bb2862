"""Generic rules added by the feedback audit: rounding to thousands, abbreviations, running
totals, a factor of 365, shifted and swapped columns, a top-N table cut short."""

from __future__ import annotations

import pandas as pd
from crmkit.exercises import compare

from tests.exercises.compare.support import problems_of

MONTHS = pd.Index(pd.date_range("2025-01-01", periods=4, freq="MS"), name="month")


def test_a_total_rounded_to_thousands_is_named_without_the_value() -> None:
    text = problems_of(compare.scalar()(18099000.0, 18099183.21))
    assert "rounded to thousands" in text and "183" not in text
    # a whole count that happens to be near a round number is not called rounded
    assert "rounded" not in problems_of(compare.scalar()(8000, 8012))
    assert "rounded" not in problems_of(compare.scalar()(10.0, 8.4))


def test_an_abbreviation_of_the_expected_text_is_named() -> None:
    text = problems_of(compare.scalar()("Wed", "Wednesday"))
    assert "abbreviation" in text and "Wednesday" not in text
    assert "abbreviation" not in problems_of(compare.scalar()("Tuesday", "Wednesday"))


def test_running_totals_where_monthly_values_are_asked_and_the_reverse() -> None:
    spend = pd.Series([10.0, 0.0, 5.0, 7.5], index=MONTHS)
    assert "running totals" in problems_of(compare.series()(spend.cumsum(), spend))
    assert "running totals" in problems_of(compare.series()(spend, spend.cumsum()))
    assert "running totals" not in problems_of(compare.series()(spend * 2, spend))


def test_a_yearly_rate_used_per_day_is_365_times_even_with_rounded_expected_values() -> None:
    ids = pd.Index(["B1", "B2", "B3"], name="customer_id")
    exact = pd.Series([14.563217, 0.004, 8.286471], index=ids)
    expected = exact.round(2)
    text = problems_of(compare.series(abs_tol=0.05)(exact * 365, expected))
    assert "365 times" in text
    assert "365 times" not in problems_of(compare.series(abs_tol=0.05)(exact * 2, expected))


def funnel() -> pd.DataFrame:
    index = pd.Index(["club", "internet", "referral"], name="method")
    return pd.DataFrame(
        {"lead": [50, 40, 30], "contacted": [30, 20, 25], "won": [10, 5, 12], "none": [0, 0, 0]},
        index=index,
    )


def test_columns_shifted_by_one_are_named() -> None:
    expected = funnel()
    shifted = expected.copy()
    shifted[list(expected.columns)] = expected.shift(-1, axis=1).fillna(0).astype("int64")
    text = problems_of(compare.frame()(shifted, expected))
    assert "shifted by one" in text and "> where >= is asked" in text
    assert "shifted by one" not in problems_of(compare.frame()(expected * 2, expected))


def test_swapped_rows_and_columns_are_named() -> None:
    text = problems_of(compare.frame()(funnel().T, funnel()))
    assert "Rows and columns are swapped" in text


def test_a_table_cut_short_names_the_top_n() -> None:
    expected = pd.DataFrame(
        {"customer_id": ["B1", "B2", "B3", "B4"], "revenue": [9.0, 8.0, 7.0, 6.0]}
    )
    text = problems_of(compare.frame(key="customer_id")(expected.head(2), expected))
    assert "smaller N of a top-N" in text
