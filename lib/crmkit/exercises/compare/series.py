"""The comparator for a pandas Series, compared label by label (customer_id, month...).

A wrong type gets a tip (a list, a one-column table, a dict, a single total),
and when the answer converts cleanly it is compared too, so the student learns
whether the values themselves are right.
"""

from __future__ import annotations

import numbers
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from crmkit.exercises.compare import base, explain
from crmkit.exercises.compare.labels import (
    TUPLE_LABELS,
    match_labels,
    name_of_labels,
    untupled_labels,
)
from crmkit.exercises.compare.order import describe_order, order_problem
from crmkit.exercises.compare.values import Where, compare_values
from crmkit.exercises.compare.wording import NONE_TIP, describe, show


def series(
    *,
    rel_tol: float = 1e-6,
    abs_tol: float = 1e-9,
    check_order: bool = False,
    check_name: bool = False,
    factors: tuple[base.Factor, ...] = base.DEFAULT_FACTORS,
    group_sizes: explain.GroupSizes | None = None,
) -> base.Comparator:
    """Compare a pandas Series, label by label (its index, for example customer_id).

    Diagnoses: wrong type (with a tip for lists, one-column tables...), repeated
    labels, missing and extra labels (a few named), labels of the wrong kind,
    values of the wrong kind, missing values, a constant factor, rounding, the
    first differing rows, the sort order (with ``check_order``) and the name
    (with ``check_name``); labels that are one-item tuples, the array ``.unique()``
    returns, and the generic causes of :mod:`~crmkit.exercises.compare.explain`
    (shares vs counts, mean vs sum...; ``group_sizes`` as for :func:`scalar`).

    >>> expected = pd.Series([5, 3, 1], index=pd.Index(["C1", "C2", "C3"], name="customer_id"))
    >>> compare_orders = series()
    >>> compare_orders(expected.sort_index(ascending=False), expected).ok
    True
    >>> print(compare_orders(expected.drop("C2"), expected).problems[0])
    Your Series is missing 1 customer_id value that should be there.
    >>> print(series(check_order=True)(expected.sort_values(), expected).problems[0])
    ... # doctest: +NORMALIZE_WHITESPACE
    Your Series has the right values but in the wrong order: expected sorted by value,
    largest first; yours is sorted by value, smallest first.
    Tip: .sort_values(...) (ascending=False for largest first).
    """
    tolerance = base.Tolerance(rel_tol, abs_tol, tuple(factors), group_sizes)

    def compare_series(answer: Any, expected: Any) -> base.Verdict:
        if isinstance(answer, pd.Series):
            problems = _series_problems(answer, expected, tolerance, check_order, check_name)
            return base.Verdict(not problems, tuple(problems))
        return _series_type_verdict(answer, expected, compare_series)

    return base.guarded(compare_series, "Series")


def _series_problems(
    answer: pd.Series,
    expected: pd.Series,
    tolerance: base.Tolerance,
    check_order: bool,
    check_name: bool,
) -> list[str]:
    untupled = untupled_labels(answer.index, expected.index)
    first: list[str] = []
    if untupled is not None:
        first = [TUPLE_LABELS.format(what="Series", example=show(answer.index[0]))]
        answer = answer.set_axis(untupled)
    problems, common, label_name = match_labels(answer, expected, "Series", "value", "label")
    problems = first + problems
    if common is None:
        return problems
    where = Where("", "Your values are", label_name)
    value_problems = compare_values(
        answer.reindex(common), expected.reindex(common), tolerance, where
    )
    problems += value_problems
    if problems and not value_problems and len(common) and not first:
        problems.append(right_values_wrong_labels(answer.index, expected.index))
    if check_order and not problems and not answer.index.equals(expected.index):
        problems.append(
            order_problem(
                "Series",
                describe_order({"value": answer, label_name: answer.index}),
                describe_order({"value": expected, label_name: expected.index}),
                label_name,
            )
        )
    if check_name and answer.name != expected.name:
        problems.append(
            f"Your Series is named {show(answer.name)}, but expected the name "
            f"{show(expected.name)}. Tip: .rename({expected.name!r})."
        )
    return problems


def right_values_wrong_labels(answer: pd.Index, expected: pd.Index) -> str:
    """The values are right where labels match; only some labels are missing or extra."""
    if answer.isin(expected).all():
        cause = "a smaller N of a top-N (.head(n)), a stricter filter, or rows dropped"
    elif expected.isin(answer).all():
        cause = "a larger N of a top-N, a filter left out, or rows that should be excluded"
    else:
        cause = "a different filter or selection of rows"
    return (
        "Your values are right for the labels you have; only the set of rows differs. Is it "
        f"{cause}?"
    )


def _series_type_verdict(
    answer: Any, expected: pd.Series, compare_series: Callable[[Any, Any], base.Verdict]
) -> base.Verdict:
    """A wrong type: say so, and when the answer converts cleanly, compare the converted one."""
    label_name = name_of_labels(expected.index, "")
    per = f" (one value per {label_name})" if label_name else f" with {len(expected)} values"
    headline = f"Your answer is {describe(answer)}, but this exercise expects a pandas Series{per}."
    conversion = _as_series(answer, expected)
    problems = [f"{headline} {conversion.tip}".strip()]
    if conversion.series is not None:
        inner = compare_series(conversion.series, expected)
        if inner.ok and _one_column(answer):
            # A one-column table holding the right values is the same answer in another form.
            return base.Verdict(True, ())
        if inner.ok:
            problems.append("Apart from that, your values are right.")
        elif conversion.labelled:  # rows named after labels we made up would mislead
            problems += inner.problems
    return base.Verdict(False, tuple(problems))


def _one_column(answer: Any) -> bool:
    return isinstance(answer, pd.DataFrame) and answer.shape[1] == 1


@dataclass(frozen=True)
class _Conversion:
    """An answer of the wrong type turned into a Series (when unambiguous), and a tip."""

    series: pd.Series | None
    tip: str
    labelled: bool = True  # False: the labels were taken from the expected answer


def _as_series(answer: Any, expected: pd.Series) -> _Conversion:
    if answer is None:
        return _Conversion(None, NONE_TIP)
    if isinstance(answer, pd.api.extensions.ExtensionArray) or (
        isinstance(answer, np.ndarray) and answer.dtype == object
    ):
        counted = _forgot_to_count(answer, expected)
        if counted:
            return _Conversion(None, counted)
    if isinstance(answer, pd.api.extensions.ExtensionArray):
        answer = np.asarray(answer, dtype=object)
    if isinstance(answer, pd.DataFrame):
        return _frame_as_series(answer, expected)
    if isinstance(answer, dict):
        return _Conversion(
            pd.Series(answer), "Tip: pd.Series(your_dict) turns a dict into a Series."
        )
    if isinstance(answer, list | tuple | np.ndarray | pd.Index) and np.ndim(answer) == 1:
        tip = "Tip: keep the pandas result; do not convert it with .tolist(), list(...) or .values."
        if len(answer) != len(expected):
            return _Conversion(None, tip)
        by_position = pd.Series(list(answer), index=expected.index, name=expected.name)
        return _Conversion(by_position, tip, labelled=False)
    label = name_of_labels(expected.index, "")
    if isinstance(answer, numbers.Number) and label:
        tip = (
            f"Tip: this single value may be a total over everything; group by "
            f"{label} to get one value per {label}."
        )
        return _Conversion(None, tip)
    return _Conversion(None, "")


def _forgot_to_count(answer: Any, expected: pd.Series) -> str:
    """A tip when the answer holds the labels (what .unique() gives) where counts are expected."""
    try:
        labels = set(pd.Index(np.asarray(answer, dtype=object)).dropna())
    except TypeError:
        return ""
    if labels and labels <= set(expected.index) and pd.api.types.is_numeric_dtype(expected):
        return (
            "It holds the distinct values themselves (what .unique() returns): did you forget "
            "to count them? Tip: .value_counts() counts each value."
        )
    return ""


def _frame_as_series(answer: pd.DataFrame, expected: pd.Series) -> _Conversion:
    columns = list(answer.columns)
    if len(columns) == 1:
        tip = (
            f"Tip: select the column with single brackets, table[{columns[0]!r}], to get a Series."
        )
        return _Conversion(answer.iloc[:, 0], tip)
    key = expected.index.name
    others = [column for column in columns if column != key]
    if len(columns) == 2 and len(others) == 1:
        tip = f"Tip: make {key!r} the index: table.set_index({key!r})[{others[0]!r}]."
        return _Conversion(answer.set_index(key)[others[0]], tip)
    return _Conversion(None, "Tip: select one column of your table, for example table['name'].")
