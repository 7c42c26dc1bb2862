"""Chapter 04's exercises: definitions, diagnoses and hints (moved from test_database.py)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from crmkit import data, database
from crmkit.exercises import evaluate, get_exercise

D = pd.Timestamp


def days(*values: str) -> pd.Series:
    return pd.Series(pd.to_datetime(list(values))).astype("datetime64[s]")


# --------------------------------------------------------------------------- the exercises


REFERENCE_SQL = {
    "4.1": """SELECT c.customer_id, c.name, SUM(l.revenue) AS revenue
              FROM order_lines AS l JOIN orders AS o ON o.order_id = l.order_id
              JOIN customers AS c ON c.customer_id = o.customer_id
              WHERE o.order_date BETWEEN '2025-01-01' AND '2025-12-31'
              GROUP BY c.customer_id, c.name ORDER BY revenue DESC LIMIT 10""",
    "4.3": """SELECT r.record_id, r.referred_by FROM customers_raw AS r
              LEFT JOIN customers_raw AS ref ON ref.record_id = r.referred_by
              WHERE r.referred_by <> '' AND ref.record_id IS NULL""",
    "4.5": """WITH running AS (SELECT customer_id, order_date, revenue,
                SUM(revenue) OVER (PARTITION BY customer_id ORDER BY order_date, order_id) AS after
                FROM order_totals)
              SELECT customer_id, order_date AS crossed_on FROM running
              WHERE order_date BETWEEN '2025-12-01' AND '2025-12-07'
                AND after - revenue < 5000 AND after >= 5000""",
    "4.6": """SELECT v.customer_id, v.invoiced - COALESCE(p.paid, 0) AS receivable
              FROM (SELECT customer_id, SUM(amount) AS invoiced FROM invoices GROUP BY customer_id) AS v
              LEFT JOIN (SELECT i.customer_id, SUM(p.amount) AS paid FROM payments AS p
                         JOIN invoices AS i ON i.invoice_id = p.invoice_id GROUP BY i.customer_id) AS p
              ON p.customer_id = v.customer_id""",
}


@pytest.mark.parametrize("exercise_id", sorted(REFERENCE_SQL))
def test_reference_sql_is_correct(exercise_id: str) -> None:
    feedback = evaluate(exercise_id, REFERENCE_SQL[exercise_id])
    assert feedback.status == "correct", feedback.message


@pytest.mark.parametrize(
    ("exercise_id", "wrong", "diagnosis"),
    [
        (
            "4.1",
            REFERENCE_SQL["4.1"].replace(
                "WHERE o.order_date BETWEEN '2025-01-01' AND '2025-12-31'", ""
            ),
            "all years",
        ),
        (
            "4.1",
            REFERENCE_SQL["4.1"].replace("SUM(l.revenue)", "SUM(l.quantity * l.unit_price)"),
            "list price",
        ),
        ("4.1", REFERENCE_SQL["4.1"].replace("DESC", "ASC"), "ORDER BY revenue DESC"),
        ("4.3", REFERENCE_SQL["4.3"].replace("r.referred_by <> '' AND ", ""), "empty"),
        (
            "4.3",
            REFERENCE_SQL["4.3"]
            .replace("LEFT JOIN", "JOIN")
            .replace("AND ref.record_id IS NULL", ""),
            "inner JOIN",
        ),
        ("4.5", REFERENCE_SQL["4.5"].replace("after - revenue < 5000 AND ", ""), "fires once"),
        (
            "4.6",
            "SELECT i.customer_id, SUM(i.amount) - COALESCE(SUM(p.amount), 0) AS receivable "
            "FROM invoices AS i LEFT JOIN payments AS p ON p.invoice_id = i.invoice_id GROUP BY i.customer_id",
            "twice",
        ),
        ("4.6", REFERENCE_SQL["4.6"].replace("COALESCE(p.paid, 0)", "p.paid"), "COALESCE"),
        (
            "4.6",
            REFERENCE_SQL["4.6"].replace("LEFT JOIN (SELECT i.", "JOIN (SELECT i."),
            "LEFT JOIN",
        ),
    ],
)
def test_sql_mistakes_are_diagnosed(exercise_id: str, wrong: str, diagnosis: str) -> None:
    feedback = evaluate(exercise_id, wrong)
    assert feedback.status == "incorrect"
    assert diagnosis in feedback.message


@pytest.mark.parametrize(
    "answer",
    [
        None,
        42,
        b"SELECT 1",
        pd.DataFrame({"a": [1]}),
        "",
        "SELECT * FROM nowhere",
        "DROP TABLE customers",
        "SELECT 1; DELETE FROM customers",
        "SELECT COUNT(*) FROM order_lines a, order_lines b, orders c",
    ],
)
def test_sql_checks_never_raise(answer) -> None:
    feedback = evaluate("4.1", answer)
    assert feedback.status in {"incorrect", "not_attempted"}
    assert "Traceback" not in feedback.message


def test_sql_exercise_on_bad_query_says_why() -> None:
    feedback = evaluate("4.6", "SELECT customer_id, receivable FROM receivable")
    assert feedback.status == "incorrect"
    assert feedback.message.startswith("Your query could not run:")
    assert "did you mean 'receivables'" in feedback.message


@pytest.fixture(scope="module")
def course() -> dict[str, pd.DataFrame]:
    return {
        "customers": data.load_customers(),
        "order_lines": data.load_order_lines(),
        "invoices": data.load_invoices(),
        "payments": data.load_payments(),
        "account_plans": data.load_account_plans(),
        "service_events": data.load_service_events(),
    }




def test_pandas_exercises(course: dict[str, pd.DataFrame]) -> None:
    raw = data.load_customers_raw()
    copies = sorted(raw.loc[raw["record_id"].str.startswith("X"), "record_id"])
    assert evaluate("4.2", copies).status == "correct"
    pairs = database.find_duplicates(raw)
    both = evaluate("4.2", copies + pairs["duplicate_of"].tolist())
    assert "both records" in both.message
    names = raw.loc[raw["name"].str.lower().duplicated(), "record_id"].tolist()
    assert "names are no key" in evaluate("4.2", names).message

    products = data.load_products()
    targets = database.lookalike_targets(
        course["customers"], course["order_lines"], products, "P023"
    )
    assert evaluate("4.4", targets["customer_id"].tolist()).status == "correct"
    buyers = course["order_lines"].loc[course["order_lines"]["product_id"] == "P023", "customer_id"]
    assert (
        "NOT bought"
        in evaluate("4.4", targets["customer_id"].tolist() + buyers.tolist()[:3]).message
    )

    over = database.expense_warnings(
        course["account_plans"], course["order_lines"], course["service_events"]
    )
    assert evaluate("4.7", over["customer_id"].tolist()).status == "correct"

    rhythm = database.buying_intervals(course["order_lines"])
    business = rhythm[rhythm["customer_id"].str.startswith("B") & (rhythm["order_days"] >= 2)]
    answer = business.set_index("customer_id")["usual_interval"]
    assert evaluate("4.8", answer).status == "correct"
    lines = course["order_lines"]
    b = lines[lines["customer_id"].str.startswith("B")].sort_values(["customer_id", "order_date"])
    by_lines = (
        b.groupby("customer_id")["order_date"].diff().dt.days.groupby(b["customer_id"]).median()
    )
    assert "LINES" in evaluate("4.8", by_lines.dropna()).message


def test_chapter_has_enough_exercises() -> None:
    exercises = [get_exercise(f"4.{k}") for k in range(1, 9)]
    assert all(len(exercise.hints) >= 2 for exercise in exercises)
    assert all(len(exercise.diagnoses) >= 2 for exercise in exercises)


def test_answers_are_not_changed_by_checks() -> None:
    answer = pd.Series([1.0, np.nan], index=["B001", "B002"])
    before = answer.copy()
    evaluate("4.8", answer)
    pd.testing.assert_series_equal(answer, before)
