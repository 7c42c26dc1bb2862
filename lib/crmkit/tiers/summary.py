"""What each tier (or group) holds: its share of customers, revenue and profit, and its cost to serve.

The cost to serve is chapter 02's, component by component (``selection.COST_COMPONENTS``):
the tables here only add up ``selection.customer_profitability`` by tier, never recompute it.
"""

from __future__ import annotations

import pandas as pd

from crmkit import selection
from crmkit._validate import require_frame, require_numeric
from crmkit.tiers._shared import _aligned, _order_of


def tier_summary(table: pd.DataFrame, tiers: pd.Series) -> pd.DataFrame:
    """One row per tier: how many customers it has and what share of revenue and profit it brings.

    ``table`` has one row per customer (index ``customer_id``) and a ``profit`` column
    (and ``revenue``, if it is there), e.g. from ``selection.customer_profitability``;
    ``tiers`` labels the customers to count (see ``pyramid_tiers``, ``customer_groups``).
    Columns: ``customers``, ``customer_share``, [``revenue``, ``revenue_share``,]
    ``profit``, ``profit_share`` and ``profit_per_customer``. Shares are of the customers
    in ``tiers``; a negative ``profit_share`` means the tier loses money.

    >>> table = pd.DataFrame({"revenue": [900.0, 300.0, 200.0], "profit": [300.0, 20.0, -20.0]},
    ...     index=["A", "B", "C"])
    >>> tiers = pd.Series(["key", "small", "small"], index=["A", "B", "C"])
    >>> tier_summary(table, tiers)[["customers", "revenue_share", "profit_share"]]
           customers  revenue_share  profit_share
    tier
    key            1         0.6429           1.0
    small          2         0.3571           0.0
    """
    require_frame(table, "table", ["profit"])
    sums = ["revenue", "profit"] if "revenue" in table.columns else ["profit"]
    require_numeric(table, "table", sums, allow_missing=False)
    rows, labels = _aligned(table, tiers, "table")
    order = _order_of(labels)
    grouped = rows[sums].groupby(labels.to_numpy()).sum().reindex(order, fill_value=0.0)
    summary = pd.DataFrame(index=pd.Index(order, name="tier"))
    summary["customers"] = labels.value_counts().reindex(order, fill_value=0).astype("int64")
    summary["customer_share"] = (summary["customers"] / len(labels)).round(4)
    for column in sums:
        summary[column] = grouped[column].round(2)
        summary[f"{column}_share"] = (grouped[column] / rows[column].sum()).round(4)
    summary["profit_per_customer"] = (summary["profit"] / summary["customers"]).round(2)
    return summary


def tier_costs(profitability: pd.DataFrame, tiers: pd.Series) -> pd.DataFrame:
    """The cost to serve per customer in each tier, component by component (CNY per customer).

    ``profitability`` is a table from ``selection.customer_profitability``. One row per tier;
    columns: ``customers``, the average per customer of each service and payment component
    (``selection.SERVICE_COMPONENTS`` and ``PAYMENT_COMPONENTS``), ``cost_to_serve`` per
    customer, ``revenue`` per customer and ``cost_to_serve_share`` (the tier's cost to
    serve / its revenue).

    >>> table = pd.DataFrame({"revenue": [1000.0, 100.0], "delivery": [50.0, 30.0],
    ...     "sales_visit": [250.0, 0.0], "cost_to_serve": [300.0, 30.0]}, index=["A", "B"])
    >>> tiers = pd.Series(["gold", "lead"], index=["A", "B"])
    >>> tier_costs(table, tiers)[["delivery", "sales_visit", "cost_to_serve_share"]]
          delivery  sales_visit  cost_to_serve_share
    tier
    gold      50.0        250.0                  0.3
    lead      30.0          0.0                  0.3
    """
    require_frame(profitability, "profitability", ["revenue", "cost_to_serve"])
    components = [
        column
        for column in (*selection.SERVICE_COMPONENTS, *selection.PAYMENT_COMPONENTS)
        if column in profitability.columns
    ]
    columns = [*components, "cost_to_serve", "revenue"]
    require_numeric(profitability, "profitability", columns, allow_missing=False)
    rows, labels = _aligned(profitability, tiers, "profitability")
    order = _order_of(labels)
    sums = rows[columns].groupby(labels.to_numpy()).sum().reindex(order, fill_value=0.0)
    counts = labels.value_counts().reindex(order, fill_value=0).astype("int64")
    costs = sums.div(counts.where(counts > 0), axis=0).round(2)
    costs.insert(0, "customers", counts)
    costs["cost_to_serve_share"] = (sums["cost_to_serve"] / sums["revenue"]).round(4)
    costs.index.name = "tier"
    return costs
