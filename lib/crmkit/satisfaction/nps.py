"""Net Promoter Score (NPS), with a seeded bootstrap interval.

"How likely are you to recommend us?" (0-10): **promoters** answer 9-10, **passives** 7-8,
**detractors** 0-6. **NPS** = % promoters - % detractors, in percentage points (-100 to 100).
Passives count in the denominator only. The interval resamples the respondents with
replacement (``runs`` times, from ``seed``) and takes the middle ``confidence`` of the NPS values.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from crmkit._validate import (
    require_column_name,
    require_confidence,
    require_frame,
    require_positive_int,
    require_series,
)

NPS_GROUPS = ("detractor", "passive", "promoter")
"""Detractors (0-6), passives (7-8), promoters (9-10)."""


def _recommend(scores: object, argument: str = "scores") -> pd.Series:
    scores = require_series(scores, argument, "likelihood to recommend, 0-10", numeric=True,
                            allow_missing=False)  # fmt: skip
    if not scores.between(0, 10).all():
        raise ValueError(f"{argument} must hold scores from 0 to 10.")
    return scores


def nps_groups(scores: pd.Series) -> pd.Series:
    """Each score's group (promoter, passive or detractor), an ordered categorical.

    >>> nps_groups(pd.Series([10, 8, 3])).tolist()
    ['promoter', 'passive', 'detractor']
    """
    scores = _recommend(scores)
    group = np.select([scores >= 9, scores >= 7], ["promoter", "passive"], "detractor")
    kind = pd.CategoricalDtype(list(NPS_GROUPS), ordered=True)
    return pd.Series(group, index=scores.index, name="nps_group").astype(kind)


def net_promoter_score(scores: pd.Series) -> float:
    """NPS in percentage points: % promoters - % detractors.

    >>> net_promoter_score(pd.Series([10, 9, 8, 7, 3]))
    20.0
    """
    scores = _recommend(scores)
    if scores.empty:
        raise ValueError("scores is empty: there is no NPS without respondents.")
    return round(float(((scores >= 9).mean() - (scores <= 6).mean()) * 100), 4)


def nps_table(
    survey: pd.DataFrame,
    by: str | None = None,
    runs: int = 2000,
    seed: int = 2024,
    confidence: float = 0.95,
    column: str = "likelihood_to_recommend",
) -> pd.DataFrame:
    """NPS per group of column ``by`` (or one row ``"all"``), with a bootstrap interval.

    Returns ``respondents``, the shares ``promoters``, ``passives``, ``detractors``, ``nps``
    (points) and ``lower``/``upper``.

    >>> survey = pd.DataFrame({"likelihood_to_recommend": [10, 9, 9, 8, 7, 6, 2, 10],
    ...                        "segment": ["a"] * 4 + ["b"] * 4})
    >>> nps_table(survey, "segment", runs=500, seed=1)["nps"].tolist()
    [75.0, -25.0]
    """
    require_column_name(column, "column")
    require_frame(survey, "survey", [column])
    scores = _recommend(survey[column], f"survey[{column!r}]")
    runs = require_positive_int(runs, "runs")
    seed = require_positive_int(seed, "seed", minimum=0)
    confidence = require_confidence(confidence)
    if by is None:
        groups = pd.Series("all", index=survey.index)
    else:
        require_column_name(by)
        require_frame(survey, "survey", [by])
        groups = survey[by].astype("string").fillna("unknown")
    if survey.empty:
        raise ValueError("survey has no rows: there is no NPS without respondents.")
    code = np.select([scores >= 9, scores <= 6], [1.0, -1.0], 0.0)
    rng = np.random.default_rng(seed)
    rows = {}
    for name in sorted(groups.unique()):  # a handful of groups; each resampled as a whole
        values = code[groups.eq(name).to_numpy()]
        draws = values[rng.integers(0, len(values), size=(runs, len(values)))].mean(axis=1) * 100
        tail = (1 - confidence) / 2 * 100
        rows[name] = {
            "respondents": len(values),
            "promoters": (values == 1).mean(),
            "passives": (values == 0).mean(),
            "detractors": (values == -1).mean(),
            "nps": values.mean() * 100,
            "lower": np.percentile(draws, tail),
            "upper": np.percentile(draws, 100 - tail),
        }
    table = pd.DataFrame.from_dict(rows, orient="index").round(4)
    table["respondents"] = table["respondents"].astype("int64")
    return table.rename_axis(by or "group")
