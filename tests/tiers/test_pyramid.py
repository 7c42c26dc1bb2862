"""crmkit.tiers.pyramid: the pyramid's tiers, its summary and one year's profitability."""

from __future__ import annotations

import pandas as pd
from crmkit import tiers

from tests.tiers.tables import profit, tier_labels


def test_tiers_by_hand() -> None:
    assert (
        tiers.pyramid_tiers(profit(), (0.1, 0.3, 0.6)).astype(str).equals(tier_labels().astype(str))
    )


def test_heavy_lead_is_every_customer_losing_money() -> None:
    labels = tiers.pyramid_tiers(profit(), (0.1, 0.3, 0.6), heavy_lead=True)
    assert labels[labels == "heavy lead"].index.tolist() == ["C09", "C10"]


def test_summary_shares_add_up() -> None:
    summary = tiers.pyramid_summary(profit(), (0.1, 0.3, 0.6))
    assert summary["customers"].tolist() == [1, 2, 3, 4]
    assert summary["customer_share"].sum() == 1.0
    assert round(summary["profit_share"].sum(), 4) == 1.0
    assert summary["lowest_profit"].tolist() == [900.0, 300.0, 50.0, -50.0]


def test_year_profitability_keeps_the_years_buyers(profit_2025: pd.DataFrame) -> None:
    assert (profit_2025["revenue"] > 0).all()
    summary = tiers.pyramid_summary(profit_2025["profit"])
    assert summary["customers"].sum() == len(profit_2025)
    assert summary.loc["platinum", "profit_share"] > summary.loc["platinum", "customer_share"] * 10
