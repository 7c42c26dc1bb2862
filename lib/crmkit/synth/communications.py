"""Communications: messages sent to customers (and whether they responded) and contacts from them.

>>> list(OUTBOUND_CHANNELS)
['email', 'sms', 'wechat', 'phone', 'letter']
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from crmkit.synth.calendar import TOTAL_DAYS, to_days
from crmkit.synth.customers import SimulatedCustomers
from crmkit.synth.draws import EventTable, numbered_events, pick, spread_events

OUTBOUND_CHANNELS = {
    # channel: (sends per customer-month consumer, business, response rate)
    "email": (0.5, 0.4, 0.018),
    "sms": (0.35, 0.05, 0.012),
    "wechat": (0.45, 0.3, 0.045),
    "phone": (0.03, 0.25, 0.09),
    "letter": (0.02, 0.08, 0.03),
}
"""How often the company writes to a customer through each channel, and how many respond."""
OUTBOUND_PURPOSES = {"promotion": 0.45, "newsletter": 0.3, "care": 0.15, "survey": 0.1}
"""What outbound messages are for, with shares."""
INBOUND_CHANNELS = {
    "hotline": 0.28,
    "wechat": 0.32,
    "web_form": 0.12,
    "email": 0.12,
    "suggestion_card": 0.06,
    "sales_rep": 0.1,
}
"""How customers contact the company (besides complaints), with shares."""
INBOUND_PURPOSES = {"enquiry": 0.45, "order_help": 0.3, "feedback": 0.15, "suggestion": 0.1}
"""Why customers contact the company (besides complaints), with shares."""
COMMUNICATIONS = EventTable(
    "comm_id",
    "M",
    "comm_date",
    "channel",
    {
        "direction": "event_type",
        "channel": "channel",
        "purpose": "purpose",
        "responded": "responded",
    },
)
"""The communications table's columns."""


def make_communications(
    rng: np.random.Generator,
    customers: SimulatedCustomers,
    end: np.ndarray,
    complaints: pd.DataFrame,
) -> pd.DataFrame:
    """Outbound messages (with response) and inbound contacts by channel and purpose.

    ``end`` is each customer's last day (messages go on for 60 days after it);
    every complaint (the complaints table) is an inbound contact too.

    >>> from crmkit.synth.simulation import simulate_history
    >>> history = simulate_history()
    >>> no_complaints = pd.DataFrame(columns=["customer_id", "complaint_date", "channel"])
    >>> comms = make_communications(history.rng, history.customers, history.end, no_complaints)
    >>> sorted(comms["direction"].unique())
    ['inbound', 'outbound']
    """
    table = customers.table
    start = to_days(table["signup_date"])
    frames = _outbound(rng, customers, start, end)
    frames.append(_inbound(rng, customers, start, end))
    frames.append(_complaint_contacts(table, complaints))
    comm = pd.concat(frames, ignore_index=True)
    comm["responded"] = comm["responded"].astype("boolean")
    return numbered_events(comm, table["customer_id"].to_numpy(), COMMUNICATIONS)


def _outbound(
    rng: np.random.Generator, customers: SimulatedCustomers, start: np.ndarray, end: np.ndarray
) -> list[pd.DataFrame]:
    """Messages through each channel until 60 days after the customer's end, and who responded."""
    stop = np.minimum(end + 60, TOTAL_DAYS)
    months = np.maximum(stop - start, 1) / 30.4
    is_b = customers.table["segment"].eq("business").to_numpy()
    frames = []
    for channel, (c_rate, b_rate, response) in OUTBOUND_CHANNELS.items():
        counts = rng.poisson(months * np.where(is_b, b_rate, c_rate) * 0.3)
        f = spread_events(rng, start, stop, counts, "outbound", (0, 0))
        f["channel"] = channel
        f["purpose"] = pick(rng, list(OUTBOUND_PURPOSES), list(OUTBOUND_PURPOSES.values()), len(f))
        boost = np.where(f["purpose"].eq("care"), 1.6, 1.0) * np.exp(
            0.25 * customers.satisfaction[f["_pos"]]
        )
        f["responded"] = rng.random(len(f)) < np.clip(response * boost, 0, 1)
        frames.append(f)
    return frames


def _inbound(
    rng: np.random.Generator, customers: SimulatedCustomers, start: np.ndarray, end: np.ndarray
) -> pd.DataFrame:
    """Contacts from customers (enquiries, help, feedback), more from demanding ones."""
    stop = np.minimum(end + 60, TOTAL_DAYS)
    months = np.maximum(stop - start, 1) / 30.4
    is_b = customers.table["segment"].eq("business").to_numpy()
    inbound = rng.poisson(months * np.where(is_b, 0.35, 0.06) * np.sqrt(customers.service_load))
    f = spread_events(rng, start, end, inbound, "inbound", (0, 0))
    f["channel"] = pick(rng, list(INBOUND_CHANNELS), list(INBOUND_CHANNELS.values()), len(f))
    f["purpose"] = pick(rng, list(INBOUND_PURPOSES), list(INBOUND_PURPOSES.values()), len(f))
    f["responded"] = pd.NA
    return f


def _complaint_contacts(table: pd.DataFrame, complaints: pd.DataFrame) -> pd.DataFrame:
    """Every complaint, as an inbound contact through the complaint's channel."""
    comp = complaints[["customer_id", "complaint_date", "channel"]].copy()
    comp_pos = (
        pd.Series(np.arange(len(table)), index=table["customer_id"])
        .loc[comp["customer_id"]]
        .to_numpy()
    )
    return pd.DataFrame(
        {
            "_pos": comp_pos,
            "_day": to_days(comp["complaint_date"]),
            "event_type": "inbound",
            "channel": comp["channel"].to_numpy(),
            "purpose": "complaint",
            "responded": pd.NA,
        }
    )
