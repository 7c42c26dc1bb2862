"""The Gamma-Gamma model of spend per purchase, and customer lifetime value (CLV).

Fader, Hardie & Lee (2005), "RFM and CLV: Using Iso-Value Curves for Customer Base
Analysis" (Journal of Marketing Research 42(4)). Each customer's purchases vary around their
own average spend; those averages differ between customers. Both spreads are gamma
distributions (``p``; ``q`` and ``gamma``), so the expected average spend of a customer is
a weighted mix of the population mean and the customer's own mean: the more purchases we
have seen, the more weight their own mean gets. The model assumes spend does not depend on
how often a customer buys (check it: the correlation of frequency and spend is small).

It uses the repeat buyers only (frequency > 0) with ``monetary`` = the mean spend of their
repeat purchases, as :func:`repeat_summary` computes it. On the CDNOW sample's 946 repeat
buyers of the 39 calibration weeks it reproduces the published p = 6.25, q = 3.74 and
gamma = 15.44.

CLV here = the discounted sum, period by period, of BG/NBD's expected purchases in the
period x Gamma-Gamma's expected spend x margin (:func:`customer_lifetime_value`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import special

from crmkit._validate import (
    require_frame,
    require_number,
    require_numeric,
    require_positive_int,
    require_rate,
)
from crmkit.retention.models._checks import summary_arrays
from crmkit.retention.models._special import _expected_if_alive, _minimize_log_params
from crmkit.retention.models.bgnbd import BGNBDFit, _distinct_rows

PUBLISHED_GAMMA_GAMMA = {"p": 6.25, "q": 3.74, "gamma": 15.44}
"""Fader, Hardie & Lee (2005, JMR): CDNOW 1/10th sample, repeat buyers, 39 calibration weeks."""

NAMES = ("p", "q", "gamma")


def _spend(summary: object, argument: str = "summary") -> tuple[np.ndarray, np.ndarray]:
    """frequency and monetary of a summary, checked (monetary > 0 for repeat buyers)."""
    require_frame(summary, argument, ["frequency", "recency", "T", "monetary"])
    x, _, _ = summary_arrays(summary, argument)
    require_numeric(summary, argument, ["monetary"], allow_missing=False)
    m = summary["monetary"].to_numpy(dtype="float64")
    bad = (x > 0) & ~(np.isfinite(m) & (m > 0))
    if bad.any():
        raise ValueError(
            f"{argument} has {int(bad.sum())} repeat buyer(s) whose monetary value is not above "
            "0 (e.g. only free purchases). The Gamma-Gamma model needs a positive average spend: "
            "drop those customers first, and say so."
        )
    return x, m


def _negative_log_likelihood(
    theta: np.ndarray, x: np.ndarray, m: np.ndarray
) -> tuple[float, np.ndarray]:
    p, q, g = np.exp(theta)
    px = p * x
    mix = np.log(g + m * x)
    ll = (special.gammaln(px + q) - special.gammaln(px) - special.gammaln(q) + q * np.log(g)
          + (px - 1) * np.log(m) + px * np.log(x) - (px + q) * mix)  # fmt: skip
    psi = special.digamma(px + q)
    d_p = x * (psi - special.digamma(px) + np.log(m) + np.log(x) - mix)
    d_q = psi - special.digamma(q) + np.log(g) - mix
    d_g = q / g - (px + q) / (g + m * x)
    grad = np.array([d_p.sum() * p, d_q.sum() * q, d_g.sum() * g])
    return -float(ll.sum()), -grad


@dataclass(frozen=True)
class GammaGammaFit:
    """A fitted Gamma-Gamma spend model.

    >>> fit = GammaGammaFit(p=6.25, q=3.74, gamma=15.44)
    >>> round(fit.mean_spend, 2)
    35.22
    """

    p: float
    q: float
    gamma: float
    log_likelihood: float = math.nan
    n_customers: int = 0

    def __post_init__(self) -> None:
        for name in NAMES:
            require_number(getattr(self, name), name, minimum=0, strict=True)

    @property
    def params(self) -> pd.Series:
        """p, q and gamma as a Series."""
        return pd.Series([self.p, self.q, self.gamma], index=list(NAMES), name="Gamma-Gamma")

    @property
    def mean_spend(self) -> float:
        """The population's mean spend per purchase, p*gamma/(q-1) (exists only when q > 1)."""
        if self.q <= 1:
            raise ValueError(
                f"q = {self.q:.3g} is not above 1, so the model's mean spend is infinite: "
                "the spends have too long a tail for this model."
            )
        return self.p * self.gamma / (self.q - 1)

    def expected_spend(self, summary: pd.DataFrame) -> pd.Series:
        """Expected average spend per future purchase of each customer of ``summary``.

        A mix of the population mean and the customer's own ``monetary``, weighted by their
        number of repeat purchases; the population mean for frequency 0.

        >>> fit = GammaGammaFit(p=6.25, q=3.74, gamma=15.44)
        >>> s = pd.DataFrame({"frequency": [0, 1, 10], "recency": [0, 5, 30], "T": [38] * 3,
        ...                   "monetary": [0.0, 20.0, 20.0]})
        >>> fit.expected_spend(s).round(2).tolist()
        [35.22, 24.64, 20.64]
        """
        x, m = _spend(summary)
        mean = self.mean_spend
        weight = self.p * x / (self.p * x + self.q - 1)
        values = (1 - weight) * mean + weight * np.where(x > 0, m, 0.0)
        return pd.Series(values, index=summary.index, name="expected_spend")


def fit_gamma_gamma(summary: pd.DataFrame) -> GammaGammaFit:
    """Fit the Gamma-Gamma spend model by maximum likelihood to the repeat buyers of ``summary``.

    ``summary`` has ``frequency``, ``recency``, ``T`` and ``monetary`` (mean spend of the repeat
    purchases); customers with frequency 0 are left out, as the model requires.

    >>> from crmkit.data import load_cdnow_sample
    >>> from crmkit.retention.models import repeat_summary
    >>> summary = repeat_summary(load_cdnow_sample(), amount="amount", observation_end="1997-09-30")
    >>> fit = fit_gamma_gamma(summary)
    >>> fit.n_customers, fit.params.round(2).tolist()
    (946, [6.25, 3.74, 15.44])
    """
    x, m = _spend(summary)
    repeat = x > 0
    x, m = x[repeat], m[repeat]
    if x.size < 2 or np.ptp(m) == 0:
        raise ValueError(
            "summary needs at least two repeat buyers with different average spends to fit the "
            f"Gamma-Gamma model; it has {x.size} repeat buyer(s)."
        )
    mean = float(m.mean())
    starts = [
        np.log([p, q, mean * (q - 1) / p]) for p in (1.0, 5.0, 20.0) for q in (2.0, 4.0, 10.0)
    ]
    theta, value = _minimize_log_params(_negative_log_likelihood, starts, (x, m), float(x.size))
    if not np.isfinite(value) or np.abs(theta).max() > 11.5:
        shown = ", ".join(f"{n} = {v:.2g}" for n, v in zip(NAMES, np.exp(theta), strict=True))
        raise ValueError(
            f"The Gamma-Gamma model cannot be identified from these spends ({shown}: a parameter "
            "runs off to 0 or infinity). A huge p means a customer's purchases hardly vary "
            "around their own average, or the averages do not settle as purchases add up; the "
            "model then adds nothing to each customer's own mean spend. Check the monetary "
            "column (mean spend of the repeat purchases)."
        )
    p, q, g = np.exp(theta)
    return GammaGammaFit(float(p), float(q), float(g), -value, int(x.size))


def customer_lifetime_value(
    bgnbd: BGNBDFit,
    gamma_gamma: GammaGammaFit,
    summary: pd.DataFrame,
    horizon: int = 52,
    annual_discount_rate: float = 0.10,
    periods_per_year: int = 52,
    margin: float = 1.0,
) -> pd.DataFrame:
    """Each customer's discounted expected value over the next ``horizon`` periods.

    For every period k = 1..``horizon`` (in the summary's time unit, weeks for CDNOW):
    expected purchases in period k (BG/NBD, given the customer's history) x expected spend
    (Gamma-Gamma) x ``margin`` (1.0: revenue, not profit), discounted by
    (1 + ``annual_discount_rate``) ** (k / ``periods_per_year``). Columns
    ``expected_transactions`` (undiscounted, whole horizon), ``expected_spend`` and ``clv``.

    >>> bg = BGNBDFit(r=0.243, alpha=4.414, a=0.793, b=2.426)
    >>> gg = GammaGammaFit(p=6.25, q=3.74, gamma=15.44)
    >>> s = pd.DataFrame({"frequency": [0, 5], "recency": [0, 36], "T": [38, 38],
    ...                   "monetary": [0.0, 30.0]})
    >>> customer_lifetime_value(bg, gg, s).round(2)
       expected_transactions  expected_spend     clv
    0                   0.26           35.22    8.63
    1                   4.21           30.42  122.53
    """
    if not isinstance(bgnbd, BGNBDFit):
        raise TypeError(f"bgnbd must be a fit from fit_bgnbd, not a {type(bgnbd).__name__}.")
    if not isinstance(gamma_gamma, GammaGammaFit):
        raise TypeError(
            f"gamma_gamma must be a fit from fit_gamma_gamma, not a {type(gamma_gamma).__name__}."
        )
    require_frame(summary, "summary", ["frequency", "recency", "T", "monetary"])
    horizon = require_positive_int(horizon, "horizon")
    rate = require_rate(annual_discount_rate, "annual_discount_rate")
    per_year = require_positive_int(periods_per_year, "periods_per_year")
    margin = require_rate(margin, "margin")
    spend = gamma_gamma.expected_spend(summary).to_numpy()
    x, t_x, big_t = summary_arrays(summary)
    steps = np.arange(0, horizon + 1, dtype="float64")
    first, inverse, _ = _distinct_rows(x, t_x, big_t)
    ux, ut_x, ubig_t = x[first], t_x[first], big_t[first]
    cumulative = bgnbd._p_alive(ux, ut_x, ubig_t)[:, None] * _expected_if_alive(
        bgnbd.r, bgnbd.alpha, bgnbd.a, bgnbd.b, ux[:, None], ubig_t[:, None], steps[None, :]
    )
    per_period = np.diff(cumulative, axis=1)
    discount = (1 + rate) ** (-steps[1:] / per_year)
    purchases = cumulative[:, -1][inverse]
    discounted = (per_period @ discount)[inverse]
    return pd.DataFrame(
        {"expected_transactions": purchases, "expected_spend": spend,
         "clv": margin * spend * discounted},
        index=summary.index,
    )  # fmt: skip
