"""crmkit.recovery.plots: chapter 09's figures, from the hand-made tables."""

from __future__ import annotations

import matplotlib.pyplot as plt
from crmkit import recovery
from crmkit.recovery import plots

from tests.figure_support import snapshot, title
from tests.recovery.tables import (
    cells,
    history,
    lost,
    order_lines,
    outcomes,
    profit_after,
    segments,
    streak_complaints,
    winback,
)


def test_every_figure_draws_and_leaves_the_settings_alone() -> None:
    before = snapshot()
    ax = plots.leaving_reasons(recovery.reason_shares(winback(), segments()))
    assert len(ax.patches) == 12 and "(firm)" in ax.get_yticklabels()[0].get_text()
    ax = plots.warning_scores(recovery.warning_accuracy(history(), outcomes()))
    assert len(ax.patches) == 10
    leads = recovery.warning_lead_times(history(), outcomes(), lookback_days=30)
    assert "never warned: 0" in title(plots.lead_times(leads))
    economics = recovery.campaign_economics(winback(), profit_after(), by=["reason_group", "offer"])
    ax = plots.offer_intervals(economics, column="expected_value")
    assert ax.get_yticklabels()[0].get_text() == "service / none"
    streaks = recovery.complaint_streaks(streak_complaints(), order_lines(), min_orders=1)
    ax = plots.small_failures(streaks)
    assert len(ax.patches) == 2
    assert len(plots.emotion_line().get_lines()) == 3  # two lines and the zero line
    plan = recovery.plan_return({"service": "apology_call", "gone": "skip"}, cells(), lost())
    assert "expected value 230" in title(plots.plan_chart(plan))
    assert "budget 1,000 CNY" in title(plots.plan_chart(plan, budget=1000))
    assert snapshot() == before
    plt.close("all")


def test_figures_draw_into_a_given_axes() -> None:
    _, ax = plt.subplots()
    assert plots.emotion_line(ax=ax) is ax
    plt.close("all")
