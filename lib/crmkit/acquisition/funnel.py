"""The lead funnel: which leads are decided, how far leads get, and how long each step takes.

``funnel`` counts the leads that reached *at least* each stage (lead, contacted,
qualified, proposal, won); ``stage_conversion`` divides each stage by the one before
it, and ``overall`` is won / lead. Open leads are still in progress, so the lead
functions drop them by default (``exclude_open=True``).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from crmkit import vocabulary
from crmkit._validate import (
    require_dates,
    require_frame,
    require_labels,
    require_numeric,
    require_positive_int,
    require_timestamp,
)
from crmkit.acquisition._shared import _group_index, _groups, _keep_decided, _won
from crmkit.vocabulary import AS_OF, LEAD_STATUSES

STAGES = list(vocabulary.FUNNEL_STAGES)
"""The funnel's stages, in order: lead, contacted, qualified, proposal, won."""
STEPS = ["lead_to_contacted", "contacted_to_qualified", "qualified_to_proposal", "proposal_to_won"]
"""The steps between the stages: the columns of :func:`stage_conversion`."""
STATUSES = LEAD_STATUSES
"""A lead's status: won, open (still in progress) or lost."""
METHODS = list(vocabulary.PROSPECTING_METHODS)
"""The fourteen prospecting methods (the leads table's ``prospecting_method``)."""
METHOD_LABELS = dict(vocabulary.METHOD_LABELS)
"""Each prospecting method's name in words."""
METHOD_NAMES_ZH = dict(vocabulary.METHOD_NAMES_ZH)
"""Each prospecting method's name in the book (Chinese)."""
_STAGE_DATES = ["created_date", "contacted_date", "qualified_date", "proposal_date", "won_date"]


def _stage_codes(leads: pd.DataFrame) -> np.ndarray:
    """0 (lead) to 4 (won) for each lead's stage_reached; a clear error for unknown stages."""
    stage = leads["stage_reached"].astype("string")
    require_labels(stage, "leads", "stage_reached", STAGES)
    return stage.map({name: code for code, name in enumerate(STAGES)}).to_numpy(dtype="int64")


def decided_leads(leads: pd.DataFrame) -> pd.DataFrame:
    """The leads whose outcome is known: status ``won`` or ``lost`` (open leads dropped).

    >>> leads = pd.DataFrame({"lead_id": ["L1", "L2", "L3"], "status": ["won", "open", "lost"]})
    >>> decided_leads(leads)["lead_id"].tolist()
    ['L1', 'L3']
    """
    require_frame(leads, "leads", ["status"])
    return _keep_decided(leads, True)


def matured_leads(
    leads: pd.DataFrame, as_of: object = AS_OF, min_age_days: int = 180
) -> pd.DataFrame:
    """The leads created at least ``min_age_days`` days before ``as_of`` (old enough to finish).

    A second way to avoid counting unfinished leads as failures: keep only a
    cohort old enough for (almost) every lead to have been decided.

    >>> leads = pd.DataFrame({"lead_id": ["L1", "L2"],
    ...     "created_date": pd.to_datetime(["2025-01-10", "2025-11-30"])})
    >>> matured_leads(leads, "2025-12-31", min_age_days=180)["lead_id"].tolist()
    ['L1']
    """
    require_frame(leads, "leads", ["created_date"])
    require_dates(leads, "leads", ["created_date"])
    as_of = require_timestamp(as_of, "as_of")
    min_age_days = require_positive_int(min_age_days, "min_age_days", minimum=0)
    return leads[leads["created_date"] <= as_of - pd.Timedelta(days=min_age_days)]


def funnel(
    leads: pd.DataFrame, by: str | None = "prospecting_method", exclude_open: bool = True
) -> pd.DataFrame:
    """How many leads reached at least each funnel stage, per group.

    Returns a DataFrame with one row per value of ``by`` (one row ``all`` when
    ``by`` is None) and the columns ``lead, contacted, qualified, proposal,
    won`` (whole numbers). A lead that reached ``proposal`` counts in lead,
    contacted, qualified and proposal. Open leads are dropped unless
    ``exclude_open=False``.

    >>> leads = pd.DataFrame({"prospecting_method": ["sms", "sms", "referral"],
    ...     "stage_reached": ["lead", "proposal", "won"], "status": ["lost", "lost", "won"]})
    >>> funnel(leads)
    stage               lead  contacted  qualified  proposal  won
    prospecting_method
    referral               1          1          1         1    1
    sms                    2          1          1         1    0
    """
    require_frame(leads, "leads", ["stage_reached", "status"])
    leads = _keep_decided(leads, exclude_open)
    groups = _groups(leads, by, "leads")
    codes = _stage_codes(leads)
    disagree = int(((codes == len(STAGES) - 1) != _won(leads)).sum())
    if disagree:
        raise ValueError(
            f"leads has {disagree} lead(s) whose status and stage_reached disagree: a lead has "
            "status 'won' exactly when its stage_reached is 'won'. Check those rows first."
        )
    reached = pd.DataFrame(
        {stage: codes >= position for position, stage in enumerate(STAGES)}, index=leads.index
    )
    counts = reached.groupby(groups.to_numpy(), sort=True).sum().astype("int64")
    counts.index = _group_index(counts.index, by)
    counts.columns = pd.Index(STAGES, name="stage")
    return counts


def stage_conversion(funnel_counts: pd.DataFrame) -> pd.DataFrame:
    """Stage-to-stage conversion rates (fractions) and the overall rate, from :func:`funnel`.

    Each step is the share of the leads at one stage that reached the next:
    ``lead_to_contacted`` = contacted / lead, ... ``proposal_to_won`` =
    won / proposal; ``overall`` = won / lead. A step from a stage nobody
    reached is missing (NaN).

    >>> counts = pd.DataFrame({"lead": [200], "contacted": [150], "qualified": [60],
    ...     "proposal": [40], "won": [20]}, index=["all"])
    >>> stage_conversion(counts).loc["all"].round(3)
    lead_to_contacted         0.750
    contacted_to_qualified    0.400
    qualified_to_proposal     0.667
    proposal_to_won           0.500
    overall                   0.100
    Name: all, dtype: float64
    """
    require_numeric(funnel_counts, "funnel_counts", STAGES, allow_missing=False)
    counts = funnel_counts[STAGES].astype("float64")
    before = counts[STAGES[:-1]].to_numpy()
    after = counts[STAGES[1:]].to_numpy()
    with np.errstate(divide="ignore", invalid="ignore"):
        steps = np.where(before > 0, after / np.where(before > 0, before, 1), np.nan)
        lead = counts["lead"].to_numpy()
        overall = np.where(lead > 0, counts["won"].to_numpy() / np.where(lead > 0, lead, 1), np.nan)
    rates = pd.DataFrame(steps, index=funnel_counts.index, columns=STEPS)
    rates["overall"] = overall
    return rates


def days_to_convert(leads: pd.DataFrame, by: str | None = "prospecting_method") -> pd.DataFrame:
    """Days from finding a lead (created_date) to winning it (won_date), for won leads.

    Returns a DataFrame per group with ``won`` (leads won), ``median_days``,
    ``mean_days`` and ``max_days``.

    >>> leads = pd.DataFrame({"prospecting_method": ["sms", "sms", "sms"],
    ...     "status": ["won", "won", "lost"],
    ...     "created_date": pd.to_datetime(["2025-01-01", "2025-02-01", "2025-03-01"]),
    ...     "won_date": pd.to_datetime(["2025-02-10", "2025-04-02", None])})
    >>> days_to_convert(leads)
                        won  median_days  mean_days  max_days
    prospecting_method
    sms                   2         50.0       50.0        60
    """
    require_frame(leads, "leads", ["status", "created_date", "won_date"])
    require_dates(leads, "leads", ["created_date", "won_date"])
    won = leads[_won(leads)]
    if won["won_date"].isna().any():
        raise ValueError(
            "Some won leads in leads have no won_date; the time to convert cannot be measured."
        )
    groups = _groups(won, by, "leads")
    days = (won["won_date"] - won["created_date"]).dt.days
    if (days < 0).any():
        raise ValueError("Some leads in leads were won before they were created: check the dates.")
    table = days.groupby(groups.to_numpy(), sort=True).agg(["size", "median", "mean", "max"])
    table.columns = ["won", "median_days", "mean_days", "max_days"]
    table.index = _group_index(table.index, by)
    return table.astype({"won": "int64", "median_days": "float64", "mean_days": "float64"})


def stage_durations(leads: pd.DataFrame, by: str | None = None) -> pd.DataFrame:
    """Median days each step took, among the leads that made the step.

    Columns ``lead_to_contacted`` (created_date to contacted_date),
    ``contacted_to_qualified``, ``qualified_to_proposal`` and ``proposal_to_won``.

    >>> leads = pd.DataFrame({
    ...     "created_date": pd.to_datetime(["2025-01-01", "2025-01-01"]),
    ...     "contacted_date": pd.to_datetime(["2025-01-05", "2025-01-09"]),
    ...     "qualified_date": pd.to_datetime(["2025-01-20", None]),
    ...     "proposal_date": pd.to_datetime([None, None]),
    ...     "won_date": pd.to_datetime([None, None])})
    >>> stage_durations(leads).loc["all"]
    lead_to_contacted          6.0
    contacted_to_qualified    15.0
    qualified_to_proposal      NaN
    proposal_to_won            NaN
    Name: all, dtype: float64
    """
    require_frame(leads, "leads", _STAGE_DATES)
    require_dates(leads, "leads", _STAGE_DATES)
    groups = _groups(leads, by, "leads")
    gaps = pd.DataFrame(
        {
            step: (leads[end] - leads[start]).dt.days.astype("float64")
            for step, start, end in zip(STEPS, _STAGE_DATES[:-1], _STAGE_DATES[1:], strict=True)
        },
        index=leads.index,
    )
    table = gaps.groupby(groups.to_numpy(), sort=True).median()
    table.index = _group_index(table.index, by)
    return table
