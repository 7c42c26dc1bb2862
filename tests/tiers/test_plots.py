"""crmkit.tiers.plots: chapter 05's figures, drawn from the course data."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
from crmkit import data, tiers
from crmkit.tiers import plots


def test_plots_draw_the_course_data(profit_2024: pd.DataFrame, profit_2025: pd.DataFrame) -> None:
    ax = plots.pyramids(tiers.pyramid_summary(profit_2025["profit"]))
    assert len(ax.patches) == 8
    curves = {name: tiers.pareto_curve(profit_2025[name]) for name in ("revenue", "profit")}
    ax = plots.pareto_curves(curves)
    assert len(ax.get_lines()) == 4
    before = tiers.pyramid_tiers(profit_2024["profit"])
    after = tiers.pyramid_tiers(profit_2025["profit"])
    ax = plots.migration_heatmap(tiers.migration_shares(tiers.migration_matrix(before, after)))
    assert len(ax.texts) == 25
    groups = tiers.customer_groups(profit_2025["profit"])
    ax = plots.selling_time(tiers.selling_time(data.load_service_events(), groups))
    assert len(ax.patches) == 9
    plt.close("all")


def test_plots_draw_into_a_given_axes() -> None:
    _, ax = plt.subplots()
    summary = pd.DataFrame({"customer_share": [0.2, 0.8], "profit_share": [1.1, -0.1]})
    assert plots.pyramids(summary, ax=ax) is ax
    assert "(loss)" in [text.get_text() for text in ax.texts][-1]
    plt.close("all")
