"""Fixtures of the chapter 08 tests: the course data's tables, loaded once."""

from __future__ import annotations

import pandas as pd
import pytest
from crmkit import data


@pytest.fixture(scope="session")
def course() -> dict[str, pd.DataFrame]:
    return {
        "customers": data.load_customers(),
        "order_lines": data.load_order_lines(),
        "products": data.load_products(),
        "teams": data.load_teams(),
    }
