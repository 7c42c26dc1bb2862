"""The sBG model on Fader & Hardie's (2007) two published cohorts, and hand-worked cases."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from crmkit import data
from crmkit.retention import models


@pytest.fixture(scope="module")
def cohorts() -> pd.DataFrame:
    return data.load_contract_cohorts()


@pytest.mark.parametrize("cohort", ["regular", "high_end"])
def test_reproduces_the_published_estimates(cohorts: pd.DataFrame, cohort: str) -> None:
    """Years 1-7, as in the paper: alpha and beta to three decimals (this also checks the
    typing of the data file)."""
    fit = models.fit_sbg(cohorts[cohort], fit_years=7)
    published = models.PUBLISHED_SBG[cohort]
    assert round(fit.alpha, 3) == published["alpha"]
    assert round(fit.beta, 3) == published["beta"]
    assert fit.fit_years == 7 and fit.cohort == 100.0


def test_counts_and_percentages_give_the_same_estimates(cohorts: pd.DataFrame) -> None:
    share = models.fit_sbg(cohorts["regular"])
    counts = models.fit_sbg(cohorts["regular"] * 10)  # the 1,000 customers
    assert counts.alpha == pytest.approx(share.alpha, rel=1e-6)
    assert counts.log_likelihood == pytest.approx(10 * share.log_likelihood, rel=1e-9)
    assert round(counts.log_likelihood, 1) == -1680.3


def test_survival_and_retention_by_hand() -> None:
    """S(1) = beta/(alpha+beta); r(t) = (beta+t-1)/(alpha+beta+t-1); S(t) = product of r."""
    fit = models.SBGFit(alpha=0.704, beta=1.182)
    survival = fit.survival(12)
    retention = fit.retention(12)
    assert survival.iloc[0] == 1.0
    assert survival.iloc[1] == pytest.approx(1.182 / 1.886, rel=1e-12)
    assert survival.iloc[1:].to_numpy() == pytest.approx(
        np.cumprod(retention.to_numpy()), rel=1e-12
    )
    assert (np.diff(retention.to_numpy()) > 0).all()  # the cohort's retention rises


def test_the_projection_beats_one_retention_rate(cohorts: pd.DataFrame) -> None:
    """The point of the chapter: years 8-12 projected from years 1-7."""
    for cohort in ("regular", "high_end"):
        table = models.fit_sbg(cohorts[cohort]).projection(cohorts[cohort])
        later = table.loc[~table["fitted"]]
        assert later.index.tolist() == [8, 9, 10, 11, 12]
        sbg_error = (later["sbg"] - later["actual"]).abs().max()
        constant_error = (later["constant"] - later["actual"]).abs().max()
        assert sbg_error < 0.02 < 0.1 < constant_error  # within 2 points; one rate: 12 off
        assert (later["constant"] < later["actual"]).all()  # one rate projects too few


def test_constant_retention_by_hand() -> None:
    survival = pd.Series([100.0, 60.0, 40.0, 30.0])
    projected = models.constant_retention_projection(survival, fit_years=2, horizon=5)
    rate = 1 - (100 - 40) / (100 + 60)  # customers lost / customer-years at risk
    assert projected.attrs["retention_rate"] == pytest.approx(rate)
    assert projected.tolist() == pytest.approx([rate**k for k in range(6)])
    assert len(models.constant_retention_projection(survival, fit_years=2)) == 4


def test_a_cohort_without_heterogeneity_gets_one_retention_rate() -> None:
    """Exactly geometric survival (everyone alike): the beta distribution narrows to a point,
    and the sBG's retention is flat at the true rate, like the constant model's."""
    survival = pd.Series(100 * 0.8 ** np.arange(10))
    fit = models.fit_sbg(survival, fit_years=9)
    assert fit.retention(12).to_numpy() == pytest.approx(0.8, abs=1e-3)
    rate = models.constant_retention_projection(survival, fit_years=9).attrs["retention_rate"]
    assert rate == pytest.approx(0.8, rel=1e-9)
