"""Complaints: which orders cause one, how it is handled, and whether the customer stays.

``simulate_complaints`` draws them while behaviour is simulated (a badly
handled complaint ends some relationships); ``complaints_table`` writes the
complaints table once every order is known, with the outcome read from the orders.

>>> orders = pd.DataFrame({"customer_id": ["C1", "C1"],
...                        "order_date": pd.to_datetime(["2024-01-05", "2024-03-01"])})
>>> next_order_after(orders, pd.Series(["C1"]), pd.Series(pd.to_datetime(["2024-01-10"]))).tolist()
[Timestamp('2024-03-01 00:00:00')]
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from crmkit.synth.calendar import TOTAL_DAYS, to_dates
from crmkit.synth.customers import SimulatedCustomers
from crmkit.synth.draws import pick
from crmkit.synth.parameters import COMPLAINT_PARAMETERS
from crmkit.vocabulary import AS_OF, COMPLAINT_CATEGORIES

COMPLAINT_CHANNELS = {
    "hotline": 0.3,
    "wechat": 0.28,
    "email": 0.14,
    "web_form": 0.12,
    "sales_rep": 0.1,
    "in_person": 0.06,
}
"""How complaints come in, with each channel's share."""


def simulate_complaints(
    rng: np.random.Generator, customers: SimulatedCustomers, owner: np.ndarray, day: np.ndarray
) -> dict[str, np.ndarray]:
    """Each order may cause a complaint; how it is handled decides whether the customer stays.

    ``owner`` and ``day`` are the orders (customer position, day number). Returns
    arrays keyed by column: the public ones (category, channel, response_hours,
    resolution, resolution_hours, people_told) and internal ones starting with "_":
    the customer position, the day, whether the customer leaves and how many days after.

    >>> from crmkit.synth.customers import simulate_customers
    >>> rng = np.random.default_rng(0)
    >>> teams, leads, customers = simulate_customers(rng)
    >>> owner = np.arange(len(customers.table))
    >>> complaints = simulate_complaints(rng, customers, owner, np.full(owner.size, 100))
    >>> sorted(set(complaints["resolution"].tolist()))
    ['partially_resolved', 'resolved', 'unresolved']
    """
    load = customers.service_load[owner]
    p = 0.03 * load**0.3 * np.where(customers.satisfaction[owner] < -1.0, 1.8, 1.0)
    hit = rng.random(owner.size) < p
    c_owner = owner[hit]
    c_day = day[hit] + rng.integers(1, 12, hit.sum())
    inside = c_day < TOTAL_DAYS
    c_owner, c_day = c_owner[inside], c_day[inside]
    m = c_owner.size
    shares = [COMPLAINT_PARAMETERS[c].share for c in COMPLAINT_CATEGORIES]
    category = pick(rng, COMPLAINT_CATEGORIES, shares, m)
    resolvable = np.array([COMPLAINT_PARAMETERS[c].resolvable for c in category])
    response_hours = np.round(rng.lognormal(np.log(10), 0.9, m), 1)
    u = rng.random(m)
    resolution = np.where(
        u < resolvable * 0.82,
        "resolved",
        np.where(u < resolvable, "partially_resolved", "unresolved"),
    )
    # Quick responders also resolve quickly.
    resolution_hours = np.round(response_hours * rng.lognormal(np.log(3.5), 0.8, m), 1)
    resolution_hours = np.where(resolution == "unresolved", np.nan, resolution_hours)
    fast = resolution_hours <= 48
    p_leave = np.select(
        [
            resolution == "unresolved",
            resolution == "partially_resolved",
            (resolution == "resolved") & ~fast,
        ],
        [0.7, 0.45, 0.22],
        default=0.01,
    )
    p_leave = np.where(customers.whale[c_owner], 0.1 * p_leave, p_leave)  # courted, they stay
    leaves = rng.random(m) < p_leave
    # Unhappy customers talk: about 9 people on average, more if unresolved.
    told_mean = np.select(
        [resolution == "unresolved", resolution == "partially_resolved", ~fast],
        [11.0, 8.0, 5.0],
        1.5,
    )
    people_told = rng.poisson(told_mean)
    channel = pick(rng, list(COMPLAINT_CHANNELS), list(COMPLAINT_CHANNELS.values()), m)
    is_business = customers.table["segment"].to_numpy()[c_owner] == "business"
    channel = np.where(is_business & (channel == "web_form"), "sales_rep", channel)
    return {
        "_owner": c_owner,
        "_day": c_day,
        "category": category,
        "channel": channel,
        "response_hours": response_hours,
        "resolution": resolution,
        "resolution_hours": resolution_hours,
        "people_told": people_told,
        "_leaves": leaves,
        "_leave_after": rng.integers(1, 10, m),
    }


def complaints_table(
    complaints: dict[str, np.ndarray], customer_ids: np.ndarray, lines: pd.DataFrame
) -> pd.DataFrame:
    """The complaints table: one numbered row per complaint, with what the customer did after.

    ``complaints`` is what ``simulate_complaints`` returned; ``outcome`` is "stayed"
    (ordered again within 365 days), "left", or "too_early_to_tell".

    >>> complaints = {"_owner": np.array([0]), "_day": np.array([3]), "category": ["wrong_item"],
    ...               "channel": ["email"], "response_hours": [2.0], "resolution": ["resolved"],
    ...               "resolution_hours": [5.0], "people_told": [1]}
    >>> lines = pd.DataFrame({"customer_id": ["C0001"],
    ...                       "order_date": pd.to_datetime(["2022-02-01"])})
    >>> complaints_table(complaints, np.array(["C0001"]), lines)[["complaint_id", "outcome"]]
      complaint_id outcome
    0       K00001  stayed
    """
    frame = (
        pd.DataFrame(
            {
                "customer_id": customer_ids[complaints["_owner"]],
                "complaint_date": to_dates(complaints["_day"]),
                "category": complaints["category"],
                "channel": complaints["channel"],
                "response_hours": complaints["response_hours"],
                "resolution": complaints["resolution"],
                "resolution_hours": complaints["resolution_hours"],
                "people_told": complaints["people_told"],
            }
        )
        .sort_values(["complaint_date", "customer_id"], kind="stable")
        .reset_index(drop=True)
    )
    frame.insert(0, "complaint_id", [f"K{i:05d}" for i in range(1, len(frame) + 1)])
    # What the customer did afterwards, read from the orders.
    nxt = next_order_after(lines, frame["customer_id"], frame["complaint_date"])
    window = pd.Timedelta(days=365)
    stayed = nxt.notna() & (nxt <= frame["complaint_date"] + window)
    decided = stayed | (frame["complaint_date"] + window <= AS_OF)
    frame["outcome"] = np.where(stayed, "stayed", np.where(decided, "left", "too_early_to_tell"))
    return frame


def next_order_after(lines: pd.DataFrame, customer: pd.Series, when: pd.Series) -> pd.Series:
    """For each (customer, date), the date of that customer's first order after it (NaT: none).

    >>> lines = pd.DataFrame({"customer_id": ["C1"], "order_date": pd.to_datetime(["2024-01-05"])})
    >>> next_order_after(lines, pd.Series(["C1"]), pd.Series(pd.to_datetime(["2024-01-05"]))).tolist()
    [NaT]
    """
    orders = lines[["customer_id", "order_date"]].drop_duplicates().sort_values("order_date")
    probe = pd.DataFrame(
        {
            "customer_id": customer,
            "when": when + pd.Timedelta(days=1),
            "_i": np.arange(len(customer)),
        }
    )
    merged = pd.merge_asof(
        probe.sort_values("when"),
        orders.rename(columns={"order_date": "next_order"}),
        left_on="when",
        right_on="next_order",
        by="customer_id",
        direction="forward",
    )
    return merged.set_index("_i")["next_order"].sort_index().set_axis(customer.index)
