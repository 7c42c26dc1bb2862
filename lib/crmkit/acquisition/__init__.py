"""Chapter 03: developing customers. Lead funnels, conversion with uncertainty, acquisition cost,
first-year value, payback and a budget allocation.

The rules are the ones the lesson states, so a student can apply them by hand
and compare with these functions; each file's docstring states the rules of
its concept.

* **Decided leads.** A lead's outcome is known once its status is ``won`` or
  ``lost``. Open leads are still in progress: counting them as failures would
  understate conversion for every method used recently. The lead functions
  therefore drop open leads by default (``exclude_open=True``).

Where each concept lives:

* ``funnel.py``: decided and matured leads, the funnel, stage conversion, days to convert.
* ``conversion.py``: Wilson intervals, conversion rates, two-method comparisons, the bootstrap.
* ``multiple.py``: every pair of methods at once, with p-values adjusted (Holm, Benjamini-Hochberg).
* ``cost.py``: acquisition cost (CAC) per prospecting method and per consumer channel.
* ``payback.py``: first-year value, the value-to-cost ratio, cumulative gross profit, payback.
* ``profit.py``: first-year profit and cumulative profit after every cost (chapter 02's profit).
* ``budget.py``: method economics, expected results and the budget allocation.
* ``plots.py`` (figures) and ``widgets.py`` (the explorer) are imported on their own.
"""

from __future__ import annotations

from crmkit.acquisition.budget import (
    allocate_budget,
    budget_scenarios,
    expected_result,
    method_economics,
)
from crmkit.acquisition.conversion import (
    bootstrap_difference,
    compare_conversion,
    conversion_rates,
    wilson_interval,
)
from crmkit.acquisition.cost import CONSUMER_CHANNELS, channel_cac, method_cac
from crmkit.acquisition.funnel import (
    METHOD_LABELS,
    METHOD_NAMES_ZH,
    METHODS,
    STAGES,
    STATUSES,
    STEPS,
    days_to_convert,
    decided_leads,
    funnel,
    matured_leads,
    stage_conversion,
    stage_durations,
)
from crmkit.acquisition.multiple import ADJUSTMENTS, pairwise_conversion
from crmkit.acquisition.payback import (
    DAYS_PER_MONTH,
    cumulative_gross_profit,
    first_year_value,
    payback_months,
    value_to_cost,
)
from crmkit.acquisition.profit import cumulative_profit, first_year_profit

__all__ = [
    "ADJUSTMENTS",
    "CONSUMER_CHANNELS",
    "DAYS_PER_MONTH",
    "METHODS",
    "METHOD_LABELS",
    "METHOD_NAMES_ZH",
    "STAGES",
    "STATUSES",
    "STEPS",
    "allocate_budget",
    "bootstrap_difference",
    "budget_scenarios",
    "channel_cac",
    "compare_conversion",
    "conversion_rates",
    "cumulative_gross_profit",
    "cumulative_profit",
    "days_to_convert",
    "decided_leads",
    "expected_result",
    "first_year_profit",
    "first_year_value",
    "funnel",
    "matured_leads",
    "method_cac",
    "method_economics",
    "pairwise_conversion",
    "payback_months",
    "stage_conversion",
    "stage_durations",
    "value_to_cost",
    "wilson_interval",
]
