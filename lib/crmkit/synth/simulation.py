"""The whole simulation: the company's history first, then every course table derived from it.

``simulate_history`` runs the simulation proper (customers, orders, complaints,
the win-back campaign); ``generate`` derives the course's tables from that history.
The random draws happen in one fixed order, so the same seed gives the same tables.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from crmkit.synth.calendar import to_days
from crmkit.synth.communications import make_communications
from crmkit.synth.complaints import complaints_table
from crmkit.synth.customers import SimulatedCustomers, simulate_customers
from crmkit.synth.finance import make_account_plans, make_invoices_and_payments
from crmkit.synth.orders import make_order_lines, simulate_behaviour
from crmkit.synth.parameters import SEED
from crmkit.synth.raw import make_raw_customers
from crmkit.synth.reference import make_products
from crmkit.synth.service import make_service_events
from crmkit.synth.survey import make_survey
from crmkit.synth.winback import run_winback, winback_table


@dataclass
class History:
    """The simulated history every later table is derived from."""

    rng: np.random.Generator  # the random generator, ready for the next draws
    products: pd.DataFrame
    teams: pd.DataFrame
    leads: pd.DataFrame
    customers: SimulatedCustomers
    complaints: dict[str, np.ndarray]  # as simulate_complaints returns them
    campaign: pd.DataFrame  # the win-back campaign, as run_winback returns it
    lines: pd.DataFrame  # the order lines
    end: np.ndarray  # each customer's last day (day number), after the win-back


def simulate_history(seed: int = SEED) -> History:
    """Simulate the company from ``seed``: customers, orders, complaints and the win-back.

    >>> history = simulate_history()
    >>> history.lines["order_date"].min().date(), len(history.end) == len(history.customers.table)
    (datetime.date(2022, 1, 1), True)
    """
    rng = np.random.default_rng(seed)
    products = make_products()
    teams, leads, customers = simulate_customers(rng)
    behaviour = simulate_behaviour(rng, customers)
    campaign, extra = run_winback(rng, customers, behaviour)
    ids = customers.table["customer_id"].to_numpy()
    owner, day, extra_discount = _all_orders(behaviour, extra, campaign, ids)
    lines = make_order_lines(rng, customers, products, owner, day, extra_discount)
    end = _last_days(behaviour["end"], campaign, lines, ids)
    return History(
        rng=rng,
        products=products,
        teams=teams,
        leads=leads,
        customers=customers,
        complaints=behaviour["complaints"],
        campaign=campaign,
        lines=lines,
        end=end,
    )


def _all_orders(
    behaviour: dict, extra: dict, campaign: pd.DataFrame, ids: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every order header (customer, day) by day, with the win-back discount on the orders it won."""
    owner = np.concatenate([behaviour["owner"], extra["owner"]])
    day = np.concatenate([behaviour["day"], extra["day"]])
    win_discount = pd.Series(campaign["_discount"].to_numpy(), index=campaign["customer_id"])
    extra_discount = np.concatenate(
        [
            np.zeros(behaviour["owner"].size),
            win_discount.reindex(ids[extra["owner"]]).fillna(0).to_numpy(),
        ]
    )
    order = np.lexsort((owner, day))
    return owner[order], day[order], extra_discount[order]


def _last_days(
    end: np.ndarray, campaign: pd.DataFrame, lines: pd.DataFrame, ids: np.ndarray
) -> np.ndarray:
    """Each customer's last day; a reactivated customer's is 30 days after the last order."""
    end = end.copy()
    back = pd.Series(np.arange(len(ids)), index=ids)
    react = campaign.loc[campaign["reactivated"], "customer_id"]
    last_day = lines.groupby("customer_id")["order_date"].max()
    end[back.loc[react].to_numpy()] = to_days(last_day.loc[react]) + 30
    return end


def generate(seed: int = SEED) -> dict[str, pd.DataFrame]:
    """Generate every table of the course company from ``seed``.

    Returns a dict of DataFrames keyed by table name (the CSV file stem).

    >>> tables = generate()
    >>> sorted(tables)[:3]
    ['account_plans', 'communications', 'complaints']
    """
    history = simulate_history(seed)
    rng, customers, lines, end = history.rng, history.customers, history.lines, history.end
    complaints = complaints_table(
        history.complaints, customers.table["customer_id"].to_numpy(), lines
    )
    events = make_service_events(rng, customers, lines, end)
    invoices, payments = make_invoices_and_payments(rng, customers, lines)
    plans = make_account_plans(rng, customers, lines)
    comms = make_communications(rng, customers, end, complaints)
    survey = make_survey(rng, customers, end, history.teams)
    winback = winback_table(history.campaign, lines)
    customer_table = customers.table.copy()
    for col in ("credit_limit", "payment_terms_days", "employees", "birth_year"):
        customer_table[col] = customer_table[col].astype("Int64")
    raw = make_raw_customers(rng, customer_table)
    return {
        "customers": customer_table,
        "customers_raw": raw,
        "products": history.products,
        "order_lines": lines,
        "service_events": events,
        "invoices": invoices,
        "payments": payments,
        "account_plans": plans,
        "leads": history.leads,
        "communications": comms,
        "complaints": complaints,
        "survey": survey,
        "teams": history.teams,
        "winback": winback,
    }
