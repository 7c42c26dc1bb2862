"""The Gamma-Gamma spend model and CLV: the published CDNOW estimates, lifetimes, by hand.

lifetimes' values: GammaGammaFitter().fit(frequency, monetary_value) of lifetimes 0.11.3 on
the 946 repeat buyers of the 39-week CDNOW summary, its conditional_expected_average_profit
and customer_lifetime_value, computed once in a separate environment (see test_summary.py).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from crmkit.retention import models

LIFETIMES_PARAMS = {"p": 6.249572277638514, "q": 3.744224674757883, "gamma": 15.443521018353357}
LIFETIMES_SPEND = [
    24.628846698521322,
    35.44065779587011,
    94.7662209868235,
]  # x=1,2,5; m=20,35.5,100


def test_reproduces_the_published_estimates(gamma_gamma_fit: models.GammaGammaFit) -> None:
    for name, value in models.PUBLISHED_GAMMA_GAMMA.items():
        assert round(getattr(gamma_gamma_fit, name), 2) == value, name
    assert gamma_gamma_fit.n_customers == 946


def test_equals_lifetimes(gamma_gamma_fit: models.GammaGammaFit) -> None:
    for name, value in LIFETIMES_PARAMS.items():
        assert getattr(gamma_gamma_fit, name) == pytest.approx(value, abs=1e-4), name
    fit = models.GammaGammaFit(**LIFETIMES_PARAMS)
    rows = pd.DataFrame({"frequency": [1, 2, 5], "recency": [3.0, 9.0, 30.0], "T": [38.0] * 3,
                         "monetary": [20.0, 35.5, 100.0]})  # fmt: skip
    assert fit.expected_spend(rows).tolist() == pytest.approx(LIFETIMES_SPEND, rel=1e-12)


def test_expected_spend_by_hand() -> None:
    """A weighted mean: weight p x / (p x + q - 1) on the customer's own mean."""
    fit = models.GammaGammaFit(p=6.0, q=3.0, gamma=10.0)
    rows = pd.DataFrame({"frequency": [0, 2], "recency": [0.0, 5.0], "T": [10.0, 10.0],
                         "monetary": [0.0, 50.0]})  # fmt: skip
    population = 6.0 * 10.0 / 2.0
    weight = 12.0 / 14.0
    assert fit.mean_spend == population
    assert fit.expected_spend(rows).tolist() == pytest.approx(
        [population, (1 - weight) * population + weight * 50.0]
    )


def test_clv_by_brute_force(calibration: pd.DataFrame, bgnbd_fit, gamma_gamma_fit) -> None:
    rows = calibration.iloc[:40]
    table = models.customer_lifetime_value(bgnbd_fit, gamma_gamma_fit, rows, horizon=12,
                                           annual_discount_rate=0.1, periods_per_year=52)  # fmt: skip
    cumulative = np.column_stack(
        [np.zeros(len(rows))]
        + [bgnbd_fit.conditional_expected_transactions(rows, k).to_numpy() for k in range(1, 13)]
    )
    discount = 1.1 ** (-np.arange(1, 13) / 52)
    expected = np.diff(cumulative, axis=1) @ discount * gamma_gamma_fit.expected_spend(rows)
    assert table["clv"].to_numpy() == pytest.approx(expected.to_numpy(), rel=1e-10)
    assert table["expected_transactions"].to_numpy() == pytest.approx(cumulative[:, -1], rel=1e-12)
    half = models.customer_lifetime_value(bgnbd_fit, gamma_gamma_fit, rows, horizon=12, margin=0.5,
                                          annual_discount_rate=0.1)  # fmt: skip
    assert half["clv"].to_numpy() == pytest.approx(0.5 * table["clv"].to_numpy())


def test_clv_without_discount_is_purchases_times_spend(
    calibration, bgnbd_fit, gamma_gamma_fit
) -> None:
    table = models.customer_lifetime_value(bgnbd_fit, gamma_gamma_fit, calibration,
                                           annual_discount_rate=0.0)  # fmt: skip
    assert table["clv"].to_numpy() == pytest.approx(
        (table["expected_transactions"] * table["expected_spend"]).to_numpy(), rel=1e-9
    )
    assert table.index.equals(calibration.index)
