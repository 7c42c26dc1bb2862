"""crmkit.retention.plots and widgets on the course data; explorers with stand-in widgets."""

from __future__ import annotations

from unittest import mock

import pandas as pd
from crmkit import retention
from crmkit.retention import plots, widgets

from tests.bad_input_support import fake_widgets


def test_cohort_heatmap_of_the_course(course: dict[str, pd.DataFrame]) -> None:
    matrix = retention.cohort_matrix(course["order_lines"], course["customers"], "consumer")
    ax = plots.cohort_heatmap(matrix, "Consumers", max_age=24)
    assert ax.get_title(loc="left") == "Consumers"
    assert len(ax.images) == 1


def test_other_figures() -> None:
    ax = plots.survival_curves({"a": pd.Series([1.0, 0.5])}, title="t")
    assert ax.get_title(loc="left") == "t"
    assert len(plots.clv_by_retention(retention.clv_grid(100.0, 0.1)).get_lines()) == 1


def test_lost_customer_explorer_redraws() -> None:
    with fake_widgets(), mock.patch("crmkit.retention.plots.lost_customer") as drawn:
        assert widgets.lost_customer_explorer() == "box"
        assert drawn.called


def test_clv_explorer_builds() -> None:
    with fake_widgets():
        assert widgets.clv_explorer(1000.0, 0.7) == "box"
