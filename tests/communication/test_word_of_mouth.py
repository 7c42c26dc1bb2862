"""crmkit.communication.word_of_mouth: monthly reach and the cost of bad word of mouth."""

from __future__ import annotations

import pandas as pd
import pytest
from crmkit import communication

from tests.communication.tables import complaints


def test_monthly_reach_by_hand() -> None:
    reach = communication.monthly_reach(complaints())
    assert [str(month) for month in reach.index] == ["2025-01", "2025-02", "2025-03"]
    assert reach["complaints"].tolist() == [2, 1, 4]
    assert reach["people_told"].tolist() == [3, 4, 34]


def test_cost_by_hand() -> None:
    cost = communication.word_of_mouth_cost(pd.Series({"a": 200, "b": 0}), 0.1, 0.25, 400.0)
    assert cost.loc["a", "lost_prospects"] == 5.0 and cost.loc["a", "lost_value"] == 2000.0
    assert cost.loc["total", "people_told"] == 200
    with pytest.raises(ValueError, match="people_told"):
        communication.word_of_mouth_cost(pd.Series({"a": -1}))
