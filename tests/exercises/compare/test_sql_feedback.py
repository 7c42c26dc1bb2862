"""crmkit.exercises.compare.sql_feedback: SQL feedback that starts from the result's shape."""

from __future__ import annotations

import pandas as pd
import pytest
from crmkit.exercises import compare
from crmkit.exercises.compare.sql_feedback import sql_shape_problems

from tests.exercises.compare.support import problems_of

EXPECTED = pd.DataFrame({"customer_id": ["B1", "B2"], "revenue": [10.0, 20.0]})
EMPTY = EXPECTED.iloc[:0]


@pytest.mark.parametrize(
    ("sql", "phrase"),
    [
        ("SELECT * FROM t WHERE referred_by = NULL", "write `IS NULL`"),
        ("SELECT * FROM t WHERE x <> NULL", "`= NULL` is never true"),
        ("SELECT * FROM t WHERE strftime('%Y', order_date) = 2025", "text never equals a number"),
        ("SELECT * FROM t WHERE order_date = '2025/12/01'", "'YYYY-MM-DD'"),
        ("SELECT * FROM t WHERE order_date >= '01-12-2025'", "'YYYY-MM-DD'"),
        ("SELECT * FROM t WHERE team_id = '5000'", "number in quotes"),
        ("SELECT * FROM t WHERE segment = 'Business'", "usual causes"),
    ],
)
def test_no_rows_names_the_usual_cause(sql: str, phrase: str) -> None:
    problems = sql_shape_problems(sql, EMPTY, EXPECTED)
    assert problems[0].startswith("Your query returned no rows.")
    assert phrase in problems[0]


def test_repeated_rows_window_and_grouping() -> None:
    doubled = pd.concat([EXPECTED, EXPECTED.iloc[:1]])
    assert "more than once" in sql_shape_problems("SELECT * FROM a JOIN b", doubled, EXPECTED)[0]
    window = "SELECT customer_id, SUM(revenue) OVER (ORDER BY order_date) AS revenue FROM t"
    assert "PARTITION BY" in sql_shape_problems(window, EXPECTED * 1, EXPECTED)[0]
    partitioned = window.replace("(ORDER", "(PARTITION BY customer_id ORDER")
    assert sql_shape_problems(partitioned, EXPECTED, EXPECTED) == []
    one_row = EXPECTED.iloc[:1]
    total = "SELECT customer_id, SUM(revenue) AS revenue FROM t"
    assert "without GROUP BY" in sql_shape_problems(total, one_row, EXPECTED)[0]
    grouped = "SELECT segment, customer_id, SUM(revenue) AS revenue FROM t GROUP BY segment"
    assert "customer_id" in sql_shape_problems(grouped, one_row, EXPECTED)[0]


def test_shape_rules_stay_silent_off_their_symptom() -> None:
    fine = "SELECT customer_id, SUM(revenue) AS revenue FROM t GROUP BY customer_id"
    assert sql_shape_problems(fine, EXPECTED.assign(revenue=[1.0, 2.0]), EXPECTED) == []


def test_sql_result_leads_with_no_rows_and_hides_the_missing_ids() -> None:
    compare_query = compare.sql_result(compare.frame(key="team_id"))
    expected = compare.query_result("SELECT team_id FROM teams")
    text = problems_of(compare_query("SELECT team_id FROM teams WHERE team_id = NULL", expected))
    assert text.startswith("Your query returned no rows.") and "IS NULL" in text
    assert str(expected["team_id"].iloc[0]) not in text
    assert compare_query("SELECT team_id FROM teams", expected).ok
