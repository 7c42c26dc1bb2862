"""crmkit.selection.matrix: wallet headroom and the customer relative value matrix."""

from __future__ import annotations

import pandas as pd
import pytest
from crmkit import selection

from tests.selection.tables import order_lines


def test_wallet_headroom_by_hand() -> None:
    leads = pd.DataFrame(
        {"customer_id": ["A", "B", "C", pd.NA], "est_monthly_volume": [100.0, 40.0, 10.0, 9.0]}
    )
    table = selection.wallet_headroom(leads, order_lines())
    assert table.index.tolist() == ["A", "B", "C"]
    assert table.loc["A", "wallet"] == 1200.0
    # A bought 900 in 2025, its first order on 2025-01-01 (364 days: 0.997 of a year)
    assert table.loc["A", "spend"] == round(900 / (364 / 365), 2)
    # B's first order on 2025-03-01: 305 days -> 500 / (305 / 365)
    assert table.loc["B", "spend"] == round(500 / (305 / 365), 2)
    assert table.loc["B", "headroom"] == 0.0  # spends more than its wallet
    assert table.loc["C", "spend"] == 0.0 and table.loc["C", "headroom"] == 120.0


def test_value_matrix_quadrants_and_splits() -> None:
    current = pd.Series({"A": 1.0, "B": 2.0, "C": 3.0, "D": 4.0})
    potential = pd.Series({"A": 4.0, "B": 1.0, "C": 2.0, "D": 3.0})
    matrix = selection.value_matrix(current, potential)
    assert matrix["quadrant"].tolist() == ["promising", "marginal", "mature", "star"]
    assert matrix["quadrant"].cat.categories.tolist() == list(selection.QUADRANTS)
    at_split = selection.value_matrix(current, potential, current_split=3.0, potential_split=3.0)
    assert at_split["quadrant"].tolist() == [
        "promising",
        "marginal",
        "marginal",
        "mature",
    ]  # = split is low
    with pytest.raises(ValueError, match="same customers"):
        selection.value_matrix(current, potential.drop("D"))


def test_quadrant_strategy_covers_every_quadrant() -> None:
    assert set(selection.QUADRANT_STRATEGY) == set(selection.QUADRANTS)
