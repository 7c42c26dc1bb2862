"""Chapter 08: retaining customers (客户的忠诚) - loyalty's value, retention, cohorts, CLV, models.

The rules the lesson states:

* **Retention rate** of a period = of the customers who ordered in the period before, the share
  who ordered in this one too; **churn rate** = 1 - retention rate. Always say the period.
* A **cohort** = the customers whose first order fell in the same period; its matrix shows the
  share still active (or still a customer) at each age. Cells not yet observable are missing.
* **CLV** (simple) = margin x r / (1 + d - r), under a constant retention rate r and discount
  rate d per period; retention that rises with age makes it wrong.

Where each concept lives:

* ``loyalty.py``: the book's figures, the lost-customer calculator, win vs keep, true loyalty
  and the three misconceptions.
* ``rates.py``: retention and churn rates per period; what a lost customer walks out with.
* ``cohorts.py``: the cohort retention matrix (active or surviving), cohort sizes, the average
  curve, retention by age.
* ``clv.py``: the simple CLV formula, its grid, CLV from a survival curve, cohort-based CLV.
* ``keep.py``: the elastic tier: where one year's loss-makers are the next year.
* ``breadth.py``: category breadth in the first days and retention in the second year.
* ``staff.py``: staff turnover beside customer retention, per team.
* ``models/``: the research models (sBG, BG/NBD, Gamma-Gamma), their summaries and evaluation;
  their public names are re-exported here too (``retention.fit_bgnbd``), loaded on first use so
  that importing this package does not load scipy.
* ``plots.py`` (figures) and ``widgets.py`` (the explorers) are imported on their own.
"""

from __future__ import annotations

import importlib
from typing import Any

from crmkit.retention._shared import FREQUENCIES
from crmkit.retention.breadth import category_breadth, retention_by_breadth
from crmkit.retention.clv import (
    clv_grid,
    cohort_clv,
    expected_periods,
    simple_clv,
    survival_clv,
)
from crmkit.retention.cohorts import (
    KINDS,
    average_curve,
    cohort_matrix,
    cohort_sizes,
    retention_by_age,
)
from crmkit.retention.keep import STATES_AFTER, STATES_BEFORE, profit_transitions
from crmkit.retention.loyalty import (
    BOOK_FIGURES,
    LOYALTY_TYPES,
    MISCONCEPTIONS,
    lost_customer_value,
    win_vs_keep,
)
from crmkit.retention.rates import retention_rates, walkout_table
from crmkit.retention.staff import team_retention

MODEL_NAMES = (
    "PUBLISHED_BGNBD",
    "PUBLISHED_GAMMA_GAMMA",
    "PUBLISHED_SBG",
    "BGNBDFit",
    "GammaGammaFit",
    "SBGFit",
    "calibration_holdout_summary",
    "conditional_expectations_by_frequency",
    "constant_retention_projection",
    "customer_lifetime_value",
    "fit_bgnbd",
    "fit_gamma_gamma",
    "fit_sbg",
    "holdout_errors",
    "repeat_summary",
    "tracking_table",
)
"""The public names of ``crmkit.retention.models``, re-exported lazily."""


def __getattr__(name: str) -> Any:
    if name in MODEL_NAMES:
        return getattr(importlib.import_module("crmkit.retention.models"), name)
    raise AttributeError(f"module 'crmkit.retention' has no attribute {name!r}")


__all__ = [
    *MODEL_NAMES,
    "BOOK_FIGURES",
    "FREQUENCIES",
    "KINDS",
    "LOYALTY_TYPES",
    "MISCONCEPTIONS",
    "STATES_AFTER",
    "STATES_BEFORE",
    "average_curve",
    "category_breadth",
    "clv_grid",
    "cohort_clv",
    "cohort_matrix",
    "cohort_sizes",
    "expected_periods",
    "lost_customer_value",
    "profit_transitions",
    "retention_by_age",
    "retention_by_breadth",
    "retention_rates",
    "simple_clv",
    "survival_clv",
    "team_retention",
    "walkout_table",
    "win_vs_keep",
]
