"""repeat_summary and calibration_holdout_summary: hand-worked cases and lifetimes' values.

The lifetimes values below were computed once in a separate virtual environment with
lifetimes 0.11.3, pandas 1.5.3, numpy 1.24.4 (lifetimes cannot be imported with this
course's pandas 3 and warnings-as-errors), on datasets/cdnow/CDNOW_sample.txt read with
customer_id as text and the date parsed with format %Y%m%d:

    summary_data_from_transaction_data(df, "customer_id", "date", "amount",
        observation_period_end="1997-09-30", freq="D", freq_multiplier=7)
    calibration_and_holdout_data(df, "customer_id", "date", "1997-09-30", "1998-06-30",
        freq="D", freq_multiplier=7, monetary_value_col="amount")

lifetimes is not a dependency of the course; benchmarks/bench_retention.py compares the two
value for value on a million rows.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from crmkit.retention import models

# lifetimes' column totals (calibration to 1997-09-30; whole period to 1998-06-30)
LIFETIMES_CALIBRATION_TOTALS = {
    "frequency": 2457.0,
    "recency": 16135.571428571428,
    "T": 77111.28571428571,
    "monetary": 33183.643766870584,
}
LIFETIMES_FULL_TOTALS = {
    "frequency": 4339.0,
    "recency": 43923.42857142857,
    "T": 169034.28571428574,
    "monetary": 40758.44137790224,
}
# a few of lifetimes' rows (frequency, recency, T, monetary_value) of the calibration summary
LIFETIMES_ROWS = {
    "00004": (2.0, 30.428571428571427, 38.85714285714285, 22.345),
    "00021": (1.0, 1.7142857142857142, 38.85714285714285, 11.77),
    "01150": (0.0, 0.0, 38.285714285714285, 0.0),
    "10081": (0.0, 0.0, 33.714285714285715, 0.0),
    "23569": (0.0, 0.0, 27.0, 0.0),
}
LIFETIMES_HOLDOUT_TOTAL = 1882.0  # frequency_holdout summed
LIFETIMES_MAXIMA = {"frequency": 29.0, "recency": 38.42857142857143, "T": 38.85714285714285}


def buys(*rows: tuple[str, str, float]) -> pd.DataFrame:
    ids, days, amounts = zip(*rows, strict=True)
    return pd.DataFrame(
        {"customer_id": list(ids), "date": pd.to_datetime(list(days)), "amount": list(amounts)}
    )


def test_hand_worked_case() -> None:
    """A: buys twice on 1 Jan (one purchase day, 15), again on 15 Jan (20) and 29 Jan (10);
    B: once on 8 Jan. Observation ends on 29 Jan: A has 2 repeat days over 4 weeks."""
    frame = buys(("A", "1997-01-01", 10), ("A", "1997-01-01", 5), ("A", "1997-01-15", 20),
                 ("A", "1997-01-29", 10), ("B", "1997-01-08", 7), ("B", "1997-02-20", 3))  # fmt: skip
    table = models.repeat_summary(frame, amount="amount", observation_end="1997-01-29")
    assert table.index.tolist() == ["A", "B"]
    assert table.loc["A"].tolist() == [2, 4.0, 4.0, 15.0]
    assert table.loc["B"].tolist() == [0, 0.0, 3.0, 0.0]
    assert table["frequency"].dtype == np.dtype("int64")
    days = models.repeat_summary(frame, observation_end="1997-01-29", time_unit="D")
    assert days.loc["A"].tolist() == [2, 28.0, 28.0]
    assert list(days.columns) == ["frequency", "recency", "T"]


def test_observation_end_defaults_to_the_last_date_and_times_of_day_are_dropped() -> None:
    frame = buys(
        ("A", "1997-01-01 09:00", 1), ("A", "1997-01-01 18:00", 2), ("B", "1997-01-15 00:00", 3)
    )
    table = models.repeat_summary(frame, time_unit="D")
    assert table.loc["A"].tolist() == [0, 0.0, 14.0]


def test_same_day_purchases_add_up_in_monetary() -> None:
    frame = buys(("A", "1997-01-01", 10), ("A", "1997-01-08", 5), ("A", "1997-01-08", 7))
    assert models.repeat_summary(frame, amount="amount").loc["A", "monetary"] == 12.0


def test_cdnow_calibration_summary_equals_lifetimes(calibration: pd.DataFrame) -> None:
    assert len(calibration) == 2357
    for column, total in LIFETIMES_CALIBRATION_TOTALS.items():
        assert calibration[column].sum() == pytest.approx(total, rel=1e-13, abs=0)
    for customer, row in LIFETIMES_ROWS.items():
        assert calibration.loc[customer, ["frequency", "recency", "T", "monetary"]].tolist() == (
            pytest.approx(list(row), rel=1e-14)
        )
    for column, top in LIFETIMES_MAXIMA.items():
        assert calibration[column].max() == pytest.approx(top, rel=1e-14)  # CSV: last digit
    assert calibration["frequency_holdout"].sum() == LIFETIMES_HOLDOUT_TOTAL
    assert (calibration["duration_holdout"] == 39.0).all()


def test_cdnow_whole_period_equals_lifetimes(sample: pd.DataFrame) -> None:
    table = models.repeat_summary(sample, amount="amount")
    for column, total in LIFETIMES_FULL_TOTALS.items():
        assert table[column].sum() == pytest.approx(total, rel=1e-13, abs=0)


def test_the_published_summary(calibration: pd.DataFrame) -> None:
    """The paper's own summary file (as shipped in lifetimes as cdnow_customers_summary.csv,
    rounded to 2 decimals) sums to 2,457 repeat purchases, recency 16,135.52 and T 77,111.21."""
    assert calibration["frequency"].sum() == 2457
    assert calibration["recency"].round(2).sum() == pytest.approx(16135.52, abs=0.01)
    assert calibration["T"].round(2).sum() == pytest.approx(77111.21, abs=0.01)
    assert (calibration["frequency"] > 0).sum() == 946


def test_calibration_holdout_hand_worked() -> None:
    frame = buys(("A", "1997-01-01", 10), ("A", "1997-01-22", 4), ("A", "1997-01-22", 6),
                 ("A", "1997-01-25", 2), ("B", "1997-01-08", 5), ("C", "1997-01-20", 1))  # fmt: skip
    table = models.calibration_holdout_summary(frame, "1997-01-15", "1997-01-29", amount="amount")
    assert table.index.tolist() == ["A", "B"]  # C starts after calibration
    assert table.loc["A", "frequency_holdout"] == 2  # two purchase days
    assert table.loc["A", "monetary_holdout"] == 6.0  # (10 + 2) / 2 purchase days
    assert table.loc["B", ["frequency_holdout", "monetary_holdout"]].tolist() == [0, 0.0]
    assert (table["duration_holdout"] == 2.0).all()


def test_calibration_part_equals_repeat_summary(
    sample: pd.DataFrame, calibration: pd.DataFrame
) -> None:
    alone = models.repeat_summary(sample, amount="amount", observation_end="1997-09-30")
    pd.testing.assert_frame_equal(calibration[alone.columns], alone)


def test_customer_ids_keep_their_type(sample: pd.DataFrame) -> None:
    table = models.repeat_summary(sample)
    assert isinstance(table.index.dtype, pd.StringDtype)
    assert table.index.name == "customer_id"
    assert table.index.is_monotonic_increasing


def test_other_column_names() -> None:
    frame = buys(("A", "1997-01-01", 1), ("A", "1997-01-15", 2)).rename(
        columns={"customer_id": "who", "date": "when", "amount": "paid"}
    )
    table = models.repeat_summary(frame, customer="who", date="when", amount="paid")
    assert table.index.name == "who" and table.loc["A", "monetary"] == 2.0
