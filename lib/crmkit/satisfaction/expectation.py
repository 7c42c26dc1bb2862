"""Managing expectation: what a promise does to satisfaction, and the book's cases.

The data has no promised delivery time, so the lesson uses what exists: how fast complaints
are first answered (``complaints.response_hours``). The stated model (:func:`promise_outcomes`):
a promise of ``h`` hours *sets* the customer's expectation to ``h``. An answer later than
``h`` leaves the customer **dissatisfied**; an answer within ``h`` **satisfied**; an answer within
``early_share x h`` (well before the promise) **delighted**. Under-promising (a longer ``h``)
keeps more promises, as long as the promise stays attractive enough to be believed.

:func:`simulate_promise` draws month after month of complaints from the observed answer times
(seeded) to show how much the shares vary from one month to the next.

:data:`CASES` ties each of the book's examples to the lever it pulls.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from crmkit._validate import require_number, require_positive_int, require_rate, require_series

CASES = {
    "ibm": ("expectation", "IBM's rule 'do more than you say': promise less than you deliver."),
    "disney_sign": ("expectation", "Disney posts a 45-minute wait at a queue that moves faster."),
    "shop_dialogues": ("expectation", "Three shop dialogues: show overlooked quality, correct a "
                       "wrong comparison, correct a wrong frame."),
    "intel": ("product", "Intel keeps customers expecting, and getting, the next processor generation."),
    "dell": ("product", "Dell builds each computer to the customer's order."),
    "harley_davidson": ("product", "Harley-Davidson won back riders by fixing its quality."),
    "ge_welch": ("product", "GE under Jack Welch made quality the company's lifeline."),
    "zhang_binggui": ("personnel", "Zhang Binggui's 'ball of fire' warmth at a department store counter."),
    "li_suli": ("personnel", "Li Suli, a bus conductor who served her passengers like family."),
    "mcdonalds_preorder": ("time_cost", "McDonald's takes orders in the queue so the wait feels shorter."),
    "same_price_all_month": ("mental_cost", "A shop guarantees the same price all month: no worry "
                             "about buying the day before a cut."),
}  # fmt: skip
"""The book's cases -> (the lever they pull: 'expectation' or a component, the story in brief)."""
OUTCOMES = ("dissatisfied", "satisfied", "delighted")


def _hours(response_hours: object) -> pd.Series:
    hours = require_series(response_hours, "response_hours", "hours to the first answer",
                           numeric=True)  # fmt: skip
    hours = hours.dropna().astype("float64")
    if hours.empty or (hours < 0).any():
        raise ValueError("response_hours must hold at least one time of 0 hours or more.")
    return hours


def _promises(promises: object) -> list[float]:
    if isinstance(promises, str) or not isinstance(promises, list | tuple) or not promises:
        raise TypeError(f"promises must be a list of hours, such as [24, 48], not {promises!r}.")
    return [require_number(hours, "promises", minimum=0, strict=True) for hours in promises]


def promise_outcomes(
    response_hours: pd.Series, promises: list[float], early_share: float = 0.5
) -> pd.DataFrame:
    """Under the stated model (module docstring), the share of customers ``dissatisfied``,
    ``satisfied`` and ``delighted`` for each promise (hours), and ``kept`` (= 1 - dissatisfied).

    >>> hours = pd.Series([2.0, 10.0, 20.0, 30.0])
    >>> promise_outcomes(hours, [24, 48]).loc["24"].tolist()
    [0.25, 0.25, 0.5, 0.75]
    """
    hours = _hours(response_hours).to_numpy()
    early_share = require_rate(early_share, "early_share")
    rows = {}
    for promise in _promises(promises):
        late = (hours > promise).mean()
        delighted = (hours <= early_share * promise).mean()
        rows[promise] = {"dissatisfied": late, "satisfied": 1 - late - delighted,
                         "delighted": delighted, "kept": 1 - late}  # fmt: skip
    table = pd.DataFrame.from_dict(rows, orient="index").round(4)
    table.index = pd.Index([f"{p:g}" for p in rows], name="promise")
    return table


def simulate_promise(
    response_hours: pd.Series,
    promises: list[float],
    customers: int = 100,
    runs: int = 2000,
    early_share: float = 0.5,
    seed: int = 45,
) -> pd.DataFrame:
    """Seeded simulation: ``runs`` months of ``customers`` complaints, answer times drawn from
    ``response_hours``; per promise the mean and the 5th-95th percentile range of the
    dissatisfied and delighted shares.

    >>> hours = pd.Series([2.0, 10.0, 20.0, 30.0])
    >>> runs = simulate_promise(hours, [24], customers=50, runs=400, seed=1)
    >>> bool(0.2 < runs.loc["24", "dissatisfied_mean"] < 0.3)
    True
    """
    hours = _hours(response_hours).to_numpy()
    customers = require_positive_int(customers, "customers")
    runs = require_positive_int(runs, "runs")
    seed = require_positive_int(seed, "seed", minimum=0)
    early_share = require_rate(early_share, "early_share")
    draws = np.random.default_rng(seed).choice(hours, size=(runs, customers))
    rows = {}
    for promise in _promises(promises):
        late = (draws > promise).mean(axis=1)
        delighted = (draws <= early_share * promise).mean(axis=1)
        rows[f"{promise:g}"] = {
            "dissatisfied_mean": late.mean(),
            "dissatisfied_p5": np.percentile(late, 5),
            "dissatisfied_p95": np.percentile(late, 95),
            "delighted_mean": delighted.mean(),
            "delighted_p5": np.percentile(delighted, 5),
            "delighted_p95": np.percentile(delighted, 95),
        }
    return pd.DataFrame.from_dict(rows, orient="index").round(4).rename_axis("promise")
