"""Chapter 04's exercises: the shared contract, planted mistakes and the SQL checks (moved from test_database.py)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from crmkit import data, database
from crmkit.exercises import ch04, evaluate, get_exercise

from tests.exercises.contract import ChapterContract, Planted, Planting

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
WEEK_SPEND_SQL = """SELECT customer_id, MIN(order_date) AS crossed_on FROM order_totals
                    WHERE order_date BETWEEN '2025-12-01' AND '2025-12-07'
                    GROUP BY customer_id HAVING SUM(revenue) >= 5000"""
FAN_OUT_SQL = (
    "SELECT i.customer_id, SUM(i.amount) - COALESCE(SUM(p.amount), 0) AS receivable "
    "FROM invoices AS i LEFT JOIN payments AS p ON p.invoice_id = i.invoice_id GROUP BY i.customer_id"
)


def reference(exercise_id: str, old: str, new: str = "") -> str:
    """The reference query of an exercise with one mistake made in it."""
    return REFERENCE_SQL[exercise_id].replace(old, new)


def planted_sql() -> Planting:
    """4.1, 4.3, 4.5 and 4.6: mistakes made in SQL."""
    inner_join = reference("4.3", "LEFT JOIN", "JOIN").replace("AND ref.record_id IS NULL", "")
    return {
        "4.1": [
            Planted(
                reference("4.1", "WHERE o.order_date BETWEEN '2025-01-01' AND '2025-12-31'"),
                "all years",
            ),
            Planted(
                reference("4.1", "SUM(l.revenue)", "SUM(l.quantity * l.unit_price)"), "list price"
            ),
            Planted(reference("4.1", "DESC", "ASC"), "ORDER BY revenue DESC"),
        ],
        "4.3": [
            Planted(reference("4.3", "r.referred_by <> '' AND "), "empty"),
            Planted(inner_join, "inner JOIN"),
        ],
        "4.5": [
            Planted(reference("4.5", "after - revenue < 5000 AND "), "fires once"),
            Planted(WEEK_SPEND_SQL, "one week's spending"),
        ],
        "4.6": [
            Planted(FAN_OUT_SQL, "twice"),
            Planted(reference("4.6", "COALESCE(p.paid, 0)", "p.paid"), "COALESCE"),
            Planted(reference("4.6", "LEFT JOIN (SELECT i.", "JOIN (SELECT i."), "LEFT JOIN"),
        ],
    }


def planted_duplicates() -> Planting:
    """4.2: duplicate records in the old customer file."""
    raw = data.load_customers_raw()
    pairs = database.find_duplicates(raw)
    copies = sorted(pairs["record_id"])
    exact = set()
    for contact in ("phone", "email"):
        given = raw[raw[contact].ne("")]
        exact |= set(given.loc[given.duplicated(subset=["name", contact]), "record_id"])
    originals = pairs["duplicate_of"].head(5).tolist() + copies[5:]
    by_phone = pairs.loc[pairs["matched_on"].str.contains("phone"), "record_id"]
    names = raw.loc[raw["name"].str.lower().duplicated(), "record_id"]
    return {
        "4.2": [
            Planted(names.tolist(), "names are no key"),
            Planted(copies + pairs["duplicate_of"].tolist(), "both records"),
            Planted(sorted(exact), "written exactly the same way"),
            Planted(originals, "the original record"),
            Planted(by_phone.tolist(), "match on the phone OR the email"),
        ]
    }


def planted_targets_and_warnings() -> Planting:
    """4.4, 4.7 and 4.8: look-alike targets and early warnings in pandas."""
    customers, lines = data.load_customers(), data.load_order_lines()
    plans, events = data.load_account_plans(), data.load_service_events()

    def targets(product_id: str, **options: int) -> list[str]:
        found = database.lookalike_targets(
            customers, lines, data.load_products(), product_id, **options
        )
        return found["customer_id"].tolist()

    def over_budget(plans: pd.DataFrame, events: pd.DataFrame) -> list[str]:
        return database.expense_warnings(plans, lines, events)["customer_id"].tolist()

    buyers = lines.loc[lines["product_id"] == "P023", "customer_id"].tolist()
    december_budget = plans.assign(
        expense_budget=plans["expense_budget"].where(plans["month"] >= "2025-12-01", 0.0)
    )
    rhythm = database.buying_intervals(lines)
    return {
        "4.4": [
            Planted(targets("P023") + buyers[:3], "NOT bought"),
            Planted(targets("P026"), "targets for P026"),
            Planted(targets("P023", min_customers=1), "at least 20 customers"),
        ],
        "4.7": [
            Planted(
                over_budget(plans, events.assign(event_type="sales_visit")), "every service event"
            ),
            Planted(over_budget(december_budget, events), "one month of budget"),
            Planted([*over_budget(plans, events), "C0001"], "Only business accounts"),
        ],
        "4.8": [
            Planted(interval_by_lines(), "LINES"),
            Planted(mean_interval(), "mean gaps"),
            Planted(
                rhythm[rhythm["order_days"] >= 2].set_index("customer_id")["usual_interval"],
                "more customers than expected",
            ),
        ],
    }


def business_lines() -> pd.DataFrame:
    lines = data.load_order_lines()
    return lines[lines["customer_id"].str.startswith("B")].sort_values(
        ["customer_id", "order_date"]
    )


def interval_by_lines() -> pd.Series:
    """The median gap between order LINES (not order days) per business account."""
    lines = business_lines()
    gaps = lines.groupby("customer_id")["order_date"].diff().dt.days
    return gaps.groupby(lines["customer_id"]).median().dropna()


def mean_interval() -> pd.Series:
    """The mean (not median) gap between order days per business account."""
    days = business_lines()[["customer_id", "order_date"]].drop_duplicates()
    gaps = days.groupby("customer_id")["order_date"].diff().dt.days
    return gaps.groupby(days["customer_id"]).mean().dropna()


class TestContract(ChapterContract):
    chapter = ch04
    min_diagnoses = 2
    model_answers = REFERENCE_SQL  # the answer to an SQL exercise is the query, not its result

    def planted(self) -> Planting:
        return {**planted_sql(), **planted_duplicates(), **planted_targets_and_warnings()}


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


def test_pandas_exercises() -> None:
    customers, lines, raw = (
        data.load_customers(),
        data.load_order_lines(),
        data.load_customers_raw(),
    )
    copies = sorted(raw.loc[raw["record_id"].str.startswith("X"), "record_id"])
    assert evaluate("4.2", copies).status == "correct"
    pairs = database.find_duplicates(raw)
    both = evaluate("4.2", copies + pairs["duplicate_of"].tolist())
    assert "both records" in both.message
    names = raw.loc[raw["name"].str.lower().duplicated(), "record_id"].tolist()
    assert "names are no key" in evaluate("4.2", names).message

    targets = database.lookalike_targets(customers, lines, data.load_products(), "P023")
    assert evaluate("4.4", targets["customer_id"].tolist()).status == "correct"
    buyers = lines.loc[lines["product_id"] == "P023", "customer_id"]
    assert (
        "NOT bought"
        in evaluate("4.4", targets["customer_id"].tolist() + buyers.tolist()[:3]).message
    )

    over = database.expense_warnings(data.load_account_plans(), lines, data.load_service_events())
    assert evaluate("4.7", over["customer_id"].tolist()).status == "correct"

    rhythm = database.buying_intervals(lines)
    business = rhythm[rhythm["customer_id"].str.startswith("B") & (rhythm["order_days"] >= 2)]
    answer = business.set_index("customer_id")["usual_interval"]
    assert evaluate("4.8", answer).status == "correct"
    assert "LINES" in evaluate("4.8", interval_by_lines()).message


def test_chapter_has_enough_exercises() -> None:
    assert [exercise.id for exercise in ch04.EXERCISES] == [f"4.{k}" for k in range(1, 9)]
    assert all(get_exercise(f"4.{k}") for k in range(1, 9))


def test_answers_are_not_changed_by_checks() -> None:
    answer = pd.Series([1.0, np.nan], index=["B001", "B002"])
    before = answer.copy()
    evaluate("4.8", answer)
    pd.testing.assert_series_equal(answer, before)
