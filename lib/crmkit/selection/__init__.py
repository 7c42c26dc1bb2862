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
:data:`TRAITS`.

**Customer relative value matrix** (客户相对价值矩阵): current value against
growth potential, split into four quadrants, see :data:`QUADRANTS`.

**Look-alikes**: leads that share the attributes of the firm's loyal
accounts more often than leads in general do, see :func:`lookalike_scores`.

Where each concept lives:

* ``profitability.py``: cost components, late payment, customer profitability, cost shares.
* ``concentration.py``: the whale curve and the top customers' share of profit.
* ``scoring.py``: good-customer measures, traits, scores, weights and their sensitivity.
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
)
from crmkit.selection.scoring import (
    MEASURES,
    TRAITS,
    good_customer_score,
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
    "LEAD_STATUSES",
    "LOOKALIKE_ATTRIBUTES",
    "MEASURES",
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
    "late_payment_costs",
    "lead_outcomes",
    "lift_table",
    "lookalike_profile",
    "lookalike_scores",
    "loyal_accounts",
    "top_customers",
    "top_frequency",
    "top_share",
    "trait_measures",
    "trait_scores",
    "value_matrix",
    "wallet_headroom",
    "weight_sensitivity",
    "whale_curve",
]
