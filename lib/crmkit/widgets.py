"""The course's interactive explorers, one name space for the lessons.

Each chapter topic keeps its explorers beside it (``crmkit.value.widgets``,
``crmkit.selection.widgets``...), each a thin shell around a pure, tested
function; this module only gathers their names. ipywidgets is imported only
when an explorer is built.

>>> from crmkit import widgets
>>> widgets.budget_explorer is widgets.acquisition_widgets.budget_explorer
True
"""

from __future__ import annotations

from crmkit.acquisition import widgets as acquisition_widgets
from crmkit.acquisition.widgets import budget_explorer
from crmkit.communication import widgets as communication_widgets
from crmkit.communication.widgets import word_of_mouth_explorer
from crmkit.database import widgets as database_widgets
from crmkit.database.widgets import silence_explorer, stopped_by_silence_factor
from crmkit.recovery import widgets as recovery_widgets
from crmkit.recovery.widgets import targeting_explorer
from crmkit.retention import widgets as retention_widgets
from crmkit.retention.widgets import clv_explorer, lost_customer_explorer
from crmkit.satisfaction import widgets as satisfaction_widgets
from crmkit.satisfaction.widgets import delivered_value_explorer
from crmkit.selection import widgets as selection_widgets
from crmkit.selection.widgets import good_customer_explorer
from crmkit.tiers import widgets as tiers_widgets
from crmkit.tiers.widgets import pyramid_explorer
from crmkit.value import widgets as value_widgets
from crmkit.value.widgets import (
    monthly_revenue_explorer,
    revenue_by_month,
    state_threshold_explorer,
    states_by_threshold,
)

__all__ = [
    "clv_explorer",
    "lost_customer_explorer",
    "retention_widgets",
    "recovery_widgets",
    "targeting_explorer",
    "acquisition_widgets",
    "budget_explorer",
    "communication_widgets",
    "database_widgets",
    "delivered_value_explorer",
    "good_customer_explorer",
    "monthly_revenue_explorer",
    "pyramid_explorer",
    "revenue_by_month",
    "satisfaction_widgets",
    "selection_widgets",
    "silence_explorer",
    "state_threshold_explorer",
    "states_by_threshold",
    "stopped_by_silence_factor",
    "tiers_widgets",
    "value_widgets",
    "word_of_mouth_explorer",
]
