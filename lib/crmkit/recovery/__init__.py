"""Chapter 09: recovering lost customers (客户关系的恢复) - why they leave, early signals, win-back.

The data is the win-back campaign of 2025-03-03 (``data.load_winback()``): every lost customer
was asked why they left and given one of five offers at random, so the campaign is a
randomised test of the offers. Profit is chapter 02's (``selection.customer_profitability``);
the early warnings are chapter 04's (``database.warning_list``).

Where each concept lives:

* ``reasons.py``: why customers leave (流失原因), whose fault each reason is, the complaints
  behind the reasons, and whether small failures add up (the coffee-machine question).
* ``signals.py``: chapter 04's warnings run as of past dates; precision, recall, false
  alarms and lead time as forecasts of leaving.
* ``economics.py``: the campaign's economics per offer and reason, with Wilson and bootstrap
  intervals, and the lift of one offer (the apology call) for one kind of leaver.
* ``worth.py``: which lost customers are worth winning back (挽回): the best offer per group,
  and the simple lifetime value.
* ``targeting.py``: a plan under a budget, and what the campaign says it would return.
* ``service.py``: service recovery (服务补救) and the book's three measures, as constants.
* ``plots.py`` (figures) and ``widgets.py`` (the targeting explorer) are imported on their own.
"""

from __future__ import annotations

from crmkit.recovery._shared import (
    DISCOUNT_OFFERS,
    GROUPS,
    OFFERS,
    REASON_FAULT,
    REASON_GROUPS,
    REASONS,
    SKIP,
)
from crmkit.recovery.economics import (
    BY_COLUMNS,
    campaign_economics,
    offer_lift,
    profit_after_contact,
    wilson_interval,
)
from crmkit.recovery.reasons import (
    STREAK_BANDS,
    complaint_streaks,
    fault_share,
    reason_shares,
    reasons_and_complaints,
)
from crmkit.recovery.service import (
    EMOTION_LINE,
    MEASURE_POLICIES,
    MEASURES,
    POLICY_MEANINGS,
    RECOVERY_STEPS,
    STEP_MEANINGS,
    emotion_table,
)
from crmkit.recovery.signals import (
    RULES,
    lead_time_summary,
    leaving_outcomes,
    signs_before_leaving,
    warning_accuracy,
    warning_history,
    warning_lead_times,
)
from crmkit.recovery.targeting import best_plan, plan_return
from crmkit.recovery.worth import best_offers, lifetime_value

__all__ = [
    "BY_COLUMNS",
    "DISCOUNT_OFFERS",
    "EMOTION_LINE",
    "GROUPS",
    "MEASURES",
    "MEASURE_POLICIES",
    "OFFERS",
    "POLICY_MEANINGS",
    "REASONS",
    "REASON_FAULT",
    "REASON_GROUPS",
    "RECOVERY_STEPS",
    "RULES",
    "SKIP",
    "STEP_MEANINGS",
    "STREAK_BANDS",
    "best_offers",
    "best_plan",
    "campaign_economics",
    "emotion_table",
    "complaint_streaks",
    "fault_share",
    "lead_time_summary",
    "leaving_outcomes",
    "lifetime_value",
    "offer_lift",
    "plan_return",
    "profit_after_contact",
    "reason_shares",
    "reasons_and_complaints",
    "signs_before_leaving",
    "warning_accuracy",
    "warning_history",
    "warning_lead_times",
    "wilson_interval",
]
