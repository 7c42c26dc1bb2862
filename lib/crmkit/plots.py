"""The course's figures, one name space for the lessons: ``plots.whale_curve(...)``.

Each chapter topic keeps its own figures beside it (``crmkit.value.plots``,
``crmkit.selection.plots``...) and the course style lives in
``crmkit.style``; this module only gathers their names, so a lesson needs one
import. Every figure is drawn inside ``course_style()``; importing never
changes matplotlib's global settings.

>>> from crmkit import plots
>>> plots.whale_curve is plots.selection_plots.whale_curve
True
"""

from __future__ import annotations

from crmkit.acquisition import plots as acquisition_plots
from crmkit.acquisition.plots import (
    conversion_intervals,
    funnel,
    funnel_by_method,
    payback_curves,
    value_vs_cost,
)
from crmkit.communication import plots as communication_plots
from crmkit.communication.plots import (
    complaint_pareto,
    handling_times,
    response_rates,
    retention_after_complaint,
    word_of_mouth,
)
from crmkit.database import plots as database_plots
from crmkit.database.plots import silence_scatter, warning_history
from crmkit.recovery import plots as recovery_plots
from crmkit.recovery.plots import (
    emotion_line,
    lead_times,
    leaving_reasons,
    offer_intervals,
    plan_chart,
    small_failures,
    warning_scores,
)
from crmkit.retention import plots as retention_plots
from crmkit.retention.plots import (
    breadth_retention,
    clv_by_retention,
    cohort_clv_curves,
    cohort_heatmap,
    lost_customer,
    survival_curves,
)
from crmkit.retention.plots import team_retention as team_retention_plot
from crmkit.satisfaction import plots as satisfaction_plots
from crmkit.satisfaction.plots import (
    delivered_value,
    gap_chart,
    ipa_quadrants,
    nps_intervals,
    repurchase_by_box,
)
from crmkit.selection import plots as selection_plots
from crmkit.selection.plots import (
    cost_breakdown,
    lookalike_lift,
    profit_bridge,
    value_matrix,
    whale_curve,
)
from crmkit.style import PALETTE, STYLE, bar, course_style
from crmkit.tiers import plots as tiers_plots
from crmkit.tiers.plots import migration_heatmap, pareto_curves, pyramids
from crmkit.tiers.plots import selling_time as selling_time_plot
from crmkit.value import plots as value_plots
from crmkit.value.plots import lifecycle, monthly_revenue, rank_scatter

__all__ = [
    "breadth_retention",
    "clv_by_retention",
    "cohort_clv_curves",
    "cohort_heatmap",
    "lost_customer",
    "retention_plots",
    "survival_curves",
    "team_retention_plot",
    "emotion_line",
    "lead_times",
    "leaving_reasons",
    "offer_intervals",
    "plan_chart",
    "recovery_plots",
    "small_failures",
    "warning_scores",
    "PALETTE",
    "STYLE",
    "acquisition_plots",
    "bar",
    "communication_plots",
    "complaint_pareto",
    "conversion_intervals",
    "cost_breakdown",
    "course_style",
    "database_plots",
    "delivered_value",
    "funnel",
    "funnel_by_method",
    "gap_chart",
    "handling_times",
    "ipa_quadrants",
    "lifecycle",
    "lookalike_lift",
    "migration_heatmap",
    "monthly_revenue",
    "nps_intervals",
    "pareto_curves",
    "payback_curves",
    "profit_bridge",
    "pyramids",
    "rank_scatter",
    "repurchase_by_box",
    "response_rates",
    "retention_after_complaint",
    "satisfaction_plots",
    "selection_plots",
    "selling_time_plot",
    "silence_scatter",
    "tiers_plots",
    "value_matrix",
    "value_plots",
    "value_vs_cost",
    "warning_history",
    "whale_curve",
    "word_of_mouth",
]
