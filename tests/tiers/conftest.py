"""Fixtures of the chapter 05 tests: the course data's profitability of 2024 and 2025."""

from __future__ import annotations

import pandas as pd
import pytest
from crmkit import data, tiers


def _year(year: int) -> pd.DataFrame:
    return tiers.year_profitability(
        data.load_customers(),
        data.load_order_lines(),
        data.load_service_events(),
        data.load_invoices(),
        data.load_payments(),
        year,
    )


@pytest.fixture(scope="session")
def profit_2024() -> pd.DataFrame:
    return _year(2024)


@pytest.fixture(scope="session")
def profit_2025() -> pd.DataFrame:
    return _year(2025)
