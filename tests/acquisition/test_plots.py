"""crmkit.acquisition.plots: chapter 03's figures."""

from __future__ import annotations

import pandas as pd
import pytest
from crmkit import acquisition
from crmkit.acquisition import plots


def test_funnel_plot() -> None:
    counts = pd.Series({"lead": 200, "contacted": 150, "qualified": 60, "proposal": 40, "won": 20})
    ax = plots.funnel(counts, "A funnel")
    assert ax.get_title(loc="left") == "A funnel"
    assert [round(p.get_width()) for p in ax.patches] == [200, 150, 60, 40, 20]
    labels = [text.get_text() for text in ax.texts]
    assert "10% of leads, 50% of previous" in labels
    with pytest.raises(TypeError, match="counts must be a pandas Series"):
        plots.funnel(counts.to_frame())
    with pytest.raises(ValueError, match="first stage"):
        plots.funnel(pd.Series({"lead": 0, "won": 0}))


def test_chapter_plots_on_course_data(course: dict[str, pd.DataFrame]) -> None:
    leads = course["leads"]
    funnel = acquisition.funnel(leads)
    ax = plots.funnel_by_method(funnel, highlight=["referral", "sms"])
    assert len(ax.lines) == len(funnel) and len(ax.get_legend().get_texts()) == 2
    with pytest.raises(ValueError, match="highlight names rows"):
        plots.funnel_by_method(funnel, highlight=["radio"])
    rates = acquisition.conversion_rates(leads)
    ax = plots.conversion_intervals(rates, overall=0.15)
    assert [t.get_text() for t in ax.get_yticklabels()][-1] == rates["rate"].idxmax()
    table = pd.DataFrame({"cac": [18.0, 120.0], "first_year_gross_profit": [200.0, 1400.0]})
    assert plots.value_vs_cost(table).get_yscale() == "log"
    with pytest.raises(ValueError, match="positive values"):
        plots.value_vs_cost(table.assign(cac=[0.0, 1.0]))
    curves = pd.DataFrame({"x": [1.0, 2.0]}, index=pd.RangeIndex(1, 3, name="month"))
    assert len(plots.payback_curves(curves, pd.Series({"x": 1.5})).lines) == 2
    with pytest.raises(ValueError, match="no value for x"):
        plots.payback_curves(curves, pd.Series({"y": 1.5}))
