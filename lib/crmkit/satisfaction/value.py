"""Customer delivered value (客户让渡价值): total value minus total cost.

**Total value** = product + service + personnel + image value; **total cost** = money + time +
mental + physical cost; **delivered value** = total value - total cost. Each component is
scored 1-7, costs as *how costly it felt* (7 = very costly). The survey asks the costs the
other way round (a high perception score means the cost felt low), so
:func:`value_profiles` turns them into cost scores: ``8 - perception``.
"""

from __future__ import annotations

import pandas as pd

from crmkit._validate import require_frame, require_numeric
from crmkit.satisfaction.survey import BENEFITS, COSTS, scores
from crmkit.vocabulary import SURVEY_COMPONENTS


def delivered_value(components: pd.DataFrame | pd.Series) -> pd.DataFrame | pd.Series:
    """``total_value``, ``total_cost`` and ``delivered_value`` of one profile (a Series with the
    eight components) or of many (a DataFrame with them as columns, one row per profile).

    >>> profile = pd.Series({"product": 6, "service": 5, "personnel": 5, "image": 4,
    ...     "money_cost": 4, "time_cost": 3, "mental_cost": 2, "physical_cost": 2})
    >>> delivered_value(profile).tolist()
    [20.0, 11.0, 9.0]
    """
    single = isinstance(components, pd.Series)
    frame = components.to_frame().T if single else components
    require_frame(frame, "components", SURVEY_COMPONENTS)
    frame = frame[list(SURVEY_COMPONENTS)]
    try:
        frame = frame.astype("float64")
    except (TypeError, ValueError):
        raise TypeError(
            "components must hold numbers (scores 1-7) for the eight components."
        ) from None
    require_numeric(frame, "components", SURVEY_COMPONENTS, allow_missing=False)
    if not frame.stack().between(1, 7).all():
        raise ValueError("components must hold scores from 1 to 7 (costs: 7 = very costly).")
    value = frame[list(BENEFITS)].sum(axis=1)
    cost = frame[list(COSTS)].sum(axis=1)
    table = pd.DataFrame(
        {"total_value": value, "total_cost": cost, "delivered_value": value - cost}
    )
    return table.iloc[0].rename("profile") if single else table


def value_profiles(survey: pd.DataFrame) -> pd.DataFrame:
    """Each respondent's eight components as :func:`delivered_value` reads them: benefits as
    perceived, costs as ``8 - perception`` (how costly it felt).

    >>> row = {f"perceive_{c}": 6 for c in SURVEY_COMPONENTS}
    >>> value_profiles(pd.DataFrame([row])).iloc[0].tolist()
    [6.0, 6.0, 6.0, 6.0, 2.0, 2.0, 2.0, 2.0]
    """
    perception = scores(survey, "perceive")
    perception[list(COSTS)] = 8 - perception[list(COSTS)]
    return perception


def survey_profile(survey: pd.DataFrame) -> pd.Series:
    """The company's current profile: the mean of :func:`value_profiles` over the respondents.

    >>> rows = [{f"perceive_{c}": p for c in SURVEY_COMPONENTS} for p in (5, 7)]
    >>> survey_profile(pd.DataFrame(rows))[["product", "money_cost"]].tolist()
    [6.0, 2.0]
    """
    profiles = value_profiles(survey)
    if profiles.empty:
        raise ValueError("survey has no rows: pass the survey table, crmkit.data.load_survey().")
    return profiles.mean().round(4).rename("profile").rename_axis("component")
