"""crmkit.tiers.groups: key, normal and small customers and the selling-time rule of thumb."""

from __future__ import annotations

import pandas as pd
from crmkit import data, tiers

from tests.tiers.tables import profit, service_events


def test_groups_cut_by_rank_of_profit() -> None:
    groups = tiers.customer_groups(profit(), (0.2, 0.5))
    assert groups.tolist() == ["key"] * 2 + ["normal"] * 3 + ["small"] * 5
    assert list(groups.cat.categories) == ["key", "normal", "small"]
    assert groups.name == "group"


def test_groups_keep_the_order_of_the_input() -> None:
    shuffled = profit().iloc[::-1]
    groups = tiers.customer_groups(shuffled, (0.2, 0.5))
    assert groups.index.tolist() == shuffled.index.tolist()
    assert groups["C01"] == "key" and groups["C10"] == "small"


def test_ties_keep_the_order_of_the_values() -> None:
    tied = pd.Series([5.0, 5.0, 5.0, 1.0], index=list("ABCD"))
    assert tiers.customer_groups(tied, (0.25, 0.5)).tolist() == ["key", "normal", "small", "small"]


def test_selling_time_counts_visits_in_the_period() -> None:
    groups = pd.Series(["key", "small"], index=["A", "B"])
    table = tiers.selling_time(service_events(), groups, start="2025-01-01")
    assert table["visits"].tolist() == [2, 1]
    assert table["time_share"].round(3).tolist() == [0.667, 0.333]
    assert table["account_share"].tolist() == [0.5, 0.5]
    assert table["rule_time_share"].tolist() == [0.6, 0.1]
    everything = tiers.selling_time(service_events(), groups)
    assert everything["visits"].tolist() == [2, 2]


def test_course_data_spreads_visits_more_evenly_than_the_rule(profit_2025: pd.DataFrame) -> None:
    business = profit_2025[profit_2025.index.str.startswith("B")]
    groups = tiers.customer_groups(business["profit"])
    table = tiers.selling_time(data.load_service_events(), groups, start="2025-01-01")
    assert table["accounts"].sum() == len(business)
    assert table.loc["key", "time_share"] < 0.3 < tiers.SELLING_TIME_RULE.loc["key", "time_share"]
