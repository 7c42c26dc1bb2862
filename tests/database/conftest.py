"""Fixtures of the chapter 04 tests: the course data, the course database, small cases."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from crmkit import database

from tests.database import tables

WARNING_TABLES = (
    "customers",
    "order_lines",
    "invoices",
    "payments",
    "account_plans",
    "service_events",
)


@pytest.fixture(scope="session")
def course(course: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """The six course tables the early warnings read (from the session's course data)."""
    return {name: course[name] for name in WARNING_TABLES}


@pytest.fixture(scope="session")
def course_db() -> Path:
    """The course database of this process (never write to it: use ``writable_db``)."""
    return database.course_database()


@pytest.fixture()
def writable_db(tmp_path: Path, course_db: Path) -> Path:
    """A copy of the course database that a test may change."""
    return Path(shutil.copy(course_db, tmp_path / "copy.sqlite"))


@pytest.fixture(scope="module")
def reader(course_db: Path) -> Iterator[sqlite3.Connection]:
    """A read-only connection to the course database."""
    connection = database.connect_readonly(course_db)
    yield connection
    connection.close()


@pytest.fixture()
def credit_case() -> dict[str, pd.DataFrame]:
    return tables.credit_case()


@pytest.fixture()
def plan_case() -> dict[str, pd.DataFrame]:
    return tables.plan_case()
