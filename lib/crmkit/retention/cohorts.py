"""Cohorts (同期群): customers won in the same period, followed period by period.

A customer's **cohort** is the period of their first order; their **age** in a later period is
the number of periods since (age 0 = the first order's period). A **cohort retention matrix**
has one row per cohort and one column per age; a cell holds a share of the cohort:

* ``kind="active"``: the share who ordered in that period (the classic matrix; a customer can
  skip a month and come back, so a row can go up again);
* ``kind="surviving"``: the share still a customer then, a **survival** curve that never rises:
  a customer survives to a period if they order in it or later, or are still an actual
  customer on ``as_of`` by chapter 01's rule (ordered within ``lost_after_days``).

Cells the data cannot show yet (a cohort won in November 2025 has no age 3 by December 2025)
are missing (NaN), never 0: treating them as 0 would count customers as lost before they had
the chance to come back. :func:`average_curve` averages the observed cells only, weighted by
cohort size; :func:`retention_by_age` turns a survival curve into period-to-period retention.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from crmkit._validate import (
    require_choice,
    require_frame,
    require_positive_int,
    require_series,
    require_timestamp,
)
from crmkit.retention._shared import _frequency, _orders, _periods
from crmkit.vocabulary import AS_OF

KINDS = ("active", "surviving")
"""What a cell of the cohort matrix counts: ordered in that period, or still a customer."""


def _cohort_counts(
    order_lines: object, customers: object, segment: object, freq: object, kind: object,
    as_of: object, lost_after_days: object,
) -> tuple[pd.DataFrame, pd.Series]:  # fmt: skip
    freq = _frequency(freq)
    kind = require_choice(kind, KINDS, "kind", "cohort matrix kinds")
    as_of = require_timestamp(as_of, "as_of")
    grace = require_positive_int(lost_after_days, "lost_after_days")
    orders = _orders(order_lines, customers, segment, as_of)
    period = _periods(orders["order_date"], freq)
    cohort = period.groupby(orders["customer_id"].to_numpy()).transform("min")
    age = (period.dt.year * 12 + period.dt.month) - (cohort.dt.year * 12 + cohort.dt.month)
    age = age // {"Y": 12, "Q": 3, "M": 1}[freq]
    now = pd.Period(as_of, freq=freq)
    first = pd.DataFrame({"customer_id": orders["customer_id"].to_numpy(),
                          "cohort": cohort.to_numpy(), "age": age.to_numpy(),
                          "date": orders["order_date"].to_numpy()})  # fmt: skip
    sizes = first.drop_duplicates("customer_id")["cohort"].value_counts().sort_index()
    if kind == "active":
        pairs = first.drop_duplicates(["customer_id", "age"])
        counts = pairs.groupby(["cohort", "age"]).size().unstack(fill_value=0)
    else:
        per_customer = first.groupby("customer_id").agg(cohort=("cohort", "first"),
                                                        age=("age", "max"), last=("date", "max"))
        alive_now = per_customer["last"] > as_of - pd.Timedelta(days=grace)
        observable = (now - per_customer["cohort"]).map(lambda offset: offset.n)
        last_age = per_customer["age"].where(~alive_now, observable)
        ends = last_age.groupby([per_customer["cohort"], last_age]).size().unstack(fill_value=0)
        ends = ends.reindex(columns=np.arange(ends.columns.max() + 1), fill_value=0)
        counts = ends.iloc[:, ::-1].cumsum(axis=1).iloc[:, ::-1]
    ages = np.arange(counts.columns.max() + 1)
    counts = counts.reindex(index=sizes.index, columns=ages, fill_value=0)
    lag = np.subtract.outer([(now - c).n for c in counts.index], ages)
    whole = 0 if kind == "surviving" or as_of == now.end_time.normalize() else 1
    counts = counts.astype("float64").where(lag >= whole)
    counts.index = pd.Index(counts.index.astype(str), name="cohort")
    counts.columns = pd.Index(ages, name="age")
    sizes.index = pd.Index(sizes.index.astype(str), name="cohort")
    return counts, sizes.rename("customers").astype("int64")


def cohort_matrix(
    order_lines: pd.DataFrame,
    customers: pd.DataFrame | None = None,
    segment: str | None = None,
    freq: str = "M",
    kind: str = "active",
    as_of: object = AS_OF,
    lost_after_days: int = 180,
) -> pd.DataFrame:
    """The cohort retention matrix: one row per cohort (index ``cohort``, text like "2024-03"),
    one column per age (0, 1, 2...), each cell the share of the cohort (see the module
    docstring for ``kind``); cells not observable by ``as_of`` are NaN.

    ``segment`` ("business" or "consumer", looked up in ``customers``; None: everyone).

    >>> lines = pd.DataFrame({"order_id": ["O1", "O2", "O3", "O4"],
    ...     "customer_id": ["A", "B", "A", "C"],
    ...     "order_date": pd.to_datetime(["2025-10-03", "2025-10-09", "2025-12-01", "2025-11-20"])})
    >>> cohort_matrix(lines, as_of="2025-12-31")
    age        0    1    2
    cohort
    2025-10  1.0  0.0  0.5
    2025-11  1.0  0.0  NaN
    """
    counts, sizes = _cohort_counts(order_lines, customers, segment, freq, kind, as_of,
                                   lost_after_days)  # fmt: skip
    return counts.div(sizes, axis=0).round(4)


def cohort_sizes(
    order_lines: pd.DataFrame,
    customers: pd.DataFrame | None = None,
    segment: str | None = None,
    freq: str = "M",
    as_of: object = AS_OF,
) -> pd.Series:
    """How many customers each cohort has (index ``cohort``, as in :func:`cohort_matrix`).

    >>> lines = pd.DataFrame({"order_id": ["O1", "O2"], "customer_id": ["A", "B"],
    ...     "order_date": pd.to_datetime(["2025-10-03", "2025-11-09"])})
    >>> cohort_sizes(lines, as_of="2025-12-31").tolist()
    [1, 1]
    """
    return _cohort_counts(order_lines, customers, segment, freq, "active", as_of, 180)[1]


def average_curve(matrix: pd.DataFrame, sizes: pd.Series) -> pd.Series:
    """The share at each age over all cohorts observed at that age, weighted by cohort size
    (NaN cells, not yet observable, are left out, not counted as 0). Index ``age``.

    >>> matrix = pd.DataFrame({0: [1.0, 1.0], 1: [0.5, float("nan")]}, index=["a", "b"])
    >>> average_curve(matrix, pd.Series([10, 30], index=["a", "b"])).tolist()
    [1.0, 0.5]
    """
    require_frame(matrix, "matrix")
    sizes = require_series(sizes, "sizes", "customers per cohort", numeric=True,
                           allow_missing=False)  # fmt: skip
    if matrix.empty:
        raise ValueError("matrix has no rows: pass the table of retention.cohort_matrix.")
    if not matrix.index.isin(sizes.index).all():
        raise ValueError("sizes must have a size for every cohort (row) of matrix; "
                         "use retention.cohort_sizes with the same arguments.")  # fmt: skip
    numeric = [pd.api.types.is_numeric_dtype(t) and not pd.api.types.is_bool_dtype(t)
               for t in matrix.dtypes]  # fmt: skip
    if not all(numeric):
        raise TypeError("matrix must hold shares (numbers), as retention.cohort_matrix returns.")
    shares = matrix.astype("float64")
    weights = shares.notna().mul(sizes.reindex(shares.index).astype("float64"), axis=0)
    curve = shares.fillna(0).mul(weights).sum() / weights.sum()
    return curve.round(4).rename("share").rename_axis("age")


def retention_by_age(curve: pd.Series) -> pd.Series:
    """Period-to-period retention along a survival curve: share(age) / share(age - 1), from
    age 1 on. Rising values mean the customers who remain are the more loyal ones.

    >>> retention_by_age(pd.Series([1.0, 0.5, 0.4, 0.36])).tolist()
    [0.5, 0.8, 0.9]
    """
    curve = require_series(curve, "curve", "a survival share per age", numeric=True,
                           allow_missing=False)  # fmt: skip
    if len(curve) < 2:
        raise ValueError("curve needs at least two ages to compare one with the next.")
    if (curve < 0).any():
        raise ValueError("curve must hold shares of 0 or more (a survival curve).")
    ratio = (curve / curve.shift(1)).iloc[1:]
    return ratio.round(4).rename("retention").rename_axis("age")
