"""crmkit.acquisition.widgets: the budget explorer."""

from __future__ import annotations

import pandas as pd
import pytest
from crmkit.acquisition import widgets


def test_budget_explorer_builds_and_checks_its_input(economics: pd.DataFrame) -> None:
    import ipywidgets

    assert isinstance(widgets.budget_explorer(economics), ipywidgets.VBox)
    with pytest.raises(ValueError, match="capacity"):
        widgets.budget_explorer(economics.drop(columns=["capacity"]))
