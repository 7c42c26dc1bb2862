"""Customers: business accounts (the won leads) and online consumers, with their hidden traits.

The customers table holds what the company knows; ``SimulatedCustomers`` adds
what drives behaviour but is never written out (order rate, basket, churn
hazard, satisfaction, service load, payment delay, the loss-making "whales").

>>> teams, leads, customers = simulate_customers(np.random.default_rng(0))
>>> int(customers.table["segment"].value_counts()["consumer"]) == N_CONSUMERS
True
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from crmkit.synth.calendar import TOTAL_DAYS, to_dates, to_days
from crmkit.synth.draws import pick
from crmkit.synth.leads import make_leads
from crmkit.synth.names import business_names, contacts, person_names
from crmkit.synth.parameters import (
    CHANNEL_PARAMETERS,
    N_CONSUMERS,
    TYPE_TRAITS,
    ChannelParameters,
)
from crmkit.synth.reference import make_teams
from crmkit.vocabulary import CONSUMER_CHANNELS, REGIONS


@dataclass
class SimulatedCustomers:
    """The customers table and each customer's hidden traits (arrays in the table's row order)."""

    table: pd.DataFrame  # the public columns
    rate: np.ndarray  # orders per month at full speed
    basket: np.ndarray  # value of a typical order, CNY
    discount: np.ndarray  # usual discount on list price
    hazard: np.ndarray  # monthly churn hazard
    satisfaction: np.ndarray  # latent satisfaction (standard normal-ish)
    service_load: np.ndarray  # how demanding (visits, calls, rush orders)
    pay_delay: np.ndarray  # typical days paid after the due date
    whale: np.ndarray  # large account on loss-making terms


@dataclass
class _Segment:
    """One segment's rows and hidden traits, before satisfaction is drawn for everyone."""

    table: pd.DataFrame
    rate: np.ndarray
    basket: np.ndarray
    discount: np.ndarray
    hazard: np.ndarray
    service_load: np.ndarray
    pay_delay: np.ndarray
    whale: np.ndarray


def simulate_customers(
    rng: np.random.Generator,
) -> tuple[pd.DataFrame, pd.DataFrame, SimulatedCustomers]:
    """The first steps of the simulation: the teams, the leads, and the customers they became.

    >>> teams, leads, customers = simulate_customers(np.random.default_rng(0))
    >>> business = customers.table["segment"].eq("business")
    >>> bool(leads["customer_id"].notna().sum() == business.sum())
    True
    """
    teams = make_teams(rng)
    leads, quality = make_leads(rng)
    return teams, leads, make_customers(rng, leads, quality, teams)


def make_customers(
    rng: np.random.Generator, leads: pd.DataFrame, quality: np.ndarray, teams: pd.DataFrame
) -> SimulatedCustomers:
    """Business accounts (the won leads) and consumers, with their hidden traits.

    Writes each won lead's new ``customer_id`` into ``leads``.

    >>> from crmkit.synth.reference import make_teams
    >>> rng = np.random.default_rng(0)
    >>> teams = make_teams(rng)
    >>> customers = make_customers(rng, *make_leads(rng), teams)
    >>> customers.table["customer_id"].iloc[0], len(customers.rate) == len(customers.table)
    ('B001', True)
    """
    business = _business_accounts(rng, leads, quality, teams)
    consumers = _consumers(rng)
    table = pd.concat([business.table, consumers.table], ignore_index=True)

    # Satisfaction: employee satisfaction of the serving team shows up in the
    # customers' satisfaction (the employee-customer mirror).
    emp = table["team_id"].map(
        dict(zip(teams["team_id"], teams["employee_satisfaction"], strict=True))
    )
    satisfaction = rng.normal(0, 1, len(table)) + 0.55 * (emp.to_numpy() - 3.7)
    satisfaction[: business.whale.size][business.whale] += 0.6  # pampered, and they know it
    # Only the truly delighted stay much longer: "satisfied" is not "loyal".
    top_box = satisfaction > 0.75
    unhappy = satisfaction < -1.0
    hazard = np.concatenate([business.hazard, consumers.hazard])
    hazard = hazard * np.where(top_box, 0.25, np.where(unhappy, 1.9, 1.4))

    table = pd.concat([table, contacts(rng, table)], axis=1)
    return SimulatedCustomers(
        table=table,
        rate=np.concatenate([business.rate, consumers.rate]),
        basket=np.concatenate([business.basket, consumers.basket]),
        discount=np.concatenate([business.discount, consumers.discount]),
        hazard=hazard,
        satisfaction=satisfaction,
        service_load=np.concatenate([business.service_load, consumers.service_load]),
        pay_delay=np.concatenate([business.pay_delay, consumers.pay_delay]),
        whale=np.concatenate([business.whale, consumers.whale]),
    )


def _business_accounts(
    rng: np.random.Generator, leads: pd.DataFrame, quality: np.ndarray, teams: pd.DataFrame
) -> _Segment:
    """The won leads as business accounts (and their ids written back into ``leads``)."""
    won = leads["status"].eq("won").to_numpy()
    b = leads.loc[won].reset_index(drop=True)
    ids = [f"B{i:03d}" for i in range(1, len(b) + 1)]
    leads.loc[won, "customer_id"] = ids
    signup = to_days(b["won_date"])
    btype = b["business_type"].to_numpy()
    team_for_region = dict(zip(teams["region"], teams["team_id"], strict=False))
    trait = _business_traits(rng, b, quality[won], signup)
    terms, credit_limit = _credit_terms(rng, trait["volume"], trait["whale"])
    referrer = _business_referrers(rng, b, signup, trait["volume"], ids)
    table = pd.DataFrame(
        {
            "customer_id": ids,
            "segment": "business",
            "name": business_names(rng, btype, b["city"].to_numpy()),
            "business_type": btype,
            "region": b["region"].to_numpy(),
            "city": b["city"].to_numpy(),
            "signup_date": to_dates(signup),
            "acquisition_channel": b["prospecting_method"].to_numpy(),
            "acquisition_cost": b["acquisition_cost"].to_numpy(),
            "team_id": np.array([team_for_region[r] for r in b["region"].to_numpy()]),
            "referred_by": referrer,
            "credit_limit": credit_limit,
            "payment_terms_days": terms,
            "employees": b["employees"].to_numpy(),
            "birth_year": np.nan,
        }
    )
    return _Segment(table=table, **{k: v for k, v in trait.items() if k != "volume"})


def _business_traits(
    rng: np.random.Generator, b: pd.DataFrame, quality: np.ndarray, signup: np.ndarray
) -> dict[str, np.ndarray]:
    """Monthly volume and the hidden traits of ``_Segment`` (whales included), by name."""
    nb = len(b)
    btype = b["business_type"].to_numpy()
    volume = b["est_monthly_volume"].to_numpy() * np.exp(rng.normal(0, 0.3, nb))
    rate = np.array([TYPE_TRAITS[t].orders_per_month for t in btype]) * np.exp(
        rng.normal(0, 0.2, nb)
    )
    basket = volume / rate
    discount = np.clip(rng.normal(0.16, 0.04, nb), 0.08, 0.26)
    load = np.exp(rng.normal(0, 0.55, nb))
    delay = rng.gamma(1.5, 4.0, nb)
    # Whales: among the biggest accounts, some negotiated deep discounts, demand
    # weekly visits and rush deliveries, return stock and pay very late.
    # (chosen among accounts won in the first two years, so their history shows)
    big = np.argsort(-np.where(signup < 700, volume, 0))[:20]
    whale = np.zeros(nb, dtype=bool)
    whale[rng.choice(big, 10, replace=False)] = True
    volume[whale] *= 1.7
    basket[whale] = volume[whale] / rate[whale]
    discount[whale] = rng.uniform(0.32, 0.38, whale.sum())
    load[whale] = rng.uniform(8.5, 10.5, whale.sum())
    delay[whale] = rng.uniform(90, 150, whale.sum())
    hazard = (
        0.016 * np.array([TYPE_TRAITS[t].churn_hazard for t in btype]) * np.exp(-0.25 * quality)
    )
    hazard[whale] = 0.004  # well looked after: they stay (and keep costing money)
    return {
        "volume": volume,
        "rate": rate,
        "basket": basket,
        "discount": discount,
        "service_load": load,
        "pay_delay": delay,
        "whale": whale,
        "hazard": hazard,
    }


def _credit_terms(
    rng: np.random.Generator, volume: np.ndarray, whale: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Payment terms (days) and credit limit (CNY) of each business account."""
    nb = volume.size
    terms = rng.choice([30, 45, 60], nb, p=[0.55, 0.3, 0.15])
    terms[whale] = 90
    # A limit that covers the terms plus one to two months' slack: only accounts
    # that pay late run over it (the receivables early warning).
    months_covered = terms / 30 + rng.uniform(1.0, 2.0, nb)
    months_covered[whale] = 3.5
    return terms, np.round(volume * months_covered, -3).clip(5000, None)


def _business_referrers(
    rng: np.random.Generator, b: pd.DataFrame, signup: np.ndarray, volume: np.ndarray, ids: list
) -> np.ndarray:
    """Referred business leads name an existing account that sent them (big ones more often)."""
    referrer = np.full(len(b), "", dtype=object)
    is_ref = b["prospecting_method"].eq("referral").to_numpy()
    for i in np.flatnonzero(is_ref):
        earlier = np.flatnonzero(signup < signup[i] - 30)
        if len(earlier):
            weights = volume[earlier] / volume[earlier].sum()
            referrer[i] = ids[rng.choice(earlier, p=weights)]
    return referrer


def _consumers(rng: np.random.Generator) -> _Segment:
    """Consumers arrive over the four years, a little faster as the shop grows."""
    nc = N_CONSUMERS
    channel_shares = [CHANNEL_PARAMETERS[c].share for c in CONSUMER_CHANNELS]
    ch = pick(rng, CONSUMER_CHANNELS, channel_shares, nc)
    growth = np.linspace(0.7, 1.3, TOTAL_DAYS - 30)
    signup = np.sort(rng.choice(TOTAL_DAYS - 30, nc, p=growth / growth.sum()))
    trait = {
        field: np.array([getattr(CHANNEL_PARAMETERS[c], field) for c in ch])
        for field in ChannelParameters._fields
    }
    rate = 0.42 * trait["order_rate"] * np.exp(rng.normal(0, 0.55, nc))
    basket = 190 * trait["basket"] * np.exp(rng.normal(0, 0.35, nc))
    discount = np.where(
        ch == "coupon_site", rng.uniform(0.18, 0.3, nc), rng.choice([0.0, 0.05], nc, p=[0.8, 0.2])
    )
    load = np.exp(rng.normal(0, 0.5, nc)) * np.where(ch == "coupon_site", 1.8, 1.0)
    region = pick(rng, list(REGIONS), [0.34, 0.22, 0.2, 0.13, 0.11], nc)
    city = np.array([rng.choice(REGIONS[r]) for r in region])
    team = rng.choice(["T06", "T07", "T08"], nc)
    cost = trait["acquisition_cost"] * np.exp(rng.normal(0, 0.25, nc))
    ids = [f"C{i:04d}" for i in range(1, nc + 1)]
    referrer = _consumer_referrers(rng, ch == "referral", signup, ids)
    names = person_names(rng, nc)
    table = pd.DataFrame(
        {
            "customer_id": ids,
            "segment": "consumer",
            "name": names,
            "business_type": "",
            "region": region,
            "city": city,
            "signup_date": to_dates(signup),
            "acquisition_channel": ch,
            "acquisition_cost": cost.round(2),
            "team_id": team,
            "referred_by": referrer,
            "credit_limit": np.nan,
            "payment_terms_days": np.nan,
            "employees": np.nan,
            "birth_year": rng.normal(1988, 10, nc).round().clip(1945, 2005),
        }
    )
    no_delay, no_whale = np.zeros(nc), np.zeros(nc, dtype=bool)
    hazard = 0.035 * trait["churn_hazard"]
    return _Segment(table, rate, basket, discount, hazard, load, no_delay, no_whale)


def _consumer_referrers(
    rng: np.random.Generator, referred: np.ndarray, signup: np.ndarray, ids: list
) -> np.ndarray:
    """A referred consumer names one of the last 600 consumers who signed up 2+ weeks before."""
    referrer = np.full(len(ids), "", dtype=object)
    for i in np.flatnonzero(referred):
        earlier = np.flatnonzero(signup < signup[i] - 14)
        if len(earlier):
            referrer[i] = ids[rng.choice(earlier[-600:])]
    return referrer
