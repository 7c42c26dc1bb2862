"""The comparator for a pandas DataFrame (a table), compared column by column.

Rows are matched by a key column (which may be a column or the index of the
answer), by the index, or by position. Missing, extra and misspelled columns,
two-level column names, repeated keys and the sort order are named.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from crmkit.exercises.compare import base
from crmkit.exercises.compare.labels import (
    TUPLE_LABELS,
    is_positions,
    match_labels,
    untupled_labels,
)
from crmkit.exercises.compare.order import describe_order, order_problem
from crmkit.exercises.compare.series import right_values_wrong_labels
from crmkit.exercises.compare.values import Where, compare_values
from crmkit.exercises.compare.wording import FEW, NONE_TIP, describe, pluralise, show


def frame(
    *,
    columns: Sequence[str] | None = None,
    key: str | Sequence[str] | None = None,
    check_order: bool = False,
    check_index: bool | None = None,
    rel_tol: float = 1e-6,
    abs_tol: float = 1e-9,
    factors: tuple[base.Factor, ...] = base.DEFAULT_FACTORS,
) -> base.Comparator:
    """Compare a pandas DataFrame (a table), column by column.

    - ``columns``: the columns to compare; extra columns in the answer are then
      allowed. ``None``: the answer must have exactly the expected columns.
    - ``key``: the column(s) that identify a row (for example ``"customer_id"``);
      rows are matched by key, which may be a column or the index of the answer.
    - ``check_index`` (without key): match rows by index; by default, when the
      expected index is not just 0, 1, 2, ... Otherwise rows are matched by position.
    - ``check_order``: the rows must also come in the expected order.

    >>> expected = pd.DataFrame({"customer_id": ["C1", "C2"], "revenue": [100.0, 50.0]})
    >>> compare_table = frame(key="customer_id")
    >>> compare_table(expected.set_index("customer_id"), expected).ok
    True
    >>> renamed = expected.rename(columns={"revenue": "Revenue"})
    >>> print(compare_table(renamed, expected).problems[0])  # doctest: +NORMALIZE_WHITESPACE
    Your table has no column 'revenue' (did you mean 'Revenue'?).
    Its columns are: 'customer_id', 'Revenue'.
    """
    tolerance = base.Tolerance(rel_tol, abs_tol, tuple(factors))
    keys = [key] if isinstance(key, str) else list(key or [])
    wanted_columns = None if columns is None else list(columns)

    def compare_frame(answer: Any, expected: Any) -> base.Verdict:
        if not isinstance(answer, pd.DataFrame):
            return base.Verdict(False, (_frame_type_problem(answer, expected),))
        problems = _frame_problems(
            answer, expected, _FrameSpec(wanted_columns, keys, check_order, check_index), tolerance
        )
        return base.Verdict(not problems, tuple(problems))

    return base.guarded(compare_frame, "DataFrame")


@dataclass(frozen=True)
class _FrameSpec:
    columns: list[str] | None
    keys: list[str]
    check_order: bool
    check_index: bool | None


def _frame_type_problem(answer: Any, expected: pd.DataFrame) -> str:
    shown = ", ".join(repr(column) for column in list(expected.columns)[:6])
    headline = (
        f"Your answer is {describe(answer)}, but this exercise expects a pandas DataFrame "
        f"(a table) with columns {shown}."
    )
    if isinstance(answer, pd.Series):
        return headline + " Tip: .reset_index() or .to_frame() turns a Series into a table."
    if answer is None:
        return f"{headline} {NONE_TIP}"
    return headline


def _frame_problems(
    answer: pd.DataFrame, expected: pd.DataFrame, spec: _FrameSpec, tolerance: base.Tolerance
) -> list[str]:
    structure = _column_structure_problems(answer) or _transposed_problem(answer, expected)
    if structure:
        return structure
    as_given = answer  # messages name the columns as the student sees them
    if spec.keys:
        answer, expected = _keys_as_index(answer, spec.keys), _keys_as_index(expected, spec.keys)
        missing_keys = [key for key in spec.keys if key not in answer.index.names]
        if missing_keys:
            why = " (it identifies each row)"
            return [_missing_column_problem(missing_keys[0], as_given, why)]
    wanted = [
        column
        for column in (spec.columns if spec.columns is not None else expected.columns)
        if column not in spec.keys
    ]
    problems = [
        _missing_column_problem(column, as_given)
        for column in wanted
        if column not in answer.columns
    ]
    if spec.columns is None:
        problems += _extra_column_problems(answer, expected, spec.keys)
    present = [column for column in wanted if column in answer.columns]
    by_labels = bool(spec.keys) or _match_by_index(expected, spec.check_index)
    if by_labels:
        problems += _labelled_rows_problems(answer, expected, present, spec, tolerance)
    else:
        problems += _positional_rows_problems(answer, expected, present, spec, tolerance)
    shifted = _shifted_columns(answer, expected, present) if problems else None
    return [shifted, *problems] if shifted else problems


def _shifted_columns(
    answer: pd.DataFrame, expected: pd.DataFrame, present: list[str]
) -> str | None:
    """The columns hold the values of their neighbours: shifted by one (> for >=, off by one).

    >>> expected = pd.DataFrame({"a": [5, 6], "b": [3, 4], "c": [1, 2]})
    >>> _shifted_columns(expected.assign(a=[3, 4], b=[1, 2], c=[0, 0]), expected, ["a", "b", "c"])
    ... # doctest: +ELLIPSIS
    "Your columns are shifted by one: column 'a' holds the values expected in 'b'..."
    """
    columns = [c for c in expected.columns if c in present]
    if len(columns) < 3 or not set(answer.index) == set(expected.index):
        return None
    try:
        got = answer.loc[expected.index, columns].to_numpy(dtype=float)
        want = expected[columns].to_numpy(dtype=float)
    except (TypeError, ValueError, KeyError):
        return None
    for step, hint in ((1, "> where >= is asked"), (-1, ">= where > is asked")):
        mine = got[:, :-1] if step == 1 else got[:, 1:]
        theirs = want[:, 1:] if step == 1 else want[:, :-1]
        if np.allclose(mine, theirs, equal_nan=True) and not np.allclose(
            mine, got[:, 1:] if step == 1 else got[:, :-1], equal_nan=True
        ):
            first, other = (columns[0], columns[1]) if step == 1 else (columns[1], columns[0])
            return (
                f"Your columns are shifted by one: column {show(first)} holds the values expected "
                f"in {show(other)}, and so on. Did you use {hint}, or start one position off?"
            )
    return None


def _transposed_problem(answer: pd.DataFrame, expected: pd.DataFrame) -> list[str]:
    """Rows and columns swapped: the expected columns are the answer's row labels.

    >>> expected = pd.DataFrame({"a": [1, 2], "b": [3, 4]}, index=["x", "y"])
    >>> print(_transposed_problem(expected.T, expected)[0])  # doctest: +ELLIPSIS
    Rows and columns are swapped: your rows are the expected columns, such as 'a'. ...
    """
    columns, rows = list(expected.columns), list(expected.index)
    if len(columns) < 2 or len(rows) < 2 or set(columns) & set(answer.columns):
        return []
    if set(columns) <= set(answer.index) and set(rows) <= set(answer.columns):
        return [
            "Rows and columns are swapped: your rows are the expected columns, such as "
            f"{show(columns[0])}. Tip: .T turns a table round; or swap index= and columns=."
        ]
    return []


def _column_structure_problems(answer: pd.DataFrame) -> list[str]:
    if isinstance(answer.columns, pd.MultiIndex):
        return [
            f"Your table has two-level column names, like {show(answer.columns[0])}. Tip: this "
            "comes from .agg([...]) with a list; use named aggregation instead, for example "
            ".agg(revenue=('amount', 'sum'))."
        ]
    repeated = answer.columns[answer.columns.duplicated()]
    if len(repeated):
        return [
            f"Your table has the column {show(repeated[0])} more than once. Tip: give each "
            "column its own name."
        ]
    return []


def _keys_as_index(table: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Move the key columns into the index, wherever they are (columns or index)."""
    in_index = [name for name in table.index.names if name in keys]
    if in_index:
        # A key both in the index and in the columns: keep the column.
        duplicated = [name for name in in_index if name in table.columns]
        table = table.reset_index(level=duplicated, drop=True) if duplicated else table
        table = table.reset_index(level=[n for n in in_index if n not in duplicated] or None)
    present = [key for key in keys if key in table.columns]
    return table.set_index(present) if present else table


def _missing_column_problem(column: str, answer: pd.DataFrame, why: str = "") -> str:
    existing = [str(name) for name in answer.columns]
    existing += [str(name) for name in answer.index.names if name is not None]
    close = difflib.get_close_matches(str(column), existing, n=1, cutoff=0.6)
    same_case = [name for name in existing if name.casefold() == str(column).casefold()]
    suggestion = (same_case or close or [None])[0]
    hint = f" (did you mean {suggestion!r}?)" if suggestion else ""
    shown = ", ".join(repr(name) for name in existing[:10]) or "none"
    return f"Your table has no column {column!r}{why}{hint}. Its columns are: {shown}."


def _extra_column_problems(
    answer: pd.DataFrame, expected: pd.DataFrame, keys: list[str]
) -> list[str]:
    extra = [column for column in answer.columns if column not in expected.columns]
    if not extra:
        return []
    shown = ", ".join(repr(column) for column in extra[:FEW])
    want = ", ".join(repr(column) for column in [*keys, *expected.columns])
    return [
        f"Your table has {pluralise(len(extra), 'extra column')}: {shown}. Expected exactly "
        f"these columns: {want}. Tip: drop the helper columns, or select the columns you "
        "need with table[[...]]."
    ]


def _match_by_index(expected: pd.DataFrame, check_index: bool | None) -> bool:
    if check_index is not None:
        return check_index
    return not (isinstance(expected.index, pd.RangeIndex) or is_positions(expected.index))


def _labelled_rows_problems(
    answer: pd.DataFrame,
    expected: pd.DataFrame,
    present: list[str],
    spec: _FrameSpec,
    tolerance: base.Tolerance,
) -> list[str]:
    untupled = untupled_labels(answer.index, expected.index)
    first: list[str] = []
    if untupled is not None:
        first = [TUPLE_LABELS.format(what="table", example=show(answer.index[0]))]
        answer = answer.set_axis(untupled)
    problems, common, label_name = match_labels(answer, expected, "table", "row", "row label")
    problems = first + problems
    if common is None:
        return problems
    aligned_answer, aligned_expected = answer.reindex(common), expected.reindex(common)
    value_problems = _column_value_problems(
        aligned_answer, aligned_expected, present, tolerance, label_name
    )
    if problems and not value_problems and len(common):
        value_problems = [right_values_wrong_labels(answer.index, expected.index)]
    problems += value_problems
    if spec.check_order and not problems and not answer.index.equals(expected.index):
        problems.append(_frame_order_problem(answer, expected, present, label_name))
    return problems


def _positional_rows_problems(
    answer: pd.DataFrame,
    expected: pd.DataFrame,
    present: list[str],
    spec: _FrameSpec,
    tolerance: base.Tolerance,
) -> list[str]:
    if len(answer) != len(expected):
        return [f"Your table has {pluralise(len(answer), 'row')}; expected {len(expected)}."]
    answer = answer.reset_index(drop=True)
    expected = expected.reset_index(drop=True)
    if not spec.check_order:
        answer, expected = _sorted_rows(answer, present), _sorted_rows(expected, present)
    problems = _column_value_problems(answer, expected, present, tolerance, "row")
    if problems and spec.check_order:
        unordered = _column_value_problems(
            _sorted_rows(answer, present),
            _sorted_rows(expected, present),
            present,
            tolerance,
            "row",
        )
        if not unordered:
            return [_frame_order_problem(answer, expected, present, None)]
    return problems


def _sorted_rows(table: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    try:
        return table.sort_values(columns, ignore_index=True, kind="stable")
    except Exception:  # unorderable columns: keep the rows as they are
        return table.reset_index(drop=True)


def _column_value_problems(
    answer: pd.DataFrame,
    expected: pd.DataFrame,
    columns: list[str],
    tolerance: base.Tolerance,
    label_name: str,
) -> list[str]:
    problems = []
    for column in columns:
        where = Where(f"Column {column!r}: ", f"The values of column {column!r} are", label_name)
        problems += compare_values(answer[column], expected[column], tolerance, where)
    return problems


def _frame_order_problem(
    answer: pd.DataFrame, expected: pd.DataFrame, columns: list[str], label_name: str | None
) -> str:
    def candidates(table: pd.DataFrame) -> dict[str, pd.Series | pd.Index]:
        found: dict[str, pd.Series | pd.Index] = {repr(c): table[c] for c in columns}
        if label_name is not None:
            found[label_name] = table.index
        return found

    return order_problem(
        "table", describe_order(candidates(answer)), describe_order(candidates(expected))
    )
