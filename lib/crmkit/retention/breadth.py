"""Switching costs and cross-selling (转换成本 交叉销售): does category breadth go with retention?

A customer who buys from us across several categories (tea, coffee, teaware, gift sets) would
lose more by switching: more to find elsewhere, more habits to change. The data can show
whether breadth *goes with* staying, measured so that the order is right:

* **breadth** = different product categories bought in the customer's first ``days`` days;
* **retained** = an order between one and two years after the first order (days 366 to 730);

only customers whose first order is at least two years before ``as_of`` are counted, so every
one of them had the whole second year to come back. A link here is not proof of cause: a
customer who orders more often also meets more categories.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from crmkit._validate import (
    require_dates,
    require_frame,
    require_positive_int,
    require_timestamp,
)
from crmkit.acquisition.conversion import wilson_interval
from crmkit.vocabulary import AS_OF


def category_breadth(
    order_lines: pd.DataFrame, products: pd.DataFrame, days: int = 90
) -> pd.Series:
    """Different categories each customer bought in their first ``days`` days (index
    ``customer_id``, name ``breadth``); day 0 is the first order's day.

    >>> lines = pd.DataFrame({"customer_id": ["A", "A", "A", "B"], "product_id": ["P1", "P2", "P3", "P1"],
    ...     "order_date": pd.to_datetime(["2024-01-01", "2024-02-01", "2024-09-01", "2024-03-01"])})
    >>> products = pd.DataFrame({"product_id": ["P1", "P2", "P3"], "category": ["tea", "coffee", "teaware"]})
    >>> category_breadth(lines, products).tolist()
    [2, 1]
    """
    require_frame(order_lines, "order_lines", ["customer_id", "product_id", "order_date"])
    require_dates(order_lines, "order_lines", ["order_date"])
    require_frame(products, "products", ["product_id", "category"])
    days = require_positive_int(days, "days", minimum=0)
    if products["product_id"].duplicated().any():
        raise ValueError("products lists a product_id twice; pass the catalogue, crmkit.data.load_products().")
    category = order_lines["product_id"].astype("string").map(
        products.set_index(products["product_id"].astype("string"))["category"].astype("string")
    )
    if category.isna().any():
        raise ValueError("order_lines has products that products does not list; pass the whole catalogue.")
    ids = order_lines["customer_id"].astype("string")
    first = order_lines["order_date"].groupby(ids.to_numpy()).transform("min")
    early = ((order_lines["order_date"] - first).dt.days <= days).to_numpy()
    breadth = category[early].groupby(ids[early].to_numpy()).nunique()
    return breadth.rename("breadth").rename_axis("customer_id").astype("int64")


def retention_by_breadth(
    order_lines: pd.DataFrame,
    products: pd.DataFrame,
    days: int = 90,
    cap: int = 4,
    as_of: object = AS_OF,
) -> pd.DataFrame:
    """Share retained in the second year (module docstring) by early category breadth, with a
    95% Wilson interval. Breadths of ``cap`` or more share a row (labelled ``cap``). Index
    ``breadth``; columns ``successes``, ``trials``, ``rate``, ``lower``, ``upper``.

    >>> lines = pd.DataFrame({"customer_id": ["A", "A", "A", "B"], "product_id": ["P1", "P2", "P1", "P1"],
    ...     "order_date": pd.to_datetime(["2022-01-01", "2022-01-09", "2023-03-01", "2022-03-01"])})
    >>> products = pd.DataFrame({"product_id": ["P1", "P2"], "category": ["tea", "coffee"]})
    >>> retention_by_breadth(lines, products, as_of="2025-12-31")["rate"].tolist()
    [0.0, 1.0]
    """
    as_of = require_timestamp(as_of, "as_of")
    cap = require_positive_int(cap, "cap", minimum=1)
    breadth = category_breadth(order_lines, products, days).clip(upper=cap)
    ids = order_lines["customer_id"].astype("string")
    first = order_lines["order_date"].groupby(ids.to_numpy()).min()
    eligible = first.index[first <= as_of - pd.Timedelta(days=730)]
    if eligible.empty:
        raise ValueError("No customer's first order is two years before as_of: nobody can be judged yet.")
    age = (order_lines["order_date"] - ids.map(first)).dt.days.to_numpy()
    later = ids[(age > 365) & (age <= 730) & (order_lines["order_date"] <= as_of).to_numpy()]
    retained = pd.Series(np.isin(eligible, later.unique()), index=eligible)
    groups = breadth.reindex(eligible)
    counts = retained.astype("int64").groupby(groups.to_numpy()).agg(["sum", "count"])
    table = wilson_interval(counts["sum"], counts["count"], 0.95)
    return table.rename_axis("breadth")
