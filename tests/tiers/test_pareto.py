"""crmkit.tiers.pareto: the Pareto curve and ABC classes."""

from __future__ import annotations

import pandas as pd
from crmkit import selection, tiers


def test_abc_classes_include_the_customer_who_crosses_the_line() -> None:
    values = pd.Series({"A": 50.0, "B": 31.0, "C": 10.0, "D": 5.0, "E": 4.0})
    curve = tiers.pareto_curve(values)
    assert curve["abc"].astype(str).tolist() == ["A", "A", "B", "B", "C"]
    summary = tiers.abc_summary(curve)
    assert summary["customers"].tolist() == [2, 2, 1]
    assert summary["value_share"].tolist() == [0.81, 0.15, 0.04]


def test_profit_curve_is_chapter_02s_whale_curve(profit_2025: pd.DataFrame) -> None:
    curve = tiers.pareto_curve(profit_2025["profit"])
    whale = selection.whale_curve(profit_2025["profit"])
    assert curve.index.equals(whale.index)
    assert curve["cumulative_share"].equals(whale["cumulative_share"])
    assert curve["cumulative_share"].max() > 1  # loss-makers: the curve passes 100%


def test_profit_is_more_concentrated_than_revenue(profit_2025: pd.DataFrame) -> None:
    revenue = tiers.abc_summary(tiers.pareto_curve(profit_2025["revenue"]))
    profit = tiers.abc_summary(tiers.pareto_curve(profit_2025["profit"]))
    assert profit.loc["A", "customers"] < revenue.loc["A", "customers"]
    assert profit["customers"].sum() == revenue["customers"].sum() == len(profit_2025)
