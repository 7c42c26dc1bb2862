"""The members and their hidden traits: plan, seats, channel, discount, satisfaction, churn.

Each member's monthly cancellation chance is drawn from a beta distribution
(so members differ, as the sBG model assumes) and multiplied by the effects
of their channel, hidden satisfaction and account type.

>>> members = draw_members(np.random.default_rng(0))
>>> len(members), int((members["join_month"] == 0).sum())
(1500, 450)
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from crmkit.synth.draws import pick
from crmkit.synth.subscription import parameters as p


def _join_months(rng: np.random.Generator) -> np.ndarray:
    """The founding cohort in month 0, later members spread over months 1-35 (slowly growing)."""
    later = np.arange(1, p.MONTHS)
    weights = 1.0 + later / p.MONTHS
    drawn = rng.choice(later, size=p.N_LATER, p=weights / weights.sum())
    return np.sort(np.concatenate([np.zeros(p.N_FOUNDING, dtype=int), drawn]))


def _channels(rng: np.random.Generator, company: np.ndarray, join: np.ndarray) -> np.ndarray:
    names = list(p.CHANNELS)
    individual = pick(rng, names, [c.share for c in p.CHANNELS.values()], company.size)
    business = pick(rng, names, [c.company_share for c in p.CHANNELS.values()], company.size)
    channel = np.where(company, business, individual)
    # nobody can be referred in the opening month: there are no members yet to refer them
    founding = (join == 0) & (channel == "referral")
    channel[founding] = pick(rng, ["walk_in", "search_ads"], [1, 1], int(founding.sum()))
    return channel


def _seats_and_discount(
    rng: np.random.Generator, company: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    n = company.size
    seats = np.where(company, np.minimum(2 + np.round(rng.lognormal(np.log(3.0), 0.9, n)), 40), 1)
    seats = seats.astype(int)
    discount = np.where(rng.random(n) < 0.2, 0.10, 0.0)
    small = np.clip(0.04 + 0.011 * seats + rng.normal(0, 0.04, n), 0.0, 0.30)
    large = rng.uniform(*p.LARGE_DISCOUNT, n)
    discount = np.where(company, np.where(seats >= p.LARGE_SEATS, large, small), discount)
    return seats, np.round(discount, 2)


def draw_members(rng: np.random.Generator) -> pd.DataFrame:
    """Every member with their hidden traits (columns starting with ``_`` are not published).

    >>> members = draw_members(np.random.default_rng(1))
    >>> bool(members["_theta"].between(0, 0.95).all())
    True
    """
    join = _join_months(rng)
    n = join.size
    company = rng.random(n) < p.COMPANY_SHARE
    plans = list(p.PLANS)
    plan = np.where(
        company,
        pick(rng, plans, [x.company_share for x in p.PLANS.values()], n),
        pick(rng, plans, [x.individual_share for x in p.PLANS.values()], n),
    )
    channel = _channels(rng, company, join)
    seats, discount = _seats_and_discount(rng, company)
    latent = rng.normal(0, 1, n)
    mood = np.where(
        latent > p.TOP_BOX_LATENT,
        "top_box",
        np.where(latent < p.UNHAPPY_LATENT, "unhappy", "middle"),
    )
    theta = rng.beta(*p.CHURN_BETA, n)
    theta = theta * np.array([p.CHANNELS[c].churn for c in channel])
    theta = theta * np.array([p.SATISFACTION_CHURN[m] for m in mood])
    theta = np.minimum(np.where(company, theta * p.COMPANY_CHURN, theta), 0.95)
    large = seats >= p.LARGE_SEATS
    demanding = large & (rng.random(n) < p.DEMANDING_SHARE)
    cac = np.array([p.CHANNELS[c].acquisition_cost for c in channel]) * rng.lognormal(0, 0.15, n)
    cac = np.where(company, cac * 1.5, cac)
    return pd.DataFrame(
        {
            "join_month": join,
            "company": company,
            "plan": plan,
            "seats": seats,
            "channel": channel,
            "site": pick(rng, p.SITES, [0.55, 0.45], n),
            "discount": discount,
            "acquisition_cost": np.round(cac, 2),
            "_latent": latent,
            "_theta": theta,
            "_demanding": demanding,
            "_ticket_rate": np.where(company, 0.10 * seats**0.75, 0.12)
            * np.where(demanding, p.DEMANDING_TICKETS, 1.0),
            "_addon_rate": np.where(company, 0.15 * seats**0.7, 0.3),
        }
    )
