"""The model figures: readable (labelled axes, legend, title) and drawn from the tables."""

from __future__ import annotations

import pandas as pd
import pytest
from crmkit import data
from crmkit.retention import models
from crmkit.retention.models import plots

from tests.retention.models.conftest import CALIBRATION_END, OBSERVATION_END


def readable(ax) -> None:
    assert ax.get_xlabel() and ax.get_ylabel() and ax.get_title(loc="left")
    labels = [text.get_text() for text in ax.get_legend().get_texts()]
    assert "Actual" in labels
    for text in [ax.title, ax.xaxis.label, ax.yaxis.label]:
        assert text.get_fontsize() >= 10


def test_tracking_plot(sample: pd.DataFrame, bgnbd_fit: models.BGNBDFit) -> None:
    tracking = models.tracking_table(bgnbd_fit, sample, CALIBRATION_END, OBSERVATION_END)
    ax = plots.tracking_plot(tracking)
    readable(ax)
    actual, expected, split = ax.get_lines()
    assert list(actual.get_ydata()) == tracking["actual_cumulative"].tolist()
    assert split.get_xdata()[0] == pytest.approx(39.5)
    assert "Week" in ax.get_xlabel()


def test_conditional_expectation_plot(bgnbd_fit, calibration) -> None:
    table = models.conditional_expectations_by_frequency(bgnbd_fit, calibration)
    ax = plots.conditional_expectation_plot(table, title="CDNOW")
    readable(ax)
    assert [t.get_text() for t in ax.get_xticklabels()] == table.index.tolist()
    assert ax.get_title(loc="left") == "CDNOW"


def test_sbg_projection_plot() -> None:
    cohort = data.load_contract_cohorts()["high_end"]
    projection = models.fit_sbg(cohort).projection(cohort)
    ax = plots.sbg_projection_plot(projection)
    readable(ax)
    assert list(ax.get_lines()[0].get_ydata()) == pytest.approx(
        (projection["actual"] * 100).tolist()
    )
    assert ax.get_ylim()[0] == 0
