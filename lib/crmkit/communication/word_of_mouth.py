"""Word of mouth: how many people hear about bad experiences, and what it may cost.

``people_told`` in the complaints table is how many people the complainer told about it.
The cost of that talk needs assumptions, stated by the caller::

    lost prospects = people told x prospect_share x deterred_share
    lost value     = lost prospects x customer_value

``prospect_share``: the share of listeners who might otherwise have become customers;
``deterred_share``: the share of those whom the story puts off; ``customer_value``: what a
new customer is worth to the firm (CNY).
"""

from __future__ import annotations

import pandas as pd

from crmkit._validate import (
    require_amount,
    require_dates,
    require_frame,
    require_numeric,
    require_rate,
    require_series,
)


def monthly_reach(complaints: pd.DataFrame) -> pd.DataFrame:
    """Complaints and people told per calendar month (months without complaints show 0).

    Returns a DataFrame indexed by ``month`` (a monthly Period) with ``complaints``,
    ``people_told`` and ``per_complaint``.

    >>> table = pd.DataFrame({"complaint_date": pd.to_datetime(["2025-01-05", "2025-01-20",
    ...     "2025-03-02"]), "people_told": [4, 2, 9]})
    >>> monthly_reach(table)
             complaints  people_told  per_complaint
    month
    2025-01           2            6            3.0
    2025-02           0            0            NaN
    2025-03           1            9            9.0
    """
    require_frame(complaints, "complaints", ["complaint_date", "people_told"])
    require_dates(complaints, "complaints", ["complaint_date"])
    require_numeric(complaints, "complaints", ["people_told"], allow_missing=False)
    if complaints.empty:
        raise ValueError("complaints has no rows: there is nothing to count.")
    month = complaints["complaint_date"].dt.to_period("M")
    counts = (
        pd.DataFrame(
            {"complaints": 1, "people_told": complaints["people_told"]}, index=complaints.index
        )
        .groupby(month.rename("month"))
        .sum()
    )
    months = pd.period_range(counts.index.min(), counts.index.max(), freq="M", name="month")
    counts = counts.reindex(months, fill_value=0)
    counts["per_complaint"] = (
        counts["people_told"] / counts["complaints"].where(counts["complaints"] > 0)
    ).round(2)
    return counts


def word_of_mouth_cost(
    people_told: pd.Series,
    prospect_share: float = 0.05,
    deterred_share: float = 0.5,
    customer_value: float = 500.0,
) -> pd.DataFrame:
    """The cost of bad word of mouth under stated assumptions (see the module docstring).

    ``people_told``: people told per group (a handling group, a month...). Returns a
    DataFrame per group with ``people_told``, ``lost_prospects`` and ``lost_value`` (CNY), and
    a last row ``total``.

    >>> word_of_mouth_cost(pd.Series({"resolved": 100, "unresolved": 400}), 0.05, 0.5, 500.0)
                people_told  lost_prospects  lost_value
    resolved            100             2.5      1250.0
    unresolved          400            10.0      5000.0
    total               500            12.5      6250.0
    """
    people_told = require_series(people_told, "people_told", "people told per group",
                                 numeric=True, allow_missing=False)  # fmt: skip
    if (people_told < 0).any():
        raise ValueError("people_told must hold counts of 0 or more.")
    prospect_share = require_rate(prospect_share, "prospect_share")
    deterred_share = require_rate(deterred_share, "deterred_share")
    customer_value = require_amount(customer_value, "customer_value")
    told = pd.concat([people_told, pd.Series({"total": people_told.sum()})])
    lost = told * prospect_share * deterred_share
    return pd.DataFrame(
        {
            "people_told": told,
            "lost_prospects": lost.round(2),
            "lost_value": (lost * customer_value).round(2),
        }
    )
