"""The March 2025 win-back campaign: who had lapsed, why, what they were offered, who came back.

``run_winback`` simulates the campaign and the orders it brought back;
``winback_table`` writes the winback table once every order is known.

>>> WINBACK_DATE.date()
datetime.date(2025, 3, 3)
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import pandas as pd

from crmkit.synth.calendar import TOTAL_DAYS, to_dates, to_days
from crmkit.synth.customers import SimulatedCustomers
from crmkit.synth.orders import draw_order_days
from crmkit.vocabulary import AS_OF

WINBACK_DATE = pd.Timestamp("2025-03-03")
"""The day the lapsed customers were contacted."""
REASONS_FOR_LEAVING = {
    # reason: base chance, before what happened to the customer
    "poor_service": 0.14,
    "unresolved_problem": 0.04,
    "price": 0.24,
    "competitor": 0.22,
    "changed_needs": 0.24,
    "moved_away": 0.12,
}
"""Why lapsed customers say they left."""


class Offer(NamedTuple):
    """What a win-back offer costs and how much more often it brings a customer back."""

    fixed_cost: float  # CNY per customer offered it
    discount: float  # on the orders that follow
    response_boost: float  # added to the log-odds of coming back


OFFERS = {
    "none": Offer(0.0, 0.0, 0.0),
    "apology_call": Offer(15.0, 0.0, 0.5),
    "discount_10": Offer(0.0, 0.10, 0.7),
    "discount_20": Offer(0.0, 0.20, 1.2),
    "free_gift": Offer(95.0, 0.0, 0.9),
}
"""The offers, each made to a fifth of the lapsed customers."""
CONTACT_COST = 12.0
"""What contacting one lapsed customer costs, CNY."""


def run_winback(
    rng: np.random.Generator, customers: SimulatedCustomers, behaviour: dict
) -> tuple[pd.DataFrame, dict]:
    """The March 2025 win-back campaign on lapsed customers, and the orders it brought back.

    Returns the campaign (one row per contacted customer, with the internal
    columns _discount and _fixed_cost) and the new orders {"owner", "day"}.

    >>> from crmkit.synth.customers import simulate_customers
    >>> from crmkit.synth.orders import simulate_behaviour
    >>> rng = np.random.default_rng(0)
    >>> customers = simulate_customers(rng)[2]
    >>> campaign, extra = run_winback(rng, customers, simulate_behaviour(rng, customers))
    >>> sorted(campaign["offer"].unique())
    ['apology_call', 'discount_10', 'discount_20', 'free_gift', 'none']
    """
    owner, day = behaviour["owner"], behaviour["day"]
    n = len(customers.table)
    last = np.full(n, -1)
    np.maximum.at(last, owner, day)
    counts = np.bincount(owner, minlength=n)
    wb_day = to_days(pd.Series([WINBACK_DATE]))[0]
    lapsed = (last < wb_day - 180) & (last >= wb_day - 730) & (counts >= 2)
    target = np.flatnonzero(lapsed)
    m = target.size
    reason = _reasons_for_leaving(rng, customers, behaviour["complaints"], target)
    offer = rng.choice(list(OFFERS), m, p=[0.2, 0.2, 0.2, 0.2, 0.2])
    logit = _response_logit(offer, reason) + 0.3 * customers.satisfaction[target]
    reactivated = rng.random(m) < 1 / (1 + np.exp(-logit))
    extra = _orders_after_winback(rng, customers, target, reactivated, wb_day)
    campaign = pd.DataFrame(
        {
            "customer_id": customers.table["customer_id"].to_numpy()[target],
            "last_order_date": to_dates(last[target]),
            "contact_date": WINBACK_DATE,
            "reason_for_leaving": reason,
            "offer": offer,
            "_discount": np.array([OFFERS[o].discount for o in offer]),
            "_fixed_cost": np.array([OFFERS[o].fixed_cost for o in offer]),
            "reactivated": reactivated,
        }
    )
    return campaign, extra


def _reasons_for_leaving(
    rng: np.random.Generator, customers: SimulatedCustomers, complaints: dict, target: np.ndarray
) -> np.ndarray:
    """Each lapsed customer's reason: complaints point to service, coupon hunters to price."""
    n = len(customers.table)
    had_unresolved = np.zeros(n, dtype=bool)
    had_unresolved[complaints["_owner"][complaints["resolution"] != "resolved"]] = True
    had_complaint = np.zeros(n, dtype=bool)
    had_complaint[complaints["_owner"]] = True
    channel = customers.table["acquisition_channel"].to_numpy()
    names = list(REASONS_FOR_LEAVING)
    base = np.tile(list(REASONS_FOR_LEAVING.values()), (target.size, 1))
    base[had_unresolved[target], names.index("unresolved_problem")] += 0.9
    base[had_complaint[target], names.index("poor_service")] += 0.35
    base[channel[target] == "coupon_site", names.index("price")] += 0.5
    base /= base.sum(axis=1, keepdims=True)
    reasons = np.array(names)
    return np.array([rng.choice(reasons, p=row) for row in base])


def _response_logit(offer: np.ndarray, reason: np.ndarray) -> np.ndarray:
    """Log-odds of coming back: it depends on why they left and what we offered."""
    logit = np.full(offer.size, -2.6)
    logit += np.array([OFFERS[o].response_boost for o in offer])
    logit += np.where(
        np.isin(reason, ["poor_service", "unresolved_problem"]) & (offer == "apology_call"), 1.9, 0
    )
    logit += np.where((reason == "price") & np.isin(offer, ["discount_10", "discount_20"]), 0.9, 0)
    logit += np.where(np.isin(reason, ["moved_away", "changed_needs"]), -1.5, 0)
    return logit


def _orders_after_winback(
    rng: np.random.Generator,
    customers: SimulatedCustomers,
    target: np.ndarray,
    reactivated: np.ndarray,
    wb_day: int,
) -> dict[str, np.ndarray]:
    """Reactivated customers buy again, some only once or twice (re-churn)."""
    n = len(customers.table)
    come_back = wb_day + rng.integers(3, 80, target.size)
    stay = rng.exponential(1 / (customers.hazard[target] * 1.6)) * 30.4
    new_end = np.minimum(come_back + np.ceil(stay).astype(int), TOTAL_DAYS)
    sel = target[reactivated]
    start = np.full(n, 0)
    end = np.full(n, 0)
    start[sel] = come_back[reactivated]
    end[sel] = new_end[reactivated]
    ramp = np.zeros(n)
    extra_owner, extra_day = draw_order_days(
        rng, start, end, customers.rate * 0.8, ramp, np.full(n, TOTAL_DAYS + 1)
    )
    return {
        "owner": np.concatenate([sel, extra_owner]),
        "day": np.concatenate([come_back[reactivated], extra_day]),
    }


def winback_table(campaign: pd.DataFrame, lines: pd.DataFrame) -> pd.DataFrame:
    """The winback table: the campaign with what each customer bought after it, and its costs.

    >>> campaign = pd.DataFrame({"customer_id": ["C0001"], "last_order_date": ["2024-05-01"],
    ...                          "contact_date": [WINBACK_DATE], "reason_for_leaving": ["price"],
    ...                          "offer": ["discount_10"], "_discount": [0.1],
    ...                          "_fixed_cost": [0.0], "reactivated": [True]})
    >>> lines = pd.DataFrame({"customer_id": ["C0001"], "order_id": ["O1"], "revenue": [90.0],
    ...                       "order_date": pd.to_datetime(["2025-04-01"])})
    >>> winback_table(campaign, lines)[["orders_after", "re_churned", "offer_cost"]]
       orders_after  re_churned  offer_cost
    0             1        True        10.0
    """
    frame = campaign.copy()
    after = lines[lines["order_date"] >= WINBACK_DATE]
    spend = after.groupby("customer_id")["revenue"].sum()
    n_after = after.groupby("customer_id")["order_id"].nunique()
    first_after = after.groupby("customer_id")["order_date"].min()
    frame["revenue_after"] = frame["customer_id"].map(spend).fillna(0.0).round(2)
    frame["orders_after"] = frame["customer_id"].map(n_after).fillna(0).astype(int)
    frame["reactivated"] = frame["orders_after"] > 0
    frame["first_order_after"] = frame["customer_id"].map(first_after)
    last_after = after.groupby("customer_id")["order_date"].max()
    frame["re_churned"] = frame["reactivated"] & (
        frame["customer_id"].map(last_after) < AS_OF - pd.Timedelta(days=180)
    )
    discount_cost = frame["revenue_after"] * frame["_discount"] / (1 - frame["_discount"])
    frame["offer_cost"] = (
        frame["_fixed_cost"] + discount_cost.where(frame["reactivated"], 0.0)
    ).round(2)
    frame["contact_cost"] = CONTACT_COST
    cols = [
        "customer_id",
        "last_order_date",
        "contact_date",
        "reason_for_leaving",
        "offer",
        "reactivated",
        "first_order_after",
        "orders_after",
        "revenue_after",
        "re_churned",
        "offer_cost",
        "contact_cost",
    ]
    return frame[cols].sort_values("customer_id").reset_index(drop=True)
