"""Customer value (客户价值) beyond revenue: gross profit, referrals and feedback, and how rankings differ."""

from __future__ import annotations

import pandas as pd

from crmkit._validate import (
    require_column_name,
    require_frame,
    require_numeric,
    require_positive_int,
    require_rate,
)

VALUE_COMPONENTS = ["revenue", "gross_profit", "referrals", "feedback"]
FEEDBACK_PURPOSES = ("feedback", "suggestion", "complaint")


def value_components(
    customers: pd.DataFrame, order_lines: pd.DataFrame, communications: pd.DataFrame
) -> pd.DataFrame:
    """Four components of each customer's value (客户价值), one row per customer.

    * ``revenue``: net revenue (after discounts), CNY — the profit source.
    * ``gross_profit``: revenue minus cost of goods, CNY.
    * ``referrals``: customers who name this customer in ``referred_by`` —
      word-of-mouth value.
    * ``feedback``: inbound messages that carry information (feedback,
      suggestions, complaints) — information value.

    >>> customers = pd.DataFrame({"customer_id": ["A", "B"], "referred_by": ["", "A"]})
    >>> lines = pd.DataFrame({"customer_id": ["A", "B"], "revenue": [100.0, 50.0],
    ...     "cost_of_goods": [60.0, 20.0]})
    >>> comms = pd.DataFrame({"customer_id": ["B"], "direction": ["inbound"], "purpose": ["feedback"]})
    >>> value_components(customers, lines, comms)
                 revenue  gross_profit  referrals  feedback
    customer_id
    A              100.0          40.0          1         0
    B               50.0          30.0          0         1
    """
    require_frame(customers, "customers", ["customer_id", "referred_by"])
    require_frame(order_lines, "order_lines", ["customer_id", "revenue", "cost_of_goods"])
    require_numeric(order_lines, "order_lines", ["revenue", "cost_of_goods"])
    require_frame(communications, "communications", ["customer_id", "direction", "purpose"])
    ids = pd.Index(customers["customer_id"], name="customer_id")
    sums = order_lines.groupby("customer_id")[["revenue", "cost_of_goods"]].sum()
    revenue = sums["revenue"].reindex(ids, fill_value=0.0)
    gross_profit = (sums["revenue"] - sums["cost_of_goods"]).reindex(ids, fill_value=0.0)
    referrals = customers["referred_by"].value_counts().reindex(ids, fill_value=0)
    informative = communications[
        communications["direction"].astype("string").eq("inbound")
        & communications["purpose"].astype("string").isin(FEEDBACK_PURPOSES)
    ]
    feedback = informative.groupby("customer_id").size().reindex(ids, fill_value=0)
    return pd.DataFrame(
        {
            "revenue": revenue.round(2).to_numpy(),
            "gross_profit": gross_profit.round(2).to_numpy(),
            "referrals": referrals.astype("int64").to_numpy(),
            "feedback": feedback.astype("int64").to_numpy(),
        },
        index=ids,
    )


def value_ranks(components: pd.DataFrame) -> pd.DataFrame:
    """Rank customers on each value component (1 = most valuable; ties share the best rank).

    >>> comp = pd.DataFrame({"revenue": [10.0, 30.0], "referrals": [2, 0]}, index=["A", "B"])
    >>> value_ranks(comp)
       revenue  referrals
    A        2          1
    B        1          2
    """
    require_frame(components, "components")
    numeric = components.select_dtypes("number")
    if numeric.empty:
        raise ValueError(
            "components has no numeric columns to rank. Pass the table from value_components()."
        )
    gaps = [column for column in numeric.columns if numeric[column].isna().any()]
    if gaps:
        raise ValueError(
            f"components has missing values in {', '.join(map(str, gaps))}; a missing value "
            "cannot be ranked. Fill them first, e.g. components.fillna(0)."
        )
    return numeric.rank(ascending=False, method="min").astype("int64")


def top_overlap(components: pd.DataFrame, first: str, second: str, n: int = 20) -> int:
    """How many customers are in the top ``n`` on both components.

    >>> comp = pd.DataFrame({"revenue": [3, 2, 1], "feedback": [0, 5, 4]}, index=list("ABC"))
    >>> top_overlap(comp, "revenue", "feedback", n=2)
    1
    """
    require_numeric(components, "components", [first, second])
    n = require_positive_int(n, "n")
    top_first = set(components[first].nlargest(n).index)
    top_second = set(components[second].nlargest(n).index)
    return len(top_first & top_second)


def captured_share(components: pd.DataFrame, by: str = "revenue", top: float = 0.2) -> pd.DataFrame:
    """How much of each value component the top customers hold, picked two ways.

    For each numeric column of ``components``: ``picked_by_<by>`` is the share of that
    component's total held by the top ``top`` fraction of customers ranked by ``by``;
    ``picked_by_itself`` is the share held by the top customers ranked by the component
    itself (the most that any choice of that many customers could hold). Where the two
    differ, ranking by ``by`` misses that kind of value. Ties are broken by position
    (``nlargest``). Shares are fractions of each component's total.

    >>> comp = pd.DataFrame({"revenue": [90.0, 5.0, 5.0, 0.0], "referrals": [0, 3, 1, 0]},
    ...                     index=list("ABCD"))
    >>> captured_share(comp, top=0.25)
               picked_by_revenue  picked_by_itself
    component
    revenue                  0.9              0.90
    referrals                0.0              0.75
    """
    require_frame(components, "components")
    by = require_column_name(by, "by")
    require_numeric(components, "components", [by])
    top = require_rate(top, "top")
    numeric = components.select_dtypes("number")
    count = max(1, int(round(top * len(numeric))))
    chosen = numeric[by].nlargest(count).index
    totals = numeric.sum().where(lambda s: s != 0)
    result = pd.DataFrame(
        {
            f"picked_by_{by}": numeric.loc[chosen].sum() / totals,
            "picked_by_itself": pd.Series(
                {name: numeric[name].nlargest(count).sum() for name in numeric.columns}
            )
            / totals,
        }
    )
    result.index.name = "component"
    return result.round(3)
