"""Orders: when each customer orders (and stops ordering), and what each order contains.

``simulate_behaviour`` draws the order days (order headers), the complaints and
each customer's real end date; ``make_order_lines`` turns order headers into
order lines with products, quantities, prices and discounts.

>>> rng = np.random.default_rng(0)
>>> owner, day = draw_order_days(rng, np.array([0]), np.array([365]), np.array([2.0]),
...                              np.array([0.0]), np.array([TOTAL_DAYS + 1]))
>>> bool((owner == 0).all() and (day < 365).all() and 10 < day.size < 40)
True
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from crmkit.synth.calendar import TOTAL_DAYS, festival_closeness, season_weights, to_dates, to_days
from crmkit.synth.complaints import simulate_complaints
from crmkit.synth.customers import SimulatedCustomers
from crmkit.synth.parameters import CATEGORIES, CATEGORY_MIX


def draw_order_days(
    rng: np.random.Generator,
    start: np.ndarray,
    end: np.ndarray,
    rate: np.ndarray,
    ramp: np.ndarray,
    decline_until: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """Order days for every customer by thinning a Poisson process.

    rate is orders per month at full speed; business accounts ramp up over
    ``ramp`` days (breakthrough and growth); in the 120 days before a natural
    churn the rate halves (the warning signs before a customer leaves).
    Returns (customer index, day) arrays.

    >>> owner, day = draw_order_days(np.random.default_rng(1), np.array([0, 100]),
    ...                              np.array([0, 400]), np.array([1.0, 1.0]),
    ...                              np.zeros(2), np.full(2, TOTAL_DAYS + 1))
    >>> set(owner.tolist())  # customer 0 has no time to order
    {1}
    """
    season = season_weights()
    peak = season.max()
    span = np.maximum(end - start, 0)
    expected = rate / 30.4 * span * peak
    count = rng.poisson(expected)
    owner = np.repeat(np.arange(len(start)), count)
    day = start[owner] + np.floor(rng.random(owner.size) * span[owner]).astype(int)
    since = day - start[owner]
    accept = season[np.clip(day, 0, TOTAL_DAYS - 1)] / peak
    accept *= np.where(
        ramp[owner] > 0, np.minimum(1.0, 0.25 + 0.75 * since / np.maximum(ramp[owner], 1)), 1.0
    )
    accept *= np.where(day >= decline_until[owner], 0.45, 1.0)
    keep = rng.random(owner.size) < accept
    owner, day = owner[keep], day[keep]
    order = np.lexsort((day, owner))
    return owner[order], day[order]


def simulate_behaviour(
    rng: np.random.Generator, customers: SimulatedCustomers
) -> dict[str, object]:
    """Orders (as order headers), complaints, and each customer's real end date.

    Returns {"owner", "day"} (the orders, sorted by customer and day), "end" and
    "natural_end" (day numbers), and "complaints" (see ``simulate_complaints``).

    >>> from crmkit.synth.customers import simulate_customers
    >>> rng = np.random.default_rng(0)
    >>> behaviour = simulate_behaviour(rng, simulate_customers(rng)[2])
    >>> bool((behaviour["day"] < behaviour["end"][behaviour["owner"]]).mean() > 0.99)
    True
    """
    table = customers.table
    n = len(table)
    start = to_days(table["signup_date"])
    life = rng.exponential(1 / customers.hazard) * 30.4
    natural_end = start + np.ceil(life).astype(int)
    end = np.minimum(natural_end, TOTAL_DAYS)
    is_business = table["segment"].eq("business").to_numpy()
    ramp = np.where(is_business, rng.uniform(120, 300, n), 0)
    decline = np.where(natural_end < TOTAL_DAYS, natural_end - 120, TOTAL_DAYS + 1)

    owner, day = draw_order_days(rng, start, end, customers.rate, ramp, decline)
    # Every customer starts with an order on the sign-up day.
    owner = np.concatenate([np.arange(n), owner])
    day = np.concatenate([start, day])
    order = np.lexsort((day, owner))
    owner, day = owner[order], day[order]

    complaints = simulate_complaints(rng, customers, owner, day)
    # A badly handled complaint makes some customers leave soon after.
    leaves = complaints["_leaves"]
    leave_day = complaints["_day"] + complaints["_leave_after"]
    left_after = np.full(n, TOTAL_DAYS + 1)
    np.minimum.at(left_after, complaints["_owner"][leaves], leave_day[leaves])
    end = np.minimum(end, left_after)
    keep = day < end[owner]
    keep[np.r_[0, np.flatnonzero(np.diff(owner)) + 1]] = True  # the first order always stays
    owner, day = owner[keep], day[keep]
    c_keep = complaints["_day"] < end[complaints["_owner"]]
    complaints = {k: v[c_keep] for k, v in complaints.items()}
    return {
        "owner": owner,
        "day": day,
        "end": end,
        "natural_end": natural_end,
        "complaints": complaints,
    }


def make_order_lines(
    rng: np.random.Generator,
    customers: SimulatedCustomers,
    products: pd.DataFrame,
    owner: np.ndarray,
    day: np.ndarray,
    extra_discount: np.ndarray,
) -> pd.DataFrame:
    """Turn order headers (customer, day) into order lines with prices and discounts.

    ``extra_discount`` is a per-order discount on top of the customer's usual
    one (the win-back offers).

    >>> from crmkit.synth.customers import simulate_customers
    >>> from crmkit.synth.reference import make_products
    >>> rng = np.random.default_rng(0)
    >>> customers = simulate_customers(rng)[2]
    >>> lines = make_order_lines(rng, customers, make_products(), np.array([0, 0]),
    ...                          np.array([40, 90]), np.zeros(2))
    >>> lines["order_id"].unique().tolist()
    ['O000001', 'O000002']
    """
    table = customers.table
    n_orders = owner.size
    order_ids = np.array([f"O{i:06d}" for i in range(1, n_orders + 1)])
    is_business = table["segment"].to_numpy()[owner] == "business"
    n_lines = np.where(
        is_business, rng.integers(2, 5, n_orders), rng.choice([1, 1, 1, 2, 2, 3], n_orders)
    )
    line_order = np.repeat(np.arange(n_orders), n_lines)
    kind = np.where(
        table["segment"].to_numpy() == "business", table["business_type"].to_numpy(), "consumer"
    )[owner[line_order]]
    prod_pos = _products_bought(rng, products, kind, festival_closeness()[day[line_order]])
    price = products["unit_price"].to_numpy()[prod_pos]
    cost = products["unit_cost"].to_numpy()[prod_pos]
    target = (
        customers.basket[owner[line_order]]
        / n_lines[line_order]
        * np.exp(rng.normal(0, 0.3, line_order.size))
    )
    quantity = np.maximum(1, np.round(target / price)).astype(int)
    discount = customers.discount[owner[line_order]] + extra_discount[line_order]
    promo = (~is_business[line_order]) & (rng.random(line_order.size) < 0.06)
    discount = np.clip(np.where(promo, discount + 0.1, discount), 0, 0.6).round(2)
    revenue = np.round(quantity * price * (1 - discount), 2)
    return pd.DataFrame(
        {
            "order_id": order_ids[line_order],
            "line_no": np.arange(line_order.size) - (np.cumsum(n_lines) - n_lines)[line_order] + 1,
            "order_date": to_dates(day[line_order]),
            "customer_id": table["customer_id"].to_numpy()[owner[line_order]],
            "product_id": products["product_id"].to_numpy()[prod_pos],
            "quantity": quantity,
            "unit_price": price,
            "discount": discount,
            "revenue": revenue,
            "cost_of_goods": np.round(quantity * cost, 2),
        }
    )


def _products_bought(
    rng: np.random.Generator, products: pd.DataFrame, kind: np.ndarray, close: np.ndarray
) -> np.ndarray:
    """The row in ``products`` of each line's product, by buyer kind; gift sets sell near festivals."""
    cat_idx = np.empty(kind.size, dtype=int)
    for k, mix in CATEGORY_MIX.items():
        rows = np.flatnonzero(kind == k)
        base = np.tile(mix, (rows.size, 1))
        gift_boost = 0.9 if k in ("consumer", "shop", "hotel", "office") else 0.1
        base[:, 7] += gift_boost * close[rows]
        base /= base.sum(axis=1, keepdims=True)
        cum = base.cumsum(axis=1)
        cat_idx[rows] = (rng.random(rows.size)[:, None] > cum).sum(axis=1)
    cat_idx = np.minimum(cat_idx, len(CATEGORIES) - 1)
    by_cat = {c: products.index[products["category"] == c].to_numpy() for c in CATEGORIES}
    return np.array([rng.choice(by_cat[CATEGORIES[c]]) for c in cat_idx])
