"""Satisfaction as perception compared with expectation (客户的满意), respondent by respondent.

The survey scores each of the eight delivered-value components on a 1-7 scale three times:
what the customer **expected** (``expect_<c>``), what they **perceived** (``perceive_<c>``) and
how much it **matters** (``importance_<c>``). For the four costs a high score means the cost
felt *low*, so for every component a higher perception is better and the gap reads the same way.

**Gap** of a component = perception - expectation (positive: better than expected).
**State** of a respondent, from the mean gap over the eight components (:func:`satisfaction_states`):
below ``-tolerance`` dissatisfied, above ``+tolerance`` delighted, otherwise satisfied
(perception about equal to expectation).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from crmkit._validate import require_confidence, require_frame, require_number, require_numeric
from crmkit.vocabulary import SURVEY_COMPONENTS

BENEFITS = SURVEY_COMPONENTS[:4]
"""The value the customer gets: product, service, personnel, image."""
COSTS = SURVEY_COMPONENTS[4:]
"""What it costs them: money, time, mental and physical cost."""
STATES = ("dissatisfied", "satisfied", "delighted")
"""Perception below, about equal to, or above expectation."""
TOLERANCE = 0.25
"""A mean gap within +-0.25 scale points counts as 'about equal'."""


def scores(survey: object, kind: str) -> pd.DataFrame:
    """The eight ``<kind>_<component>`` columns of ``survey`` (kind: expect, perceive or
    importance), renamed to the component names and checked (numbers, no gaps).

    >>> row = {f"perceive_{c}": 5 for c in SURVEY_COMPONENTS}
    >>> scores(pd.DataFrame([row]), "perceive").columns.tolist()[:3]
    ['product', 'service', 'personnel']
    """
    if kind not in ("expect", "perceive", "importance"):
        raise ValueError(f"kind must be 'expect', 'perceive' or 'importance', not {kind!r}.")
    columns = [f"{kind}_{component}" for component in SURVEY_COMPONENTS]
    require_numeric(survey, "survey", columns, allow_missing=False)
    table = survey[columns].astype("float64")
    table.columns = list(SURVEY_COMPONENTS)
    return table


def _nonempty(survey: pd.DataFrame) -> None:
    if survey.empty:
        raise ValueError("survey has no rows: pass the survey table, crmkit.data.load_survey().")


def satisfaction_gaps(survey: pd.DataFrame) -> pd.DataFrame:
    """Perception - expectation per respondent (rows, as in ``survey``) and component (columns).

    >>> row = {**{f"expect_{c}": 5 for c in SURVEY_COMPONENTS},
    ...        **{f"perceive_{c}": 6 for c in SURVEY_COMPONENTS}}
    >>> satisfaction_gaps(pd.DataFrame([row])).iloc[0].unique().tolist()
    [1.0]
    """
    require_frame(survey, "survey", [f"{kind}_{c}" for kind in ("expect", "perceive")
                                     for c in SURVEY_COMPONENTS])  # fmt: skip
    return scores(survey, "perceive") - scores(survey, "expect")


def satisfaction_states(survey: pd.DataFrame, tolerance: float = TOLERANCE) -> pd.DataFrame:
    """Each respondent's ``mean_gap`` (over the eight components) and ``state`` (module docstring).

    ``state`` is an ordered categorical of :data:`STATES`.

    >>> expect = {f"expect_{c}": 5 for c in SURVEY_COMPONENTS}
    >>> rows = [{**expect, **{f"perceive_{c}": p for c in SURVEY_COMPONENTS}} for p in (4, 5, 6)]
    >>> satisfaction_states(pd.DataFrame(rows))["state"].tolist()
    ['dissatisfied', 'satisfied', 'delighted']
    """
    tolerance = require_number(tolerance, "tolerance", minimum=0)
    mean_gap = satisfaction_gaps(survey).mean(axis=1)
    state = np.select(
        [mean_gap < -tolerance, mean_gap > tolerance], [STATES[0], STATES[2]], STATES[1]
    )
    kind = pd.CategoricalDtype(list(STATES), ordered=True)
    return pd.DataFrame(
        {"mean_gap": mean_gap.round(4), "state": pd.Series(state, index=survey.index).astype(kind)}
    )


def _t_interval(
    count: pd.Series, mean: pd.Series, std: pd.Series, confidence: float
) -> pd.DataFrame:
    from scipy import stats  # lazily: importing crmkit stays fast

    with np.errstate(divide="ignore", invalid="ignore"):
        half = stats.t.ppf(0.5 + confidence / 2, count - 1) * std / np.sqrt(count)
    return pd.DataFrame(
        {"respondents": count.astype("int64"), "mean": mean, "lower": mean - half,
         "upper": mean + half}
    )  # fmt: skip


def mean_interval(values: pd.DataFrame, confidence: float = 0.95) -> pd.DataFrame:
    """Mean of each column with a t interval: ``respondents``, ``mean``, ``lower``, ``upper``.

    >>> mean_interval(pd.DataFrame({"gap": [1.0, 2.0, 3.0]})).round(2)
         respondents  mean  lower  upper
    gap            3   2.0  -0.48   4.48
    """
    require_frame(values, "values")
    if values.columns.empty:
        raise ValueError("values has no columns: pass a table of numbers, one column per measure.")
    confidence = require_confidence(confidence)
    require_numeric(values, "values", [str(column) for column in values.columns])
    return _t_interval(values.count(), values.mean(), values.std(), confidence)


def expectation_by(survey: pd.DataFrame, by: pd.Series, confidence: float = 0.95) -> pd.DataFrame:
    """Mean expectation (over the eight components) per group of respondents, with a t interval.

    ``by`` gives each respondent's group (a Series on the survey's index), for example
    whether they were referred by another customer. Returns ``respondents``, ``mean``,
    ``lower``, ``upper`` per group.

    >>> expect = [{f"expect_{c}": e for c in SURVEY_COMPONENTS} for e in (4, 5, 6, 6)]
    >>> groups = pd.Series(["new", "new", "old", "old"])
    >>> expectation_by(pd.DataFrame(expect), groups)["mean"].tolist()
    [4.5, 6.0]
    """
    expected = scores(survey, "expect").mean(axis=1)
    _nonempty(survey)
    confidence = require_confidence(confidence)
    if not isinstance(by, pd.Series) or not by.index.equals(survey.index):
        raise TypeError("by must be a pandas Series of group labels on the survey's index.")
    groups = by.astype("string").fillna("unknown").to_numpy()
    summary = expected.groupby(groups).agg(["count", "mean", "std"])
    table = _t_interval(summary["count"], summary["mean"], summary["std"], confidence)
    table.index.name = by.name or "group"
    return table.round(4)
