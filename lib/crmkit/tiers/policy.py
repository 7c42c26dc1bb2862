"""A price and service policy per tier, and what a small-order fee would raise and risk.

The book's cases, each tied to one lever: a key-account team for the best customers
(客户经理制); loyalty programmes and wider lines for normal customers with potential
(Blockbuster, Liz Claiborne); lean service, cash or prepayment for those without; for small
customers, a higher price of serving them (HSBC Hong Kong's HK$40 monthly fee on balances
under HK$5,000), a lower cost of serving them (ATMs, phone sales), or separate tiers in time
or space (airline cabins); dropping only the truly bad customers.
"""

from __future__ import annotations

import pandas as pd

from crmkit._validate import (
    require_amount,
    require_dates,
    require_frame,
    require_numeric,
    require_timestamp,
)
from crmkit.vocabulary import AS_OF

TIER_POLICY = {
    "platinum": "key_account_team",
    "gold": "loyalty_and_upselling",
    "iron": "lean_service",
    "lead": "raise_price_or_cut_cost",
    "heavy lead": "reprice_or_drop",
}
"""The chapter's policy per tier (the lesson explains each; exercise 5.9 asks for it)."""
POLICIES = {
    "key_account_team": "a dedicated account manager and team, the best resources, personal contact",
    "loyalty_and_upselling": "a loyalty programme, wider lines, up-selling, acting as the customer's consultant",
    "lean_service": "standard service kept lean: fewer visits, phone and online ordering, cash or prepayment",
    "raise_price_or_cut_cost": "a small-order fee or minimum order, cheaper channels (online, phone, dealers)",
    "reprice_or_drop": "raise the price to cover the cost, or end the relationship and collect the debt",
}
"""What each policy means, in a sentence."""


def small_order_fee(
    order_lines: pd.DataFrame,
    threshold: float,
    fee: float,
    start: object = None,
    as_of: object = AS_OF,
) -> pd.DataFrame:
    """What a fee on small orders would charge each customer (like a bank's low-balance fee).

    An order (all lines of one ``order_id``) whose revenue is below ``threshold`` CNY pays
    ``fee`` CNY. Counts orders dated from ``start`` (None: the beginning) to ``as_of``. One
    row per customer who ordered (index ``customer_id``): ``orders``, ``small_orders``,
    ``order_revenue`` (their revenue) and ``fee_paid`` (small_orders x fee). Assumes
    customers keep ordering as before: the lesson weighs what the fee raises against
    what it risks.

    >>> lines = pd.DataFrame({"customer_id": ["A", "A", "A", "B"],
    ...     "order_id": ["O1", "O1", "O2", "O3"],
    ...     "order_date": pd.to_datetime(["2025-03-01"] * 4), "revenue": [60.0, 70.0, 90.0, 400.0]})
    >>> small_order_fee(lines, threshold=100, fee=10)
                 orders  small_orders  order_revenue  fee_paid
    customer_id
    A                 2             1          220.0      10.0
    B                 1             0          400.0       0.0
    """
    require_frame(order_lines, "order_lines", ["customer_id", "order_id", "order_date", "revenue"])
    require_dates(order_lines, "order_lines", ["order_date"])
    require_numeric(order_lines, "order_lines", ["revenue"], allow_missing=False)
    threshold = require_amount(threshold, "threshold", allow_zero=False)
    fee = require_amount(fee, "fee")
    as_of = require_timestamp(as_of, "as_of")
    keep = order_lines["order_date"] <= as_of
    if start is not None:
        keep &= order_lines["order_date"] >= require_timestamp(start, "start")
    lines = order_lines[keep]
    orders = lines.groupby(lines["order_id"].astype("string").to_numpy()).agg(
        customer_id=("customer_id", "first"), revenue=("revenue", "sum")
    )
    orders["small"] = orders["revenue"] < threshold
    owner = orders["customer_id"].astype("string").to_numpy()
    table = orders.groupby(owner).agg(
        orders=("small", "size"), small_orders=("small", "sum"), order_revenue=("revenue", "sum")
    )
    table.index.name = "customer_id"
    table["small_orders"] = table["small_orders"].astype("int64")
    table["order_revenue"] = table["order_revenue"].round(2)
    table["fee_paid"] = (table["small_orders"] * fee).astype("float64")
    return table
