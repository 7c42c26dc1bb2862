"""The published tables, made from the simulated history: ids, dates, money in CNY.

>>> months_to_dates(np.array([0, 13])).strftime("%Y-%m-%d").tolist()
['2023-01-01', '2024-02-01']
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from crmkit.synth.names import SHOP_WORDS, person_names
from crmkit.synth.subscription import parameters as p

COMPANY_WORDS = ("Studio", "Labs", "Tech", "Design", "Consulting", "Media", "Partners", "Digital")
REFERRAL_REWARD = 500.0


def months_to_dates(months: np.ndarray, days: np.ndarray | None = None) -> pd.DatetimeIndex:
    """The first day of month number ``months`` (0 = January 2023), plus ``days`` days."""
    months = np.asarray(months, dtype=int)
    years, month = p.START.year + months // 12, months % 12 + 1
    dates = pd.to_datetime(pd.DataFrame({"year": years, "month": month, "day": 1}))
    if days is not None:
        dates = dates + pd.to_timedelta(np.asarray(days, dtype="int64"), unit="D")
    return pd.DatetimeIndex(dates)


def _ids(prefix: str, n: int, width: int) -> list[str]:
    return [f"{prefix}{i:0{width}d}" for i in range(1, n + 1)]


def member_ids(n: int) -> np.ndarray:
    """M0001, M0002, ... in order of joining."""
    return np.array(_ids("M", n, 4))


def members_table(rng: np.random.Generator, members: pd.DataFrame) -> pd.DataFrame:
    """The members table (hidden traits left out)."""
    ids = member_ids(len(members))
    company = members["company"].to_numpy()
    word = rng.choice(np.array(SHOP_WORDS), len(members))
    kind = rng.choice(np.array(COMPANY_WORDS), len(members))
    names = np.where(
        company,
        np.char.add(np.char.add(word.astype(str), " "), kind.astype(str)),
        person_names(rng, len(members)),
    )
    referrer = members["_referred_by"].to_numpy()
    return pd.DataFrame(
        {
            "member_id": ids,
            "member_type": np.where(company, "company", "individual"),
            "name": names,
            "site": members["site"].to_numpy(),
            "plan": members["plan"].to_numpy(),
            "seats": members["seats"].to_numpy(),
            "join_date": months_to_dates(members["join_month"].to_numpy()),
            "acquisition_channel": members["channel"].to_numpy(),
            "acquisition_cost": members["acquisition_cost"].to_numpy(),
            "referred_by": np.where(referrer >= 0, ids[np.maximum(referrer, 0)], ""),
            "discount_rate": members["discount"].to_numpy(),
        }
    )


def plans_table() -> pd.DataFrame:
    """The plans: list price and cost of a seat per month."""
    return pd.DataFrame(
        {
            "plan": list(p.PLANS),
            "price_per_seat": [x.price_per_seat for x in p.PLANS.values()],
            "cost_per_seat": [x.cost_per_seat for x in p.PLANS.values()],
        }
    )


def periods_table(periods: pd.DataFrame, members: pd.DataFrame, ids: np.ndarray) -> pd.DataFrame:
    """One row per member and month paid for: the monthly renewals (contractual churn)."""
    who = periods["member"].to_numpy()
    plan = members["plan"].to_numpy()[who]
    seats = members["seats"].to_numpy()[who]
    price = np.array([p.PLANS[x].price_per_seat for x in plan])
    table = pd.DataFrame(
        {
            "member_id": ids[who],
            "month": months_to_dates(periods["month"].to_numpy()),
            "spell": periods["spell"].to_numpy(),
            "tenure_month": periods["tenure"].to_numpy(),
            "plan": plan,
            "seats": seats,
            "list_fee": seats * price,
            "status": periods["status"].to_numpy(),
        }
    )
    return table.sort_values(["member_id", "month"], kind="stable").reset_index(drop=True)


def addons_table(addons: pd.DataFrame, ids: np.ndarray) -> pd.DataFrame:
    """Add-on purchases, numbered in date order."""
    table = addons.sort_values(["month", "day", "member"], kind="stable").reset_index(drop=True)
    unit_price = np.array([p.ADDONS[a][1] for a in table["addon"]])
    unit_cost = np.array([p.ADDONS[a][2] for a in table["addon"]])
    quantity = table["quantity"].to_numpy()
    return pd.DataFrame(
        {
            "addon_id": _ids("A", len(table), 5),
            "member_id": ids[table["member"].to_numpy()],
            "purchase_date": months_to_dates(table["month"].to_numpy(), table["day"].to_numpy()),
            "addon": table["addon"].to_numpy(),
            "quantity": quantity,
            "revenue": np.round(unit_price * quantity, 2),
            "cost": np.round(unit_cost * quantity, 2),
        }
    )


def tickets_table(tickets: pd.DataFrame, ids: np.ndarray) -> pd.DataFrame:
    """Support tickets, numbered in date order."""
    table = tickets.sort_values(["month", "day", "member"], kind="stable").reset_index(drop=True)
    return pd.DataFrame(
        {
            "ticket_id": _ids("T", len(table), 5),
            "member_id": ids[table["member"].to_numpy()],
            "opened_date": months_to_dates(table["month"].to_numpy(), table["day"].to_numpy()),
            "category": table["category"].to_numpy(),
            "channel": table["channel"].to_numpy(),
            "response_hours": table["response_hours"].to_numpy(),
            "resolution_days": table["resolution_days"].to_numpy(),
            "handling_cost": table["handling_cost"].to_numpy(),
        }
    )


def referrals_table(
    referrals: pd.DataFrame, ids: np.ndarray, rng: np.random.Generator
) -> pd.DataFrame:
    """Referrals: who recommended the space, when, and whether the friend joined."""
    referred = referrals["referred"].to_numpy()
    day = rng.integers(-25, -3, len(referrals))  # in the month before the friend joins
    table = pd.DataFrame(
        {
            "referral_date": months_to_dates(referrals["month"].to_numpy(), day),
            "referrer_id": ids[referrals["referrer"].to_numpy()],
            "referred_member_id": np.where(referred >= 0, ids[np.maximum(referred, 0)], ""),
            "joined": referred >= 0,
            "reward_paid": np.where(referred >= 0, REFERRAL_REWARD, 0.0),
        }
    )
    table = table.sort_values(["referral_date", "referrer_id"], kind="stable").reset_index(
        drop=True
    )
    table.insert(0, "referral_id", _ids("R", len(table), 4))
    return table
