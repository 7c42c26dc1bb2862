"""The cost to serve: deliveries, rush orders, returns, sales visits, support calls, repairs, rebates.

>>> SERVICE_COSTS["repair"]
(250, 700)
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from crmkit.synth.calendar import to_days
from crmkit.synth.customers import SimulatedCustomers
from crmkit.synth.draws import EventTable, event_frame, numbered_events, spread_events
from crmkit.vocabulary import AS_OF

SERVICE_COSTS = {
    "support_call": (18, 35),
    "sales_visit": (180, 320),
    "repair": (250, 700),
}
"""The range (CNY) of what one support call, sales visit or machine repair costs."""
SERVICE_EVENTS = EventTable(
    "event_id",
    "E",
    "event_date",
    "event_type",
    {"event_type": "event_type", "order_id": "order_id", "cost": "cost"},
)
"""The service_events table's columns."""


def make_service_events(
    rng: np.random.Generator, customers: SimulatedCustomers, lines: pd.DataFrame, end: np.ndarray
) -> pd.DataFrame:
    """Cost-to-serve events: deliveries, rush orders, returns, sales visits, support calls, repairs.

    ``end`` is each customer's last day (day number); year-end rebates count as events too.

    >>> from crmkit.synth.simulation import simulate_history
    >>> history = simulate_history()
    >>> events = make_service_events(history.rng, history.customers, history.lines, history.end)
    >>> sorted(events["event_type"].unique())
    ['delivery', 'rebate', 'repair', 'return', 'rush_order', 'sales_visit', 'support_call']
    """
    table = customers.table
    pos = pd.Series(np.arange(len(table)), index=table["customer_id"])
    frames = _order_events(rng, customers, lines, pos)
    frames += _lifetime_events(rng, customers, end)
    frames.append(_rebates(rng, customers, lines, pos))
    events = pd.concat(frames, ignore_index=True)
    events["cost"] = events["cost"].round(2)
    return numbered_events(events, table["customer_id"].to_numpy(), SERVICE_EVENTS)


def _order_events(
    rng: np.random.Generator, customers: SimulatedCustomers, lines: pd.DataFrame, pos: pd.Series
) -> list[pd.DataFrame]:
    """A delivery per order, and the rush orders and returns that demanding customers cause."""
    orders = lines.groupby("order_id", sort=True).agg(
        customer_id=("customer_id", "first"),
        order_date=("order_date", "first"),
        revenue=("revenue", "sum"),
    )
    o_pos = pos.loc[orders["customer_id"]].to_numpy()
    o_day = to_days(orders["order_date"])
    order_id = orders.index.to_numpy()
    is_b = customers.table["segment"].to_numpy()[o_pos] == "business"
    load = customers.service_load[o_pos]
    # One delivery per order; consumers ship by parcel, businesses by van.
    delivery_cost = np.where(is_b, rng.uniform(45, 90, o_pos.size), rng.uniform(22, 34, o_pos.size))
    frames = [event_frame(o_pos, o_day, "delivery", delivery_cost, order_id)]
    rush = rng.random(o_pos.size) < np.clip(np.where(is_b, 0.04, 0.01) * load, 0, 0.7)
    rush_cost = rng.uniform(160, 260, rush.sum())
    frames.append(event_frame(o_pos[rush], o_day[rush], "rush_order", rush_cost, order_id[rush]))
    # Returns: the goods are refunded and written off, plus handling.
    ret = rng.random(o_pos.size) < np.clip(0.018 * load, 0, 0.25)
    ret_cost = orders["revenue"].to_numpy()[ret] * rng.uniform(0.3, 0.6, ret.sum()) + 35
    ret_day = o_day[ret] + rng.integers(2, 15, ret.sum())
    frames.append(event_frame(o_pos[ret], ret_day, "return", ret_cost, order_id[ret]))
    return frames


def _lifetime_events(
    rng: np.random.Generator, customers: SimulatedCustomers, end: np.ndarray
) -> list[pd.DataFrame]:
    """Support calls and (for business) sales visits and machine repairs over the life."""
    table = customers.table
    load = customers.service_load
    start = to_days(table["signup_date"])
    months = np.maximum(end - start, 1) / 30.4
    calls = rng.poisson(months * np.where(table["segment"].eq("business"), 0.6, 0.14) * load)
    frames = [spread_events(rng, start, end, calls, "support_call", SERVICE_COSTS["support_call"])]
    b = table["segment"].eq("business").to_numpy()
    visits = rng.poisson(months * b * 0.45 * load)
    frames.append(
        spread_events(rng, start, end, visits, "sales_visit", SERVICE_COSTS["sales_visit"])
    )
    has_machine = b & np.isin(table["business_type"].to_numpy(), ["cafe", "office", "hotel"])
    repairs = rng.poisson(months * has_machine * 0.05 * np.sqrt(load))
    frames.append(spread_events(rng, start, end, repairs, "repair", SERVICE_COSTS["repair"]))
    return frames


def _rebates(
    rng: np.random.Generator, customers: SimulatedCustomers, lines: pd.DataFrame, pos: pd.Series
) -> pd.DataFrame:
    """Year-end volume rebates, paid in January on the previous year's revenue.

    Big accounts negotiate them: the loss-making whales 10-14%, other accounts
    buying over CNY 150,000 a year 2%. (2025's rebates fall due in 2026,
    after the end of the data.)
    """
    business = lines[lines["customer_id"].str.startswith("B")]
    yearly = business.groupby(["customer_id", business["order_date"].dt.year])["revenue"].sum()
    yearly = yearly[yearly.index.get_level_values(1) < AS_OF.year].reset_index()
    p = pos.loc[yearly["customer_id"]].to_numpy()
    whale = customers.whale[p]
    rate = np.where(whale, rng.uniform(0.10, 0.14, len(yearly)), 0.0)
    rate = np.where(~whale & (yearly["revenue"] > 150_000), 0.02, rate)
    paid = rate > 0
    day = to_days(pd.to_datetime((yearly["order_date"] + 1).astype(str) + "-01-15"))
    return event_frame(p[paid], day[paid], "rebate", (rate * yearly["revenue"]).to_numpy()[paid])
