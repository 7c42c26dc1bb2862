"""crmkit.acquisition.budget: method economics, expected results and the budget allocation."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from crmkit import acquisition
from hypothesis import given
from hypothesis import strategies as st

from tests.acquisition.tables import economics_table
from tests.bad_input_support import fast

FAST = fast(max_examples=30)


def test_expected_result(economics: pd.DataFrame) -> None:
    result = acquisition.expected_result(economics, pd.Series({"events": 8000.0}))
    assert result.loc["events", ["spend", "customers", "gross_profit"]].tolist() == [
        8000.0,
        2.0,
        60000.0,
    ]
    assert result.loc["events", "customers_low"] == pytest.approx(1.0)
    assert result.loc["events", "customers_high"] == pytest.approx(3.0)
    assert result.loc[["referral", "sms"], "spend"].tolist() == [0.0, 0.0]
    with pytest.raises(ValueError, match="not in economics: tv"):
        acquisition.expected_result(economics, pd.Series({"tv": 1.0}))


def test_allocate_budget_greedy_by_value_to_cost(economics: pd.DataFrame) -> None:
    plan = acquisition.allocate_budget(economics, 10000)
    assert plan.index.tolist() == ["referral", "events", "sms"]
    assert plan["spend"].tolist() == [3000.0, 7000.0, 0.0]
    assert plan["gross_profit"].sum() == pytest.approx(60000.0 + 52500.0)


def test_allocate_budget_cheapest_first_and_limits(economics: pd.DataFrame) -> None:
    cheapest = acquisition.allocate_budget(economics, 5000, rank_by="cac", ascending=True)
    assert cheapest.index.tolist()[:2] == ["referral", "sms"]
    assert cheapest["spend"].tolist() == [3000.0, 2000.0, 0.0]
    everything = acquisition.allocate_budget(economics, 10**9)
    assert everything["spend"].sum() == economics["capacity"].sum()
    nothing = acquisition.allocate_budget(economics, 0)
    assert nothing["spend"].sum() == 0


@FAST
@given(
    budget=st.floats(0, 30000),
    shares=st.lists(st.floats(0, 1), min_size=3, max_size=3),
)
def test_greedy_allocation_beats_any_other_feasible_spend(
    budget: float, shares: list[float]
) -> None:
    economics = economics_table()
    best = acquisition.allocate_budget(economics, budget)["gross_profit"].sum()
    other = pd.Series(shares, index=economics.index) * economics["capacity"]
    if other.sum() > budget:
        other *= budget / other.sum()
    rival = acquisition.expected_result(economics, other)["gross_profit"].sum()
    assert best >= rival - 1e-6


def test_budget_scenarios(economics: pd.DataFrame) -> None:
    table = acquisition.budget_scenarios(economics, [2000, 20000])
    assert table.index.tolist() == [2000, 20000]
    assert table.loc[2000, ["spend", "customers", "methods_funded"]].tolist() == [2000.0, 2.0, 1]
    assert table.loc[20000, "spend"] == 20000.0
    per_cny = table["gross_profit_per_cny"]
    assert per_cny.iloc[0] > per_cny.iloc[1]  # each extra yuan buys less


# --------------------------------------------------------------------------- the course data


def test_method_economics_is_consistent(course: dict[str, pd.DataFrame]) -> None:
    table = acquisition.method_economics(
        course["leads"], course["customers"], course["order_lines"]
    )
    assert sorted(table.index) == sorted(acquisition.METHODS)
    np.testing.assert_allclose(table["cac"], table["cost_per_lead"] / table["win_rate"], rtol=1e-3)
    np.testing.assert_allclose(
        table["value_to_cost"], table["first_year_gross_profit"] / table["cac"], rtol=1e-6
    )
    assert (table["capacity"] >= table["yearly_spend"]).all()
    assert (table["win_lower"] <= table["win_rate"]).all()
    assert (table["win_rate"] <= table["win_upper"]).all()
