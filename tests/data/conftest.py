"""Shared fixtures of the course-data tests."""

from __future__ import annotations

import pandas as pd
import pytest
from crmkit import data


@pytest.fixture(scope="module")
def tables() -> dict[str, pd.DataFrame]:
    """Every course table, loaded once through crmkit.data.load."""
    return {name: data.load(name) for name in data.TABLES}
