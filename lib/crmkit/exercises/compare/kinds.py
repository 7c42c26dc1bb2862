"""The kinds of values a comparator tells apart: numbers, True/False, text, dates...

A column of numbers written as text, or of True/False where counts are
expected, is a common beginner's mistake; naming the kind of values found and
the kind expected (with a tip) helps more than listing differing rows.
"""

from __future__ import annotations

import pandas as pd

KIND_WORDS = {
    "number": "numbers",
    "bool": "True/False",
    "text": "text",
    "datetime": "dates",
    "timedelta": "time spans",
    "empty": "no values",
    "mixed": "a mix of different types",
    "other": "Python objects",
}
_INFERRED_KINDS = {
    "string": "text",
    "empty": "empty",
    "integer": "number",
    "floating": "number",
    "mixed-integer-float": "number",
    "decimal": "number",
    "boolean": "bool",
    "datetime": "datetime",
    "datetime64": "datetime",
    "date": "datetime",
    "timedelta": "timedelta",
    "timedelta64": "timedelta",
    "mixed-integer": "mixed",
    "mixed": "mixed",
}


def value_kind(values: pd.Series | pd.Index) -> str:
    """The kind of values held: number, bool, text, datetime, timedelta, empty, mixed, other.

    Categories count as the kind of their categories, so a categorical of text is text.

    >>> value_kind(pd.Series(["a", "b"])), value_kind(pd.Series([1, 2], dtype="Int64"))
    ('text', 'number')
    """
    dtype = values.dtype
    if isinstance(dtype, pd.CategoricalDtype):
        return value_kind(pd.Series(dtype.categories)) if len(dtype.categories) else "empty"
    if pd.api.types.is_object_dtype(dtype):
        return _INFERRED_KINDS.get(pd.api.types.infer_dtype(values, skipna=True), "other")
    if pd.api.types.is_bool_dtype(dtype):
        return "bool"
    if pd.api.types.is_numeric_dtype(dtype):
        return "number"
    if pd.api.types.is_datetime64_any_dtype(dtype):
        return "datetime"
    if pd.api.types.is_timedelta64_dtype(dtype):
        return "timedelta"
    if pd.api.types.is_string_dtype(dtype):
        return "text"
    return "other"


def kinds_compatible(answer_kind: str, expected_kind: str) -> bool:
    """True when values of these two kinds can be compared (no values fit any kind).

    >>> kinds_compatible("number", "number"), kinds_compatible("empty", "text")
    (True, True)
    >>> kinds_compatible("text", "number")
    False
    """
    if "empty" in (answer_kind, expected_kind):
        return True
    return answer_kind == expected_kind


def _kind_tip(answer_kind: str, expected_kind: str) -> str:
    if (answer_kind, expected_kind) == ("text", "number"):
        return " Tip: numbers in quotes are text; convert with pd.to_numeric(...)."
    if (answer_kind, expected_kind) == ("bool", "number"):
        return (
            " Tip: a condition such as table['x'] > 0 gives True/False; use it to filter or count."
        )
    if (answer_kind, expected_kind) == ("number", "bool"):
        return " Tip: write the condition itself (for example table['x'] > 0), not a count."
    if expected_kind == "datetime":
        return " Tip: pd.to_datetime(...) turns text into dates."
    return ""


def kind_problem(answer_kind: str, expected_kind: str, subject: str) -> str:
    """The message for values of the wrong kind, with a tip for the common mix-ups.

    >>> kind_problem("text", "number", "Your values are")
    'Your values are text, but this exercise expects numbers. Tip: numbers in quotes are text; convert with pd.to_numeric(...).'
    """
    return (
        f"{subject} {KIND_WORDS[answer_kind]}, but this exercise expects "
        f"{KIND_WORDS[expected_kind]}.{_kind_tip(answer_kind, expected_kind)}"
    )
