"""Feedback on an SQL query that runs but gives the wrong result, starting from its shape.

No rows, rows repeated, one row where many are expected: the shape of a
result says more about the mistake than a list of differing ids. Each rule
reads the result and the query text and names the usual causes (``= NULL``
instead of ``IS NULL``, text compared with a number, a date in another
format, a JOIN that multiplies rows, a window without ``PARTITION BY``, a
column missing from ``GROUP BY``); it fires only on its own symptom.
"""

from __future__ import annotations

import re

import pandas as pd

_EQUALS_NULL = re.compile(r"(?:=|<>|!=)\s*NULL\b", re.IGNORECASE)
_ODD_DATE = re.compile(
    r"'(\d{4}/\d{1,2}/\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{4}|\d{4}-\d{1,2}-\d{1}(?!\d)|"
    r"\d{4}-\d{1}-\d{1,2})'"
)
_STRFTIME_NUMBER = re.compile(r"strftime\s*\([^)]*\)\s*(?:=|<>|!=|<=|>=|<|>)\s*\d", re.IGNORECASE)
_QUOTED_NUMBER = re.compile(r"(?:=|<>|!=|<=|>=|<|>)\s*'\d+(?:\.\d+)?'")
_WINDOW_WITHOUT_PARTITION = re.compile(r"\bOVER\s*\((?![^)]*PARTITION\s+BY)", re.IGNORECASE)
_AGGREGATE = re.compile(r"\b(?:SUM|COUNT|AVG|MIN|MAX|TOTAL|GROUP_CONCAT)\s*\(", re.IGNORECASE)
_GROUP_BY = re.compile(r"\bGROUP\s+BY\b", re.IGNORECASE)


def sql_shape_problems(sql: str, result: pd.DataFrame, expected: pd.DataFrame) -> list[str]:
    """What the shape of a wrong result and the query text say about the mistake.

    >>> empty = pd.DataFrame({"record_id": []})
    >>> sql_shape_problems("SELECT record_id FROM t WHERE x = NULL", empty,
    ...                    pd.DataFrame({"record_id": ["B1"]}))[0]  # doctest: +ELLIPSIS
    'Your query returned no rows. `= NULL` is never true in SQL: ...'
    """
    if len(result) == 0 and len(expected) > 0:
        return [_no_rows(sql)]
    problems = []
    window = _window_problem(sql)
    if window:
        problems.append(window)
    repeated = _repeated_rows(result, expected)
    if repeated:
        problems.append(repeated)
    grouping = _grouping_problem(sql, result, expected)
    if grouping:
        problems.append(grouping)
    return problems


def _no_rows(sql: str) -> str:
    head = "Your query returned no rows."
    if _EQUALS_NULL.search(sql):
        return (
            f"{head} `= NULL` is never true in SQL: NULL is not equal to anything, not even "
            "NULL. Tip: write `IS NULL` (or `IS NOT NULL`)."
        )
    if _STRFTIME_NUMBER.search(sql):
        return (
            f"{head} strftime(...) gives text, and text never equals a number: '2025' is not "
            "2025. Tip: compare with text, strftime('%Y', order_date) = '2025', or CAST it."
        )
    if _ODD_DATE.search(sql):
        return (
            f"{head} Dates are stored as text in the form 'YYYY-MM-DD' (like '2025-12-01'); a "
            "date written another way never matches. Tip: write dates as 'YYYY-MM-DD'."
        )
    if _QUOTED_NUMBER.search(sql):
        return (
            f"{head} Is a number in quotes compared with a number column? In quotes it is "
            "text, and text does not equal a number. Tip: remove the quotes."
        )
    return (
        f"{head} The usual causes: a condition that is never true (`= NULL` instead of "
        "`IS NULL`, text compared with a number, a date not written as 'YYYY-MM-DD', values "
        "spelled differently from the data), or an inner JOIN that finds no partners. Tip: "
        "remove the conditions one at a time to see which one drops every row."
    )


def _window_problem(sql: str) -> str:
    if not _WINDOW_WITHOUT_PARTITION.search(sql):
        return ""
    return (
        "Your window function has no PARTITION BY, so it runs over all rows together rather "
        "than within each customer (or group). Tip: OVER (PARTITION BY customer_id ORDER BY ...)."
    )


def _repeated_rows(result: pd.DataFrame, expected: pd.DataFrame) -> str:
    if not len(result.columns) or not len(expected.columns):
        return ""
    key = result.columns[0]
    if key not in expected.columns:
        return ""
    try:
        repeated = result[key].duplicated().any() and not expected[key].duplicated().any()
    except TypeError:
        return ""
    if not repeated:
        return ""
    return (
        f"Your query returns some {key} values more than once. A JOIN that finds several "
        "partner rows repeats the row for each (aggregate before joining, or join on the full "
        "key); DISTINCT removes exact repeats; GROUP BY must list each column that identifies "
        "a row."
    )


def _grouping_problem(sql: str, result: pd.DataFrame, expected: pd.DataFrame) -> str:
    if not _AGGREGATE.search(sql):
        return ""
    if not _GROUP_BY.search(sql) and len(result) == 1 and len(expected) > 1:
        return (
            "Your query returns one row: an aggregate (SUM, COUNT...) without GROUP BY adds up "
            "the whole table. Tip: add GROUP BY with the column(s) that identify each row."
        )
    missing = _ungrouped_columns(sql)
    if missing and len(result) < len(expected):
        return (
            f"Your query selects {', '.join(missing)} without listing it in GROUP BY (SQLite "
            "then takes any row's value) or groups by too few columns. Tip: GROUP BY every "
            "column you select that is not inside an aggregate."
        )
    return ""


def _ungrouped_columns(sql: str) -> list[str]:
    """Plain columns of the outer SELECT that its GROUP BY does not list (a rough reading)."""
    match = re.search(r"\bSELECT\b(.*?)\bFROM\b", sql, re.IGNORECASE | re.DOTALL)
    group = re.search(
        r"\bGROUP\s+BY\b(.*?)(?:\bHAVING\b|\bORDER\b|\bLIMIT\b|\)|$)",
        sql,
        re.IGNORECASE | re.DOTALL,
    )
    if not match or not group or "(" in match.group(1).split(",")[0] and "SELECT" in sql[1:]:
        return []
    grouped = {part.strip().split(".")[-1].lower() for part in group.group(1).split(",")}
    missing = []
    for item in match.group(1).split(","):
        item = item.strip()
        if not item or "(" in item or item == "*":
            continue
        column = re.split(r"\s+(?:AS\s+)?", item, flags=re.IGNORECASE)[0].split(".")[-1]
        alias = re.split(r"\s+(?:AS\s+)?", item, flags=re.IGNORECASE)[-1].split(".")[-1]
        if column.lower() not in grouped and alias.lower() not in grouped:
            missing.append(column)
    return missing
