"""Fixtures of the chapter 02 tests: the course data's profitability (small tables: tables.py)."""

from __future__ import annotations

import pandas as pd
import pytest
from crmkit import data, selection


@pytest.fixture(scope="session")
def course_profit() -> pd.DataFrame:
    """The profitability of every customer of the course data, over its whole history."""
    return selection.customer_profitability(
        data.load_customers(),
        data.load_order_lines(),
        data.load_service_events(),
        data.load_invoices(),
        data.load_payments(),
    )
