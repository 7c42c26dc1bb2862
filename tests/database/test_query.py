"""crmkit.database.query: running SQL, with errors a learner can act on."""

from __future__ import annotations

import time

import pytest
from crmkit import database


@pytest.mark.parametrize(
    ("sql", "message"),
    [
        ("SELECT * FROM customer", "did you mean 'customers'"),
        ("SELECT nme FROM customers", "similar name: name"),
        ("SELECT x.name FROM customers AS c", "alias"),
        ("SELEC * FROM customers", "syntax error"),
        ("SELECT name FROM customers WHERE customer_id = B001", "single quotes: 'B001'"),
        (
            "SELECT customer_id FROM customers AS c JOIN orders AS o ON o.customer_id = c.customer_id",
            "more than one of the joined tables",
        ),
        ("SELECT customer_id FROM invoices WHERE SUM(amount) > 1 GROUP BY customer_id", "HAVING"),
        ("DELETE FROM customers", "read-only"),
        ("SELECT 1; SELECT 2", "one SQL statement"),
        ("   -- nothing\n", "empty"),
        ("SELECT randomblob(10)", "not allowed"),
        ("SELECT median(amount) FROM invoices", "no such function"),
        (
            "WITH RECURSIVE r(x) AS (SELECT 'x' UNION ALL SELECT x || x FROM r) SELECT length(x) FROM r",
            "too large",
        ),
    ],
)
def test_run_query_explains_errors(reader, sql: str, message: str) -> None:
    with pytest.raises(database.QueryError, match=message) as caught:
        database.run_query(reader, sql)
    error = caught.value
    assert error.__context__ is None or error.__suppress_context__  # no chained sqlite3 traceback
    assert isinstance(caught.value, ValueError)


def test_run_query_limits(reader) -> None:
    with pytest.raises(database.QueryError, match="more than 5 rows"):
        database.run_query(reader, "SELECT * FROM teams", max_rows=5)
    started = time.perf_counter()
    with pytest.raises(database.QueryError, match="seconds"):
        database.run_query(
            reader, "SELECT COUNT(*) FROM order_lines AS a, order_lines AS b", timeout=0.3
        )
    assert time.perf_counter() - started < 5
    result = database.run_query(
        reader, "SELECT team_id FROM teams WHERE team_id = :t", {"t": "T01"}
    )
    assert result["team_id"].tolist() == ["T01"]
    # The progress handler is removed afterwards: a long query still runs.
    assert reader.execute("SELECT COUNT(*) FROM order_lines").fetchone()[0] > 0
