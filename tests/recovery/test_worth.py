"""crmkit.recovery.worth and targeting: best offers, lifetime value, plans under a budget."""

from __future__ import annotations

import pandas as pd
import pytest
from crmkit import recovery

from tests.recovery.tables import cells, lost


def test_best_offers_skip_groups_without_a_paying_offer() -> None:
    best = recovery.best_offers(cells())
    assert best["offer"].to_dict() == {"service": "apology_call", "gone": "skip"}
    assert best["best_offer"].to_dict() == {"service": "apology_call", "gone": "none"}
    assert best["worth"].tolist() == [True, False]


def test_lifetime_value_by_hand() -> None:
    value = recovery.lifetime_value(
        pd.Series({"a": 1000.0, "b": 0.0}), retention=0.5, discount_rate=0.0
    )
    assert value.tolist() == [1000.0, 0.0]  # 1000 x 0.5 / (1 - 0.5)
    with pytest.raises(ValueError, match="endless"):
        recovery.lifetime_value(pd.Series([1.0]), retention=1.0, discount_rate=0.0)


def test_plan_return_by_hand() -> None:
    table = recovery.plan_return({"service": "apology_call", "gone": "none"}, cells(), lost())
    assert table.loc["service", "expected_returns"] == 5.0
    assert table.loc["service", "expected_value"] == 230.0
    assert table.loc["gone", "expected_profit"] == 0.0  # nobody came back: no profit per returner
    assert table.loc["gone", "expected_value"] == -240.0
    assert table.loc["total", "cost"] == 270.0 + 240.0


def test_plan_return_refuses_incomplete_or_unknown_plans() -> None:
    with pytest.raises(ValueError, match="no offer"):
        recovery.plan_return({"service": "apology_call"}, cells(), lost())
    with pytest.raises(ValueError, match="does not have"):
        recovery.plan_return({"service": "discount_10", "gone": "skip"}, cells(), lost())
    with pytest.raises(TypeError, match="plan must be a dict"):
        recovery.plan_return(["apology_call"], cells(), lost())


def test_best_plan_fits_the_budget() -> None:
    assert recovery.best_plan(cells(), lost(), budget=1000) == {
        "service": "apology_call",
        "gone": "skip",
    }
    assert recovery.best_plan(cells(), lost(), budget=100) == {"service": "skip", "gone": "skip"}
