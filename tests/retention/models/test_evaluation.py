"""Evaluation on the holdout: the tracking table, conditional expectations, error measures."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from crmkit.retention import models

from tests.retention.models.conftest import CALIBRATION_END, OBSERVATION_END


@pytest.fixture(scope="module")
def tracking(sample: pd.DataFrame, bgnbd_fit: models.BGNBDFit) -> pd.DataFrame:
    return models.tracking_table(bgnbd_fit, sample, CALIBRATION_END, OBSERVATION_END)


def test_tracking_counts_agree_with_the_summary(
    tracking: pd.DataFrame, calibration: pd.DataFrame
) -> None:
    """78 weeks; week 39 ends on 30 September 1997; the actual counts are the summary's."""
    assert tracking.index.tolist() == list(range(1, 79)) and tracking.index.name == "week"
    assert tracking["holdout"].sum() == 39 and not tracking["holdout"].iloc[:39].any()
    assert tracking.loc[39, "actual_cumulative"] == calibration["frequency"].sum() == 2457
    holdout = tracking.loc[tracking["holdout"], "actual"].sum()
    assert holdout == calibration["frequency_holdout"].sum() == 1882
    assert tracking["actual"].cumsum().equals(tracking["actual_cumulative"])


def test_expected_cumulative_is_the_sum_over_customers(
    tracking: pd.DataFrame, calibration: pd.DataFrame, bgnbd_fit: models.BGNBDFit
) -> None:
    """At the end of week 39 each customer has been watched for exactly their T weeks."""
    per_customer = sum(bgnbd_fit.expected_transactions(t) for t in calibration["T"])
    assert tracking.loc[39, "expected_cumulative"] == pytest.approx(per_customer, rel=1e-10)
    at_end = sum(bgnbd_fit.expected_transactions(t + 39) for t in calibration["T"])
    assert tracking.loc[78, "expected_cumulative"] == pytest.approx(at_end, rel=1e-10)
    assert tracking["expected"].sum() == pytest.approx(tracking["expected_cumulative"].iloc[-1])


def test_the_model_tracks_the_holdout(sample, bgnbd_fit, calibration, tracking) -> None:
    errors = models.holdout_errors(bgnbd_fit, calibration, tracking)
    assert errors.loc["customers", "value"] == 2357
    assert errors.loc["holdout_actual", "value"] == 1882
    assert errors.loc["tracking_cumulative_mape_pct", "value"] < 5
    assert errors.loc["mae_customer", "value"] < errors.loc["mae_customer_naive", "value"]
    expected = bgnbd_fit.conditional_expected_transactions(calibration, 39)
    mae = (expected - calibration["frequency_holdout"]).abs().mean()
    assert errors.loc["mae_customer", "value"] == pytest.approx(mae, rel=1e-12)
    assert errors["meaning"].str.len().gt(10).all()


def test_conditional_expectations_by_frequency(bgnbd_fit, calibration) -> None:
    table = models.conditional_expectations_by_frequency(bgnbd_fit, calibration)
    assert table.index.tolist() == ["0", "1", "2", "3", "4", "5", "6", "7+"]
    assert table["customers"].sum() == 2357 and table.loc["0", "customers"] == 1411
    zero = calibration["frequency"] == 0
    assert table.loc["0", "actual"] == pytest.approx(
        calibration.loc[zero, "frequency_holdout"].mean()
    )
    assert (np.diff(table["expected"].to_numpy()) > 0).all()  # who bought more, buys more
    assert (table["expected"] - table["actual"]).abs().max() < 0.5


def test_small_tracking_by_hand() -> None:
    """A buys on day 0 and 9 (week 2); B on day 2 and 19 (week 3, the holdout)."""
    fit = models.BGNBDFit(r=0.5, alpha=5.0, a=0.8, b=2.0)
    buys = pd.DataFrame({"customer_id": ["A", "A", "B", "B"],
                         "date": pd.to_datetime(["1997-01-01", "1997-01-10", "1997-01-03", "1997-01-20"])})  # fmt: skip
    table = models.tracking_table(fit, buys, "1997-01-14", "1997-01-28")
    assert table["actual"].tolist() == [0, 1, 1, 0]
    # end of week 1 is day 6: A has been watched 6/7 week, B 4/7
    expected = fit.expected_transactions(6 / 7) + fit.expected_transactions(4 / 7)
    assert table.loc[1, "expected_cumulative"] == pytest.approx(expected, rel=1e-12)
    days = models.tracking_table(fit, buys, "1997-01-14", "1997-01-28", time_unit="D")
    assert len(days) == 28 and days.index.name == "day" and days["actual"].sum() == 2
