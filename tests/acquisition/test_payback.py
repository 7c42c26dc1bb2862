"""crmkit.acquisition.payback: first-year value, value to cost, cumulative gross profit, payback."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from crmkit import acquisition

from tests.acquisition.tables import customer_table, line_table


def test_first_year_window_and_full_year_rule(two_consumers: tuple[pd.DataFrame, ...]) -> None:
    customers, lines = two_consumers
    table = acquisition.first_year_value(customers, lines)
    assert table.loc["C1", ["revenue", "gross_profit"]].tolist() == [150.0, 70.0]
    assert table.loc["C1", "full_year"] and not table.loc["C2", "full_year"]
    assert table.loc["C2", ["revenue", "gross_profit"]].isna().all()
    assert table.loc["C1", "acquisition_channel"] == "x"


def test_full_year_boundary() -> None:
    customers = customer_table(
        ("EXACT", "consumer", "2024-12-31", "x", 1.0),  # 365 days before as_of
        ("SHORT", "consumer", "2025-01-01", "x", 1.0),  # 364 days
    )
    table = acquisition.first_year_value(customers, line_table(("EXACT", "2025-01-01", 1.0, 0.0)))
    assert table["full_year"].to_dict() == {"EXACT": True, "SHORT": False}
    assert table.loc["EXACT", "revenue"] == 1.0


def test_first_year_with_service_events(two_consumers: tuple[pd.DataFrame, ...]) -> None:
    customers, lines = two_consumers
    events = pd.DataFrame(
        {
            "customer_id": ["C1", "C1", "C2"],
            "event_date": pd.to_datetime(["2024-01-01", "2025-03-01", "2025-06-01"]),
            "cost": [25.0, 99.0, 5.0],
        }
    )
    table = acquisition.first_year_value(customers, lines, events)
    assert table.loc["C1", ["cost_to_serve", "contribution"]].tolist() == [25.0, 45.0]
    assert np.isnan(table.loc["C2", "contribution"])


def test_first_year_refuses_repeated_customers(two_consumers: tuple[pd.DataFrame, ...]) -> None:
    customers, lines = two_consumers
    with pytest.raises(ValueError, match="repeated customer_id"):
        acquisition.first_year_value(pd.concat([customers, customers]), lines)


def test_value_to_cost(two_consumers: tuple[pd.DataFrame, ...]) -> None:
    customers, lines = two_consumers
    first_year = acquisition.first_year_value(customers, lines)
    table = acquisition.value_to_cost(first_year, pd.Series({"x": 7.0, "y": 50.0}))
    assert table.index.tolist() == ["x"]  # y has nobody with a full first year
    assert table.loc["x", ["customers", "cac", "first_year_gross_profit"]].tolist() == [
        1,
        7.0,
        70.0,
    ]
    assert table.loc["x", "value_to_cost"] == pytest.approx(10.0)
    as_frame = acquisition.value_to_cost(
        first_year, pd.DataFrame({"cac": [7.0, 50.0]}, index=["x", "y"])
    )
    pd.testing.assert_frame_equal(table, as_frame)


def test_value_to_cost_refuses_mixed_segments_and_missing_cac() -> None:
    customers = customer_table(
        ("C1", "consumer", "2023-01-01", "referral", 10.0),
        ("B1", "business", "2023-01-01", "referral", 900.0),
    )
    first_year = acquisition.first_year_value(customers, line_table(("C1", "2023-02-01", 5.0, 1.0)))
    with pytest.raises(ValueError, match="mixes the segments"):
        acquisition.value_to_cost(first_year, pd.Series({"referral": 1.0}))
    consumers = first_year[first_year["segment"] == "consumer"]
    with pytest.raises(ValueError, match="no value for referral"):
        acquisition.value_to_cost(consumers, pd.Series({"other": 1.0}))


def test_cumulative_gross_profit_months() -> None:
    customers = customer_table(
        ("A", "consumer", "2024-01-01", "x", 1.0),
        ("B", "consumer", "2024-01-01", "x", 1.0),
        ("NEW", "consumer", "2025-11-01", "x", 1.0),  # not observed for 3 months: left out
    )
    lines = line_table(
        ("A", "2024-01-31", 10.0, 0.0),  # day 30: month 1 (a month is 30.42 days)
        ("A", "2024-02-01", 20.0, 0.0),  # day 31: month 2
        ("B", "2024-03-31", 30.0, 10.0),  # day 90: month 3 (days 60.8 to 91.25)
        ("NEW", "2025-11-02", 1000.0, 0.0),
    )
    curves = acquisition.cumulative_gross_profit(customers, lines, months=3)
    assert curves.index.tolist() == [1, 2, 3] and curves.index.name == "month"
    assert curves["x"].tolist() == [5.0, 15.0, 25.0]


def test_cumulative_gross_profit_needs_observed_customers() -> None:
    customers = customer_table(("NEW", "consumer", "2025-11-01", "x", 1.0))
    with pytest.raises(ValueError, match="observed for 12 months"):
        acquisition.cumulative_gross_profit(customers, line_table(("NEW", "2025-11-02", 1.0, 0.0)))


def test_payback_months() -> None:
    curves = pd.DataFrame(
        {"x": [20.0, 40.0, 60.0], "y": [5.0, 9.0, 12.0], "z": [50.0, 60.0, 70.0]},
        index=pd.RangeIndex(1, 4, name="month"),
    )
    result = acquisition.payback_months(curves, pd.Series({"x": 40.0, "y": 50.0, "z": 10.0}))
    assert result["x"] == 2.0  # "at least" the CAC counts
    assert np.isnan(result["y"])
    assert result["z"] == 1.0
    with pytest.raises(ValueError, match="no value for z"):
        acquisition.payback_months(curves, pd.Series({"x": 1.0, "y": 1.0}))


# --------------------------------------------------------------------------- the course data


def test_cheapest_consumer_channel_brings_the_least(course: dict[str, pd.DataFrame]) -> None:
    consumers = course["customers"][course["customers"]["segment"] == "consumer"]
    first_year = acquisition.first_year_value(
        consumers, course["order_lines"], course["service_events"]
    )
    table = acquisition.value_to_cost(first_year, acquisition.channel_cac(course["customers"]))
    assert table["cac"].idxmin() == "coupon_site"
    assert table["first_year_gross_profit"].idxmin() == "coupon_site"
    assert table["value_to_cost"].idxmin() == "coupon_site"
    assert table["contribution_to_cost"].idxmin() == "coupon_site"
