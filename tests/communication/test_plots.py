"""crmkit.communication.plots: chapter 06's figures, drawn from the course data."""

from __future__ import annotations

import matplotlib.pyplot as plt
from crmkit import communication, data
from crmkit.communication import plots

from tests.figure_support import title


def test_plots_draw_the_course_data() -> None:
    comms, complaints = data.load_communications(), data.load_complaints()
    ax = plots.response_rates(communication.response_rates(comms))
    assert len(ax.patches) == 5
    ax = plots.complaint_pareto(communication.complaint_pareto(complaints))
    assert len(ax.patches) == 6 and title(ax) == "Pareto of complaints"
    ax = plots.handling_times(complaints)
    assert ax.get_xscale() == "log"
    retention = communication.retention_by_handling(complaints)
    ax = plots.retention_after_complaint(retention, cited=communication.CITED_RETENTION)
    assert len(ax.patches) == 4 and ax.get_ylim()[1] > 100
    ax = plots.word_of_mouth(communication.monthly_reach(complaints))
    assert len(ax.patches) == 48
    plt.close("all")


def test_plots_draw_into_a_given_axes() -> None:
    _, ax = plt.subplots()
    retention = communication.retention_by_handling(data.load_complaints())
    assert plots.retention_after_complaint(retention, ax=ax) is ax
    plt.close("all")
