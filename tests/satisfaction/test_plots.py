"""crmkit.satisfaction.plots: chapter 07's figures, drawn from the course data."""

from __future__ import annotations

import matplotlib.pyplot as plt
from crmkit import data, satisfaction
from crmkit.satisfaction import plots

from tests.figure_support import title


def test_plots_draw_the_course_data() -> None:
    survey, lines = data.load_survey(), data.load_order_lines()
    gaps = satisfaction.gap_table(survey)
    ax = plots.gap_chart(gaps)
    assert len(ax.patches) == 8
    ipa = satisfaction.ipa_table(gaps["perception"], satisfaction.stated_importance(survey))
    ax = plots.ipa_quadrants(ipa, title="Stated importance")
    assert len(ax.texts) == 8 and title(ax) == "Stated importance"
    ax = plots.repurchase_by_box(satisfaction.repurchase_by_box(survey, lines))
    assert len(ax.patches) == 5 and ax.get_ylim() == (0, 100)
    ax = plots.nps_intervals(satisfaction.nps_table(survey))
    assert ax.get_xlim()[0] >= -100
    ax = plots.delivered_value(satisfaction.survey_profile(survey))
    assert len(ax.patches) == 8 and "delivered value" in title(ax)
    plt.close("all")


def test_plots_draw_into_a_given_axes() -> None:
    _, ax = plt.subplots()
    gaps = satisfaction.gap_table(data.load_survey())
    assert plots.gap_chart(gaps, ax=ax) is ax
    plt.close("all")
