"""Chapter 01: customer states, customer value components and lifecycle stages.

The rules below are the ones the lesson states, so a student can apply them
by hand and compare with these functions.

Customer states (客户的状态), for every party the firm knows of:

* ``non_customer`` (非客户): a lead that went cold (status ``lost``).
* ``potential`` (潜在客户): an open lead not yet qualified (stage lead or contacted).
* ``target`` (目标客户): an open lead qualified or with a proposal.
* ``actual`` (现实客户): a customer who bought within ``lost_after_days`` of ``as_of``.
* ``lost`` (流失客户): a customer whose last purchase is older than that.

Lifecycle stages (突破期 成长期 收获期 防御期 冬眠期) of an account, from its
monthly spend: see :func:`lifecycle_stages`.

One file per concept: ``states`` (customer states), ``components`` (value
components and ranks), ``lifecycle`` (monthly spend and stages), ``classes``
(the external classifications), ``returning`` (revenue from last year's buyers); the
chapter's figures are in ``value.plots`` and its explorer in ``value.widgets``.
"""

from __future__ import annotations

from crmkit.value.classes import CLASS_LINES, external_classes
from crmkit.value.components import (
    FEEDBACK_PURPOSES,
    VALUE_COMPONENTS,
    captured_share,
    top_overlap,
    value_components,
    value_ranks,
)
from crmkit.value.lifecycle import STAGES, lifecycle_stages, monthly_spend
from crmkit.value.returning import BUYER_GROUPS, revenue_by_buyer
from crmkit.value.states import LEAD_STATUSES, STATES, classify_states, last_purchase, state_counts
from crmkit.vocabulary import AS_OF

__all__ = [
    "AS_OF",
    "BUYER_GROUPS",
    "CLASS_LINES",
    "FEEDBACK_PURPOSES",
    "LEAD_STATUSES",
    "STAGES",
    "STATES",
    "VALUE_COMPONENTS",
    "captured_share",
    "classify_states",
    "external_classes",
    "last_purchase",
    "lifecycle_stages",
    "monthly_spend",
    "revenue_by_buyer",
    "state_counts",
    "top_overlap",
    "value_components",
    "value_ranks",
]
