"""Business leads: how each was found, how far it got down the sales funnel, and what it cost.

>>> leads, quality = make_leads(np.random.default_rng(0))
>>> len(leads) == N_LEADS == quality.size
True
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from crmkit.synth.calendar import TOTAL_DAYS, to_dates
from crmkit.synth.draws import pick
from crmkit.synth.parameters import METHOD_PARAMETERS, N_LEADS, TYPE_TRAITS
from crmkit.vocabulary import BUSINESS_TYPES, FUNNEL_STAGES, PROSPECTING_METHODS, REGIONS

STAGE_COSTS = np.array([0, 40, 120, 260, 180])
"""Follow-up effort (CNY) spent on a lead for each funnel stage it passes."""


def make_leads(rng: np.random.Generator) -> tuple[pd.DataFrame, np.ndarray]:
    """Business leads by prospecting method and the furthest funnel stage each reached.

    Returns the leads table and each lead's hidden quality (drives the funnel and,
    for won leads, the account's later value).

    >>> leads, quality = make_leads(np.random.default_rng(0))
    >>> sorted(leads["status"].unique())
    ['lost', 'open', 'won']
    """
    n = N_LEADS
    method_shares = [METHOD_PARAMETERS[m].share for m in PROSPECTING_METHODS]
    method = pick(rng, PROSPECTING_METHODS, method_shares, n)
    btype = pick(rng, BUSINESS_TYPES, [TYPE_TRAITS[t].share for t in BUSINESS_TYPES], n)
    region = pick(rng, list(REGIONS), [0.32, 0.22, 0.2, 0.14, 0.12], n)
    city = np.array([rng.choice(REGIONS[r]) for r in region])
    created = np.sort(rng.integers(0, TOTAL_DAYS - 20, n))
    shift = np.array([METHOD_PARAMETERS[m].quality_shift for m in method])
    quality = rng.normal(0, 1, n) + shift
    type_volume = np.array([TYPE_TRAITS[t].monthly_volume for t in btype])
    employees = np.round(np.exp(rng.normal(np.log(type_volume / 250), 0.6))).astype(int) + 2
    est_volume = type_volume * np.exp(0.35 * quality + rng.normal(0, 0.35, n))
    reached, stage_days = _funnel(rng, quality, created)
    cost_per_lead = np.array([METHOD_PARAMETERS[m].cost_per_lead for m in method])
    spent = cost_per_lead + np.array([STAGE_COSTS[:r].sum() for r in reached])
    spent *= np.exp(rng.normal(0, 0.15, n))

    leads = pd.DataFrame(
        {
            "lead_id": [f"L{i:04d}" for i in range(1, n + 1)],
            "created_date": to_dates(created),
            "prospecting_method": method,
            "business_type": btype,
            "region": region,
            "city": city,
            "employees": employees,
            "est_monthly_volume": np.round(est_volume, -1),
            "stage_reached": np.array(FUNNEL_STAGES, dtype=object)[reached - 1],
            "status": _status(reached, stage_days),
        }
    )
    for k, stage in enumerate(FUNNEL_STAGES[1:], start=1):
        col = stage_days[:, k]
        leads[f"{stage}_date"] = pd.Series(
            np.where(np.isnan(col), np.datetime64("NaT"), to_dates(np.nan_to_num(col)).to_numpy())
        ).astype("datetime64[s]")
    leads["acquisition_cost"] = spent.round(2)
    return leads, quality


def _funnel(
    rng: np.random.Generator, quality: np.ndarray, created: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """How far each lead got (1 = lead ... 5 = won) and the day it reached each stage (NaN: not)."""
    n = quality.size

    # Each step passes with a probability that rises with quality.
    def passes(base: float, slope: float) -> np.ndarray:
        return rng.random(n) < 1 / (1 + np.exp(-(base + slope * quality)))

    reached = np.ones(n, dtype=int)  # 1 = lead
    step_ok = [passes(1.0, 0.6), passes(-0.1, 0.9), passes(0.4, 0.7), passes(-0.2, 0.9)]
    alive = np.ones(n, dtype=bool)
    for stage, ok in enumerate(step_ok, start=2):
        alive &= ok
        reached = np.where(alive, stage, reached)
    gaps = [
        rng.gamma(2.0, 3.0, n),
        rng.gamma(2.0, 7.0, n),
        rng.gamma(2.0, 8.0, n),
        rng.gamma(2.0, 10.0, n),
    ]
    stage_days = np.full((n, 5), np.nan)
    stage_days[:, 0] = created
    for k in range(1, 5):
        stage_days[:, k] = stage_days[:, k - 1] + np.ceil(gaps[k - 1])
    for k in range(1, 5):
        stage_days[reached <= k, k] = np.nan
    # Stages that would fall after the end of the data have not happened yet.
    beyond = stage_days > TOTAL_DAYS - 1
    for k in range(1, 5):
        cut = beyond[:, k] & (reached > k)
        reached = np.where(cut, k, reached)
        stage_days[cut, k:] = np.nan
    return reached, stage_days


def _status(reached: np.ndarray, stage_days: np.ndarray) -> np.ndarray:
    """won; open if there was recent activity; otherwise the lead went cold (lost)."""
    last_day = np.nanmax(stage_days, axis=1)
    open_window = np.where(reached >= 3, 75, 40)
    return np.where(
        reached == 5, "won", np.where(TOTAL_DAYS - 1 - last_day <= open_window, "open", "lost")
    )
