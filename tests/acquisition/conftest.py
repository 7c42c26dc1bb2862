"""Fixtures of the chapter 03 tests: small cases built from tables.py, and the course data."""

from __future__ import annotations

import pandas as pd
import pytest

from tests.acquisition.tables import customer_table, economics_table, lead_table, line_table


@pytest.fixture
def leads() -> pd.DataFrame:
    # method a: one lead at each stage (the won one won), plus one open lead at "qualified";
    # method b: two wins and one lead lost at once.
    return lead_table(
        ("a", "2025-01-01", "lead", "lost", 10.0),
        ("a", "2025-01-02", "contacted", "lost", 20.0),
        ("a", "2025-01-03", "qualified", "lost", 30.0),
        ("a", "2025-01-04", "proposal", "lost", 40.0),
        ("a", "2025-01-05", "won", "won", 100.0),
        ("a", "2025-12-01", "qualified", "open", 500.0),
        ("b", "2025-02-01", "won", "won", 60.0),
        ("b", "2025-02-01", "won", "won", 60.0),
        ("b", "2025-02-01", "lead", "lost", 30.0),
    )


@pytest.fixture
def economics() -> pd.DataFrame:
    return economics_table()


@pytest.fixture
def two_consumers() -> tuple[pd.DataFrame, pd.DataFrame]:
    customers = customer_table(
        ("C1", "consumer", "2024-01-01", "x", 10.0),  # full year
        ("C2", "consumer", "2025-06-01", "y", 50.0),  # first year not over
    )
    lines = line_table(
        ("C1", "2023-12-31", 999.0, 0.0),  # before sign-up: not counted
        ("C1", "2024-01-01", 100.0, 60.0),  # day 0
        ("C1", "2024-12-30", 50.0, 20.0),  # day 364: inside
        ("C1", "2024-12-31", 70.0, 10.0),  # day 365: outside
        ("C2", "2025-06-01", 80.0, 40.0),
    )
    return customers, lines
