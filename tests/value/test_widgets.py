"""Chapter 01's explorer and its static twin (crmkit.value.widgets)."""

from __future__ import annotations

import pandas as pd
import pytest
from crmkit import data, value, widgets
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

# --------------------------------------------------------------------------- states_by_threshold


@pytest.fixture(scope="module")
def course() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    return data.load_customers(), data.load_order_lines(), data.load_leads()


def test_states_by_threshold_shape_and_labels(course: tuple[pd.DataFrame, ...]) -> None:
    thresholds = [30, 90, 180, 365, 540]
    table = widgets.states_by_threshold(*course, thresholds)
    assert table.shape == (5, 5)
    assert list(table.index) == thresholds
    assert table.index.name == "lost_after_days"
    assert list(table.columns) == value.STATES
    assert (table.dtypes == "int64").all()


def test_states_by_threshold_matches_state_counts(course: tuple[pd.DataFrame, ...]) -> None:
    table = widgets.states_by_threshold(*course, [180])
    expected = value.state_counts(value.classify_states(*course))
    assert table.loc[180].tolist() == expected.tolist()


def test_states_by_threshold_monotone_on_course_data(course: tuple[pd.DataFrame, ...]) -> None:
    thresholds = list(range(30, 571, 60))
    table = widgets.states_by_threshold(*course, thresholds)
    assert table["lost"].is_monotonic_decreasing
    assert table["actual"].is_monotonic_increasing
    assert table["lost"].iloc[0] > table["lost"].iloc[-1]  # the threshold matters
    assert table.sum(axis=1).nunique() == 1  # the same parties, only relabelled
    leads_only = table[["non_customer", "potential", "target"]]
    assert (leads_only.nunique() == 1).all()  # leads do not depend on the threshold


@settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    database=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=[HealthCheck.too_slow],
)
@given(
    days_back=st.lists(st.integers(0, 800), min_size=1, max_size=12),
    thresholds=st.lists(st.integers(1, 900), min_size=1, max_size=6, unique=True),
)
def test_states_by_threshold_lost_never_rises(days_back: list[int], thresholds: list[int]) -> None:
    ids = [f"C{i}" for i in range(len(days_back))]
    customers = pd.DataFrame({"customer_id": ids})
    order_lines = pd.DataFrame(
        {
            "customer_id": ids,
            "order_date": [pd.Timestamp("2025-12-31") - pd.Timedelta(days=d) for d in days_back],
        }
    )
    leads = pd.DataFrame(
        {
            "lead_id": ["L1"],
            "created_date": pd.to_datetime(["2025-06-01"]),
            "stage_reached": ["qualified"],
            "status": ["open"],
        }
    )
    ordered = sorted(thresholds)
    table = widgets.states_by_threshold(customers, order_lines, leads, ordered, "2025-12-31")
    assert table["lost"].is_monotonic_decreasing
    assert (table[["actual", "lost"]].sum(axis=1) == len(ids)).all()
    for days in ordered:
        assert table.loc[days, "lost"] == sum(d > days for d in days_back)


# --------------------------------------------------------------------------- chapter 00: revenue by month


def test_revenue_by_month_adds_up_to_the_revenue() -> None:
    lines = data.load_order_lines()
    table = widgets.revenue_by_month(lines)
    assert list(table.index) == list(range(1, 13)) and table.index.name == "month"
    assert list(table.columns) == [2022, 2023, 2024, 2025]
    per_year = lines.groupby(lines["order_date"].dt.year)["revenue"].sum()
    pd.testing.assert_series_equal(table.sum(), per_year, check_names=False)


def test_revenue_by_month_fills_empty_months_with_zero() -> None:
    lines = pd.DataFrame(
        {"order_date": pd.to_datetime(["2024-03-01", "2024-03-09"]), "revenue": [1.0, 2.5]}
    )
    table = widgets.revenue_by_month(lines)
    assert table.loc[3, 2024] == 3.5 and table.drop(index=3)[2024].eq(0).all()


def test_monthly_revenue_explorer_redraws_for_the_chosen_year() -> None:
    import contextlib
    import io

    lines = data.load_order_lines()
    with contextlib.redirect_stdout(io.StringIO()):
        box = widgets.monthly_revenue_explorer(lines)
        year = box.children[0]
        assert (year.min, year.max, year.value) == (2022, 2025, 2025)
        year.value = 2023  # redraws without error
    assert repr(box).startswith("Revenue explorer: run this cell")
