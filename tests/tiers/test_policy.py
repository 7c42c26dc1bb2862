"""crmkit.tiers.policy: the policy per tier and the small-order fee."""

from __future__ import annotations

from crmkit import tiers

from tests.tiers.tables import order_lines


def test_fee_counts_orders_not_lines() -> None:
    fee = tiers.small_order_fee(order_lines(), threshold=100, fee=10, as_of="2025-12-31")
    assert fee.loc["A"].tolist() == [3, 1, 520.0, 10.0]  # O1 is 130 in two lines: not small
    assert fee.loc["B", "small_orders"] == 0
    assert "C" not in fee.index


def test_every_tier_has_a_policy_that_is_explained() -> None:
    assert set(tiers.TIER_POLICY) == set(tiers.TIER_ORDER) - {"none"}
    assert set(tiers.TIER_POLICY.values()) <= set(tiers.POLICIES)
