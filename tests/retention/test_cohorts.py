"""crmkit.retention.cohorts: the cohort matrix, sizes, the average curve, retention by age."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from crmkit import retention

from tests.retention.tables import AS_OF, customers, order_lines


def test_active_matrix_by_hand() -> None:
    matrix = retention.cohort_matrix(order_lines(), as_of=AS_OF)
    assert matrix.index.tolist() == ["2024-01", "2024-02", "2024-03"]
    assert matrix.loc["2024-01", [0, 1, 2, 14]].tolist() == [1.0, 0.5, 0.0, 0.5]
    assert matrix.loc["2024-02", 21] == 1.0
    assert matrix.loc["2024-03", 10] == 1.0
    assert retention.cohort_sizes(order_lines(), as_of=AS_OF).tolist() == [2, 1, 1]


def test_unobservable_cells_are_missing_not_zero() -> None:
    matrix = retention.cohort_matrix(order_lines(), as_of="2024-03-31")
    assert matrix.loc["2024-03", 0] == 1.0
    assert np.isnan(matrix.loc["2024-03", 1])
    assert matrix.loc["2024-02", 1] == 0.0


def test_surviving_matrix_by_hand() -> None:
    matrix = retention.cohort_matrix(order_lines(), kind="surviving", as_of=AS_OF)
    # A survives to age 14 (last order 2025-03), B to age 0; C is still a customer on as_of.
    assert matrix.loc["2024-01", [0, 1, 14, 15]].tolist() == [1.0, 0.5, 0.5, 0.0]
    assert matrix.loc["2024-02"].dropna().eq(1.0).all()
    assert matrix.loc["2024-03", [10, 11]].tolist() == [1.0, 0.0]
    assert (matrix.diff(axis=1).fillna(0) <= 1e-9).all().all()  # never rises


def test_segment_and_quarters() -> None:
    matrix = retention.cohort_matrix(order_lines(), customers(), "business", freq="Q", as_of=AS_OF)
    assert matrix.index.tolist() == ["2024Q1"]
    assert matrix.loc["2024Q1", [0, 3, 4]].tolist() == [1.0, 0.0, 1.0]


def test_average_curve_weights_and_skips_missing() -> None:
    matrix = pd.DataFrame({0: [1.0, 1.0, 1.0], 1: [0.5, 0.2, np.nan]}, index=["a", "b", "c"])
    sizes = pd.Series([10, 30, 100], index=["a", "b", "c"])
    assert retention.average_curve(matrix, sizes).tolist() == [1.0, pytest.approx(0.275)]


def test_retention_by_age() -> None:
    curve = pd.Series([1.0, 0.5, 0.4])
    assert retention.retention_by_age(curve).tolist() == [0.5, 0.8]


def test_course_consumers_keep_fewer_than_business(course: dict[str, pd.DataFrame]) -> None:
    curves = {}
    for segment in ("consumer", "business"):
        args = (course["order_lines"], course["customers"], segment)
        matrix = retention.cohort_matrix(*args, kind="surviving")
        curves[segment] = retention.average_curve(matrix, retention.cohort_sizes(*args))
    assert curves["consumer"][12] < curves["business"][12]
    by_age = retention.retention_by_age(curves["consumer"])
    assert by_age[1] < by_age[12]  # retention rises with age: heterogeneity
