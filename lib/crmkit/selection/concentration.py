"""How concentrated profit is: the whale curve and the share earned by the top customers."""

from __future__ import annotations

import numpy as np
import pandas as pd

from crmkit._validate import require_rate
from crmkit.selection._shared import _customer_values


def whale_curve(profit: pd.Series) -> pd.DataFrame:
    """The whale curve: customers ranked by profit, with cumulative profit as a share of the total.

    Returns one row per customer, most profitable first, with columns ``profit``,
    ``rank`` (1 = most profitable), ``customer_share`` (rank / customers),
    ``cumulative_profit`` and ``cumulative_share`` (cumulative profit / total profit;
    above 1 where the curve rises over 100%). Ties keep the order of ``profit``.

    >>> curve = whale_curve(pd.Series({"A": 60.0, "B": -20.0, "C": 60.0, "D": 0.0}))
    >>> curve[["rank", "cumulative_share"]]
                 rank  cumulative_share
    customer_id
    A               1               0.6
    C               2               1.2
    D               3               1.2
    B               4               1.0
    """
    profit = _customer_values(profit, "profit")
    if profit.empty:
        raise ValueError("profit is empty: pass one profit per customer.")
    total = profit.sum()
    if total <= 0:
        raise ValueError(
            f"profit adds up to {total:,.2f}: the whale curve shows cumulative profit as a "
            "share of a positive total, so it needs customers who earn money in total."
        )
    ranked = profit.sort_values(ascending=False, kind="stable")
    curve = pd.DataFrame({"profit": ranked})
    curve.index = pd.Index(ranked.index, name="customer_id")
    curve["rank"] = np.arange(1, len(ranked) + 1)
    curve["customer_share"] = curve["rank"] / len(ranked)
    curve["cumulative_profit"] = ranked.cumsum().round(2)
    curve["cumulative_share"] = (ranked.cumsum() / total).round(4)
    return curve


def top_share(values: pd.Series, fraction: float = 0.2) -> float:
    """Share of the total of ``values`` earned by the top ``fraction`` of customers.

    The top group is the ``round(fraction x customers)`` customers with the largest
    values (at least one). A result above 1 means the others together lose money.

    >>> top_share(pd.Series({"A": 60.0, "B": -20.0, "C": 50.0, "D": 10.0, "E": 0.0}))
    0.6
    """
    values = _customer_values(values, "values")
    fraction = require_rate(fraction, "fraction")
    if fraction == 0:
        raise ValueError("fraction must be more than 0, for example 0.2 for the top 20%.")
    if values.empty or values.sum() == 0:
        raise ValueError("values must have a total other than 0 to take a share of it.")
    count = max(1, round(fraction * len(values)))
    top = values.sort_values(ascending=False, kind="stable").iloc[:count].sum()
    return round(float(top / values.sum()), 4)
