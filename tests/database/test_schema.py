"""crmkit.database.schema: the constraints, indexes and views of the database file.

Every warning view must give exactly what its pandas twin in crmkit.database.early_warnings gives.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pandas as pd
import pytest
from crmkit import database


def test_constraints_are_enforced(writable_db: Path) -> None:
    connection = database.connect(writable_db)
    bad = [
        "INSERT INTO orders VALUES ('O999999', 'C9999', '2025-12-31')",  # unknown customer
        "INSERT INTO orders VALUES ('O000001', 'C0001', '2025-12-31')",  # repeated key
        "UPDATE customers SET signup_date = '2026-13-01' WHERE customer_id = 'C0001'",
        "UPDATE customers SET signup_date = '2027-02-30' WHERE customer_id = 'C0001'",
        "UPDATE customers SET segment = 'Consumer' WHERE customer_id = 'C0001'",
        "UPDATE customers SET email = UPPER((SELECT email FROM customers WHERE customer_id = 'B002')) "
        "WHERE customer_id = 'B001'",
        "DELETE FROM customers WHERE customer_id = 'B001'",  # its orders would be orphans
    ]
    for statement in bad:
        with pytest.raises(sqlite3.IntegrityError):
            with connection:
                connection.execute(statement)
    connection.close()


def test_join_columns_are_indexed(course_db: Path) -> None:
    connection = database.connect_readonly(course_db)
    indexed = {
        (row[2], connection.execute(f"PRAGMA index_info('{row[1]}')").fetchone()[2])
        for table in [
            "orders",
            "order_lines",
            "invoices",
            "payments",
            "service_events",
            "customers",
        ]
        for row in [
            (None, name, table)
            for (name,) in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ?", (table,)
            )
        ]
    }
    for pair in [
        ("orders", "customer_id"),
        ("order_lines", "product_id"),
        ("invoices", "customer_id"),
        ("payments", "invoice_id"),
        ("service_events", "customer_id"),
        ("customers", "team_id"),
    ]:
        assert pair in indexed, pair
    connection.close()


@pytest.mark.parametrize("as_of", ["2025-12-31", "2025-06-30", "2024-02-29", "2023-03-15"])
def test_views_equal_pandas(writable_db: Path, course, as_of: str) -> None:
    connection = database.connect(writable_db)
    database.set_warning_settings(connection, as_of)

    def view(name: str, **options) -> pd.DataFrame:
        return pd.read_sql(f"SELECT * FROM {name}", connection, **options)

    def same(left: pd.DataFrame, right: pd.DataFrame) -> None:
        left = left.sort_values("customer_id", ignore_index=True)
        pd.testing.assert_frame_equal(left, right.reset_index(drop=True), check_dtype=False)

    c, ol, inv, pay = (course[k] for k in ["customers", "order_lines", "invoices", "payments"])
    plans, events = course["account_plans"], course["service_events"]
    owed = database.receivables(c, inv, pay, as_of)
    same(view("receivables"), owed.astype({"credit_limit": float, "oldest_overdue_days": float}))
    same(view("warn_credit"), database.credit_warnings(c, inv, pay, as_of))
    same(view("plan_progress"), database.plan_progress(plans, ol, events, as_of))
    same(view("warn_behind_plan"), database.behind_plan_warnings(plans, ol, events, as_of))
    same(view("warn_over_budget"), database.expense_warnings(plans, ol, events, as_of))
    same(view("buying_intervals", parse_dates=["last_order"]), database.buying_intervals(ol, as_of))
    same(
        view("warn_stopped", parse_dates=["last_order"]),
        database.stopped_ordering_warnings(c, ol, as_of),
    )
    listed = view("warning_list")
    pd.testing.assert_frame_equal(
        listed, database.warning_list(**course, as_of=as_of), check_dtype=False
    )
    connection.close()


def test_views_follow_changed_settings(writable_db: Path, course) -> None:
    connection = database.connect(writable_db)
    settings = database.set_warning_settings(
        connection,
        "2025-12-31",
        window_months=6,
        plan_share=0.7,
        silence_factor=2.0,
        max_silence_days=200,
    )
    assert settings.loc[0, "window_months"] == 6
    behind = pd.read_sql("SELECT * FROM warn_behind_plan", connection)
    expected = database.behind_plan_warnings(
        course["account_plans"],
        course["order_lines"],
        course["service_events"],
        "2025-12-31",
        6,
        0.7,
    )
    assert behind["customer_id"].tolist() == expected["customer_id"].tolist()
    stopped = pd.read_sql("SELECT customer_id FROM warn_stopped", connection)
    expected = database.stopped_ordering_warnings(
        course["customers"], course["order_lines"], "2025-12-31", 2.0, 4, 200
    )
    assert stopped["customer_id"].tolist() == expected["customer_id"].tolist()
    connection.close()
