"""crmkit.acquisition.cost: acquisition cost per prospecting method and per consumer channel."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from crmkit import acquisition

from tests.acquisition.tables import customer_table, lead_table


def test_method_cac_counts_every_lead(leads: pd.DataFrame) -> None:
    table = acquisition.method_cac(leads)
    assert table.loc["a", ["leads", "won", "spend"]].tolist() == [5, 1, 200.0]
    assert table.loc["a", "cac"] == 200.0  # the won lead cost 100; the search cost 200
    assert table.loc["b", "cac"] == 75.0
    assert table.loc["b", "cost_per_lead"] == 50.0
    np.testing.assert_allclose(table["cac"], table["cost_per_lead"] / table["win_rate"])
    with_open = acquisition.method_cac(leads, exclude_open=False)
    assert with_open.loc["a", "cac"] == 700.0


def test_method_cac_without_a_win_is_infinite() -> None:
    frame = lead_table(("x", "2025-01-01", "lead", "lost", 10.0))
    assert math.isinf(acquisition.method_cac(frame).loc["x", "cac"])


def test_channel_cac() -> None:
    customers = customer_table(
        ("C1", "consumer", "2024-01-01", "coupon_site", 10.0),
        ("C2", "consumer", "2024-01-01", "coupon_site", 30.0),
        ("B1", "business", "2024-01-01", "referral", 900.0),
    )
    table = acquisition.channel_cac(customers)
    assert table.index.tolist() == ["coupon_site"]
    assert table.loc["coupon_site"].tolist() == [2, 40.0, 20.0]
    with pytest.raises(ValueError, match="method_cac"):
        acquisition.channel_cac(customers, segment="business")
    with pytest.raises(ValueError, match="segment must be 'consumer'"):
        acquisition.channel_cac(customers, segment="retail")


# --------------------------------------------------------------------------- the course data


def test_spend_is_all_the_leads_spend(course: dict[str, pd.DataFrame]) -> None:
    leads = course["leads"]
    table = acquisition.method_cac(leads, exclude_open=False)
    assert table["spend"].sum() == pytest.approx(leads["acquisition_cost"].sum(), abs=0.05)
    assert table["won"].sum() == leads["customer_id"].notna().sum()


def test_true_cac_exceeds_the_won_leads_recorded_cost(course: dict[str, pd.DataFrame]) -> None:
    business = course["customers"][course["customers"]["segment"] == "business"]
    recorded = business.groupby("acquisition_channel", observed=True)["acquisition_cost"].mean()
    cac = acquisition.method_cac(course["leads"])["cac"]
    assert (cac > recorded.reindex(cac.index)).all()
