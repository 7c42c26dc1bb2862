"""Chapter 04's figures (crmkit.database.plots): an account's warning history, the silence scatter."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from crmkit.database import plots

from tests.figure_support import snapshot, title


@pytest.fixture()
def history() -> pd.DataFrame:
    months = pd.date_range("2025-09-01", periods=4, freq="MS", name="month")
    return pd.DataFrame(
        {
            "revenue": [5000.0, 6000, 2000, 0],
            "planned_revenue": [6000.0] * 4,
            "selling_expenses": [0.0, 250, 0, 500],
            "expense_budget": [300.0] * 4,
            "receivable": [4000.0, 8000, 9000, 9000],
            "credit_limit": [7000.0] * 4,
        },
        index=months,
    )


@pytest.fixture()
def gaps() -> pd.Series:
    return pd.Series([10, 12], index=pd.to_datetime(["2025-10-01", "2025-10-13"]), name="gap_days")


def test_warning_history_panels(history: pd.DataFrame, gaps: pd.Series) -> None:
    fig = plots.warning_history(
        history, gaps, 11.0, 79, silence_factor=3.0, flags={"credit": True}, title="B001"
    )
    plan, credit, expenses, silence = fig.axes
    assert title(plan) == "Orders against plan: ok"
    assert title(credit) == "Receivable against credit limit: WARNING"
    assert title(expenses) == "Selling expenses against budget: ok"
    assert title(silence) == "Days between orders: ok"
    assert fig.get_suptitle() == "B001"
    # revenue and plan in thousand CNY; selling expenses and budget in CNY
    assert [bar.get_height() for bar in plan.patches] == [5.0, 6.0, 2.0, 0.0]
    assert [bar.get_height() for bar in expenses.patches] == [0.0, 250.0, 0.0, 500.0]
    assert list(credit.lines[1].get_ydata()) == [7.0] * 4
    # the gaps, then the silence so far; the rule's line at 3 x 11 days
    assert [bar.get_height() for bar in silence.patches] == [10, 12, 79]
    assert silence.lines[0].get_ydata()[0] == pytest.approx(33.0)
    assert "3 x usual interval" in [text.get_text() for text in silence.get_legend().get_texts()]


def test_warning_history_chosen_panels_side_by_side(history: pd.DataFrame, gaps: pd.Series) -> None:
    fig = plots.warning_history(
        history, gaps, 11.0, 79, flags={"stopped": True}, panels=("over_budget", "stopped")
    )
    expenses, silence = fig.axes
    assert title(expenses) == "Selling expenses against budget: ok"
    assert title(silence) == "Days between orders: WARNING"
    assert expenses.get_position().y0 == pytest.approx(silence.get_position().y0)  # one row
    # text large enough to read when the notebook shrinks the figure to the page
    assert expenses.title.get_fontsize() >= 13
    assert min(label.get_fontsize() for label in expenses.get_xticklabels()) >= 11
    assert len(expenses.get_xticks()) <= 6


def test_silence_scatter_rules() -> None:
    intervals = pd.DataFrame(
        {
            "usual_interval": [7.0, 30.0, 10.0, np.nan, 20.0],
            "days_silent": [40, 60, 500, 5, 61],
        }
    )
    _, ax = plt.subplots()
    drawn = plots.silence_scatter(intervals, silence_factor=3.0, fixed_days=90, ax=ax)
    assert drawn is ax
    not_flagged, flagged = ax.collections
    # silent for 500 days is lost, not a warning; no usual interval: nothing to compare with
    assert flagged.get_offsets().tolist() == [[7.0, 40.0], [20.0, 61.0]]
    assert not_flagged.get_offsets().tolist() == [[30.0, 60.0]]
    assert ax.lines[-1].get_ydata()[0] == 90  # the fixed rule
    assert ax.get_xlabel() == "Usual interval between orders (days)"


def test_figures_leave_no_style_behind(history: pd.DataFrame, gaps: pd.Series) -> None:
    before = snapshot()
    plots.warning_history(history, gaps, 11.0, 79)
    plots.silence_scatter(pd.DataFrame({"usual_interval": [7.0], "days_silent": [40]}))
    assert snapshot() == before
