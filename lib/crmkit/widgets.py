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
from crmkit.selection import widgets as selection_widgets
from crmkit.selection.widgets import good_customer_explorer
from crmkit.value import widgets as value_widgets
from crmkit.value.widgets import state_threshold_explorer, states_by_threshold

__all__ = [
    "acquisition_widgets",
    "budget_explorer",
    "good_customer_explorer",
    "selection_widgets",
    "state_threshold_explorer",
    "states_by_threshold",
    "value_widgets",
]
