"""Chapter 04's exercises: the shared contract, planted mistakes and the SQL checks (moved from test_database.py)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from crmkit import data, database
from crmkit.exercises import Exercise, ch04, evaluate, get_exercise

from tests.exercises.contract import ChapterContract, Planted, Planting

REFERENCE_SQL = {
    "4.1": """SELECT segment, COUNT(*) AS referred FROM customers
              WHERE referred_by IS NOT NULL GROUP BY segment""",
    "4.2": """SELECT c.customer_id, c.name, SUM(l.revenue) AS revenue
              FROM order_lines AS l JOIN orders AS o ON o.order_id = l.order_id
              JOIN customers AS c ON c.customer_id = o.customer_id
              WHERE o.order_date BETWEEN '2025-01-01' AND '2025-12-31'
              GROUP BY c.customer_id, c.name ORDER BY revenue DESC LIMIT 10""",
    "4.4": """SELECT r.record_id, r.referred_by FROM customers_raw AS r
              LEFT JOIN customers_raw AS ref ON ref.record_id = r.referred_by
              WHERE r.referred_by <> '' AND ref.record_id IS NULL""",
    "4.6": """WITH running AS (SELECT customer_id, order_date, revenue,
                SUM(revenue) OVER (PARTITION BY customer_id ORDER BY order_date, order_id) AS after
                FROM order_totals)
              SELECT customer_id, order_date AS crossed_on FROM running
              WHERE order_date BETWEEN '2025-12-01' AND '2025-12-07'
                AND after - revenue < 5000 AND after >= 5000""",
    "4.7": """SELECT v.customer_id, v.invoiced - COALESCE(p.paid, 0) AS receivable
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
    """4.1, 4.2, 4.4, 4.6 and 4.7: mistakes made in SQL."""
    inner_join = reference("4.4", "LEFT JOIN", "JOIN").replace("AND ref.record_id IS NULL", "")
    return {
        "4.1": [
            Planted(reference("4.1", "IS NOT NULL", "= ''"), "NULL, not an empty text"),
            Planted(reference("4.1", "IS NOT NULL", "IS NULL"), "WITHOUT a referrer"),
        ],
        "4.2": [
            Planted(
                reference("4.2", "WHERE o.order_date BETWEEN '2025-01-01' AND '2025-12-31'"),
                "over all years",
            ),
            Planted(
                reference("4.2", "SUM(l.revenue)", "SUM(l.quantity * l.unit_price)"), "list price"
            ),
            Planted(reference("4.2", "DESC", "ASC"), "ORDER BY revenue DESC"),
            Planted(reference("4.2", "SUM(l.revenue)", "AVG(l.revenue)"), "an average (AVG)"),
            Planted(
                reference("4.2", "'2025-01-01' AND '2025-12-31'", "2025-01-01 AND 2025-12-31"),
                "Put dates in quotes",
            ),
        ],
        "4.4": [
            Planted(reference("4.4", "r.referred_by <> '' AND "), "empty"),
            Planted(inner_join, "inner JOIN"),
        ],
        "4.6": [
            Planted(reference("4.6", "after - revenue < 5000 AND "), "fires once"),
            Planted(WEEK_SPEND_SQL, "one week's spending"),
            Planted(reference("4.6", "PARTITION BY customer_id "), "no PARTITION BY"),
            Planted(reference("4.6", " ORDER BY order_date, order_id"), "no ORDER BY"),
            Planted(
                reference("4.6", "'2025-12-01' AND '2025-12-07'", "2025-12-01 AND 2025-12-07"),
                "Put dates in quotes",
            ),
        ],
        "4.7": [
            Planted(FAN_OUT_SQL, "twice"),
            Planted(reference("4.7", "COALESCE(p.paid, 0)", "p.paid"), "COALESCE"),
            Planted(reference("4.7", "LEFT JOIN (SELECT i.", "JOIN (SELECT i."), "LEFT JOIN"),
            Planted(
                reference(
                    "4.7", "v.invoiced - COALESCE(p.paid, 0)", "COALESCE(p.paid, 0) - v.invoiced"
                ),
                "wrong sign",
            ),
            Planted(
                "SELECT customer_id, SUM(amount) AS receivable FROM invoices GROUP BY customer_id",
                "invoiced amounts",
            ),
        ],
    }


def planted_duplicates() -> Planting:
    """4.3: duplicate records in the old customer file."""
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
        "4.3": [
            Planted(names.tolist(), "names are no key"),
            Planted(copies + pairs["duplicate_of"].tolist(), "both records"),
            Planted(sorted(exact), "written exactly the same way"),
            Planted(originals, "the original record"),
            Planted(by_phone.tolist(), "match on the phone OR the email"),
        ]
    }


def planted_targets_and_warnings() -> Planting:
    """4.5, 4.8, 4.9, 4.10 and 4.11: look-alike targets and early warnings."""
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
    progress = database.plan_progress(plans, lines, events, "2025-09-30")
    behind = progress[progress["progress"] < 0.5]
    rhythm = database.buying_intervals(lines)
    misread = {**ch04.SITUATIONS, "shop_quarter_25k_of_40k_plan": "behind_plan"}
    return {
        "4.5": [
            Planted(targets("P023") + buyers[:3], "NOT bought"),
            Planted(targets("P026"), "targets for P026"),
            Planted(targets("P023", min_customers=1), "at least 20 customers"),
            Planted([("cafe", "teaware"), ("hotel", "teaware")], "lists profiles"),
        ],
        "4.8": [
            Planted(behind.loc[behind["revenue"] > 0, "customer_id"].tolist(), "bought nothing"),
            Planted(progress.loc[progress["progress"] >= 0.5, "customer_id"].tolist(), "ON track"),
        ],
        "4.9": [
            Planted(
                over_budget(plans, events.assign(event_type="sales_visit")), "every service event"
            ),
            Planted(over_budget(december_budget, events), "one month of budget"),
            Planted([*over_budget(plans, events), "C0001"], "Only business accounts"),
        ],
        "4.10": [
            Planted(interval_by_lines(), "LINES"),
            Planted(mean_interval(), "mean gaps"),
            Planted(
                rhythm[rhythm["order_days"] >= 2].set_index("customer_id")["usual_interval"],
                "more customers than expected",
            ),
            Planted(pd.to_timedelta(mean_interval(), unit="D"), "time spans"),
        ],
        "4.11": [Planted(misread, "HALF of the plan")],
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


VARIANT_SQL = {
    # An SQL exercise's variant is a table; the answer that meets it is a query.
    ("4.1", "not_referred"): reference("4.1", "IS NOT NULL", "IS NULL"),
    ("4.1", "referrers"): "SELECT segment, COUNT(DISTINCT referred_by) AS referred FROM customers "
    "GROUP BY segment",
    (
        "4.1",
        "all_customers",
    ): "SELECT segment, COUNT(*) AS referred FROM customers GROUP BY segment",
    ("4.2", "all_years"): reference(
        "4.2", "WHERE o.order_date BETWEEN '2025-01-01' AND '2025-12-31'"
    ),
    ("4.2", "previous_year"): reference("4.2", "2025-", "2024-"),
    ("4.2", "last_day_dropped"): reference("4.2", "'2025-12-31'", "'2025-12-30'"),
    ("4.2", "list_price"): reference("4.2", "SUM(l.revenue)", "SUM(l.quantity * l.unit_price)"),
    ("4.6", "six_days"): reference("4.6", "'2025-12-07'", "'2025-12-06'"),
}


class TestContract(ChapterContract):
    chapter = ch04
    min_diagnoses = 1  # and scope variants where a plausible wrong scope exists
    model_answers = REFERENCE_SQL  # the answer to an SQL exercise is the query, not its result

    def planted(self) -> Planting:
        return {**planted_sql(), **planted_duplicates(), **planted_targets_and_warnings()}

    def test_each_scope_variant_is_named(self, exercise: Exercise) -> None:
        if exercise.id not in REFERENCE_SQL:
            super().test_each_scope_variant_is_named(exercise)
            return
        for variant in exercise.variants:
            feedback = evaluate(exercise.id, VARIANT_SQL[exercise.id, variant.name])
            assert feedback.status == "incorrect", f"{exercise.id}: {variant.name!r} is accepted"
            assert feedback.diagnosis == variant.name, f"{exercise.id}: {feedback.message}"


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
    feedback = evaluate("4.2", answer)
    assert feedback.status in {"incorrect", "not_attempted"}
    assert "Traceback" not in feedback.message


def test_sql_exercise_on_bad_query_says_why() -> None:
    feedback = evaluate("4.7", "SELECT customer_id, receivable FROM receivable")
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
    assert evaluate("4.3", copies).status == "correct"
    pairs = database.find_duplicates(raw)
    both = evaluate("4.3", copies + pairs["duplicate_of"].tolist())
    assert "both records" in both.message
    names = raw.loc[raw["name"].str.lower().duplicated(), "record_id"].tolist()
    assert "names are no key" in evaluate("4.3", names).message

    targets = database.lookalike_targets(customers, lines, data.load_products(), "P023")
    assert evaluate("4.5", targets["customer_id"].tolist()).status == "correct"
    buyers = lines.loc[lines["product_id"] == "P023", "customer_id"]
    assert (
        "NOT bought"
        in evaluate("4.5", targets["customer_id"].tolist() + buyers.tolist()[:3]).message
    )

    plans, events = data.load_account_plans(), data.load_service_events()
    behind = database.behind_plan_warnings(plans, lines, events, "2025-09-30")
    assert evaluate("4.8", behind["customer_id"].tolist()).status == "correct"
    over = database.expense_warnings(plans, lines, events)
    assert evaluate("4.9", over["customer_id"].tolist()).status == "correct"

    rhythm = database.buying_intervals(lines)
    business = rhythm[rhythm["customer_id"].str.startswith("B") & (rhythm["order_days"] >= 2)]
    answer = business.set_index("customer_id")["usual_interval"]
    assert evaluate("4.10", answer).status == "correct"
    assert "LINES" in evaluate("4.10", interval_by_lines()).message


def test_behind_plan_in_plain_pandas_agrees_with_the_library() -> None:
    """The lesson's way to answer 4.8 (plans first, missing revenue 0) is the library's rule."""
    lines, plans = data.load_order_lines(), data.load_account_plans()
    plan = (
        plans[plans["month"].between("2025-07-01", "2025-09-01")]
        .groupby("customer_id")["planned_revenue"]
        .sum()
    )
    revenue = (
        lines[lines["order_date"].between("2025-07-01", "2025-09-30")]
        .groupby("customer_id")["revenue"]
        .sum()
    )
    behind = plan.index[revenue.reindex(plan.index, fill_value=0) < 0.5 * plan].tolist()
    assert evaluate("4.8", behind).status == "correct"


def test_which_warning_rules_match_the_library() -> None:
    """The situations of 4.11 get the labels the library's rules give (one rule at a time)."""
    assert set(ch04.SITUATIONS.values()) <= set(ch04.WARNING_LABELS)
    assert set(ch04.MISREADINGS) <= set(ch04.SITUATIONS)
    for key, (tempting, _) in ch04.MISREADINGS.items():
        assert ch04.SITUATIONS[key] != tempting


def test_chapter_has_enough_exercises() -> None:
    assert [exercise.id for exercise in ch04.EXERCISES] == [f"4.{k}" for k in range(1, 12)]
    assert all(get_exercise(f"4.{k}") for k in range(1, 12))
    ideas = {"4.3", "4.5", "4.6", "4.8", "4.9", "4.10", "4.11"}  # a rule applied or a decision
    points = {exercise.id: exercise.points for exercise in ch04.EXERCISES}
    assert sum(points[key] for key in ideas) > 2 * sum(points.values()) / 3


def test_answers_are_not_changed_by_checks() -> None:
    answer = pd.Series([1.0, np.nan], index=["B001", "B002"])
    before = answer.copy()
    evaluate("4.10", answer)
    pd.testing.assert_series_equal(answer, before)
