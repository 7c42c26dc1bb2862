"""RFM: recency, frequency and monetary value, their quintile scores, and named segments.

* ``recency_days``: days from the customer's last order to ``as_of`` (fewer is better);
* ``frequency``: the number of different orders in the period;
* ``monetary``: the revenue of the period (after discounts).

Scores run from 1 to 5, **5 best** (the most recent, the most orders, the most revenue). Only
customers with an order in the period are scored: a customer without one has no recency.
Ties **share a score** by default: two customers who behave the same get the same score,
so the quintiles are not exactly 20% each (see :func:`rfm_scores`). Everything is vectorised:
a million order lines take about a second (``benchmarks/bench_rfm.py``).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from crmkit._validate import (
    require_choice,
    require_dates,
    require_frame,
    require_numeric,
    require_positive_int,
    require_timestamp,
)
from crmkit.vocabulary import AS_OF

SCORES = ("r_score", "f_score", "m_score")
TIES = ("shared", "first")
SEGMENTS = {
    "champions": "bought recently, often and a lot: key-account care, first look at new teas, ask for referrals",
    "loyal": "buy often: loyalty programme, up-selling and cross-selling",
    "new": "first order recently: a welcome series and an offer on the second order",
    "promising": "recent but not yet frequent: samples and bundles to build the habit",
    "can't lose them": "were frequent big buyers, gone quiet: a personal call from the account manager",
    "at risk": "used to buy often, gone quiet: a reactivation offer before they are lost",
    "hibernating": "rare and quiet: cheap reminders only (newsletter)",
    "lost": "rare and long gone: no tiering budget; chapter 09's win-back decides",
}
"""The segments, in the order their rules are tried (first match wins), with what each gets."""


def rfm_table(
    order_lines: pd.DataFrame, as_of: object = AS_OF, start: object = None
) -> pd.DataFrame:
    """Recency, frequency and monetary value of every customer with an order in the period.

    Counts the order lines dated from ``start`` (None: the beginning) to ``as_of``. One row
    per customer who ordered (index ``customer_id``): ``recency_days`` (days since the last
    order), ``frequency`` (different ``order_id`` values) and ``monetary`` (revenue, CNY).

    >>> lines = pd.DataFrame({"customer_id": ["A", "A", "A", "B"],
    ...     "order_id": ["O1", "O1", "O2", "O3"],
    ...     "order_date": pd.to_datetime(["2025-01-01", "2025-01-01", "2025-12-01", "2025-06-30"]),
    ...     "revenue": [100.0, 50.0, 80.0, 40.0]})
    >>> rfm_table(lines, as_of="2025-12-31")
                 recency_days  frequency  monetary
    customer_id
    A                      30          2     230.0
    B                     184          1      40.0
    """
    require_frame(order_lines, "order_lines", ["customer_id", "order_id", "order_date", "revenue"])
    require_dates(order_lines, "order_lines", ["order_date"])
    require_numeric(order_lines, "order_lines", ["revenue"], allow_missing=False)
    as_of = require_timestamp(as_of, "as_of")
    dates = order_lines["order_date"]
    keep = (dates <= as_of).to_numpy()
    if start is not None:
        keep = keep & (dates >= require_timestamp(start, "start")).to_numpy()
    lines = order_lines.loc[keep, ["customer_id", "order_id", "order_date", "revenue"]]
    codes, ids = pd.factorize(lines["customer_id"].astype("string"), sort=True)
    grouped = pd.DataFrame(
        {"last": lines["order_date"].to_numpy(), "revenue": lines["revenue"].to_numpy()}
    ).groupby(codes)
    first_lines = ~lines["order_id"].duplicated().to_numpy()  # one line per order
    frequency = np.bincount(codes[first_lines], minlength=len(ids))
    table = pd.DataFrame(index=pd.Index(ids, name="customer_id"))
    table["recency_days"] = (as_of - grouped["last"].max()).dt.days.to_numpy().astype("int64")
    table["frequency"] = frequency.astype("int64")
    table["monetary"] = grouped["revenue"].sum().round(2).to_numpy()
    return table


def _score(goodness: pd.Series, bins: int, ties: str) -> np.ndarray:
    """1..bins by rank of ``goodness`` (higher is better): rank r of n gets 1 + floor(bins(r-1)/n).

    ``shared``: tied customers all take the lowest rank of their group (rank method "min"),
    so they get the same score. ``first``: ties are broken by the order of the rows.
    """
    ranks = goodness.rank(method="min" if ties == "shared" else "first").to_numpy()
    return (1 + np.floor(bins * (ranks - 1) / len(goodness))).astype("int64")


def rfm_scores(rfm: pd.DataFrame, bins: int = 5, ties: str = "shared") -> pd.DataFrame:
    """R, F and M scores from 1 to ``bins`` (5 = best), and the three-digit ``rfm_code``.

    ``rfm`` is a table from :func:`rfm_table`. The score of a customer ranked r-th of n
    (worst first) is 1 + floor(bins x (r - 1) / n). Recency is ranked the other way: fewer
    days is better, so the most recent customers get 5. ``ties``: ``"shared"`` (the default)
    gives tied customers the same score, the lowest their group reaches, so a large block of
    one-order customers all get F = 1; ``"first"`` makes bins of equal size by breaking ties
    in row order (``rank(method="first")``), which gives identical customers different scores.

    >>> rfm = pd.DataFrame({"recency_days": [5, 40, 300, 6, 90], "frequency": [9, 1, 1, 4, 1],
    ...     "monetary": [900.0, 40.0, 60.0, 300.0, 50.0]}, index=list("ABCDE"))
    >>> rfm_scores(rfm)
       r_score  f_score  m_score rfm_code
    A        5        5        5      555
    B        3        1        1      311
    C        1        1        3      113
    D        4        4        4      444
    E        2        1        2      212
    """
    require_numeric(rfm, "rfm", ["recency_days", "frequency", "monetary"], allow_missing=False)
    bins = require_positive_int(bins, "bins", minimum=2)
    ties = require_choice(ties, TIES, "ties", "ties")
    if rfm.empty:
        raise ValueError("rfm has no rows: pass the table from tiers.rfm_table().")
    scores = pd.DataFrame(index=rfm.index)
    scores["r_score"] = _score(-rfm["recency_days"], bins, ties)
    scores["f_score"] = _score(rfm["frequency"], bins, ties)
    scores["m_score"] = _score(rfm["monetary"], bins, ties)
    scores["rfm_code"] = (
        scores["r_score"].astype("string")
        + scores["f_score"].astype("string")
        + scores["m_score"].astype("string")
    )
    return scores


def rfm_segments(scores: pd.DataFrame) -> pd.Series:
    """A segment name a manager would use, from the 1-5 scores (rules tried in order).

    ``scores`` is a table from :func:`rfm_scores` (scores 1 to 5). The rules, first match
    wins: champions (R >= 4, F >= 4, M >= 4), loyal (R >= 3, F >= 4), new (R >= 4, F = 1),
    promising (R >= 3), can't lose them (R <= 2, F >= 4, M >= 4), at risk (R <= 2, F >= 3),
    hibernating (R = 2), lost (the rest: R = 1, F <= 2). :data:`SEGMENTS` says what each gets.

    >>> scores = pd.DataFrame({"r_score": [5, 4, 1, 2, 1], "f_score": [5, 1, 5, 3, 1],
    ...     "m_score": [5, 2, 5, 2, 1]}, index=list("ABCDE"))
    >>> rfm_segments(scores).tolist()
    ['champions', 'new', "can't lose them", 'at risk', 'lost']
    """
    require_numeric(scores, "scores", list(SCORES), allow_missing=False)
    r, f, m = (scores[column].to_numpy() for column in SCORES)
    out_of_range = [c for c in SCORES if not scores[c].between(1, 5).all()]
    if out_of_range:
        raise ValueError(
            f"scores must run from 1 to 5; {', '.join(out_of_range)} go outside. "
            "Use rfm_scores(rfm, bins=5)."
        )
    rules = [
        (r >= 4) & (f >= 4) & (m >= 4),
        (r >= 3) & (f >= 4),
        (r >= 4) & (f == 1),
        r >= 3,
        (r <= 2) & (f >= 4) & (m >= 4),
        (r <= 2) & (f >= 3),
        r == 2,
    ]
    names = list(SEGMENTS)
    chosen = np.select(rules, names[:-1], names[-1])
    return pd.Series(pd.Categorical(chosen, categories=names), index=scores.index, name="segment")
