"""The shifted-beta-geometric (sBG) model of contract renewals (Fader & Hardie 2007).

In a **contractual** setting we see customers leave: each year a customer renews or not.
The sBG model says each customer has their own churn probability, constant over time, and
those probabilities differ across customers like a beta distribution (``alpha``, ``beta``).
The customers most likely to leave leave first, so the **cohort's** retention rate rises
year after year, although no single customer changes. A model with one retention rate for
everyone (:func:`constant_retention_projection`) misses exactly that and projects too few
survivors. On Fader & Hardie's two cohorts (``crmkit.data.load_contract_cohorts``), years
1-7 give the published alpha = 0.704, beta = 1.182 (regular) and 0.668, 3.806 (high end).

Survival is the share of the cohort still a customer at the start of year t:
S(t) = B(alpha, beta + t) / B(alpha, beta); retention in year t is S(t) / S(t-1)
= (beta + t - 1) / (alpha + beta + t - 1).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import optimize, special

from crmkit._validate import require_number, require_positive_int, require_series

PUBLISHED_SBG = {
    "regular": {"alpha": 0.704, "beta": 1.182},
    "high_end": {"alpha": 0.668, "beta": 3.806},
}
"""Fader & Hardie (2007): the sBG fitted to years 1-7 of each cohort."""


def _survivors(survival: object, fit_years: object, every: bool = False) -> tuple[np.ndarray, int]:
    """The survivors at the start of years 0..n as an array, checked, and fit_years (all the
    years when ``every``)."""
    values = require_series(
        survival, "survival", "survivors at the start of each year, year 0 first",
        numeric=True, allow_missing=False,
    )  # fmt: skip
    counts = values.to_numpy(dtype="float64")
    if counts.size < 3:
        raise ValueError(
            "survival needs at least three years (year 0 and two more) to fit two parameters."
        )
    if not np.isfinite(counts).all() or (counts < 0).any() or counts[0] <= 0:
        raise ValueError(
            "survival must hold counts or percentages of 0 or more, with the starting cohort "
            "(year 0) above 0."
        )
    if (np.diff(counts) > 0).any():
        year = int(np.flatnonzero(np.diff(counts) > 0)[0]) + 1
        raise ValueError(
            f"survival rises in year {year}: a cohort can only lose customers. Check the "
            "order (year 0 first) and the figures."
        )
    if every:
        return counts, counts.size - 1
    years = require_positive_int(fit_years, "fit_years", minimum=2)
    if years > counts.size - 1:
        raise ValueError(
            f"fit_years is {years}, but survival covers only years 1 to {counts.size - 1}."
        )
    return counts, years


def _log_likelihood(alpha: float, beta: float, counts: np.ndarray, years: int) -> float:
    """LL of the survivors of years 0..years: those lost in each year, and those still there."""
    t = np.arange(1, years + 1)
    lost = counts[:years] - counts[1 : years + 1]
    log_p = special.betaln(alpha + 1, beta + t - 1) - special.betaln(alpha, beta)
    log_s = special.betaln(alpha, beta + years) - special.betaln(alpha, beta)
    return float(lost @ log_p + counts[years] * log_s)


@dataclass(frozen=True)
class SBGFit:
    """A fitted sBG model: the beta distribution of churn probabilities in a cohort.

    >>> fit = SBGFit(alpha=0.704, beta=1.182)
    >>> fit.survival(3).round(3).tolist()
    [1.0, 0.627, 0.474, 0.388]
    """

    alpha: float
    beta: float
    log_likelihood: float = math.nan
    fit_years: int = 0
    cohort: float = 100.0

    def __post_init__(self) -> None:
        for name in ("alpha", "beta"):
            require_number(getattr(self, name), name, minimum=0, strict=True)

    @property
    def params(self) -> pd.Series:
        """alpha and beta as a Series."""
        return pd.Series([self.alpha, self.beta], index=["alpha", "beta"], name="sBG")

    def survival(self, horizon: int) -> pd.Series:
        """Share of the cohort still a customer at the start of years 0..``horizon``."""
        years = np.arange(require_positive_int(horizon, "horizon") + 1)
        values = np.exp(special.betaln(self.alpha, self.beta + years)
                        - special.betaln(self.alpha, self.beta))  # fmt: skip
        return pd.Series(values, index=pd.Index(years, name="year"), name="survival")

    def retention(self, horizon: int) -> pd.Series:
        """Retention rate of years 1..``horizon``: the share of last year's customers who stay.

        >>> SBGFit(alpha=0.704, beta=1.182).retention(3).round(3).tolist()
        [0.627, 0.756, 0.819]
        """
        years = np.arange(1, require_positive_int(horizon, "horizon") + 1)
        values = (self.beta + years - 1) / (self.alpha + self.beta + years - 1)
        return pd.Series(values, index=pd.Index(years, name="year"), name="retention")

    def projection(self, survival: pd.Series) -> pd.DataFrame:
        """Actual survival beside the sBG and the constant-retention projections.

        One row per year of ``survival`` (index ``year``): ``actual``, ``sbg`` and ``constant``
        (shares of the cohort, 0-1) and ``fitted`` (True for the years the fit used).

        >>> cohort = pd.Series([100, 63.1, 46.8, 38.2, 32.6])
        >>> SBGFit(alpha=0.704, beta=1.182, fit_years=3).projection(cohort).round(3)
              actual    sbg  constant  fitted
        year
        0      1.000  1.000     1.000    True
        1      0.631  0.627     0.706    True
        2      0.468  0.474     0.498    True
        3      0.382  0.388     0.351    True
        4      0.326  0.332     0.248   False
        """
        counts, _ = _survivors(survival, None, every=True)
        years = self.fit_years if self.fit_years >= 2 else counts.size - 1
        horizon = counts.size - 1
        table = pd.DataFrame(
            {
                "actual": counts / counts[0],
                "sbg": self.survival(horizon).to_numpy(),
                "constant": constant_retention_projection(survival, years, horizon).to_numpy(),
            },
            index=pd.Index(np.arange(horizon + 1), name="year"),
        )
        table["fitted"] = table.index <= years
        return table


def fit_sbg(survival: pd.Series, fit_years: int = 7) -> SBGFit:
    """Fit the sBG model by maximum likelihood to the survivors of years 1..``fit_years``.

    ``survival`` holds, year 0 first, the customers (or % of the cohort) still there at the
    start of each year; any later years are left out of the fit, to check the projection.
    Counts and percentages give the same estimates; the log-likelihood is that of the numbers
    given (pass the counts, e.g. percentages x 10 for a cohort of 1,000, for the customers').

    >>> fit = fit_sbg(pd.Series([100, 63.1, 46.8, 38.2, 32.6, 28.9, 26.2, 24.1]))
    >>> round(fit.alpha, 3), round(fit.beta, 3)
    (0.704, 1.182)
    """
    counts, years = _survivors(survival, fit_years)
    if counts[years] == counts[0]:
        raise ValueError("survival shows no customer leaving in the fitted years: nothing to fit.")

    def objective(theta: np.ndarray) -> float:
        return -_log_likelihood(math.exp(theta[0]), math.exp(theta[1]), counts, years)

    result = optimize.minimize(objective, np.zeros(2), method="Nelder-Mead",
                               options={"xatol": 1e-10, "fatol": 1e-12, "maxiter": 4000})  # fmt: skip
    if np.abs(result.x).max() > 11.5 or not np.isfinite(result.fun):
        raise ValueError(
            "The sBG model cannot be identified from this survival curve (a parameter runs off "
            "to 0 or infinity): it looks like one retention rate fits everyone; use "
            "constant_retention_projection."
        )
    alpha, beta = np.exp(result.x)
    return SBGFit(float(alpha), float(beta), -float(result.fun), years, float(counts[0]))


def constant_retention_projection(
    survival: pd.Series, fit_years: int = 7, horizon: int | None = None
) -> pd.Series:
    """Survival projected with ONE retention rate for everyone, fitted to years 1..``fit_years``.

    The rate is the maximum-likelihood estimate of the same model without differences between
    customers (the geometric model): 1 - (customers lost) / (customer-years at risk). It is in
    ``.attrs["retention_rate"]``. Shares of the cohort for years 0..``horizon`` (None: as
    many years as ``survival`` has).

    >>> cohort = pd.Series([100, 63.1, 46.8, 38.2, 32.6])
    >>> projected = constant_retention_projection(cohort, fit_years=3)
    >>> round(projected.attrs["retention_rate"], 3), projected.round(3).tolist()
    (0.706, [1.0, 0.706, 0.498, 0.351, 0.248])
    """
    counts, years = _survivors(survival, fit_years)
    end = counts.size - 1 if horizon is None else require_positive_int(horizon, "horizon")
    lost = counts[0] - counts[years]
    at_risk = counts[:years].sum()
    rate = 1 - lost / at_risk
    steps = np.arange(end + 1)
    projected = pd.Series(rate**steps, index=pd.Index(steps, name="year"), name="constant")
    projected.attrs["retention_rate"] = float(rate)
    return projected
