"""Chapter 02: choosing customers - profitability, good-customer scores, value matrix, look-alikes.

The definitions below are the ones the lesson states, so a student can apply
them by hand and compare.

**Customer profitability** (客户盈利能力) of a customer over a period:

    profit = revenue - cost_of_goods - cost_to_serve

``revenue`` is already net of discounts: the discount a customer got
(``discount_given`` = list value - revenue) is shown for information and is
never subtracted again. ``cost_to_serve`` is the sum of the service events
(delivery, rush_order, return, sales_visit, support_call, repair, rebate),
the cost of capital of late payment (``late_payment_cost``) and bad debt
(``bad_debt``): see :func:`late_payment_costs`.

**Good-customer score**: five trait scores between 0 and 1 (percentile ranks,
1 = best), combined with weights into a score from 0 to 100. See
:data:`TRAITS`; with ``high_margin=HIGH_MARGIN`` purchase power also counts the share
of revenue from high-margin products.

**Customer relative value matrix** (客户相对价值矩阵): current value against
growth potential, split into four quadrants, see :data:`QUADRANTS`.

**Look-alikes**: leads that share the attributes of the firm's loyal
accounts more often than leads in general do, see :func:`lookalike_scores`.

Where each concept lives:

* ``profitability.py``: cost components, late payment, customer profitability, cost shares.
* ``concentration.py``: the whale curve and the top customers' share of profit.
* ``scoring.py``: good-customer measures, traits, scores, weights and their sensitivity.
* ``match.py``: a match in size and power (门当户对): revenue share, terms, open balances.
* ``matrix.py``: wallet headroom and the value matrix.
* ``lookalike.py``: loyal accounts, look-alike profiles and scores, lead outcomes, lift.
* ``plots.py`` (figures) and ``widgets.py`` (the explorer) are imported on their own.
"""

from __future__ import annotations

from crmkit.selection.concentration import top_share, whale_curve
from crmkit.selection.lookalike import (
    LOOKALIKE_ATTRIBUTES,
    lead_outcomes,
    lift_table,
    lookalike_profile,
    lookalike_scores,
    loyal_accounts,
)
from crmkit.selection.match import MATCH_COLUMNS, open_balances, size_match
from crmkit.selection.matrix import QUADRANT_STRATEGY, QUADRANTS, value_matrix, wallet_headroom
from crmkit.selection.profitability import (
    COST_COMPONENTS,
    COST_OF_CAPITAL,
    PAYMENT_COMPONENTS,
    PROFIT_COLUMNS,
    SERVICE_COMPONENTS,
    WRITE_OFF_AFTER_DAYS,
    cost_shares,
    customer_profitability,
    late_payment_costs,
    profit_without,
)
from crmkit.selection.scoring import (
    HIGH_MARGIN,
    MEASURES,
    MIX_MEASURE,
    TRAITS,
    good_customer_score,
    high_margin_share,
    top_customers,
    top_frequency,
    trait_measures,
    trait_scores,
    weight_sensitivity,
)
from crmkit.vocabulary import LEAD_STATUSES

__all__ = [
    "COST_COMPONENTS",
    "COST_OF_CAPITAL",
    "HIGH_MARGIN",
    "LEAD_STATUSES",
    "LOOKALIKE_ATTRIBUTES",
    "MATCH_COLUMNS",
    "MEASURES",
    "MIX_MEASURE",
    "PAYMENT_COMPONENTS",
    "PROFIT_COLUMNS",
    "QUADRANTS",
    "QUADRANT_STRATEGY",
    "SERVICE_COMPONENTS",
    "TRAITS",
    "WRITE_OFF_AFTER_DAYS",
    "cost_shares",
    "customer_profitability",
    "good_customer_score",
    "high_margin_share",
    "late_payment_costs",
    "lead_outcomes",
    "lift_table",
    "lookalike_profile",
    "lookalike_scores",
    "loyal_accounts",
    "open_balances",
    "profit_without",
    "top_customers",
    "top_frequency",
    "top_share",
    "trait_measures",
    "trait_scores",
    "size_match",
    "value_matrix",
    "wallet_headroom",
    "weight_sensitivity",
    "whale_curve",
]
