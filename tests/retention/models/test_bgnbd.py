"""The BG/NBD model: the published CDNOW estimates, lifetimes' values, and hand-worked cases.

lifetimes' values: BetaGeoFitter().fit(frequency, recency, T) of lifetimes 0.11.3 on the same
39-week CDNOW summary, and its conditional_expected_number_of_purchases_up_to_time(39, ...),
conditional_probability_alive(...) and expected_number_of_purchases_up_to_time(t), computed
once in a separate environment (see test_summary.py); lifetimes is not a course dependency.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from crmkit.retention import models
from crmkit.retention.models import bgnbd
from scipy import optimize, special

LIFETIMES_PARAMS = {"r": 0.24259454342106715, "alpha": 4.413602716077372,
                    "a": 0.7929218333478433, "b": 2.4259057287216237}  # fmt: skip
CASES = pd.DataFrame(
    {"frequency": [0, 1, 2, 5, 10, 0, 3],
     "recency": [0, 5.0, 30.0, 20.0, 35.0, 0, 38.857142857142854],
     "T": [38.0, 38.0, 38.0, 25.0, 38.5, 10.0, 38.857142857142854]}
)  # fmt: skip
LIFETIMES_CONDITIONAL_39 = [0.19833618270586936, 0.31217025983997426, 1.2528093994071885,
                            3.906459276877295, 6.28437655582206, 0.49868228224511435,
                            2.036402531122438]  # fmt: skip
LIFETIMES_P_ALIVE = [1.0, 0.32032935832796816, 0.7300065188147168, 0.7531688412009041,
                     0.8577218477901577, 1.0, 0.8480651403179492]  # fmt: skip
LIFETIMES_EXPECTED = {1: 0.053184287692827806, 10: 0.4317586685918222, 39: 1.1950099744790215,
                      78: 1.8579583170093177, 200: 3.139792678639232}  # fmt: skip


def test_reproduces_the_published_estimates(bgnbd_fit: models.BGNBDFit) -> None:
    published = models.PUBLISHED_BGNBD
    for name in ("r", "alpha", "a", "b"):
        assert f"{getattr(bgnbd_fit, name):.3g}" == f"{published[name]:.3g}", name
    assert round(bgnbd_fit.log_likelihood, 1) == published["log_likelihood"]
    assert bgnbd_fit.n_customers == 2357


def test_equals_lifetimes_parameters(bgnbd_fit: models.BGNBDFit) -> None:
    for name, value in LIFETIMES_PARAMS.items():
        assert getattr(bgnbd_fit, name) == pytest.approx(value, abs=1e-4), name


def test_methods_equal_lifetimes() -> None:
    fit = models.BGNBDFit(**LIFETIMES_PARAMS)
    cases = CASES.set_axis([f"c{i}" for i in range(len(CASES))])
    conditional = fit.conditional_expected_transactions(cases, 39)
    assert conditional.tolist() == pytest.approx(LIFETIMES_CONDITIONAL_39, rel=1e-10)
    assert conditional.index.equals(cases.index) and conditional.name == "expected_transactions"
    assert fit.p_alive(cases).tolist() == pytest.approx(LIFETIMES_P_ALIVE, rel=1e-12)
    expected = fit.expected_transactions(list(LIFETIMES_EXPECTED))
    assert expected.tolist() == pytest.approx(list(LIFETIMES_EXPECTED.values()), rel=1e-10)
    assert isinstance(fit.expected_transactions(39), float)


def per_customer_log_likelihood(params: dict[str, float], x, t_x, big_t) -> float:
    """Equation 6 of the paper term by term, as printed (fine for moderate inputs)."""
    r, alpha, a, b = params["r"], params["alpha"], params["a"], params["b"]
    first = special.gamma(r + x) * alpha**r / (special.gamma(r) * (alpha + big_t) ** (r + x))
    beta_ratio = special.beta(a, b + x) / special.beta(a, b)
    second = np.where(
        x > 0,
        special.beta(a + 1, b + x - 1) / special.beta(a, b)
        * special.gamma(r + x) * alpha**r / (special.gamma(r) * (alpha + t_x) ** (r + x)),
        0.0,
    )  # fmt: skip
    return float(np.log(first * beta_ratio + second).sum())


def test_triplet_likelihood_equals_the_per_customer_sum(calibration: pd.DataFrame) -> None:
    x, t_x, big_t = (
        calibration[c].to_numpy(dtype="float64") for c in ("frequency", "recency", "T")
    )
    theta = np.log([0.3, 4.0, 0.8, 2.0])
    value, _ = bgnbd._negative_log_likelihood(theta, *bgnbd._triplets(x, t_x, big_t))
    params = dict(zip(("r", "alpha", "a", "b"), np.exp(theta), strict=True))
    assert -value == pytest.approx(per_customer_log_likelihood(params, x, t_x, big_t), rel=1e-12)


def test_gradient_is_the_derivative(calibration: pd.DataFrame) -> None:
    x, t_x, big_t = (
        calibration[c].to_numpy(dtype="float64") for c in ("frequency", "recency", "T")
    )
    args = bgnbd._triplets(x, t_x, big_t)
    theta = np.log([0.3, 4.0, 0.8, 2.0])
    _, grad = bgnbd._negative_log_likelihood(theta, *args)
    numeric = optimize.approx_fprime(
        theta, lambda th: bgnbd._negative_log_likelihood(th, *args)[0], 1e-7
    )
    assert grad == pytest.approx(numeric, rel=1e-4)


def test_a_hundred_copies_of_every_customer_give_the_same_fit(
    calibration: pd.DataFrame, bgnbd_fit: models.BGNBDFit
) -> None:
    """The distinct triplets carry the data: 235,700 customers cost about what 2,357 do."""
    copies = pd.concat([calibration[["frequency", "recency", "T"]]] * 100, ignore_index=True)
    big = models.fit_bgnbd(copies)
    assert big.params.to_numpy() == pytest.approx(bgnbd_fit.params.to_numpy(), rel=1e-4)
    assert big.log_likelihood == pytest.approx(100 * bgnbd_fit.log_likelihood, rel=1e-9)
    assert big.n_customers == 235_700


def test_hand_worked_p_alive() -> None:
    """x=5, t_x=36, T=38: odds of having dropped out = a/(b+x-1) * ((alpha+T)/(alpha+t_x))^(r+x)."""
    fit = models.BGNBDFit(r=0.243, alpha=4.414, a=0.793, b=2.426)
    odds = 0.793 / (2.426 + 4) * ((4.414 + 38) / (4.414 + 36)) ** 5.243
    one = pd.DataFrame({"frequency": [5], "recency": [36.0], "T": [38.0]})
    assert fit.p_alive(one).iloc[0] == pytest.approx(1 / (1 + odds), rel=1e-12)
    assert fit.p_alive(one.assign(frequency=0, recency=0.0)).iloc[0] == 1.0


def test_new_customers_buy_at_the_mean_rate_at_first() -> None:
    """Right after the first purchase everyone is alive: E[X(t)] is about (r/alpha) t."""
    fit = models.BGNBDFit(r=0.243, alpha=4.414, a=0.793, b=2.426)
    assert fit.expected_transactions(1e-6) == pytest.approx(0.243 / 4.414 * 1e-6, rel=1e-5)
    assert fit.expected_transactions(0) == 0.0
    values = fit.expected_transactions(np.arange(0, 500, 10.0))
    assert (np.diff(values) > 0).all() and values.index.name == "t"


def test_no_dropout_limit_is_the_nbd() -> None:
    """With a tiny a (almost nobody drops out) the expectation is the NBD's r t / alpha."""
    fit = models.BGNBDFit(r=2.0, alpha=10.0, a=1e-9, b=1.0)
    assert fit.expected_transactions(52) == pytest.approx(2.0 * 52 / 10.0, rel=1e-6)


def test_extreme_customers_give_finite_answers() -> None:
    fit = models.BGNBDFit(r=0.243, alpha=4.414, a=0.793, b=2.426)
    extreme = pd.DataFrame({"frequency": [5000, 300, 1, 0], "recency": [39.9, 38.0, 1e-6, 0.0],
                            "T": [40.0, 1000.0, 1e4, 1e4]})  # fmt: skip
    for t in (1e-9, 39, 1e5):
        values = fit.conditional_expected_transactions(extreme, t)
        assert np.isfinite(values).all() and (values >= 0).all()
    assert fit.p_alive(extreme).between(0, 1).all()


def test_fit_is_reported_as_published_values_table(bgnbd_fit: models.BGNBDFit) -> None:
    params = bgnbd_fit.params
    assert params.index.tolist() == ["r", "alpha", "a", "b"]
    assert math.isfinite(bgnbd_fit.log_likelihood)
