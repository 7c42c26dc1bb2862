"""Chapter 05: tiering customers (客户的分级) - Pareto/ABC, RFM, the pyramid, migration, policy.

Customers bring different value, so resources should follow value. Every profit here is
chapter 02's (``selection.customer_profitability``): revenue - cost of goods - cost to serve,
including late payment and bad debt; this package groups it, never recomputes it.

Where each concept lives:

* ``groups.py``: key, normal and small customers; the selling-time rule of thumb against
  the sales visits actually made.
* ``pareto.py``: the Pareto curve and ABC classes of revenue or profit.
* ``rfm.py``: recency, frequency and monetary value, quintile scores (ties share a score),
  segments and what each gets.
* ``pyramid.py``: the customer pyramid (platinum, gold, iron, lead; heavy lead) from profit
  with chosen cut-offs, and one year's profitability.
* ``summary.py``: each tier's share of customers, revenue and profit; its cost to serve.
* ``migration.py``: the transition matrix between two years, who moved, and the profit of
  moving customers up ("make the pyramid move").
* ``policy.py``: a policy per tier and a small-order fee (what it raises and risks).
* ``plots.py`` (figures) and ``widgets.py`` (the pyramid explorer) are imported on their own.
"""

from __future__ import annotations

from crmkit.tiers._shared import GROUPS, TIER_ORDER
from crmkit.tiers.groups import GROUP_CUTOFFS, SELLING_TIME_RULE, customer_groups, selling_time
from crmkit.tiers.migration import migration_matrix, migration_shares, move_up_effect, tier_moves
from crmkit.tiers.pareto import ABC_CUTOFFS, CLASSES, abc_summary, pareto_curve
from crmkit.tiers.policy import POLICIES, TIER_POLICY, small_order_fee
from crmkit.tiers.pyramid import (
    TIER_CUTOFFS,
    TIERS,
    pyramid_summary,
    pyramid_tiers,
    year_profitability,
)
from crmkit.tiers.rfm import SCORES, SEGMENTS, TIES, rfm_scores, rfm_segments, rfm_table
from crmkit.tiers.summary import tier_costs, tier_summary

__all__ = [
    "ABC_CUTOFFS",
    "CLASSES",
    "GROUPS",
    "GROUP_CUTOFFS",
    "POLICIES",
    "SCORES",
    "SEGMENTS",
    "SELLING_TIME_RULE",
    "TIERS",
    "TIER_CUTOFFS",
    "TIER_ORDER",
    "TIER_POLICY",
    "TIES",
    "abc_summary",
    "customer_groups",
    "migration_matrix",
    "migration_shares",
    "move_up_effect",
    "pareto_curve",
    "pyramid_summary",
    "pyramid_tiers",
    "rfm_scores",
    "rfm_segments",
    "rfm_table",
    "selling_time",
    "small_order_fee",
    "tier_costs",
    "tier_moves",
    "tier_summary",
    "year_profitability",
]
