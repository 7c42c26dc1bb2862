"""Pareto (ABC) analysis: how concentrated revenue or profit is, and the Pareto curve.

Customers are ranked by the value, largest first; class A holds the customers who bring the
first 80% of the total, class B the next 15%, class C the rest. For profit, use chapter 02's
definition (``selection.customer_profitability``): the curve is then chapter 02's whale curve.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from crmkit import selection
from crmkit._validate import require_frame, require_numeric
from crmkit.tiers._shared import _customer_values, _cutoffs

ABC_CUTOFFS = (0.80, 0.95)
"""Class A brings the first 80% of the total, class B the next 15%, class C the rest."""
CLASSES = ("A", "B", "C")


def pareto_curve(values: pd.Series, cutoffs: tuple[float, float] = ABC_CUTOFFS) -> pd.DataFrame:
    """Customers ranked by ``values`` (largest first), the cumulative share and the ABC class.

    Returns one row per customer (index ``customer_id``) with ``value``, ``rank``,
    ``customer_share`` (rank / customers), ``cumulative_value``, ``cumulative_share``
    (of the total; it can pass 1 when some customers lose money) and ``abc``: ``A`` while
    the total *before* the customer is below ``cutoffs[0]`` of the total (so the customer
    who crosses 80% is still A), ``B`` below ``cutoffs[1]``, else ``C``. The ranking is
    chapter 02's whale curve (``selection.whale_curve``).

    >>> curve = pareto_curve(pd.Series({"A": 70.0, "B": 20.0, "C": 6.0, "D": 4.0}))
    >>> curve[["rank", "cumulative_share", "abc"]]  # doctest: +NORMALIZE_WHITESPACE
                 rank  cumulative_share abc
    customer_id
    A               1              0.70   A
    B               2              0.90   A
    C               3              0.96   B
    D               4              1.00   C
    """
    values = _customer_values(values, "values")
    cutoffs = _cutoffs(cutoffs, "cutoffs", 2)
    if values.sum() <= 0:
        raise ValueError(
            f"values add up to {values.sum():,.2f}: a Pareto curve shows shares of a positive "
            "total."
        )
    curve = selection.whale_curve(values).rename(
        columns={"profit": "value", "cumulative_profit": "cumulative_value"}
    )
    before = (curve["cumulative_value"] - curve["value"]) / values.sum()
    curve["abc"] = pd.Categorical(
        np.select([before < cutoffs[0], before < cutoffs[1]], ["A", "B"], "C"),
        categories=list(CLASSES),
    )
    return curve


def abc_summary(curve: pd.DataFrame) -> pd.DataFrame:
    """One row per ABC class: customers, their share of all customers and of the total value.

    ``curve`` is a table from :func:`pareto_curve`.

    >>> curve = pareto_curve(pd.Series({"A": 70.0, "B": 20.0, "C": 6.0, "D": 4.0}))
    >>> abc_summary(curve)  # doctest: +NORMALIZE_WHITESPACE
         customers  customer_share  value_share
    abc
    A            2            0.50         0.90
    B            1            0.25         0.06
    C            1            0.25         0.04
    """
    require_frame(curve, "curve", ["value", "abc"])
    require_numeric(curve, "curve", ["value"], allow_missing=False)
    if curve.empty:
        raise ValueError("curve has no rows: pass the table from tiers.pareto_curve().")
    classes = curve["abc"].astype("string")
    counts = classes.value_counts().reindex(list(CLASSES), fill_value=0).astype("int64")
    totals = curve["value"].groupby(classes.to_numpy()).sum().reindex(list(CLASSES), fill_value=0)
    summary = pd.DataFrame(
        {
            "customers": counts,
            "customer_share": (counts / counts.sum()).round(4),
            "value_share": (totals / curve["value"].sum()).round(4),
        }
    )
    summary.index.name = "abc"
    return summary
