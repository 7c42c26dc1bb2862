"""The spring-2024 satisfaction survey: expectations, perceptions and importance per component.

>>> [day.date().isoformat() for day in SURVEY_DATE_RANGE]
['2024-03-01', '2024-04-30']
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from crmkit.synth.calendar import to_dates, to_days
from crmkit.synth.customers import SimulatedCustomers
from crmkit.synth.parameters import SURVEY_PROFILE
from crmkit.vocabulary import SURVEY_COMPONENTS

SURVEY_DATE_RANGE = (pd.Timestamp("2024-03-01"), pd.Timestamp("2024-04-30"))
"""The first and last day answers came in."""


def make_survey(
    rng: np.random.Generator, customers: SimulatedCustomers, end: np.ndarray, teams: pd.DataFrame
) -> pd.DataFrame:
    """A spring-2024 satisfaction survey of active customers.

    For each of the eight delivered-value components the respondent rates
    expectation, perception and importance on 1-7 (for the four costs, a high
    perception means the cost felt low). Overall satisfaction is 1-5 and
    likelihood to recommend 0-10.

    >>> from crmkit.synth.simulation import simulate_history
    >>> history = simulate_history()
    >>> survey = make_survey(history.rng, history.customers, history.end, history.teams)
    >>> bool(survey["overall_satisfaction"].between(1, 5).all()), survey["customer_id"].is_unique
    (True, True)
    """
    table = customers.table
    lo, hi = to_days(pd.Series(list(SURVEY_DATE_RANGE)))
    start = to_days(table["signup_date"])
    active = (start < lo - 30) & (end > hi)
    pool = np.flatnonzero(active)
    # About 85% of active customers answer (the rest ignore the invitation).
    chosen = np.sort(rng.choice(pool, int(round(0.85 * pool.size)), replace=False))
    m = chosen.size
    sat = customers.satisfaction[chosen]
    team_sat = (
        table["team_id"]
        .map(dict(zip(teams["team_id"], teams["employee_satisfaction"], strict=True)))
        .to_numpy()[chosen]
    )
    data: dict[str, object] = {
        "response_id": [f"S{i:04d}" for i in range(1, m + 1)],
        "customer_id": table["customer_id"].to_numpy()[chosen],
        "survey_date": to_dates(rng.integers(lo, hi + 1, m)),
    }
    for comp in SURVEY_COMPONENTS:
        expect_mean, shift, importance_mean = SURVEY_PROFILE[comp]
        expect = np.clip(np.round(rng.normal(expect_mean, 0.9, m)), 1, 7)
        team_effect = 0.45 * (team_sat - 3.7) if comp in ("service", "personnel") else 0.0
        perceive = np.clip(
            np.round(expect + shift + 0.55 * sat + team_effect + rng.normal(0, 0.8, m)), 1, 7
        )
        importance = np.clip(np.round(rng.normal(importance_mean, 0.8, m)), 1, 7)
        data[f"expect_{comp}"] = expect.astype(int)
        data[f"perceive_{comp}"] = perceive.astype(int)
        data[f"importance_{comp}"] = importance.astype(int)
    overall = np.digitize(sat + rng.normal(0, 0.25, m), [-1.6, -0.9, 0.0, 0.8]) + 1
    data["overall_satisfaction"] = overall
    nps_latent = 6.9 + 1.6 * sat + rng.normal(0, 0.9, m)
    data["likelihood_to_recommend"] = np.clip(np.round(nps_latent), 0, 10).astype(int)
    return pd.DataFrame(data)
