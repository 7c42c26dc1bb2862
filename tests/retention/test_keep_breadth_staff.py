"""crmkit.retention.keep, breadth and staff: the elastic tier, breadth, teams."""

from __future__ import annotations

import pandas as pd
import pytest
from crmkit import retention

from tests.retention.tables import (
    customers,
    order_lines,
    products,
    profit_after,
    profit_before,
    teams,
)


def test_profit_transitions_by_hand() -> None:
    counts = retention.profit_transitions(profit_before(), profit_after(), shares=False)
    assert counts.loc["loss"].tolist() == [1, 1, 0, 2]
    assert counts.loc["profit"].tolist() == [0, 1, 1, 2]


def test_category_breadth_by_hand() -> None:
    breadth = retention.category_breadth(order_lines(), products())
    assert breadth.to_dict() == {"A": 2, "B": 1, "C": 2, "X": 1}
    assert retention.category_breadth(order_lines(), products(), days=0)["C"] == 1


def test_retention_by_breadth_by_hand() -> None:
    table = retention.retention_by_breadth(order_lines(), products(), as_of="2026-03-01")
    assert table["trials"].tolist() == [2, 2]
    assert table["rate"].tolist() == [0.0, 1.0]


def test_team_retention_by_hand() -> None:
    table = retention.team_retention(order_lines(), customers(), teams())
    assert table["retention_rate"].to_dict() == {"T1": 1.0, "T6": 0.5, "T7": 1.0}


def test_course_breadth_goes_with_retention(course: dict[str, pd.DataFrame]) -> None:
    table = retention.retention_by_breadth(course["order_lines"], course["products"])
    assert table["rate"].is_monotonic_increasing
    assert table["rate"].iloc[-1] > table["rate"].iloc[0] + 0.15


def test_course_online_teams_keep_more_with_less_turnover(course: dict[str, pd.DataFrame]) -> None:
    table = retention.team_retention(course["order_lines"], course["customers"], course["teams"])
    online = table[table["serves"] == "online"]
    correlation = online["staff_turnover_rate"].corr(online["retention_rate"])
    assert correlation == pytest.approx(-1, abs=0.2)
