"""Fixtures of the model tests: the CDNOW sample, its 39-week calibration summary, the fits."""

from __future__ import annotations

import pandas as pd
import pytest
from crmkit import data
from crmkit.retention import models

CALIBRATION_END, OBSERVATION_END = "1997-09-30", "1998-06-30"


@pytest.fixture(scope="session")
def sample() -> pd.DataFrame:
    return data.load_cdnow_sample()


@pytest.fixture(scope="session")
def calibration(sample: pd.DataFrame) -> pd.DataFrame:
    return models.calibration_holdout_summary(
        sample, CALIBRATION_END, OBSERVATION_END, amount="amount"
    )


@pytest.fixture(scope="session")
def bgnbd_fit(calibration: pd.DataFrame) -> models.BGNBDFit:
    return models.fit_bgnbd(calibration)


@pytest.fixture(scope="session")
def gamma_gamma_fit(calibration: pd.DataFrame) -> models.GammaGammaFit:
    return models.fit_gamma_gamma(calibration)
