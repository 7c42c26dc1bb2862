"""Comparing two aligned Series value by value: kinds, missing values, factors, first differences.

The series, frame and sequence comparators all end here once the labels (or
positions) of the answer and the expected values are matched.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from crmkit.exercises.compare.base import Tolerance, same
from crmkit.exercises.compare.explain import Context, direction, explain_numbers
from crmkit.exercises.compare.kinds import kind_problem, kinds_compatible, value_kind
from crmkit.exercises.compare.numeric import as_float, factor_message, rounding_message
from crmkit.exercises.compare.wording import FEW, name_labels, pluralise, show, show_label


@dataclass(frozen=True)
class Where:
    """How to name the values being compared in messages.

    >>> Where("Column 'revenue': ", "The values of column 'revenue' are", "customer_id").prefix
    "Column 'revenue': "
    """

    prefix: str  # "" or "Column 'revenue': "
    subject: str  # "Your values are" / "The values of column 'revenue' are"
    label_name: str  # "customer_id", "position", "row"


def compare_values(
    answer: pd.Series, expected: pd.Series, tolerance: Tolerance, where: Where
) -> list[str]:
    """Compare two aligned Series value by value (same labels in the same order).

    >>> labels = pd.Index(["C1", "C2"], name="customer_id")
    >>> where = Where("", "Your values are", "customer_id")
    >>> compare_values(pd.Series([1.0, 5.0], labels), pd.Series([1.0, 2.0], labels),
    ...                Tolerance(1e-6, 1e-9, ()), where)
    ['1 of 2 values differ. First differences: customer_id C2: yours 5 (too high).']
    """
    answer_kind, expected_kind = value_kind(answer), value_kind(expected)
    if not kinds_compatible(answer_kind, expected_kind):
        return [kind_problem(answer_kind, expected_kind, where.subject)]
    if {answer_kind, expected_kind} & {"number", "bool"}:
        return _compare_numbers(answer, expected, tolerance, where)
    return _compare_exact(answer, expected, where)


def _to_float_array(values: pd.Series) -> np.ndarray:
    try:
        return values.to_numpy(dtype=float, na_value=np.nan)
    except OverflowError:  # Python ints beyond float range: convert one by one
        return np.array([np.nan if pd.isna(v) else as_float(v) for v in values], dtype=float)


def _compare_numbers(
    answer: pd.Series, expected: pd.Series, tolerance: Tolerance, where: Where
) -> list[str]:
    got, want = _to_float_array(answer), _to_float_array(expected)
    with np.errstate(all="ignore"):
        close = np.isclose(
            got, want, rtol=tolerance.rel_tol, atol=tolerance.abs_tol, equal_nan=True
        )
    if close.all():
        return []
    problems = _missing_value_problems(got, want, answer.index, where)
    both = ~np.isnan(got) & ~np.isnan(want)
    if both.any() and not close[both].all():
        explanation = factor_message(
            got[both], want[both], tolerance, where.subject, plural=True
        ) or rounding_message(got[both], want[both], tolerance, where.subject)
        counts = pd.api.types.is_integer_dtype(expected.dtype)
        context = Context(where.subject, True, tolerance.group_sizes or {}, counts)
        explanation = explanation or explain_numbers(got[both], want[both], context)
        if explanation:
            problems.append(explanation)
        else:
            problems.append(_first_differences(~close & both, got, want, answer.index, where))
    return problems


def _missing_value_problems(
    got: np.ndarray, want: np.ndarray, labels: pd.Index, where: Where
) -> list[str]:
    problems = []
    missing_in_answer = np.isnan(got) & ~np.isnan(want)
    if missing_in_answer.any():
        examples = name_labels(labels[missing_in_answer])
        problems.append(
            f"{where.prefix}{pluralise(int(missing_in_answer.sum()), 'value')} missing (NaN) where "
            f"a number is expected, at {where.label_name} {examples}. Tip: missing values often "
            "come from a merge or reindex where some rows had no match; decide whether they "
            "should be 0 (.fillna(0)) or left out."
        )
    filled_in_answer = ~np.isnan(got) & np.isnan(want)
    if filled_in_answer.any():
        examples = name_labels(labels[filled_in_answer])
        problems.append(
            f"{where.prefix}{pluralise(int(filled_in_answer.sum()), 'value')} should be missing "
            f"(NaN) but your answer has a number, at {where.label_name} {examples}. Did you fill "
            "in missing values (for example with 0)?"
        )
    return problems


def _first_differences(
    differs: np.ndarray, got: np.ndarray, want: np.ndarray, labels: pd.Index, where: Where
) -> str:
    # The student's values and the direction only: the expected values are not shown.
    positions = np.flatnonzero(differs)
    examples = "; ".join(
        f"{where.label_name} {show_label(labels[i])}: yours {show(got[i])}{_side(got[i], want[i])}"
        for i in positions[:FEW]
    )
    return (
        f"{where.prefix}{len(positions)} of {pluralise(len(got), 'value')} differ. "
        f"First differences: {examples}."
    )


def _side(got: object, want: object) -> str:
    try:
        if np.isfinite(float(got)) and np.isfinite(float(want)):  # type: ignore[arg-type]
            return f" ({direction(float(got), float(want))})"  # type: ignore[arg-type]
    except (TypeError, ValueError):
        pass
    return ""


def _compare_exact(answer: pd.Series, expected: pd.Series, where: Where) -> list[str]:
    got = answer.to_numpy(dtype=object)
    want = expected.to_numpy(dtype=object)
    both_missing = answer.isna().to_numpy() & expected.isna().to_numpy()
    equal = np.array([same(a, b) for a, b in zip(got, want, strict=True)], dtype=bool)
    differs = ~(equal | both_missing)
    if not differs.any():
        return []
    if _only_case_or_spaces(got[differs], want[differs]):
        first = np.flatnonzero(differs)[0]
        return [
            f"{where.subject} right except for capitals or spaces in some text, for example "
            f"yours {show(got[first])} at {where.label_name} {show_label(answer.index[first])}. "
            "Tip: copy the spelling used in the data exactly."
        ]
    return [_first_differences(differs, got, want, answer.index, where)]


def _only_case_or_spaces(got: np.ndarray, want: np.ndarray) -> bool:
    pairs = list(zip(got, want, strict=True))
    return all(
        isinstance(a, str) and isinstance(b, str) and a.strip().casefold() == b.strip().casefold()
        for a, b in pairs
    )
