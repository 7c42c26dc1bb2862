"""Fixtures of the comparator tests: a revenue Series and a customer table."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from tests.exercises.compare.support import customer_index


@pytest.fixture
def revenue() -> pd.Series:
    return pd.Series(np.arange(10.0, 110.0, 10.0), index=customer_index(), name="revenue")


@pytest.fixture
def table(revenue: pd.Series) -> pd.DataFrame:
    return revenue.reset_index().assign(orders=np.arange(10), segment=["A", "B"] * 5)
