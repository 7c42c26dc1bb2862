"""crmkit.selection.plots: chapter 02's figures, drawn from the course data."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
from crmkit import selection
from crmkit.selection import plots


def test_plots_draw_the_course_data(course_profit: pd.DataFrame) -> None:
    ax = plots.profit_bridge(course_profit)
    assert len(ax.patches) == 12 and ax.get_xlabel() == "Thousand CNY"
    ax = plots.whale_curve(selection.whale_curve(course_profit["profit"]))
    assert max(ax.lines[0].get_ydata()) > 100
    largest = course_profit.nlargest(10, "revenue")
    ax = plots.cost_breakdown(selection.cost_shares(largest))
    assert len(ax.patches) == 10 * 6
    matrix = selection.value_matrix(largest["profit"], largest["revenue"])
    ax = plots.value_matrix(matrix, label=["B020"])
    assert [text.get_text() for text in ax.texts] == ["B020"]
    table = pd.DataFrame({"lift": [2.0, 0.5]}, index=pd.Index([1, 2], name="band"))
    ax = plots.lookalike_lift({"a": table, "b": table})
    assert len(ax.patches) == 4


def test_plots_draw_into_a_given_axes() -> None:
    _, ax = plt.subplots()
    table = pd.DataFrame({"lift": [2.0, 0.5]}, index=pd.Index([1, 2], name="band"))
    assert plots.lookalike_lift({"a": table}, ax=ax) is ax


def test_whale_curve_compares_cost_assignments(course_profit: pd.DataFrame) -> None:
    full = selection.whale_curve(course_profit["profit"])
    simple = selection.whale_curve(selection.profit_without(course_profit))
    ax = plots.whale_curve(full, others={"without payment costs": simple})
    labels = [line.get_label() for line in ax.lines]
    assert "without payment costs" in labels and "all costs assigned" in labels


def test_value_matrix_names_stay_apart(course_profit: pd.DataFrame) -> None:
    largest = course_profit.nlargest(10, "revenue")
    matrix = selection.value_matrix(largest["profit"], largest["revenue"] * 0)
    losing = list(largest.index[largest["profit"] < 0])
    ax = plots.value_matrix(matrix, label=losing)
    heights = sorted(text.get_position()[1] for text in ax.texts)
    assert len(set(heights)) == len(losing)  # stacked, one name per height
