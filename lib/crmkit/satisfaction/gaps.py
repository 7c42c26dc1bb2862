"""Gap analysis: expectation against perception, component by component, with intervals.

The **gap** of a component is the mean of perception - expectation over the respondents (a
paired difference: each respondent is compared with themselves). Its interval is the t
interval of that mean. A gap whose whole interval is below 0 is a component where the firm
falls short of what its customers expect.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from crmkit._validate import require_confidence
from crmkit.satisfaction.survey import mean_interval, satisfaction_gaps, scores


def gap_table(survey: pd.DataFrame, confidence: float = 0.95) -> pd.DataFrame:
    """Per component: mean ``expectation``, ``perception``, ``gap`` (perception - expectation),
    its interval ``lower``/``upper``, ``respondents`` and the ``reading``: ``"below"`` (the whole
    interval under 0: falls short), ``"above"`` (over 0: exceeds) or ``"meets"``.

    >>> from crmkit.vocabulary import SURVEY_COMPONENTS as C
    >>> rows = [{**{f"expect_{c}": 5 for c in C}, **{f"perceive_{c}": 5 + d for c in C}}
    ...         for d in (1, 2, 1, 1)]
    >>> gap_table(pd.DataFrame(rows)).loc["product", ["expectation", "perception", "gap", "reading"]]
    expectation     5.0
    perception     6.25
    gap            1.25
    reading       above
    Name: product, dtype: object
    """
    confidence = require_confidence(confidence)
    gaps = satisfaction_gaps(survey)
    if gaps.empty:
        raise ValueError("survey has no rows: pass the survey table, crmkit.data.load_survey().")
    interval = mean_interval(gaps, confidence)
    table = pd.DataFrame(
        {
            "expectation": scores(survey, "expect").mean(),
            "perception": scores(survey, "perceive").mean(),
            "gap": interval["mean"],
            "lower": interval["lower"],
            "upper": interval["upper"],
            "respondents": interval["respondents"],
        }
    ).round(4)
    table["reading"] = np.select(
        [table["upper"] < 0, table["lower"] > 0], ["below", "above"], default="meets"
    )
    return table.rename_axis("component")
