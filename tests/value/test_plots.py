"""Chapter 01's figures (crmkit.value.plots)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from crmkit import plots
from matplotlib.axes import Axes

from tests.figure_support import snapshot, title

# --------------------------------------------------------------------------- monthly_revenue


@pytest.fixture
def small_orders() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "order_date": pd.to_datetime(["2025-01-03", "2025-01-20", "2025-02-10", "2025-04-01"]),
            "revenue": [1000.0, 500.0, 2000.0, 250.0],
        }
    )


def test_monthly_revenue_line(small_orders: pd.DataFrame) -> None:
    ax = plots.monthly_revenue(small_orders)
    assert isinstance(ax, Axes)
    assert title(ax) == "Revenue per month"
    assert "thousand CNY" in ax.get_ylabel()
    assert len(ax.lines) == 1
    # months with orders, in thousand CNY
    assert list(ax.lines[0].get_ydata()) == [1.5, 2.0, 0.25]
    assert ax.get_legend() is None


def test_monthly_revenue_festivals(small_orders: pd.DataFrame) -> None:
    festivals = {"Chinese New Year": ["2025-01-29"], "Mid-Autumn": ["2024-09-17", "2025-10-06"]}
    ax = plots.monthly_revenue(small_orders, festivals=festivals)
    assert len(ax.lines) == 1 + 3  # the revenue line and one marker per festival date
    legend = ax.get_legend()
    assert legend is not None
    assert [t.get_text() for t in legend.get_texts()] == ["Chinese New Year", "Mid-Autumn"]


# --------------------------------------------------------------------------- lifecycle


def monthly(values: list[float], name: str = "B001") -> pd.Series:
    return pd.Series(
        values,
        index=pd.date_range("2025-01-01", periods=len(values), freq="MS", name="month"),
        name=name,
    )


def test_lifecycle_with_both_windows() -> None:
    ax = plots.lifecycle(monthly([5.0, 6.0, 7.0, 9.0, 12.0, 15.0, 18.0]), "growth")
    assert title(ax) == "B001: growth"
    assert ax.get_ylabel() == "Spend (thousand CNY)"
    assert len(ax.patches) == 7 + 2  # one bar per month, plus the two shaded windows
    labels = ax.get_legend_handles_labels()[1]
    assert labels == ["previous window", "recent window"]


def test_lifecycle_drops_months_before_the_first_order_and_short_histories() -> None:
    spend = monthly([np.nan, np.nan, 4.0, 0.0])
    ax = plots.lifecycle(spend, "breakthrough")
    assert len(ax.patches) == 2  # two months of data; too short for both windows: no shading
    assert ax.get_legend() is None
    assert title(ax) == "B001: breakthrough"


def test_lifecycle_window_months() -> None:
    ax = plots.lifecycle(monthly([1.0, 2.0, 3.0, 4.0]), "growth", window_months=2)
    assert len(ax.patches) == 4 + 2


# --------------------------------------------------------------------------- rank_scatter


def test_rank_scatter() -> None:
    ranks = pd.DataFrame({"revenue": [1, 2, 3, 4], "feedback": [4, 1, 2, 2]}, index=list("ABCD"))
    ax = plots.rank_scatter(ranks, "revenue", "feedback")
    assert ax.get_xlabel() == "Rank by revenue (1 = best)"
    assert ax.get_ylabel() == "Rank by feedback (1 = best)"
    assert title(ax) == "Ranked by revenue versus by feedback"
    assert ax.get_xscale() == "log" and ax.get_yscale() == "log"
    assert len(ax.collections) == 1
    assert ax.collections[0].get_offsets().tolist() == [[1, 4], [2, 1], [3, 2], [4, 2]]


def test_plot_functions_leave_no_style_behind(small_orders: pd.DataFrame) -> None:
    before = snapshot()
    plots.bar(pd.Series({"a": 1}), "A")
    plots.monthly_revenue(small_orders)
    plots.lifecycle(monthly([1.0] * 6), "harvest")
    plots.rank_scatter(pd.DataFrame({"a": [1, 2], "b": [2, 1]}), "a", "b")
    assert snapshot() == before
