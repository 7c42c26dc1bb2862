"""An account's lifecycle (突破期 成长期 收获期 防御期 冬眠期) from its monthly spend."""

from __future__ import annotations

import numpy as np
import pandas as pd

from crmkit._validate import (
    require_dates,
    require_frame,
    require_numeric,
    require_positive_int,
    require_timestamp,
)
from crmkit.vocabulary import AS_OF

STAGES = ["breakthrough", "growth", "harvest", "defence", "dormancy"]


def monthly_spend(order_lines: pd.DataFrame, as_of: object = AS_OF) -> pd.DataFrame:
    """Revenue per customer per calendar month, with zeros for months without orders.

    Returns a DataFrame: one row per month (month-start Timestamps) from the
    first order month in the data to ``as_of``'s month, one column per
    customer. Months before a customer's first order are NaN (not yet a
    customer), later months without orders are 0.

    >>> lines = pd.DataFrame({"customer_id": ["A", "A", "B"], "revenue": [10.0, 5.0, 7.0],
    ...     "order_date": pd.to_datetime(["2025-10-03", "2025-12-09", "2025-11-20"])})
    >>> monthly_spend(lines)
    customer_id     A    B
    month
    2025-10-01   10.0  NaN
    2025-11-01    0.0  7.0
    2025-12-01    5.0  0.0
    """
    require_frame(order_lines, "order_lines", ["customer_id", "order_date", "revenue"])
    require_numeric(order_lines, "order_lines", ["revenue"])
    require_dates(order_lines, "order_lines", ["order_date"])
    as_of = require_timestamp(as_of, "as_of")
    seen = order_lines[order_lines["order_date"] <= as_of]
    if seen.empty:
        raise ValueError(f"order_lines has no orders on or before {as_of.date()}.")
    month = seen["order_date"].dt.to_period("M").dt.to_timestamp()
    table = seen.groupby([month.rename("month"), "customer_id"])["revenue"].sum().unstack()
    months = pd.date_range(
        table.index.min(), as_of.to_period("M").to_timestamp(), freq="MS", name="month"
    )
    table = table.reindex(months)
    started = table.notna().cummax()
    return table.fillna(0.0).where(started)


def lifecycle_stages(
    order_lines: pd.DataFrame, as_of: object = AS_OF, window_months: int = 3
) -> pd.DataFrame:
    """The lifecycle stage of every customer on ``as_of``, from monthly spend.

    With ``recent`` = spend in the last ``window_months`` months and
    ``previous`` = spend in the ``window_months`` months before those,
    the first rule that applies gives the stage:

    1. ``dormancy`` (冬眠期): no spend in the recent window.
    2. ``breakthrough`` (突破期): the first purchase is within the recent window.
    3. ``growth`` (成长期): recent >= 1.2 x previous.
    4. ``defence`` (防御期): recent <= 0.7 x previous.
    5. ``harvest`` (收获期): otherwise (steady spend).

    Returns a DataFrame indexed by customer_id with columns ``first_month``,
    ``recent``, ``previous`` and ``stage`` (ordered categorical).

    >>> lines = pd.DataFrame({"customer_id": ["A"] * 6 + ["B"],
    ...     "revenue": [10.0, 10.0, 10.0, 30.0, 30.0, 30.0, 5.0],
    ...     "order_date": pd.to_datetime(["2025-07-02", "2025-08-02", "2025-09-02",
    ...         "2025-10-02", "2025-11-02", "2025-12-02", "2025-12-20"])})
    >>> lifecycle_stages(lines)["stage"].tolist()
    ['growth', 'breakthrough']
    """
    window_months = require_positive_int(window_months, "window_months")
    spend = monthly_spend(order_lines, as_of)
    recent = spend.iloc[-window_months:].sum(min_count=1).fillna(0.0)
    previous = spend.iloc[-2 * window_months : -window_months].sum(min_count=1).fillna(0.0)
    first_month = spend.notna().idxmax()
    recent_start = spend.index[-window_months] if len(spend) >= window_months else spend.index[0]
    stage = np.select(
        [
            recent <= 0,
            first_month >= recent_start,
            # compared in whole fen (cents), so that exactly 1.2x or 0.7x counts
            np.round(recent * 100) >= np.round(previous * 120),
            np.round(recent * 100) <= np.round(previous * 70),
        ],
        ["dormancy", "breakthrough", "growth", "defence"],
        default="harvest",
    )
    result = pd.DataFrame(
        {
            "first_month": first_month,
            "recent": recent.round(2),
            "previous": previous.round(2),
            "stage": pd.Categorical(stage, categories=STAGES, ordered=True),
        }
    )
    result.index.name = "customer_id"
    return result
