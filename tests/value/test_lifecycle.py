"""crmkit.value.lifecycle on small tables worked out by hand."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from crmkit import value

from tests.value.tables import AS_OF, lines

# --------------------------------------------------------------------------- monthly_spend


def test_monthly_spend_zeros_after_first_order_nan_before() -> None:
    orders = lines(
        ("A", "2025-09-03", 10),
        ("A", "2025-09-28", 5),
        ("A", "2025-12-09", 5),
        ("B", "2025-11-20", 7),
        ("B", "2026-01-05", 100),  # after as_of: ignored
    )
    spend = value.monthly_spend(orders, AS_OF)
    months = pd.date_range("2025-09-01", "2025-12-01", freq="MS")
    assert list(spend.index) == list(months)
    assert spend.index.name == "month"
    assert spend.columns.name == "customer_id"
    assert list(spend.columns) == ["A", "B"]
    expected = pd.DataFrame(
        {"A": [15.0, 0.0, 0.0, 5.0], "B": [np.nan, np.nan, 7.0, 0.0]},
        index=pd.DatetimeIndex(months, name="month"),
    )
    expected.columns.name = "customer_id"
    pd.testing.assert_frame_equal(
        spend, expected, check_index_type=False, check_column_type=False, check_freq=False
    )


def test_monthly_spend_runs_to_the_month_of_as_of() -> None:
    spend = value.monthly_spend(lines(("A", "2025-01-15", 10)), "2025-04-02")
    assert spend.index[-1] == pd.Timestamp("2025-04-01")
    assert spend["A"].tolist() == [10.0, 0.0, 0.0, 0.0]


def test_monthly_spend_totals_equal_the_revenue_up_to_as_of() -> None:
    orders = lines(
        ("A", "2025-02-01", 3.5),
        ("B", "2025-02-11", 4.25),
        ("A", "2025-05-30", 1.0),
        ("B", "2025-07-01", 8.0),
    )
    spend = value.monthly_spend(orders, "2025-06-30")
    assert spend.sum().sum() == pytest.approx(8.75)


# --------------------------------------------------------------------------- lifecycle_stages

# as_of = 2025-12-31, window 3: recent = Oct-Dec 2025, previous = Jul-Sep 2025.
PREVIOUS_MONTHS = ["2025-07-15", "2025-08-15", "2025-09-15"]
RECENT_MONTHS = ["2025-10-15", "2025-11-15", "2025-12-15"]


def steady(customer: str, previous: float, recent: float) -> list[tuple[str, str, float]]:
    """Spend ``previous`` in each month of the previous window and ``recent`` in each recent one."""
    return [(customer, day, previous) for day in PREVIOUS_MONTHS] + [
        (customer, day, recent) for day in RECENT_MONTHS
    ]


def stage_of(rows: list[tuple[str, str, float]], customer: str, window_months: int = 3) -> str:
    # An anchor customer from 2025-01 makes the spend table start early for everyone.
    table = value.lifecycle_stages(
        lines(("ANCHOR", "2025-01-10", 1.0), *rows), AS_OF, window_months
    )
    return str(table.loc[customer, "stage"])


@pytest.mark.parametrize(
    ("previous", "recent", "stage"),
    [
        (10.0, 12.0, "growth"),  # recent = 36 = exactly 1.2 x 30
        (100.0, 120.0, "growth"),
        (10.0, 11.99, "harvest"),  # just under 1.2 x
        (10.0, 7.0, "defence"),  # recent = 21 = exactly 0.7 x 30
        (10.0, 7.01, "harvest"),  # just over 0.7 x
        (10.0, 10.0, "harvest"),
        (10.0, 0.5, "defence"),
    ],
)
def test_lifecycle_growth_and_defence_boundaries(
    previous: float, recent: float, stage: str
) -> None:
    assert stage_of(steady("X", previous, recent), "X") == stage


@pytest.mark.parametrize(
    ("previous", "recent"), [(30.0, 21.0), (110.0, 77.0), (220.0, 154.0), (60.0, 42.0)]
)
def test_lifecycle_defence_at_exactly_seven_tenths(previous: float, recent: float) -> None:
    """recent == 0.7 x previous exactly (63 of 90, 231 of 330...) is defence by the stated rule;
    floating point makes 0.7 * 90 = 62.99999999999999, so a bare ``<=`` calls it harvest."""
    assert recent * 3 == pytest.approx(0.7 * previous * 3)
    assert stage_of(steady("X", previous, recent), "X") == "defence"


def test_lifecycle_breakthrough_when_first_purchase_is_in_the_recent_window() -> None:
    rows = [
        ("NEW", "2025-10-01", 5.0),
        ("NEW", "2025-12-20", 1.0),
        ("SEPT", "2025-09-30", 5.0),
        ("SEPT", "2025-10-02", 5.0),
    ]
    table = value.lifecycle_stages(lines(("ANCHOR", "2025-01-10", 1.0), *rows), AS_OF)
    assert table.loc["NEW", "stage"] == "breakthrough"  # first month = Oct = start of recent window
    assert table.loc["NEW", "first_month"] == pd.Timestamp("2025-10-01")
    assert table.loc["SEPT", "stage"] != "breakthrough"  # first month Sep is in the previous window
    assert table.loc["SEPT", "stage"] == "harvest"  # 5 recent vs 5 previous


def test_lifecycle_breakthrough_beats_growth() -> None:
    # first order in November, recent 50 >= 1.2 x previous 0, but a new customer is breakthrough
    assert stage_of([("NEW", "2025-11-03", 50.0)], "NEW") == "breakthrough"


def test_lifecycle_dormancy_when_no_recent_spend() -> None:
    rows = [
        ("SLEEP", "2025-09-30", 100.0),
        ("AWAKE", "2025-09-30", 100.0),
        ("AWAKE", "2025-10-01", 1.0),
    ]
    table = value.lifecycle_stages(lines(("ANCHOR", "2025-01-10", 1.0), *rows), AS_OF)
    assert table.loc["SLEEP", "stage"] == "dormancy"
    assert table.loc["SLEEP", "recent"] == 0.0
    assert table.loc["AWAKE", "stage"] == "defence"  # 1 <= 0.7 x 100


def test_lifecycle_window_months_changes_the_windows() -> None:
    # Dec only vs Nov only with a one-month window
    rows = [("X", "2025-11-10", 10.0), ("X", "2025-12-10", 12.0), ("X", "2025-06-01", 1.0)]
    assert stage_of(rows, "X", window_months=1) == "growth"
    table = value.lifecycle_stages(lines(("ANCHOR", "2025-01-10", 1.0), *rows), AS_OF, 1)
    assert table.loc["X", ["recent", "previous"]].tolist() == [12.0, 10.0]


def test_lifecycle_stages_columns_and_order_ignores_later_orders() -> None:
    rows = steady("X", 10.0, 12.0) + [("X", "2026-01-10", 1000.0)]
    table = value.lifecycle_stages(lines(("ANCHOR", "2025-01-10", 1.0), *rows), AS_OF)
    assert list(table.columns) == ["first_month", "recent", "previous", "stage"]
    assert table.index.name == "customer_id"
    assert list(table["stage"].cat.categories) == value.STAGES
    assert table.loc["X", "recent"] == 36.0 and table.loc["X", "previous"] == 30.0


def test_lifecycle_each_stage_once() -> None:
    rows = (
        steady("GROWTH", 10.0, 12.0)
        + steady("DEFENCE", 10.0, 7.0)
        + steady("HARVEST", 10.0, 10.0)
        + [("NEW", "2025-12-01", 3.0), ("SLEEP", "2025-08-01", 3.0)]
    )
    table = value.lifecycle_stages(lines(("ANCHOR", "2025-01-10", 1.0), *rows), AS_OF)
    stages = table["stage"].astype(str).drop("ANCHOR").to_dict()
    assert stages == {
        "GROWTH": "growth",
        "DEFENCE": "defence",
        "HARVEST": "harvest",
        "NEW": "breakthrough",
        "SLEEP": "dormancy",
    }
