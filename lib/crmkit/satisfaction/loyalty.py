"""Satisfied is not loyal: repurchase after the survey, by satisfaction box and by NPS group.

**Repurchase** of a respondent = at least one order more than ``start_days`` and at most
``end_days`` days *after their own survey date* (default 180 to 365: still buying half a year
on, when orders already planned at survey time are done). Orders before the survey say
nothing about what satisfaction leads to.

The **zone of indifference** (Jones and Sasser's picture, :data:`LOYALTY_ZONES`): from
dissatisfied to merely satisfied, loyalty rises little; only the completely satisfied (the
top box) are much more loyal, the zone of affection.

The **employee-customer mirror**: per team, employee satisfaction beside the overall
satisfaction of the team's customers (:func:`team_mirror`).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from crmkit._validate import (
    require_column_name,
    require_confidence,
    require_dates,
    require_frame,
    require_numeric,
    require_positive_int,
)
from crmkit.acquisition.conversion import wilson_interval

LOYALTY_ZONES = {
    1: "defection",
    2: "defection",
    3: "indifference",
    4: "indifference",
    5: "affection",
}
"""Overall satisfaction box -> zone in the classic picture: defection, indifference, affection."""
REPURCHASE_WINDOW = (180, 365)
"""Days after the survey date: an order in (180, 365] counts as a repurchase."""


def _window(start_days: object, end_days: object) -> tuple[int, int]:
    start = require_positive_int(start_days, "start_days", minimum=-100_000)
    end = require_positive_int(end_days, "end_days", minimum=-100_000)
    if end <= start:
        raise ValueError(f"end_days must be larger than start_days, but got {start} and {end}.")
    return start, end


def orders_in_window(
    survey: pd.DataFrame,
    order_lines: pd.DataFrame,
    start_days: int = REPURCHASE_WINDOW[0],
    end_days: int = REPURCHASE_WINDOW[1],
) -> pd.Series:
    """Orders each respondent placed more than ``start_days`` and at most ``end_days`` days after
    their survey date (negative days look back before it), on the survey's index.

    >>> survey = pd.DataFrame({"customer_id": ["C1", "C2"],
    ...                        "survey_date": pd.to_datetime(["2024-03-01", "2024-04-01"])})
    >>> lines = pd.DataFrame({"order_id": ["O1", "O2", "O3"], "customer_id": ["C1", "C1", "C2"],
    ...     "order_date": pd.to_datetime(["2024-10-01", "2024-02-01", "2024-05-01"])})
    >>> orders_in_window(survey, lines).tolist(), orders_in_window(survey, lines, -365, 0).tolist()
    ([1, 0], [1, 0])
    """
    require_frame(survey, "survey", ["customer_id", "survey_date"])
    require_dates(survey, "survey", ["survey_date"])
    require_frame(order_lines, "order_lines", ["order_id", "customer_id", "order_date"])
    require_dates(order_lines, "order_lines", ["order_date"])
    start, end = _window(start_days, end_days)
    orders = order_lines.drop_duplicates("order_id")[["customer_id", "order_date"]]
    respondents = survey[["customer_id", "survey_date"]].reset_index(names="_row")
    joined = respondents.merge(orders, on="customer_id", how="inner")
    days = (joined["order_date"] - joined["survey_date"]).dt.days
    inside = joined.loc[(days > start) & (days <= end), "_row"]
    counts = inside.value_counts().reindex(respondents["_row"], fill_value=0)
    return pd.Series(counts.to_numpy(), index=survey.index, name="orders").astype("int64")


def repurchase_by_box(
    survey: pd.DataFrame,
    order_lines: pd.DataFrame,
    by: str = "overall_satisfaction",
    start_days: int = REPURCHASE_WINDOW[0],
    end_days: int = REPURCHASE_WINDOW[1],
    confidence: float = 0.95,
) -> pd.DataFrame:
    """Share of respondents who repurchased (module docstring), per value of column ``by``,
    with a Wilson interval: ``successes``, ``trials``, ``rate``, ``lower``, ``upper``.

    >>> survey = pd.DataFrame({"customer_id": ["C1", "C2", "C3"], "overall_satisfaction": [5, 5, 3],
    ...     "survey_date": pd.to_datetime(["2024-03-01"] * 3)})
    >>> lines = pd.DataFrame({"order_id": ["O1"], "customer_id": ["C1"],
    ...                       "order_date": pd.to_datetime(["2024-12-01"])})
    >>> repurchase_by_box(survey, lines)["rate"].tolist()
    [0.0, 0.5]
    """
    require_column_name(by)
    require_frame(survey, "survey", ["customer_id", "survey_date", by])
    require_frame(order_lines, "order_lines", ["order_id", "customer_id", "order_date"])
    confidence = require_confidence(confidence)
    bought = orders_in_window(survey, order_lines, start_days, end_days).gt(0)
    groups = survey[by]
    counts = bought.astype("int64").groupby(groups.to_numpy()).agg(["sum", "count"])
    table = wilson_interval(counts["sum"], counts["count"], confidence)
    return table.rename_axis(by)


def top_box_lead(
    survey: pd.DataFrame,
    order_lines: pd.DataFrame,
    top_boxes: tuple[int, ...] = (5,),
    start_days: int = REPURCHASE_WINDOW[0],
    end_days: int = REPURCHASE_WINDOW[1],
    confidence: float = 0.95,
) -> pd.Series:
    """How much more often the top box repurchases than everyone else: ``top`` and ``rest``
    rates, their difference ``lead`` and its interval ``lower``/``upper`` (Newcombe's method,
    from the two Wilson intervals). ``top_boxes`` are the overall-satisfaction boxes counted as top.

    >>> survey = pd.DataFrame({"customer_id": ["C1", "C2", "C3", "C4"],
    ...     "overall_satisfaction": [5, 5, 3, 4], "survey_date": pd.to_datetime(["2024-03-01"] * 4)})
    >>> lines = pd.DataFrame({"order_id": ["O1", "O2"], "customer_id": ["C1", "C2"],
    ...                       "order_date": pd.to_datetime(["2024-12-01"] * 2)})
    >>> top_box_lead(survey, lines)[["top", "rest", "lead"]].tolist()
    [1.0, 0.0, 1.0]
    """
    require_frame(survey, "survey", ["customer_id", "survey_date", "overall_satisfaction"])
    require_frame(order_lines, "order_lines", ["order_id", "customer_id", "order_date"])
    require_numeric(survey, "survey", ["overall_satisfaction"], allow_missing=False)
    if not isinstance(top_boxes, list | tuple) or not set(top_boxes) <= set(LOYALTY_ZONES):
        raise ValueError(
            f"top_boxes must be a tuple of boxes 1-5, such as (5,), not {top_boxes!r}."
        )
    confidence = require_confidence(confidence)
    top = survey["overall_satisfaction"].isin(top_boxes).map({True: "top", False: "rest"})
    table = repurchase_by_box(survey.assign(_box=top), order_lines, "_box", start_days,
                              end_days, confidence)  # fmt: skip
    if set(table.index) != {"top", "rest"}:
        raise ValueError("survey needs respondents both in and outside top_boxes to compare them.")
    top_row, rest = table.loc["top"], table.loc["rest"]
    lead = top_row["rate"] - rest["rate"]
    return pd.Series(
        {
            "top": top_row["rate"],
            "rest": rest["rate"],
            "lead": lead,
            "lower": lead
            - np.hypot(top_row["rate"] - top_row["lower"], rest["upper"] - rest["rate"]),
            "upper": lead
            + np.hypot(top_row["upper"] - top_row["rate"], rest["rate"] - rest["lower"]),
        }
    ).round(4)


def team_mirror(survey: pd.DataFrame, customers: pd.DataFrame, teams: pd.DataFrame) -> pd.DataFrame:
    """Per team: ``employee_satisfaction``, ``staff_turnover_rate``, the team's ``respondents``,
    their mean ``overall_satisfaction`` and ``top_box`` share (overall satisfaction 5).

    >>> survey = pd.DataFrame({"customer_id": ["C1", "C2", "C3"], "overall_satisfaction": [5, 3, 4]})
    >>> customers = pd.DataFrame({"customer_id": ["C1", "C2", "C3"], "team_id": ["T1", "T1", "T2"]})
    >>> teams = pd.DataFrame({"team_id": ["T1", "T2"], "employee_satisfaction": [4.0, 3.0],
    ...                       "staff_turnover_rate": [0.1, 0.3]})
    >>> team_mirror(survey, customers, teams)["overall_satisfaction"].tolist()
    [4.0, 4.0]
    """
    require_frame(survey, "survey", ["customer_id", "overall_satisfaction"])
    require_numeric(survey, "survey", ["overall_satisfaction"], allow_missing=False)
    require_frame(customers, "customers", ["customer_id", "team_id"])
    require_frame(teams, "teams", ["team_id", "employee_satisfaction", "staff_turnover_rate"])
    require_numeric(teams, "teams", ["employee_satisfaction", "staff_turnover_rate"])
    joined = survey[["customer_id", "overall_satisfaction"]].merge(
        customers[["customer_id", "team_id"]], on="customer_id", how="left"
    )
    per_team = joined.groupby(joined["team_id"].astype("string"))["overall_satisfaction"].agg(
        respondents="count",
        overall_satisfaction="mean",
        top_box=lambda box: (box == 5).mean(),
    )
    table = teams.set_index(teams["team_id"].astype("string"))[
        ["employee_satisfaction", "staff_turnover_rate"]
    ].join(per_team, how="left")
    table["respondents"] = table["respondents"].fillna(0).astype("int64")
    return table.round(4).rename_axis("team_id")
