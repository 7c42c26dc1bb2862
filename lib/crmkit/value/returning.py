"""Where each year's revenue comes from: last year's buyers, returning older customers, or new ones.

The reason to manage relationships that the lesson puts first (keeping customers is
cheaper than finding new ones) rests on a fact a firm can check in its own data: how
much of this year's revenue comes from customers who already bought last year.
"""

from __future__ import annotations

import pandas as pd

from crmkit._validate import require_dates, require_frame, require_numeric

BUYER_GROUPS = ["bought_last_year", "came_back", "new"]


def revenue_by_buyer(order_lines: pd.DataFrame) -> pd.DataFrame:
    """Each year's revenue and buyers split by whether they bought the year before.

    For a year Y, a buyer in Y is ``bought_last_year`` if they also ordered in Y-1,
    ``new`` if their first order ever is in Y, and ``came_back`` otherwise (they bought
    before Y-1, skipped Y-1 and returned). Returns one row per year and group with
    columns ``year``, ``group``, ``buyers``, ``revenue``, ``revenue_share`` (a fraction
    of the year's revenue) and ``revenue_per_buyer``. The first year has only new buyers.

    >>> lines = pd.DataFrame({"customer_id": ["A", "A", "B", "C"],
    ...     "order_date": pd.to_datetime(["2024-03-01", "2025-02-01", "2025-05-01", "2023-06-01"]),
    ...     "revenue": [10.0, 30.0, 10.0, 5.0]})
    >>> revenue_by_buyer(lines).query("year == 2025")[["group", "buyers", "revenue_share"]]
                  group  buyers  revenue_share
    6  bought_last_year       1           0.75
    7         came_back       0           0.00
    8               new       1           0.25
    """
    require_frame(order_lines, "order_lines", ["customer_id", "order_date", "revenue"])
    require_dates(order_lines, "order_lines", ["order_date"])
    require_numeric(order_lines, "order_lines", ["revenue"])
    if order_lines.empty:
        raise ValueError("order_lines has no rows: there is no revenue to split.")
    year = order_lines["order_date"].dt.year.rename("year")
    spend = order_lines.groupby([order_lines["customer_id"], year])["revenue"].sum().reset_index()
    first = spend.groupby("customer_id")["year"].transform("min")
    previous = pd.MultiIndex.from_arrays([spend["customer_id"], spend["year"] - 1])
    bought_before = previous.isin(pd.MultiIndex.from_frame(spend[["customer_id", "year"]]))
    spend["group"] = "came_back"
    spend.loc[bought_before, "group"] = "bought_last_year"
    spend.loc[spend["year"] == first, "group"] = "new"
    years = range(int(spend["year"].min()), int(spend["year"].max()) + 1)
    full = pd.MultiIndex.from_product([years, BUYER_GROUPS], names=["year", "group"])
    table = (
        spend.groupby(["year", "group"])
        .agg(buyers=("customer_id", "size"), revenue=("revenue", "sum"))
        .reindex(full, fill_value=0)
    )
    totals = table.groupby(level="year")["revenue"].transform("sum")
    table["revenue_share"] = (table["revenue"] / totals).round(3)
    per_buyer = table["revenue"] / table["buyers"].where(table["buyers"] > 0)
    table["revenue_per_buyer"] = per_buyer.round(2)
    table["revenue"] = table["revenue"].round(2)
    table["buyers"] = table["buyers"].astype("int64")
    return table.reset_index()
