"""crmkit.tiers.summary: shares of customers, revenue and profit, and the cost to serve by tier."""

from __future__ import annotations

import pandas as pd
from crmkit import selection, tiers

from tests.tiers.tables import profitability, tier_labels


def test_summary_by_hand() -> None:
    summary = tiers.tier_summary(profitability(), tier_labels())
    assert summary.index.tolist() == ["platinum", "gold", "iron", "lead"]
    assert summary["revenue"].tolist() == [4000.0, 3500.0, 1800.0, 750.0]
    assert summary["profit"].tolist() == [900.0, 700.0, 250.0, -50.0]
    assert summary.loc["platinum", "profit_share"] == 0.5
    assert summary.loc["lead", "profit_per_customer"] == -12.5


def test_costs_per_customer_by_hand() -> None:
    costs = tiers.tier_costs(profitability(), tier_labels())
    assert costs.loc["gold", "sales_visit"] == 125.0
    assert costs.loc["lead", "delivery"] == 25.0
    assert costs.loc["platinum", "cost_to_serve_share"] == 0.15


def test_course_costs_add_up_to_chapter_02s(profit_2025: pd.DataFrame) -> None:
    labels = tiers.pyramid_tiers(profit_2025["profit"])
    costs = tiers.tier_costs(profit_2025, labels)
    components = [*selection.SERVICE_COMPONENTS, *selection.PAYMENT_COMPONENTS]
    total = (costs[components].sum(axis=1) * costs["customers"]).sum()
    assert abs(total - profit_2025["cost_to_serve"].sum()) < 5
    assert costs[
        "cost_to_serve_share"
    ].is_monotonic_increasing  # small customers cost more per yuan
