"""The month-by-month simulation: joining, tickets, add-ons, renewals, cancellations, win-backs.

Members are simulated together, one month at a time (36 steps, each vectorised
over the members). A member cancels at the end of a month with their own
chance, which a slowly resolved ticket that month or the month before
multiplies; a member who cancels from January 2024 on gets a win-back offer
the month after, and some come back for a second spell.

>>> history = simulate(np.random.default_rng(0), draw_members(np.random.default_rng(0)))
>>> sorted(history)[:3]
['addons', 'periods', 'referrals']
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from crmkit.synth.draws import pick
from crmkit.synth.subscription import parameters as p
from crmkit.synth.subscription.members import draw_members as draw_members


@dataclass
class _State:
    """Where every member stands during the simulation."""

    n: int
    theta: np.ndarray
    active: np.ndarray = field(init=False)
    spell: np.ndarray = field(init=False)
    tenure: np.ndarray = field(init=False)
    rejoin: np.ndarray = field(init=False)
    last_slow: np.ndarray = field(init=False)
    referred_by: np.ndarray = field(init=False)

    def __post_init__(self) -> None:
        self.active = np.zeros(self.n, dtype=bool)
        self.spell = np.zeros(self.n, dtype=int)
        self.tenure = np.zeros(self.n, dtype=int)
        self.rejoin = np.full(self.n, -1)
        self.last_slow = np.full(self.n, -99)
        self.referred_by = np.full(self.n, -1)


def _frame(records: list[dict[str, np.ndarray]]) -> pd.DataFrame:
    frames = [pd.DataFrame(r) for r in records if len(next(iter(r.values())))]
    return pd.concat(frames, ignore_index=True)


def _refer(rng: np.random.Generator, members: pd.DataFrame, state: _State, m: int) -> dict:
    """Referrals this month: the referral joiners' referrers, and invitations that came to nothing."""
    referred = np.flatnonzero(
        (members["join_month"].to_numpy() == m) & (members["channel"] == "referral")
    )
    pool = np.flatnonzero(state.active)
    if pool.size == 0:
        return {"referrer": np.array([], dtype=int), "month": [], "referred": []}
    weight = 1.0 + 3.0 * (members["_latent"].to_numpy()[pool] > p.TOP_BOX_LATENT)
    unconverted = rng.poisson(6)
    referrer = rng.choice(pool, size=referred.size + unconverted, p=weight / weight.sum())
    state.referred_by[referred] = referrer[: referred.size]
    return {
        "referrer": referrer,
        "month": np.full(referrer.size, m),
        "referred": np.concatenate([referred, np.full(unconverted, -1)]),
    }


def _tickets(rng: np.random.Generator, members: pd.DataFrame, who: np.ndarray, m: int) -> dict:
    """Support tickets of the active members ``who`` this month."""
    counts = rng.poisson(members["_ticket_rate"].to_numpy()[who])
    owner = np.repeat(who, counts)
    names = list(p.TICKET_CATEGORIES)
    category = pick(rng, names, [c[0] for c in p.TICKET_CATEGORIES.values()], owner.size)
    median = np.array([p.TICKET_CATEGORIES[c][1] for c in category])
    staffing = 2.2 if p.SHORT_STAFFED[0] <= m <= p.SHORT_STAFFED[1] else 1.0
    handling = np.array([p.TICKET_CATEGORIES[c][2] for c in category])
    handling = handling * np.where(members["_demanding"].to_numpy()[owner], p.DEMANDING_COST, 1.0)
    return {
        "member": owner,
        "month": np.full(owner.size, m),
        "day": rng.integers(0, 28, owner.size),
        "category": category,
        "channel": pick(rng, p.TICKET_CHANNELS, [0.5, 0.3, 0.2], owner.size),
        "response_hours": np.round(rng.lognormal(np.log(3.0 * staffing), 0.8, owner.size), 1),
        "resolution_days": np.round(rng.lognormal(np.log(median * staffing), 0.8, owner.size), 1),
        "handling_cost": np.round(handling * rng.lognormal(0, 0.4, owner.size), 2),
    }


def _addons(rng: np.random.Generator, members: pd.DataFrame, who: np.ndarray, m: int) -> dict:
    counts = rng.poisson(members["_addon_rate"].to_numpy()[who])
    owner = np.repeat(who, counts)
    names = list(p.ADDONS)
    addon = pick(rng, names, [a[0] for a in p.ADDONS.values()], owner.size)
    low = np.array([p.ADDONS[a][3][0] for a in addon])
    high = np.array([p.ADDONS[a][3][1] for a in addon])
    return {
        "member": owner,
        "month": np.full(owner.size, m),
        "day": rng.integers(0, 28, owner.size),
        "addon": addon,
        "quantity": rng.integers(low, high + 1),
    }


def _winback(rng: np.random.Generator, state: _State, left: np.ndarray, m: int) -> dict:
    """Offers to the members who cancelled this month (contacted next month); who comes back."""
    left = left[(state.spell[left] == 1) & (m >= p.WINBACK_FROM) & (m <= p.MONTHS - 3)]
    service_trouble = state.last_slow[left] >= m - 2
    reason = pick(rng, list(p.REASONS), list(p.REASONS.values()), left.size)
    reason = np.where(service_trouble & (rng.random(left.size) < 0.7), "service", reason)
    offer = pick(rng, list(p.WINBACK_OFFERS), [1, 1, 1], left.size)
    chance = np.array([p.WINBACK_OFFERS[o][1] for o in offer])
    chance = np.where(
        (offer == "apology_call") & (reason == "service"), p.APOLOGY_SERVICE_RETURN, chance
    )
    returned = rng.random(left.size) < chance
    state.rejoin[left[returned]] = m + 2
    state.theta[left[returned]] = np.minimum(state.theta[left[returned]] * p.RETURN_CHURN, 0.95)
    return {
        "member": left,
        "month": np.full(left.size, m + 1),
        "day": rng.integers(0, 20, left.size),
        "reason": reason,
        "offer": offer,
        "returned": returned,
    }


def _month(
    rng: np.random.Generator, members: pd.DataFrame, state: _State, m: int, out: dict
) -> None:
    """One month: referrals and joiners, tickets and add-ons, then renewals and cancellations."""
    out["referrals"].append(_refer(rng, members, state, m))
    joining = members["join_month"].to_numpy() == m
    state.active |= joining
    state.spell[joining] = 1
    back = state.rejoin == m
    state.active |= back
    state.spell[back] = 2
    state.tenure[joining | back] = 0
    who = np.flatnonzero(state.active)
    state.tenure[who] += 1
    tickets = _tickets(rng, members, who, m)
    out["tickets"].append(tickets)
    out["addons"].append(_addons(rng, members, who, m))
    slow = tickets["member"][tickets["resolution_days"] > p.SLOW_DAYS]
    state.last_slow[slow] = m
    chance = state.theta[who] * np.where(state.last_slow[who] >= m - 1, p.SLOW_TICKET_CHURN, 1.0)
    cancel = rng.random(who.size) < np.minimum(chance, 0.95)
    if m == p.MONTHS - 1:
        cancel[:] = False  # December 2025 is still running: nobody has decided yet
    status = np.where(cancel, "cancelled", "active" if m == p.MONTHS - 1 else "renewed")
    out["periods"].append(
        {
            "member": who,
            "month": np.full(who.size, m),
            "spell": state.spell[who],
            "tenure": state.tenure[who],
            "status": status,
        }
    )
    state.active[who[cancel]] = False
    out["winback"].append(_winback(rng, state, who[cancel], m))


def simulate(rng: np.random.Generator, members: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Run the 36 months; returns internal frames (member positions, month numbers) by name.

    ``members`` gains the column ``_referred_by`` (position of the referrer, -1 if none).
    """
    state = _State(len(members), members["_theta"].to_numpy().copy())
    out: dict[str, list] = {k: [] for k in ("periods", "tickets", "addons", "winback", "referrals")}
    for m in range(p.MONTHS):
        _month(rng, members, state, m, out)
    members["_referred_by"] = state.referred_by
    return {name: _frame(records) for name, records in out.items()}
