"""Chapter 07: satisfying customers (客户的满意) - gaps, importance, IPA, NPS, delivered value.

Satisfaction is a feeling formed by comparing **perception** with **expectation**: below ->
dissatisfied, about equal -> satisfied, above -> delighted. The rules the lesson states:

* **Gap** = perception - expectation (per component, 1-7 scale; positive is better).
* **Top box** = overall satisfaction 5 (of 1-5); a mean of the 1-5 scale is not a share.
* **NPS** = % promoters (9-10) - % detractors (0-6), in percentage points.
* **Repurchase** = an order 180-365 days after the respondent's own survey date.
* **Delivered value** = (product + service + personnel + image) - (money + time + mental +
  physical cost), costs scored as how costly they felt (``8 - perception``).

Where each concept lives:

* ``survey.py``: the score columns, gaps and states per respondent, expectation by group.
* ``gaps.py``: the gap table with intervals.
* ``importance.py``: stated and derived importance (statsmodels regression), the index.
* ``ipa.py``: importance-performance quadrants and their actions.
* ``nps.py``: NPS groups, the score and its bootstrap interval by group.
* ``loyalty.py``: repurchase after the survey by box, the top box's lead, the team mirror.
* ``measures.py``: the book's six measures and the five the data gives.
* ``value.py``: customer delivered value and the company's current profile.
* ``expectation.py``: what a promise does to satisfaction (model and simulation), the cases.
* ``plots.py`` (figures) and ``widgets.py`` (the explorer) are imported on their own.
"""

from __future__ import annotations

from crmkit.satisfaction.expectation import CASES, promise_outcomes, simulate_promise
from crmkit.satisfaction.gaps import gap_table
from crmkit.satisfaction.importance import (
    derived_importance,
    importance_table,
    satisfaction_index,
    stated_importance,
)
from crmkit.satisfaction.ipa import QUADRANTS, ipa_table
from crmkit.satisfaction.loyalty import (
    LOYALTY_ZONES,
    REPURCHASE_WINDOW,
    orders_in_window,
    repurchase_by_box,
    team_mirror,
    top_box_lead,
)
from crmkit.satisfaction.measures import MEASURES, satisfaction_measures
from crmkit.satisfaction.nps import NPS_GROUPS, net_promoter_score, nps_groups, nps_table
from crmkit.satisfaction.survey import (
    BENEFITS,
    COSTS,
    STATES,
    TOLERANCE,
    expectation_by,
    mean_interval,
    satisfaction_gaps,
    satisfaction_states,
    scores,
)
from crmkit.satisfaction.value import delivered_value, survey_profile, value_profiles

__all__ = [
    "BENEFITS",
    "CASES",
    "COSTS",
    "LOYALTY_ZONES",
    "MEASURES",
    "NPS_GROUPS",
    "QUADRANTS",
    "REPURCHASE_WINDOW",
    "STATES",
    "TOLERANCE",
    "delivered_value",
    "derived_importance",
    "expectation_by",
    "gap_table",
    "importance_table",
    "ipa_table",
    "mean_interval",
    "net_promoter_score",
    "nps_groups",
    "nps_table",
    "orders_in_window",
    "promise_outcomes",
    "repurchase_by_box",
    "satisfaction_gaps",
    "satisfaction_index",
    "satisfaction_measures",
    "satisfaction_states",
    "scores",
    "simulate_promise",
    "stated_importance",
    "survey_profile",
    "team_mirror",
    "top_box_lead",
    "value_profiles",
]
