"""Running a learner's SQL: one query, with a time and row limit, and errors explained.

:func:`run_query` returns the result as a DataFrame, or raises
:class:`QueryError` with a message a learner can act on: the table or column
that does not exist (with the closest names), where a syntax error is, why a
statement is refused on a read-only connection, a query that ran too long or
returned too many rows.
"""

from __future__ import annotations

import difflib
import re
import sqlite3
import time
from collections.abc import Iterable, Mapping

import pandas as pd

from crmkit._validate import require_connection, require_number, require_positive_int


class QueryError(ValueError):
    """An SQL query that could not run, with a message that says why and what to try."""


# Tracebacks and doctests name the error where learners import it from.
QueryError.__module__ = "crmkit.database"


def run_query(
    connection: sqlite3.Connection,
    sql: str,
    params: Mapping[str, object] | Iterable[object] | None = None,
    *,
    timeout: float = 10.0,
    max_rows: int = 200_000,
) -> pd.DataFrame:
    """Run one SQL query and return its result as a DataFrame, or explain what went wrong.

    A query that cannot run raises :class:`QueryError` (a ValueError) with a
    message for a learner: the table or column that does not exist (with the
    closest names), the place of a syntax error, a query that ran longer than
    ``timeout`` seconds or returned more than ``max_rows`` rows.

    >>> connection = sqlite3.connect(":memory:")
    >>> _ = connection.execute("CREATE TABLE teams (team_id TEXT, headcount INTEGER)")
    >>> run_query(connection, "SELECT COUNT(*) AS n FROM teams")
       n
    0  0
    >>> run_query(connection, "SELECT * FROM team")
    Traceback (most recent call last):
    ...
    crmkit.database.QueryError: There is no table or view called 'team' (did you mean 'teams'?). ...
    """
    require_connection(connection)
    if not isinstance(sql, str):
        raise TypeError(
            f"sql must be the text of a query (a str), such as 'SELECT * FROM teams', not "
            f"{type(sql).__name__}."
        )
    if not sql.strip() or _strip_sql_comments(sql).strip().strip(";").strip() == "":
        raise QueryError("The query is empty: write a statement such as SELECT * FROM teams.")
    timeout = require_number(timeout, "timeout", minimum=0.0, strict=True)
    max_rows = require_positive_int(max_rows, "max_rows")
    deadline = time.monotonic() + timeout
    connection.set_progress_handler(lambda: int(time.monotonic() > deadline), 20_000)
    try:
        cursor = connection.execute(sql, params if params is not None else ())
        if cursor.description is None:
            cursor.close()
            return pd.DataFrame()
        columns = [item[0] for item in cursor.description]
        rows = cursor.fetchmany(max_rows + 1)
        cursor.close()
    except (sqlite3.Error, sqlite3.Warning, OverflowError) as error:
        raise QueryError(_explain_sql_error(error, connection, sql, timeout)) from None
    finally:
        connection.set_progress_handler(None, 0)
    if len(rows) > max_rows:
        raise QueryError(
            f"The query returns more than {max_rows:,} rows. A join without a condition "
            "(ON ...) or a missing WHERE or GROUP BY can make millions of rows: check them, "
            "or add LIMIT while you explore."
        )
    frame = pd.DataFrame.from_records(rows, columns=columns, coerce_float=True)
    return frame


def _strip_sql_comments(sql: str) -> str:
    return re.sub(r"--[^\n]*|/\*.*?\*/", " ", sql, flags=re.S)


def _schema_names(connection: sqlite3.Connection) -> tuple[list[str], list[str]]:
    try:
        names = [
            row[0]
            for row in connection.execute(
                "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') "
                "AND name NOT LIKE 'sqlite_%' ORDER BY name"
            )
        ]
        columns = sorted(
            {row[1] for name in names for row in connection.execute(f'PRAGMA table_info("{name}")')}
        )
    except sqlite3.Error:  # pragma: no cover - a broken connection
        return [], []
    return names, columns


def _explain_sql_error(
    error: BaseException, connection: sqlite3.Connection, sql: str, timeout: float
) -> str:
    """What went wrong with the query, and what to try, for a learner (the first rule that fits)."""
    text = str(error)
    tables, columns = _schema_names(connection)
    return (
        _explain_stopped(error, text, timeout)
        or _explain_missing_table(text, tables)
        or _explain_missing_column(text, columns)
        or _explain_grammar(text)
        or _explain_refused(error, text)
        or f"SQLite could not run the query: {text}."
    )


def _explain_stopped(error: BaseException, text: str, timeout: float) -> str | None:
    """A query stopped for taking too long, or more than one statement."""
    if text == "interrupted":
        return (
            f"The query ran for more than {timeout:g} seconds and was stopped. A join without "
            "an ON condition pairs every row with every other row: check each JOIN has one."
        )
    if isinstance(error, sqlite3.Warning) or "one statement at a time" in text:
        return (
            "Write one SQL statement only (a single SELECT; you may use WITH ... SELECT for "
            "steps). Remove the other statements, or the extra semicolon in the middle."
        )
    return None


def _explain_missing_table(text: str, tables: list[str]) -> str | None:
    """A table or view that does not exist, with the closest name and the list of tables."""
    missing = re.match(r"no such table: (?:\w+\.)?(\S+)", text)
    if not missing:
        return None
    name = missing.group(1)
    close = difflib.get_close_matches(name, tables, n=1)
    tip = f" (did you mean {close[0]!r}?)" if close else ""
    return (
        f"There is no table or view called {name!r}{tip}. The tables and views are: "
        f"{', '.join(tables)}."
    )


def _explain_missing_column(text: str, columns: list[str]) -> str | None:
    """A column that does not exist: a value written without quotes, a typo or a wrong alias."""
    missing = re.match(r"no such column: (\S+)", text)
    if not missing:
        return None
    name = missing.group(1)
    bare = name.split(".")[-1]
    if re.fullmatch(r"[A-Z]+\d+", name):
        return (
            f"There is no column {name!r}. If you meant the value {name}, write it as text "
            f"in single quotes: '{name}'."
        )
    close = difflib.get_close_matches(bare, columns, n=3)
    tip = f" Columns with a similar name: {', '.join(close)}." if close else ""
    prefix = (
        f" Check that {name.split('.')[0]!r} is the name or alias of a table in FROM or JOIN."
        if "." in name and bare in columns
        else ""
    )
    return (
        f"There is no column {name!r} in the tables this query reads.{tip}{prefix} "
        "PRAGMA table_info('customers') lists a table's columns."
    )


def _explain_grammar(text: str) -> str | None:
    """An ambiguous column, a syntax error or an aggregate in WHERE."""
    if "ambiguous column name" in text:
        name = text.split(":")[-1].strip()
        return (
            f"The column {name!r} is in more than one of the joined tables, so SQL cannot tell "
            f"which one you mean. Write it with its table name or alias, e.g. c.{name}."
        )
    if "syntax error" in text or "incomplete input" in text or "unrecognized token" in text:
        return (
            f"SQLite could not read the query: {text}. Look just before the place it names: a "
            "missing or extra comma, a missing closing bracket or quote, or a keyword in the "
            "wrong order (the order is SELECT, FROM, JOIN, WHERE, GROUP BY, HAVING, ORDER BY, "
            "LIMIT). Text values need single quotes: 'B001'."
        )
    if "misuse of aggregate" in text or "aggregate functions are not allowed" in text:
        return (
            f"{text}. A condition on a SUM, COUNT or AVG belongs in HAVING (after GROUP BY), "
            "not in WHERE."
        )
    return None


def _explain_refused(error: BaseException, text: str) -> str | None:
    """A statement the connection refuses, a result too large, an unknown function or bad params."""
    if "readonly" in text or "query_only" in text:
        return (
            "This connection is read-only: only queries that read (SELECT, WITH ... SELECT) are "
            "allowed. Nothing in the database can be changed from here."
        )
    if "not authorized" in text:
        return (
            "This statement or function is not allowed on a read-only analysis connection "
            "(no ATTACH, no zeroblob or randomblob): only queries that read the data can run."
        )
    if "too big" in text:
        return (
            "The query builds a text or blob that is too large. Check string concatenations "
            "(||) and recursive queries (WITH RECURSIVE needs a condition that stops it)."
        )
    if "no such function" in text:
        return f"{text}. SQLite has no such function; see https://sqlite.org/lang_corefunc.html."
    if isinstance(error, sqlite3.ProgrammingError) and ("binding" in text or "parameter" in text):
        return (
            f"The query's ? or :name placeholders do not match the params given ({text}). Give "
            "params as a list for ? or a dict for :name, one value per placeholder."
        )
    return None
