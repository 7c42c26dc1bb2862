"""Targeting: the automation trigger and one-to-one marketing, each in pandas and in SQL.

* **Automation**: :func:`spend_crossings`, the customers whose cumulative
  spend crossed a threshold in a given week (:data:`SPEND_CROSSINGS_SQL`).
* **One-to-one marketing**: :func:`customer_profiles` and
  :func:`lookalike_targets`, customers with the profile of a product's buyers
  who have not bought it (:data:`LOOKALIKE_SQL`).
"""

from __future__ import annotations

import pandas as pd

from crmkit._validate import (
    require_dates,
    require_frame,
    require_number,
    require_numeric,
    require_positive_int,
    require_timestamp,
)

SPEND_CROSSINGS_SQL = """
WITH running AS (
    SELECT customer_id, order_id, order_date, revenue,
           SUM(revenue) OVER (PARTITION BY customer_id ORDER BY order_date, order_id)
             AS spend_after
    FROM order_totals)
SELECT customer_id, order_date AS crossed_on, order_id,
       spend_after - revenue AS spend_before, spend_after
FROM running
WHERE order_date BETWEEN :week_start AND date(:week_start, '+6 days')
  AND spend_after - revenue < :threshold
  AND spend_after >= :threshold
ORDER BY crossed_on, customer_id
"""
"""The automation trigger in SQL (parameters :threshold, :week_start); see :func:`spend_crossings`."""

LOOKALIKE_SQL = """
WITH spend AS (
    SELECT o.customer_id, p.category, SUM(l.revenue) AS revenue
    FROM order_lines AS l
    JOIN orders AS o ON o.order_id = l.order_id
    JOIN products AS p ON p.product_id = l.product_id
    GROUP BY o.customer_id, p.category),
favourite AS (
    SELECT customer_id, category AS favourite_category
    FROM (SELECT customer_id, category,
                 ROW_NUMBER() OVER (PARTITION BY customer_id
                                    ORDER BY revenue DESC, category) AS k
          FROM spend)
    WHERE k = 1),
profiles AS (
    SELECT f.customer_id, COALESCE(c.business_type, 'consumer') AS customer_type,
           f.favourite_category,
           EXISTS (SELECT 1
                   FROM order_lines AS l
                   JOIN orders AS o ON o.order_id = l.order_id
                   WHERE o.customer_id = f.customer_id AND l.product_id = :product_id) AS bought
    FROM favourite AS f
    JOIN customers AS c ON c.customer_id = f.customer_id),
cells AS (
    SELECT customer_type, favourite_category, COUNT(*) AS customers, AVG(bought) AS penetration
    FROM profiles
    GROUP BY customer_type, favourite_category)
SELECT p.customer_id, p.customer_type, p.favourite_category, cells.penetration
FROM profiles AS p
JOIN cells ON cells.customer_type = p.customer_type
          AND cells.favourite_category = p.favourite_category
WHERE p.bought = 0
  AND cells.customers >= :min_customers
  AND cells.penetration >= :min_lift * (SELECT AVG(bought) FROM profiles)
ORDER BY cells.penetration DESC, p.customer_id
"""
"""One-to-one targets in SQL (parameters :product_id, :min_customers, :min_lift); see
:func:`lookalike_targets`."""

# --------------------------------------------------------------------------- automation


def spend_crossings(
    order_lines: pd.DataFrame, threshold: float, week_start: object
) -> pd.DataFrame:
    """Customers whose cumulative spend crossed ``threshold`` in the week from ``week_start``.

    A customer crosses in an order when their cumulative revenue before that
    order is below the threshold and after it is at or above it. The week is
    ``week_start`` and the six days after it. This is the moment an automated
    offer (a thank-you gift, a membership card) should go out: once, when the
    line is crossed, not every week after. Orders on the same day count in
    order_id order.

    Returns ``customer_id``, ``crossed_on`` (the day of the crossing order),
    ``order_id``, ``spend_before`` and ``spend_after`` (CNY), sorted by
    crossed_on then customer_id.

    >>> lines = pd.DataFrame({"order_id": ["O1", "O2", "O3", "O4"], "customer_id": ["A", "A", "B", "B"],
    ...     "order_date": pd.to_datetime(["2025-11-02", "2025-12-02", "2025-11-20", "2025-12-03"]),
    ...     "revenue": [600.0, 500.0, 1200.0, 50.0]})
    >>> spend_crossings(lines, 1000, "2025-12-01")
      customer_id crossed_on order_id  spend_before  spend_after
    0           A 2025-12-02       O2         600.0       1100.0
    """
    require_frame(order_lines, "order_lines", ["order_id", "customer_id", "order_date", "revenue"])
    require_dates(order_lines, "order_lines", ["order_date"])
    require_numeric(order_lines, "order_lines", ["revenue"])
    threshold = require_number(threshold, "threshold", minimum=0.0, strict=True)
    start = require_timestamp(week_start, "week_start").normalize()
    end = start + pd.Timedelta(days=6)
    orders = (
        order_lines.groupby(["customer_id", "order_date", "order_id"], sort=True, observed=True)[
            "revenue"
        ]
        .sum()
        .reset_index()
    )
    orders["spend_after"] = orders.groupby("customer_id")["revenue"].cumsum()
    orders["spend_before"] = orders["spend_after"] - orders["revenue"]
    crossed = orders[
        (orders["spend_before"] < threshold).to_numpy()
        & (orders["spend_after"] >= threshold).to_numpy()
        & orders["order_date"].between(start, end).to_numpy()
    ]
    result = pd.DataFrame(
        {
            "customer_id": crossed["customer_id"].astype("string").to_numpy(),
            "crossed_on": crossed["order_date"].to_numpy(),
            "order_id": crossed["order_id"].astype("string").to_numpy(),
            "spend_before": crossed["spend_before"].to_numpy(dtype=float),
            "spend_after": crossed["spend_after"].to_numpy(dtype=float),
        }
    )
    return result.sort_values(["crossed_on", "customer_id"]).reset_index(drop=True)


# --------------------------------------------------------------------------- one-to-one marketing


def customer_profiles(
    customers: pd.DataFrame, order_lines: pd.DataFrame, products: pd.DataFrame
) -> pd.DataFrame:
    """Each buying customer's profile: customer type and favourite product category.

    ``customer_type`` is the business type, or ``"consumer"``;
    ``favourite_category`` is the category with the most revenue (ties go to
    the first category in alphabetical order). One row per customer with
    orders, sorted by customer_id.

    >>> customers = pd.DataFrame({"customer_id": ["B1", "C1"], "business_type": ["cafe", None]})
    >>> lines = pd.DataFrame({"customer_id": ["B1", "B1", "C1"], "product_id": ["P1", "P2", "P2"],
    ...     "revenue": [50.0, 80.0, 10.0]})
    >>> products = pd.DataFrame({"product_id": ["P1", "P2"], "category": ["coffee", "teaware"]})
    >>> customer_profiles(customers, lines, products)
      customer_id customer_type favourite_category
    0          B1          cafe            teaware
    1          C1      consumer            teaware
    """
    require_frame(customers, "customers", ["customer_id", "business_type"])
    require_frame(order_lines, "order_lines", ["customer_id", "product_id", "revenue"])
    require_frame(products, "products", ["product_id", "category"])
    require_numeric(order_lines, "order_lines", ["revenue"])
    category = order_lines["product_id"].map(
        products.drop_duplicates("product_id").set_index("product_id")["category"].astype("string")
    )
    spend = (
        order_lines.assign(category=category.to_numpy())
        .groupby(["customer_id", "category"])["revenue"]
        .sum()
        .reset_index()
        .sort_values(["customer_id", "revenue", "category"], ascending=[True, False, True])
    )
    favourite = spend.drop_duplicates("customer_id").set_index("customer_id")["category"]
    kind = (
        customers.drop_duplicates("customer_id")
        .set_index("customer_id")["business_type"]
        .astype("string")
        .fillna("consumer")
    )
    result = pd.DataFrame(
        {
            "customer_id": favourite.index.astype("string"),
            "customer_type": kind.reindex(favourite.index).fillna("consumer").to_numpy(),
            "favourite_category": favourite.astype("string").to_numpy(),
        }
    ).astype("string")
    return result.sort_values("customer_id").reset_index(drop=True)


def lookalike_targets(
    customers: pd.DataFrame,
    order_lines: pd.DataFrame,
    products: pd.DataFrame,
    product_id: str,
    min_customers: int = 20,
    min_lift: float = 2.0,
) -> pd.DataFrame:
    """One-to-one marketing: customers with the profile of ``product_id``'s buyers who have not bought it.

    Customers are grouped by profile (:func:`customer_profiles`). A profile is
    a **target profile** when it has at least ``min_customers`` customers and
    its penetration (the share of its customers who bought the product) is at
    least ``min_lift`` times the penetration among all buying customers. The
    targets are the customers in target profiles who have not bought it.

    Columns: ``customer_id``, ``customer_type``, ``favourite_category``,
    ``penetration`` (of their profile), sorted by penetration (highest first),
    then customer_id.

    >>> customers = pd.DataFrame({"customer_id": list("ABCDE"), "business_type": ["cafe"] * 3 + [None] * 2})
    >>> lines = pd.DataFrame({"customer_id": list("ABCDE") + ["A", "B"],
    ...     "product_id": ["P1"] * 5 + ["P9", "P9"], "revenue": [10.0] * 5 + [1.0, 1.0]})
    >>> products = pd.DataFrame({"product_id": ["P1", "P9"], "category": ["coffee", "teaware"]})
    >>> lookalike_targets(customers, lines, products, "P9", min_customers=3, min_lift=1.5)
      customer_id customer_type favourite_category  penetration
    0           C          cafe             coffee     0.666667
    """
    if not isinstance(product_id, str):
        raise TypeError(f"product_id must be text such as 'P026', not {type(product_id).__name__}.")
    require_frame(products, "products", ["product_id", "category"])
    if not products["product_id"].eq(product_id).any():
        raise ValueError(f"product_id {product_id!r} is not in products.")
    min_customers = require_positive_int(min_customers, "min_customers")
    min_lift = require_number(min_lift, "min_lift", minimum=0.0, strict=True)
    profiles = customer_profiles(customers, order_lines, products)
    buyers = set(order_lines.loc[order_lines["product_id"] == product_id, "customer_id"])
    profiles["bought"] = profiles["customer_id"].isin(buyers).to_numpy(dtype=float)
    overall = profiles["bought"].mean()
    cells = profiles.groupby(["customer_type", "favourite_category"])["bought"].agg(
        customers="size", penetration="mean"
    )
    targets_cells = cells[
        (cells["customers"] >= min_customers) & (cells["penetration"] >= min_lift * overall)
    ]
    merged = profiles.merge(
        targets_cells["penetration"].reset_index(), on=["customer_type", "favourite_category"]
    )
    result = merged[merged["bought"] == 0][
        ["customer_id", "customer_type", "favourite_category", "penetration"]
    ]
    result = result.sort_values(["penetration", "customer_id"], ascending=[False, True])
    return result.reset_index(drop=True)
