"""Customer lifetime value (客户终身价值, CLV): what a customer is worth from now on.

**The simple formula** (:func:`simple_clv`): with a margin ``m`` per period, a retention rate
``r`` per period and a discount rate ``d`` per period,

    CLV = m x r / (1 + d - r),

the sum of m x r^t / (1 + d)^t over the periods t = 1, 2, ... to come (the margin of a period
arrives at its end, if the customer is still there; today's margin is not counted).

**Where it is wrong:** it holds retention constant. In real customer bases retention rises
with a cohort's age, because the customers who leave easily leave first and those who remain
are the loyal ones (heterogeneity). A rate measured on new customers undervalues old ones; a
rate measured on everyone projects a young cohort's survival too high at first and too low
later. :func:`survival_clv` takes any survival curve instead (the sBG model's, for example),
and :func:`cohort_clv` measures what each cohort actually brought, age by age.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from crmkit._validate import (
    require_frame,
    require_number,
    require_numeric,
    require_rate,
    require_series,
    require_timestamp,
)
from crmkit.retention._shared import _orders
from crmkit.vocabulary import AS_OF


def simple_clv(margin: float, retention: float, discount: float) -> float:
    """m x r / (1 + d - r): the lifetime value under a constant retention rate (module docstring).

    ``retention`` and ``discount`` are fractions per period (0.7 for 70%).

    >>> simple_clv(100.0, 0.8, 0.1)
    266.67
    """
    margin = require_number(margin, "margin")
    retention = require_rate(retention, "retention")
    discount = require_rate(discount, "discount")
    if retention == 1 and discount == 0:
        raise ValueError("With retention 1 and discount 0 the value never ends: lower one of them.")
    return round(margin * retention / (1 + discount - retention), 2)


def clv_grid(margin: float, discount: float, retentions: object = None) -> pd.DataFrame:
    """:func:`simple_clv` for a range of retention rates (default 0.05 to 0.95 by 0.05), with
    the expected lifetime 1 / (1 - r) in periods. Index ``retention``; columns
    ``expected_periods``, ``clv``.

    >>> clv_grid(100.0, 0.1, [0.5, 0.9]).to_dict("list")
    {'expected_periods': [2.0, 10.0], 'clv': [83.33, 450.0]}
    """
    retentions = np.round(np.arange(0.05, 0.951, 0.05), 2) if retentions is None else retentions
    if isinstance(retentions, str | bytes) or not hasattr(retentions, "__iter__"):
        raise TypeError(f"retentions must be a list of fractions such as [0.5, 0.9], not {retentions!r}.")
    values = [require_rate(r, "retentions") for r in retentions]
    if not values or max(values) >= 1:
        raise ValueError("retentions must hold fractions below 1, such as [0.5, 0.9].")
    table = pd.DataFrame(
        {
            "expected_periods": [round(1 / (1 - r), 2) for r in values],
            "clv": [simple_clv(margin, r, discount) for r in values],
        },
        index=pd.Index(values, name="retention"),
    )
    return table


def survival_clv(margin: float, survival: pd.Series, discount: float) -> float:
    """Sum of margin x survival(t) / (1 + discount)^t over the periods t of ``survival``.

    ``survival`` holds the share of customers still there at the end of period 1, 2, ...
    (index = period numbers 1, 2, ...; the sBG model's projection, or a cohort's curve).
    With survival(t) = r^t over many periods it equals :func:`simple_clv`.

    >>> survival_clv(100.0, pd.Series([0.8 ** t for t in range(1, 400)], index=range(1, 400)), 0.1)
    266.67
    """
    margin = require_number(margin, "margin")
    discount = require_rate(discount, "discount")
    survival = require_series(survival, "survival", "the share still there per period",
                              numeric=True, allow_missing=False)  # fmt: skip
    if survival.empty or not survival.between(0, 1).all():
        raise ValueError("survival must hold shares between 0 and 1, one per period 1, 2, ...")
    periods = np.asarray(survival.index, dtype="float64")
    return round(float((margin * survival.to_numpy() / (1 + discount) ** periods).sum()), 2)


def cohort_clv(
    order_lines: pd.DataFrame,
    customers: pd.DataFrame | None = None,
    segment: str | None = None,
    discount: float = 0.10,
    as_of: object = AS_OF,
) -> pd.DataFrame:
    """What each yearly cohort actually brought: cumulative discounted gross profit per
    customer won, by age in whole years.

    A customer's cohort is the year of their first order; gross profit = revenue -
    cost_of_goods of each order line, discounted at ``discount`` a year from the cohort's
    start to the line's month. Column ``age`` k (0, 1, ...) holds the total over the first
    k + 1 years, divided by the cohort's customers; a year not complete by ``as_of`` is NaN.

    >>> lines = pd.DataFrame({"order_id": ["O1", "O2", "O3"], "customer_id": ["A", "A", "B"],
    ...     "order_date": pd.to_datetime(["2024-01-05", "2025-01-05", "2024-06-01"]),
    ...     "revenue": [100.0, 100.0, 50.0], "cost_of_goods": [60.0, 60.0, 30.0]})
    >>> cohort_clv(lines, discount=0.0, as_of="2025-12-31").to_dict("list")
    {0: [30.0], 1: [50.0]}
    """
    require_frame(order_lines, "order_lines", ["order_id", "customer_id", "order_date",
                                               "revenue", "cost_of_goods"])  # fmt: skip
    require_numeric(order_lines, "order_lines", ["revenue", "cost_of_goods"], allow_missing=False)
    discount = require_rate(discount, "discount")
    as_of = require_timestamp(as_of, "as_of")
    orders = _orders(order_lines, customers, segment, as_of)
    lines = order_lines[order_lines["customer_id"].astype("string").isin(orders["customer_id"])
                        & (order_lines["order_date"] <= pd.Timestamp(as_of))]  # fmt: skip
    ids = lines["customer_id"].astype("string").to_numpy()
    cohort = lines["order_date"].groupby(ids).transform("min").dt.year.to_numpy()
    months = (lines["order_date"].dt.year.to_numpy() - cohort) * 12 + lines["order_date"].dt.month - 1
    profit = (lines["revenue"] - lines["cost_of_goods"]) / (1 + discount) ** (months / 12)
    table = pd.DataFrame({"cohort": cohort, "age": (months // 12).to_numpy(), "profit": profit})
    sizes = pd.Series(cohort, index=ids).groupby(level=0).first().value_counts()
    sums = table.groupby(["cohort", "age"])["profit"].sum().unstack(fill_value=0.0).sort_index()
    cumulative = sums.cumsum(axis=1).div(sizes.reindex(sums.index), axis=0)
    last_year = pd.Timestamp(as_of).year - (0 if pd.Timestamp(as_of).is_year_end else 1)
    whole = np.subtract.outer(np.full(len(sums), last_year) - sums.index.to_numpy(),
                              sums.columns.to_numpy()) >= 0  # fmt: skip
    result = cumulative.where(whole).round(2)
    result.index = pd.Index(result.index.astype("int64"), name="cohort")
    result.columns = pd.Index(result.columns.astype("int64"), name="age")
    return result


def expected_periods(retention: float) -> float:
    """How many periods a customer stays on average under a constant retention rate: 1 / (1 - r).

    >>> expected_periods(0.75)
    4.0
    """
    retention = require_rate(retention, "retention")
    if retention >= 1:
        raise ValueError("retention must be below 1: with retention 1 a customer never leaves.")
    return round(1 / (1 - retention), 4)

