"""crmkit.selection.concentration: the whale curve and the top customers' share."""

from __future__ import annotations

import pandas as pd
import pytest
from crmkit import selection


def test_whale_curve_by_hand() -> None:
    curve = selection.whale_curve(pd.Series({"A": 10.0, "B": 50.0, "C": -20.0, "D": 40.0}))
    assert curve.index.tolist() == ["B", "D", "A", "C"]
    assert curve["rank"].tolist() == [1, 2, 3, 4]
    assert curve["customer_share"].tolist() == [0.25, 0.5, 0.75, 1.0]
    assert curve["cumulative_share"].tolist() == [0.625, 1.125, 1.25, 1.0]


def test_whale_curve_needs_a_positive_total() -> None:
    with pytest.raises(ValueError, match="profit"):
        selection.whale_curve(pd.Series({"A": 10.0, "B": -10.0}))


def test_top_share_by_hand() -> None:
    values = pd.Series({"A": 10.0, "B": 50.0, "C": -20.0, "D": 40.0, "E": 20.0})
    assert selection.top_share(values, 0.2) == 0.5  # top 1 of 5: 50 / 100
    assert selection.top_share(values, 0.4) == 0.9
    assert selection.top_share(values, 1.0) == 1.0
    assert selection.top_share(values, 0.01) == 0.5  # at least one customer


def test_course_whale_effect(course_profit: pd.DataFrame) -> None:
    """The planted effects the lesson relies on: a whale curve above 100%, losing giants."""
    assert selection.top_share(course_profit["profit"], 0.2) > 1.0
    curve = selection.whale_curve(course_profit["profit"])
    assert curve["cumulative_share"].max() > 1.05
    largest = course_profit.nlargest(10, "revenue")
    losing = largest[largest["profit"] < 0]
    assert len(losing) >= 3
    assert (losing["bad_debt"] > 0).all() and (losing["rebate"] > 0).all()
    assert (losing["gross_profit"] > 0).all()  # the cost to serve makes the loss
