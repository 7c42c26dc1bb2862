"""The BG/NBD model of repeat buying (Fader, Hardie & Lee 2005, "Counting Your Customers").

In a **non-contractual** setting nobody says goodbye: a customer who stops buying looks
the same as one who is resting. The BG/NBD model tells them apart with two stories:

* while active, each customer buys at their own steady rate (Poisson), and the rates differ
  between customers like a gamma distribution (shape ``r``, scale ``alpha``);
* after each purchase a customer may drop out for good, with their own probability, and
  those probabilities differ like a beta distribution (``a``, ``b``).

Only frequency, recency and T are needed (see :mod:`.summary`). The fit maximises the
likelihood over the **distinct** (frequency, recency, T) triplets weighted by how many
customers share them - so a million customers cost little more than the 2,357 of the
CDNOW sample - on log-parameters (always positive), from good starting values, with an
analytic gradient. Data that cannot identify the model get a clear message instead of a
"convergence error". On the CDNOW sample's 39 calibration weeks it reproduces the published
r = 0.243, alpha = 4.414, a = 0.793, b = 2.426 and log-likelihood -9582.4.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import special

from crmkit._validate import require_number
from crmkit.retention.models._checks import require_times, summary_arrays
from crmkit.retention.models._special import _expected_if_alive, _minimize_log_params

PUBLISHED_BGNBD = {"r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426, "log_likelihood": -9582.4}
"""Fader, Hardie & Lee (2005), CDNOW 1/10th sample, 39-week calibration (time in weeks)."""

NAMES = ("r", "alpha", "a", "b")
LIMIT = 11.5  # |log parameter| beyond this (about 1e5 or 1e-5): the data do not pin it down


def _triplets(x: np.ndarray, t_x: np.ndarray, big_t: np.ndarray) -> tuple[np.ndarray, ...]:
    """The distinct (x, t_x, T) rows and how many customers share each.

    Each column is hashed to integer codes and the three codes combined into one integer,
    which is much faster than ``np.unique(axis=0)`` on a million rows of floats."""
    first, _, counts = _distinct_rows(x, t_x, big_t)
    return x[first], t_x[first], big_t[first], counts.astype("float64")


def _distinct_rows(*columns: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For rows made of ``columns``: the first row of each distinct row, each row's distinct
    row number, and how many rows share each."""
    key = np.zeros(len(columns[0]), dtype="int64")
    for column in columns:
        codes, uniques = pd.factorize(column)
        key = key * len(uniques) + codes
    _, first, inverse, counts = np.unique(
        key, return_index=True, return_inverse=True, return_counts=True
    )
    return first, inverse.reshape(-1), counts


def _negative_log_likelihood(
    theta: np.ndarray, x: np.ndarray, t_x: np.ndarray, big_t: np.ndarray, n: np.ndarray
) -> tuple[float, np.ndarray]:
    """-LL and its gradient in the log-parameters (eq. 6 of the paper, in log space)."""
    r, alpha, a, b = np.exp(theta)
    repeat = x > 0
    bx1 = np.where(repeat, b + x - 1.0, 1.0)
    a1 = special.gammaln(r + x) - special.gammaln(r) + r * math.log(alpha)
    a2 = special.betaln(a, b + x) - special.betaln(a, b)
    a3 = -(r + x) * np.log(alpha + big_t)
    a4 = np.where(repeat, math.log(a) - np.log(bx1) - (r + x) * np.log(alpha + t_x), -np.inf)
    mix = np.logaddexp(a3, a4)
    w = np.exp(a4 - mix)  # the share of the "dropped out after the last purchase" story
    d_r = (special.digamma(r + x) - special.digamma(r) + math.log(alpha)
           - (1 - w) * np.log(alpha + big_t) - w * np.log(alpha + t_x))  # fmt: skip
    d_alpha = r / alpha - (r + x) * ((1 - w) / (alpha + big_t) + w / (alpha + t_x))
    psi_ab = special.digamma(a + b) - special.digamma(a + b + x)
    d_a = psi_ab + w / a
    d_b = psi_ab + special.digamma(b + x) - special.digamma(b) - w * np.where(repeat, 1 / bx1, 0)
    grad = np.array([n @ d_r * r, n @ d_alpha * alpha, n @ d_a * a, n @ d_b * b])
    return -float(n @ (a1 + a2 + mix)), -grad


def _starts(x: np.ndarray, big_t: np.ndarray, n: np.ndarray) -> list[np.ndarray]:
    """A few starting points around the purchase rate of the data (log-parameters)."""
    rate = max(float(n @ x) / max(float(n @ big_t), 1e-9), 1e-6)
    return [
        np.log([r, r / rate, a, b])
        for r in (0.25, 1.0)
        for a, b in ((1.0, 2.0), (0.5, 5.0), (2.0, 1.0))
    ]


def _identifiable(x: np.ndarray, n: np.ndarray, argument: str) -> None:
    """Refuse data that cannot estimate the four parameters, saying why."""
    if not (x > 0).any():
        raise ValueError(
            f"{argument} has no repeat buyers (every frequency is 0), so the BG/NBD model "
            "cannot learn how often customers buy or when they drop out. Use a longer "
            "calibration period, or more customers."
        )
    if x.size < 4:
        raise ValueError(
            f"{argument} has only {x.size} different (frequency, recency, T) combination(s); "
            "the BG/NBD model has four parameters and needs more variety (more customers, or "
            "customers who started at different times)."
        )


def _runaway(theta: np.ndarray) -> str | None:
    """The parameters that ran off to 0 or infinity, in words (None when all are pinned down)."""
    what = {"r": "purchase rates", "alpha": "purchase rates", "a": "drop-out", "b": "drop-out"}
    gone = [(name, value) for name, value in zip(NAMES, theta, strict=True) if abs(value) > LIMIT]
    if not gone:
        return None
    shown = " and ".join(f"{name} to {math.exp(value):.2g}" for name, value in gone)
    topics = " and ".join(sorted({what[name] for name, _ in gone}))
    return f"{shown} (the {topics} part of the model)"


@dataclass(frozen=True)
class BGNBDFit:
    """A fitted BG/NBD model: its four parameters and what follows from them.

    Time is in the unit of the summary it was fitted on (weeks for the CDNOW summaries).

    >>> fit = BGNBDFit(r=0.243, alpha=4.414, a=0.793, b=2.426)
    >>> round(fit.expected_transactions(39), 3)
    1.197
    """

    r: float
    alpha: float
    a: float
    b: float
    log_likelihood: float = math.nan
    n_customers: int = 0

    def __post_init__(self) -> None:
        for name in NAMES:
            require_number(getattr(self, name), name, minimum=0, strict=True)

    @property
    def params(self) -> pd.Series:
        """r, alpha, a and b as a Series."""
        return pd.Series([self.r, self.alpha, self.a, self.b], index=list(NAMES), name="BG/NBD")

    def expected_transactions(self, t: object) -> float | pd.Series:
        """E[X(t)]: expected repeat purchases of a new customer in their first ``t`` time units.

        A number gives a float; a list, array or Series gives a Series indexed by ``t``.

        >>> fit = BGNBDFit(r=0.243, alpha=4.414, a=0.793, b=2.426)
        >>> fit.expected_transactions([13, 26]).round(3).tolist()
        [0.534, 0.903]
        """
        times, single = require_times(t, "t")
        zero = np.zeros_like(times)
        values = _expected_if_alive(self.r, self.alpha, self.a, self.b, zero, zero, times)
        if single:
            return float(values[0])
        return pd.Series(values, index=pd.Index(times, name="t"), name="expected_transactions")

    def p_alive(self, summary: pd.DataFrame) -> pd.Series:
        """P(alive): the probability that each customer of ``summary`` is still active.

        1 for a customer without a repeat purchase (in this model dropping out happens only
        right after a purchase); lower the longer a frequent buyer has been silent.

        >>> fit = BGNBDFit(r=0.243, alpha=4.414, a=0.793, b=2.426)
        >>> s = pd.DataFrame({"frequency": [0, 5, 5], "recency": [0, 36, 10], "T": [38, 38, 38]})
        >>> fit.p_alive(s).round(3).tolist()
        [1.0, 0.863, 0.027]
        """
        x, t_x, big_t = summary_arrays(summary, "summary")
        return pd.Series(self._p_alive(x, t_x, big_t), index=summary.index, name="p_alive")

    def _p_alive(self, x: np.ndarray, t_x: np.ndarray, big_t: np.ndarray) -> np.ndarray:
        repeat = x > 0
        bx1 = np.where(repeat, self.b + x - 1.0, 1.0)
        odds = (math.log(self.a) - np.log(bx1)
                + (self.r + x) * (np.log(self.alpha + big_t) - np.log(self.alpha + t_x)))  # fmt: skip
        return np.where(repeat, special.expit(-odds), 1.0)

    def conditional_expected_transactions(self, summary: pd.DataFrame, t: object) -> pd.Series:
        """Expected purchases of each customer of ``summary`` in the next ``t`` time units.

        P(alive) times what an active customer with this history buys (eq. 10 of the paper,
        evaluated stably for any frequency and any ``t``).

        >>> fit = BGNBDFit(r=0.243, alpha=4.414, a=0.793, b=2.426)
        >>> s = pd.DataFrame({"frequency": [0, 5, 5], "recency": [0, 36, 10], "T": [38, 38, 38]})
        >>> fit.conditional_expected_transactions(s, 39).round(3).tolist()
        [0.199, 3.34, 0.106]
        """
        x, t_x, big_t = summary_arrays(summary, "summary")
        times, single = require_times(t, "t")
        if not single:
            raise TypeError("t must be one length of time (a number), such as 39.")
        values = self._p_alive(x, t_x, big_t) * _expected_if_alive(
            self.r, self.alpha, self.a, self.b, x, big_t, times[0]
        )
        return pd.Series(values, index=summary.index, name="expected_transactions")


def fit_bgnbd(summary: pd.DataFrame) -> BGNBDFit:
    """Fit the BG/NBD model by maximum likelihood to a frequency/recency/T summary.

    ``summary`` is one row per customer (from :func:`repeat_summary` or
    :func:`calibration_holdout_summary`); the fit works on the distinct triplets with their
    counts. A clear ValueError explains impossible rows and data that cannot identify the
    model (for example no repeat buyers).

    >>> from crmkit.data import load_cdnow_sample
    >>> from crmkit.retention.models import calibration_holdout_summary
    >>> summary = calibration_holdout_summary(load_cdnow_sample(), "1997-09-30", "1998-06-30")
    >>> fit = fit_bgnbd(summary)
    >>> fit.params.round(3).tolist(), round(fit.log_likelihood, 1)
    ([0.243, 4.414, 0.793, 2.426], -9582.4)
    """
    x, t_x, big_t = summary_arrays(summary, "summary")
    ux, ut_x, ubig_t, n = _triplets(x, t_x, big_t)
    _identifiable(ux, n, "summary")
    args = (ux, ut_x, ubig_t, n)
    theta, value = _minimize_log_params(
        _negative_log_likelihood, _starts(ux, ubig_t, n), args, float(n.sum())
    )
    runaway = _runaway(theta)
    if runaway or not np.isfinite(value):
        raise ValueError(
            "The BG/NBD model cannot be identified from this summary: the best fit pushes "
            f"{runaway or 'the likelihood to infinity'}, so the data cannot tell how much "
            "customers differ there (for example: only a handful of repeat buyers, or every "
            "repeat buyer bought again near the end, so nobody seems to drop out). Use a longer "
            "calibration period or more customers, and check the summary."
        )
    r, alpha, a, b = np.exp(theta)
    return BGNBDFit(float(r), float(alpha), float(a), float(b), -value, int(n.sum()))
