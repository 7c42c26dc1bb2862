"""The comparator for SQL answers: run the student's query text, then compare its result.

The answer to an SQL exercise is **the text of the query** (a string), not its
result. The check runs that text itself, on a read-only connection to a fresh
database built from the course data (:func:`crmkit.database.course_database`,
built once per process), with a time limit, a row limit and no way to write or
open other files (:func:`crmkit.database.connect_readonly`). It then compares
the result with the expected table, which the library computes with pandas, so
a correct query must give the same answer as pandas. A query that cannot run
(bad SQL, a missing table or column, too slow) gets a plain message saying why:
the check never raises and never shows a traceback. A query that runs but is
wrong is first described by the shape of its result (no rows, rows repeated,
one row where many are expected: :mod:`~crmkit.exercises.compare.sql_feedback`).

Any chapter's SQL exercise uses :func:`sql_result`; its diagnoses read the
query's result with :func:`query_result` (each query runs once, then is cached).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import pandas as pd

from crmkit import database
from crmkit.exercises.compare.base import Comparator, Verdict
from crmkit.exercises.compare.sql_feedback import sql_shape_problems

SQL_TIMEOUT = 5.0  # seconds a student's query may run
SQL_MAX_ROWS = 20_000


@lru_cache(maxsize=64)
def _run(sql: str) -> tuple[pd.DataFrame | None, str | None]:
    """Run a student's query on the course database: (result, None) or (None, message)."""
    connection = database.connect_readonly(database.course_database())
    try:
        result = database.run_query(connection, sql, timeout=SQL_TIMEOUT, max_rows=SQL_MAX_ROWS)
    except (database.QueryError, TypeError, ValueError) as error:
        return None, str(error)
    finally:
        connection.close()
    return result, None


def query_result(answer: Any) -> pd.DataFrame | None:
    """The result of a student's query (a copy), or None when it is not a query or does not run.

    >>> query_result("SELECT COUNT(*) AS n FROM teams")["n"].item() > 0
    True
    >>> query_result("SELECT * FROM nowhere") is None, query_result(42) is None
    (True, True)
    """
    if not isinstance(answer, str):
        return None
    result, _ = _run(answer)
    return None if result is None else result.copy()


def sql_result(table: Comparator) -> Comparator:
    """A comparator for SQL answers: run the query text, then compare its result with ``table``.

    >>> from crmkit.exercises.compare import frame
    >>> compare_query = sql_result(frame(key="team_id"))
    >>> compare_query("SELECT team_id FROM teams", pd.DataFrame({"team_id": ["T01"]})).ok
    False
    >>> print(compare_query("SELECT * FROM team", pd.DataFrame({"team_id": ["T01"]})).problems[0])
    ... # doctest: +ELLIPSIS
    Your query could not run: There is no table or view called 'team' (did you mean 'teams'?)...
    """

    def compare_sql(answer: Any, expected: Any) -> Verdict:
        if isinstance(answer, pd.DataFrame):
            return Verdict(
                False,
                (
                    "Your answer is a table, but this exercise wants the text of your SQL query "
                    "(a string, in quotes). The check runs the query itself. Write "
                    'sql_... = """SELECT ..."""',
                ),
            )
        if not isinstance(answer, str):
            return Verdict(
                False,
                (
                    f"Your answer is of type {type(answer).__name__}, but this exercise wants the "
                    'text of an SQL query, in quotes: """SELECT ... FROM ..."""',
                ),
            )
        result, error = _run(answer)
        if error is not None:
            return Verdict(False, (f"Your query could not run: {error}",))
        verdict = table(result, expected)
        if verdict.ok or not isinstance(expected, pd.DataFrame):
            return verdict
        shape = sql_shape_problems(answer, result, expected)
        if shape and len(result) == 0:  # "no rows": the missing ids would only repeat that
            return Verdict(False, tuple(shape))
        return Verdict(False, (*shape, *verdict.problems))

    return compare_sql
