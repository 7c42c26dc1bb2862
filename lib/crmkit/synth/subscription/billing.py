"""Invoices, the win-back table and the survey: tables that combine several parts of the history.

>>> round(float(_paid_after(np.random.default_rng(0), np.array([1]), np.array([False]))[0]), 0) >= 0
True
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from crmkit.synth.subscription import parameters as p
from crmkit.synth.subscription.tables import months_to_dates


def _paid_after(rng: np.random.Generator, seats: np.ndarray, company: np.ndarray) -> np.ndarray:
    """Days from invoice to payment: individuals pay within days, large accounts take weeks."""
    median = np.where(seats >= p.LARGE_SEATS, 35.0, np.where(company, 12.0, 3.0))
    return np.round(rng.lognormal(np.log(median), 0.5)).astype(int)


def invoices_table(
    rng: np.random.Generator,
    periods: pd.DataFrame,
    addons: pd.DataFrame,
    members: pd.DataFrame,
    free_months: pd.DataFrame,
) -> pd.DataFrame:
    """One invoice per member and month paid for: plan fee − discount + add-ons that month.

    ``free_months`` (member_id, month) are waived in full (the win-back's free month).
    """
    info = members.set_index("member_id")
    rate = info["discount_rate"].reindex(periods["member_id"]).to_numpy()
    addon_month = addons.assign(month=addons["purchase_date"].dt.to_period("M").dt.to_timestamp())
    addon_fee = addon_month.groupby(["member_id", "month"])["revenue"].sum()
    key = pd.MultiIndex.from_arrays([periods["member_id"], periods["month"]])
    fee = periods["list_fee"].to_numpy().astype(float)
    free = key.isin(pd.MultiIndex.from_frame(free_months[["member_id", "month"]]))
    discount = np.where(free, fee, np.round(fee * rate, 2))
    extra = np.round(addon_fee.reindex(key).fillna(0.0).to_numpy(), 2)
    company = (info["member_type"] == "company").reindex(periods["member_id"]).to_numpy()
    days = _paid_after(rng, periods["seats"].to_numpy(), company)
    return pd.DataFrame(
        {
            "invoice_id": [f"I{i:05d}" for i in range(1, len(periods) + 1)],
            "member_id": periods["member_id"].to_numpy(),
            "invoice_date": periods["month"].to_numpy(),
            "plan_fee": fee,
            "discount": discount,
            "addon_fee": extra,
            "amount": np.round(fee - discount + extra, 2),
            "paid_date": periods["month"] + pd.to_timedelta(days, unit="D"),
        }
    )


def winback_table(winback: pd.DataFrame, periods: pd.DataFrame, ids: np.ndarray) -> pd.DataFrame:
    """The win-back attempts: reason for leaving, offer, whether and how long the member came back."""
    member = ids[winback["member"].to_numpy()]
    second = periods[periods["spell"] == 2].groupby("member_id")
    months_back = second.size().reindex(member).fillna(0).astype(int).to_numpy()
    first_back = second["month"].min().reindex(member)
    first_fee = second["list_fee"].first().reindex(member).fillna(0.0).to_numpy()
    re_cancelled = second["status"].last().reindex(member).eq("cancelled").to_numpy()
    offer = winback["offer"].to_numpy()
    returned = winback["returned"].to_numpy()
    cost = np.array([p.WINBACK_OFFERS[o][0] for o in offer])
    cost = np.where((offer == "one_month_free") & returned, first_fee, cost)
    return (
        pd.DataFrame(
            {
                "member_id": member,
                "last_month": months_to_dates(winback["month"].to_numpy() - 1),
                "contact_date": months_to_dates(
                    winback["month"].to_numpy(), winback["day"].to_numpy()
                ),
                "reason_for_leaving": winback["reason"].to_numpy(),
                "offer": offer,
                "offer_cost": cost,
                "returned": returned,
                "return_month": first_back.to_numpy(),
                "months_after_return": months_back,
                "re_cancelled": re_cancelled & returned,
            }
        )
        .sort_values(["contact_date", "member_id"], kind="stable")
        .reset_index(drop=True)
    )


def survey_table(
    rng: np.random.Generator, members: pd.DataFrame, periods: pd.DataFrame, ids: np.ndarray
) -> pd.DataFrame:
    """The June 2024 survey: expectation and perception (1-7) per component, overall score, NPS item."""
    month = months_to_dates(np.array([p.SURVEY_MONTH]))[0]
    active = periods.loc[periods["month"] == month, "member_id"].to_numpy()
    answered = np.sort(active[rng.random(active.size) < p.SURVEY_RESPONSE_RATE])
    latent = pd.Series(members["_latent"].to_numpy(), index=ids).reindex(answered).to_numpy()
    n = answered.size
    table = {
        "response_id": [f"S{i:04d}" for i in range(1, n + 1)],
        "member_id": answered,
        "survey_date": month + pd.to_timedelta(rng.integers(0, 21, n), unit="D"),
    }
    for name, (expect, perceive) in p.SURVEY_COMPONENTS.items():
        table[f"expect_{name}"] = np.clip(np.round(expect + rng.normal(0, 0.8, n)), 1, 7).astype(
            int
        )
        score = perceive + 0.8 * latent + rng.normal(0, 0.9, n)
        table[f"perceive_{name}"] = np.clip(np.round(score), 1, 7).astype(int)
    noisy = latent + rng.normal(0, 0.25, n)
    table["overall_satisfaction"] = 1 + np.searchsorted([-1.9, -1.1, -0.2, 0.8], noisy)
    ltr = 7.0 + 1.8 * latent + rng.normal(0, 1.2, n)
    table["likelihood_to_recommend"] = np.clip(np.round(ltr), 0, 10).astype(int)
    return pd.DataFrame(table)
