"""crmkit.database.build: building, opening and listing the database file."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from crmkit import data, database


def test_build_refuses_to_overwrite_and_rebuilds_on_request(tmp_path: Path) -> None:
    path = tmp_path / "jade.sqlite"
    path.write_bytes(b"precious")
    with pytest.raises(database.DatabaseExistsError, match="overwrite=True"):
        database.build_database(path)
    assert path.read_bytes() == b"precious"  # untouched
    assert database.build_database(path, overwrite=True) == path
    connection = sqlite3.connect(path)
    assert connection.execute("SELECT COUNT(*) FROM customers").fetchone()[0] == len(
        data.load_customers()
    )
    connection.close()
    assert not list(tmp_path.glob("*.building"))


def test_build_needs_an_existing_folder(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="does not exist"):
        database.build_database(tmp_path / "no" / "such" / "db.sqlite")
    with pytest.raises(IsADirectoryError):
        database.build_database(tmp_path)


def test_tables_hold_the_course_data(course_db: Path) -> None:
    connection = database.connect_readonly(course_db)
    tables = database.list_tables(connection).set_index("name")
    for table in ["customers", "products", "invoices", "payments", "account_plans", "teams"]:
        assert tables.loc[table, "rows"] == len(data.load(table)), table
    assert tables.loc["orders", "rows"] == data.load_order_lines()["order_id"].nunique()
    assert tables.loc["order_lines", "rows"] == len(data.load_order_lines())
    assert {
        "warn_credit",
        "warn_behind_plan",
        "warn_over_budget",
        "warn_stopped",
        "warning_list",
    } <= set(tables.index[tables["type"] == "view"])
    assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
    connection.close()


def test_readonly_connection(course_db: Path) -> None:
    analyst = database.connect_readonly(course_db, hide_personal=True)
    row = analyst.execute(
        "SELECT customer_id, name, email, phone, city FROM customers LIMIT 1"
    ).fetchone()
    assert row[0] == "B001" and row[1:4] == (None, None, None) and row[4] is not None
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        analyst.execute("DELETE FROM customers")
    with pytest.raises(sqlite3.DatabaseError, match="not authorized"):
        analyst.execute("ATTACH DATABASE ':memory:' AS other")
    analyst.close()
    everyone = database.connect_readonly(course_db)
    assert everyone.execute("SELECT name FROM customers LIMIT 1").fetchone()[0] is not None
    everyone.close()


def test_connect_needs_an_existing_file(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="build_database"):
        database.connect(tmp_path / "missing.sqlite")
    with pytest.raises(FileNotFoundError):
        database.connect_readonly(tmp_path / "missing.sqlite")


def test_course_database_is_cached() -> None:
    assert database.course_database() == database.course_database()


def test_stale_course_databases_are_removed(tmp_path: Path) -> None:
    """A new process's course_database() removes the folders of processes that ended (and its
    own when it ends), never those of a running process or a folder it did not make."""
    import os
    import subprocess
    import sys

    finished = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    dead = tmp_path / f"crmkit-course-db-{int(finished.stdout)}-abc123"
    alive = tmp_path / f"crmkit-course-db-{os.getpid()}-def456"
    other = tmp_path / "crmkit-course-db-notanumber-x"
    for folder in (dead, alive, other):
        folder.mkdir()
    built = subprocess.run(
        [sys.executable, "-c", "from crmkit import database; print(database.course_database())"],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "TMPDIR": str(tmp_path)},
    )
    assert Path(built.stdout.strip()).is_relative_to(tmp_path)
    assert not dead.exists() or os.name != "posix"
    assert alive.exists() and other.exists()
    assert set(tmp_path.glob("crmkit-course-db-*")) == {alive, other} | (
        set() if os.name == "posix" else {dead}
    )


def test_pseudonymised_build(tmp_path: Path) -> None:
    path = database.build_database(tmp_path / "analysis.sqlite", pseudonymise_key="x" * 20)
    connection = database.connect_readonly(path)
    name, email = connection.execute(
        "SELECT name, email FROM customers WHERE customer_id = 'B001'"
    ).fetchone()
    assert name.startswith("name_") and email.startswith("email_")
    raw_name = connection.execute(
        "SELECT name FROM customers_raw WHERE record_id = 'B001'"
    ).fetchone()[0]
    assert raw_name == name  # the same key gives the same pseudonym in both tables
    connection.close()
