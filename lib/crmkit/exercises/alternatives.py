"""Is the answer equal to this alternative? The tests chapter diagnoses use to name a mistake.

A diagnosis computes the answer a likely mistake would give (the wrong year,
first instead of last purchase, counts instead of sums...) and asks whether
the student's answer is that one. These predicates answer that question for
numbers, Series, tables, dicts and collections of ids; they never raise (an
odd answer simply "is not the same") and never change the answer.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd


def close_to(answer: Any, value: Any, rel: float = 1e-6) -> bool:
    """True when a numeric answer equals ``value`` (within ``rel``); False for anything else.

    >>> close_to(0.2500001, 0.25), close_to("0.25", 0.25), close_to([0.25], 0.25)
    (True, True, False)
    """
    try:
        got, want = float(answer), float(value)
    except (TypeError, ValueError):
        return False
    return math.isclose(got, want, rel_tol=rel, abs_tol=1e-9)


def same_series(answer: Any, other: pd.Series, rel: float = 1e-6) -> bool:
    """True when ``answer`` is a Series with the same labels and (numeric) values as ``other``.

    The order of the labels does not matter.

    >>> other = pd.Series([1.0, 2.0], index=["C1", "C2"])
    >>> same_series(other.iloc[::-1], other), same_series(other.reset_index(drop=True), other)
    (True, False)
    """
    if not isinstance(answer, pd.Series) or len(answer) != len(other):
        return False
    try:
        aligned = answer.reindex(other.index)
        if aligned.isna().sum() != other.isna().sum():
            return False
        if pd.api.types.is_numeric_dtype(other) and pd.api.types.is_numeric_dtype(aligned):
            return bool(
                np.allclose(aligned.astype(float), other.astype(float), rtol=rel, equal_nan=True)
            )
        return bool((aligned.astype("string") == other.astype("string")).fillna(False).all())
    except Exception:  # any odd answer simply "is not the same"
        return False


def same_values(answer: Any, other: pd.Series, rel: float = 1e-6) -> bool:
    """Like :func:`same_series` but ignoring the labels (compares values in order).

    >>> same_values(pd.Series([1.0, 2.0]), pd.Series([1, 2], index=["a", "b"]))
    True
    """
    if not isinstance(answer, pd.Series) or len(answer) != len(other):
        return False
    try:
        return bool(
            np.allclose(answer.astype(float).to_numpy(), other.astype(float).to_numpy(), rtol=rel)
        )
    except Exception:
        return False


def close_series(answer: Any, other: pd.Series, cents: float = 0.006) -> bool:
    """Same labels and values within rounding to cents (expected answers are rounded).

    >>> other = pd.Series([10.0, 20.0], index=["C1", "C2"])
    >>> close_series(other + 0.004, other), close_series(other + 0.01, other)
    (True, False)
    """
    if not isinstance(answer, pd.Series) or len(answer) != len(other):
        return False
    try:
        aligned = answer.reindex(other.index).astype(float)
        return bool(np.allclose(aligned, other.astype(float), rtol=1e-4, atol=cents))
    except Exception:
        return False


def same_frame(answer: Any, other: pd.DataFrame, rel: float = 1e-6) -> bool:
    """True when a table answer has other's rows and columns with the same numbers.

    Rows and columns are matched by their labels written as text, in any order.

    >>> other = pd.DataFrame({"won": [3, 1]}, index=["referral", "events"])
    >>> same_frame(other.iloc[::-1].astype(float), other), same_frame(other * 2, other)
    (True, False)
    """
    if not isinstance(answer, pd.DataFrame) or answer.shape != other.shape:
        return False
    try:
        aligned = answer.copy()
        aligned.index = aligned.index.astype("str")
        aligned.columns = aligned.columns.astype("str")
        aligned = aligned.reindex(index=other.index, columns=other.columns)
        return bool(
            np.allclose(
                aligned.to_numpy(dtype="float64"), other.to_numpy(dtype="float64"), rtol=rel
            )
        )
    except Exception:
        return False


def close_at(answer: Any, wanted: Mapping[str, float], rel: float = 1e-3) -> bool:
    """True when a dict (or Series) answer holds numbers close to ``wanted`` under its keys.

    Other keys of the answer are ignored.

    >>> close_at({"rate": 0.3, "lower": 0.2, "upper": 0.4}, {"lower": 0.2, "upper": 0.4})
    True
    >>> close_at({"lower": 0.2}, {"lower": 0.2, "upper": 0.4}), close_at(0.2, {"lower": 0.2})
    (False, False)
    """
    if isinstance(answer, pd.Series):
        answer = answer.to_dict()
    if not isinstance(answer, dict):
        return False
    try:
        got = [float(answer[key]) for key in wanted]
    except (KeyError, TypeError, ValueError):
        return False
    return all(
        math.isclose(a, b, rel_tol=rel, abs_tol=1e-4)
        for a, b in zip(got, wanted.values(), strict=True)
    )


def agrees_with(answer: Any, alternative: pd.Series) -> bool:
    """True when every value of a Series answer equals ``alternative``'s at the same label.

    A label the alternative does not have counts as a difference; labels of the
    alternative missing from the answer do not matter.

    >>> alternative = pd.Series([5.0, 7.0, 9.0], index=["B1", "B2", "B3"])
    >>> agrees_with(alternative.iloc[:2], alternative), agrees_with(alternative + 1, alternative)
    (True, False)
    """
    if not isinstance(answer, pd.Series):
        return False
    try:
        aligned = alternative.reindex(answer.index).astype(float)
        return bool(np.allclose(answer.astype(float), aligned, equal_nan=True))
    except Exception:
        return False


def as_text_set(answer: Any) -> set[str] | None:
    """The members of a collection answer (list, set, Series, Index...) as text; None otherwise.

    >>> sorted(as_text_set(pd.Series(["C2", "C1", "C2"]))), as_text_set("C1")
    (['C1', 'C2'], None)
    """
    if isinstance(answer, pd.DataFrame):
        return None
    if isinstance(answer, pd.Index | pd.Series | np.ndarray | list | tuple | set | frozenset):
        try:
            return {str(member) for member in answer}
        except Exception:
            return None
    return None


def column_texts(table: pd.DataFrame | None, column: str = "customer_id") -> set[str] | None:
    """The values of one column of a table as a set of text; None without table or column.

    >>> column_texts(pd.DataFrame({"customer_id": ["B1", "B2"]})) == {"B1", "B2"}
    True
    >>> column_texts(None), column_texts(pd.DataFrame({"x": [1]}))
    (None, None)
    """
    if table is None or column not in table.columns:
        return None
    return set(table[column].astype(str))
