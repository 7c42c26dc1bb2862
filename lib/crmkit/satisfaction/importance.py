"""How much each component matters: stated importance, derived importance, and a satisfaction index.

**Stated importance** is what respondents say (the mean of ``importance_<c>``, 1-7).
**Derived importance** is what their answers reveal: the coefficient of ``perceive_<c>`` in a
least-squares regression of overall satisfaction on the eight perception scores (how many
points of overall satisfaction one more point of that component goes with, the others held
fixed), with its standard error from statsmodels. The two often disagree: people *say* price
and product matter most, while what *moves* their overall judgement can be something else.

**Satisfaction index**: each respondent's importance-weighted mean perception, rescaled from
the 1-7 scale to 0-100 (``(score - 1) / 6 * 100``).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from crmkit._validate import (
    require_column_name,
    require_confidence,
    require_frame,
    require_numeric,
    require_series,
)
from crmkit.satisfaction.survey import scores
from crmkit.vocabulary import SURVEY_COMPONENTS


def stated_importance(survey: pd.DataFrame) -> pd.Series:
    """Mean stated importance per component (1-7), named ``stated``.

    >>> rows = [{f"importance_{c}": k for k, c in enumerate(SURVEY_COMPONENTS, 1)}]
    >>> stated_importance(pd.DataFrame(rows)).head(2).tolist()
    [1.0, 2.0]
    """
    return scores(survey, "importance").mean().round(4).rename("stated").rename_axis("component")


def derived_importance(
    survey: pd.DataFrame, outcome: str = "overall_satisfaction", confidence: float = 0.95
) -> pd.DataFrame:
    """Regression of ``outcome`` on the eight perception scores (ordinary least squares with an
    intercept, statsmodels). Returns per component the ``coefficient`` (the derived importance),
    ``std_error``, ``lower``/``upper`` (its interval) and ``p_value``; ``attrs["r_squared"]`` and
    ``attrs["respondents"]`` describe the fit.

    >>> rng = np.random.default_rng(0)
    >>> rows = pd.DataFrame(rng.integers(1, 8, (60, 8)),
    ...                     columns=[f"perceive_{c}" for c in SURVEY_COMPONENTS])
    >>> rows["overall_satisfaction"] = 2 * rows["perceive_product"] + rng.normal(0, 0.1, 60)
    >>> derived_importance(rows)["coefficient"].round(1).abs().head(2).tolist()
    [2.0, 0.0]
    """
    require_column_name(outcome, "outcome")
    confidence = require_confidence(confidence)
    require_frame(survey, "survey", [*(f"perceive_{c}" for c in SURVEY_COMPONENTS), outcome])
    perception = scores(survey, "perceive")
    require_numeric(survey, "survey", [outcome], allow_missing=False)
    if len(survey) <= len(SURVEY_COMPONENTS) + 1:
        raise ValueError(
            f"survey has {len(survey)} rows: a regression on 8 scores needs at least 10 respondents."
        )
    import statsmodels.api as sm  # lazily: importing crmkit stays fast

    model = sm.OLS(survey[outcome].astype("float64"), sm.add_constant(perception)).fit()
    bounds = model.conf_int(alpha=1 - confidence).drop(index="const")
    table = pd.DataFrame(
        {
            "coefficient": model.params.drop("const"),
            "std_error": model.bse.drop("const"),
            "lower": bounds[0],
            "upper": bounds[1],
            "p_value": model.pvalues.drop("const"),
        }
    ).round(4)
    table.attrs = {"r_squared": round(float(model.rsquared), 4), "respondents": int(model.nobs)}
    return table.rename_axis("component")


def importance_table(survey: pd.DataFrame) -> pd.DataFrame:
    """Stated and derived importance side by side with their ranks (1 = matters most).

    Columns: ``stated``, ``stated_rank``, ``derived`` (the regression coefficient),
    ``derived_rank``, ``std_error``.

    >>> rng = np.random.default_rng(1)
    >>> rows = pd.DataFrame(rng.integers(1, 8, (80, 16)), columns=[f"{k}_{c}"
    ...     for k in ("perceive", "importance") for c in SURVEY_COMPONENTS])
    >>> rows["overall_satisfaction"] = rows["perceive_image"] + rng.normal(0, 0.1, 80)
    >>> int(importance_table(rows).loc["image", "derived_rank"])
    1
    """
    require_frame(survey, "survey", [f"{kind}_{c}" for kind in ("perceive", "importance")
                                     for c in SURVEY_COMPONENTS] + ["overall_satisfaction"])  # fmt: skip
    stated = stated_importance(survey)
    derived = derived_importance(survey)
    return pd.DataFrame(
        {
            "stated": stated,
            "stated_rank": stated.rank(ascending=False, method="min").astype("int64"),
            "derived": derived["coefficient"],
            "derived_rank": derived["coefficient"]
            .rank(ascending=False, method="min")
            .astype("int64"),
            "std_error": derived["std_error"],
        }
    ).rename_axis("component")


def satisfaction_index(survey: pd.DataFrame, weights: pd.Series) -> pd.Series:
    """Each respondent's satisfaction index (0-100): the ``weights``-weighted mean perception,
    rescaled from 1-7 to 0-100. ``weights`` has one non-negative number per component.

    >>> rows = pd.DataFrame([{f"perceive_{c}": 7 if c == "product" else 1
    ...                       for c in SURVEY_COMPONENTS}])
    >>> weights = pd.Series(1.0, index=SURVEY_COMPONENTS)
    >>> satisfaction_index(rows, weights).tolist(), satisfaction_index(rows, weights.where(
    ...     weights.index == "product", 0.0)).tolist()
    ([12.5], [100.0])
    """
    weights = require_series(weights, "weights", "one weight per component", numeric=True,
                             allow_missing=False)  # fmt: skip
    missing = [component for component in SURVEY_COMPONENTS if component not in weights.index]
    if missing:
        raise ValueError(f"weights is missing the component(s) {', '.join(missing)}.")
    weights = weights.reindex(list(SURVEY_COMPONENTS)).astype("float64")
    if (weights < 0).any() or weights.sum() <= 0:
        raise ValueError("weights must be 0 or more and add up to more than 0.")
    perception = scores(survey, "perceive")
    weighted = perception.to_numpy() @ (weights / weights.sum()).to_numpy()
    index = (weighted - 1) / 6 * 100
    return pd.Series(np.round(index, 4), index=survey.index, name="satisfaction_index")
