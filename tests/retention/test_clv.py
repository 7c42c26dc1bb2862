"""crmkit.retention.clv: the simple formula, survival CLV, the grid, cohort CLV."""

from __future__ import annotations

import pandas as pd
import pytest
from crmkit import retention

from tests.retention.tables import AS_OF, customers, order_lines, survival


def test_simple_clv_by_hand() -> None:
    assert retention.simple_clv(100.0, 0.5, 0.0) == 100.0
    assert retention.simple_clv(100.0, 0.8, 0.1) == pytest.approx(266.67)
    with pytest.raises(ValueError, match="never ends"):
        retention.simple_clv(100.0, 1.0, 0.0)


def test_survival_clv_by_hand() -> None:
    expected = 10 * (0.8 / 1.1 + 0.6 / 1.1**2 + 0.5 / 1.1**3)
    assert retention.survival_clv(10.0, survival(), 0.1) == pytest.approx(expected, abs=0.01)


def test_grid_and_expected_periods() -> None:
    grid = retention.clv_grid(100.0, 0.1)
    assert grid["clv"].is_monotonic_increasing
    assert retention.expected_periods(0.8) == 5.0


def test_cohort_clv_by_hand() -> None:
    table = retention.cohort_clv(order_lines(), discount=0.0, as_of=AS_OF)
    assert table.loc[2024].tolist() == [77.5, 170.0]
    discounted = retention.cohort_clv(order_lines(), discount=0.1, as_of=AS_OF)
    assert discounted.loc[2024, 1] < 170.0


def test_cohort_clv_of_a_segment_and_an_unfinished_year() -> None:
    table = retention.cohort_clv(order_lines(), customers(), "business", 0.0, as_of="2025-06-30")
    assert table.columns.tolist() == [0, 1]
    assert table.loc[2024, 0] == 200.0
    assert pd.isna(table.loc[2024, 1])
