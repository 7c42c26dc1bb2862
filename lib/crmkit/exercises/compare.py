"""Comparators: compare a student's answer with the expected one and say what differs.

A comparator is a callable ``(answer, expected) -> Verdict``. The factories in this
module build the common ones: :func:`scalar`, :func:`series`, :func:`frame`,
:func:`set_of`, :func:`sequence` and :func:`mapping`. Their messages are written for
a beginner: what was expected, what was got, and a tip. Every comparator catches its
own errors (answers can be anything) and never changes the answer it is given.

>>> import pandas as pd
>>> compare_revenue = series()
>>> expected = pd.Series([120.0, 80.0], index=pd.Index(["C1", "C2"], name="customer_id"))
>>> print(compare_revenue(expected * 100, expected).problems[0])  # doctest: +NORMALIZE_WHITESPACE
Your values are 100 times the expected values: it looks like a percentage (like 25)
where a fraction (like 0.25) is expected. Tip: do not multiply by 100.
"""

from __future__ import annotations

import copy
import decimal
import difflib
import functools
import math
import numbers
import re
import reprlib
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

__all__ = [
    "DEFAULT_FACTORS",
    "Comparator",
    "Factor",
    "Verdict",
    "describe",
    "show",
    "value_kind",
    "frame",
    "mapping",
    "scalar",
    "sequence",
    "series",
    "set_of",
]

FEW = 3  # how many missing ids, differing rows... a message names


@dataclass(frozen=True)
class Verdict:
    """The result of a comparison: ``ok`` and, when not ok, the problems found.

    >>> Verdict(False, ("Your list has 2 items; expected 3.",)).ok
    False
    """

    ok: bool
    problems: tuple[str, ...] = ()


Comparator = Callable[[Any, Any], Verdict]


@dataclass(frozen=True)
class Factor:
    """A constant factor that explains a common mistake, e.g. 100 for percent vs fraction.

    ``too_big`` and ``too_small`` are messages with a ``{subject}`` placeholder
    ("Your answer is", "Your values are", ...) and optionally ``{s}``, which is "s"
    when several values are compared ("the expected value{s}").

    >>> weekly = Factor(7, "{subject} 7 times too big: daily vs weekly?", "{subject} 7 times less.")
    >>> scalar(factors=(weekly,))(70, 10).problems[0]
    'Your answer is 7 times too big: daily vs weekly?'
    """

    value: float
    too_big: str
    too_small: str


DEFAULT_FACTORS: tuple[Factor, ...] = (
    Factor(
        100,
        "{subject} 100 times the expected value{s}: it looks like a percentage (like 25) where a "
        "fraction (like 0.25) is expected. Tip: do not multiply by 100.",
        "{subject} 100 times smaller than the expected value{s}: it looks like a fraction "
        "(like 0.25) where a percentage (like 25) is expected. Tip: multiply by 100.",
    ),
    Factor(
        1000,
        "{subject} 1000 times the expected value{s}: check the units (for example CNY vs "
        "thousands of CNY).",
        "{subject} 1000 times smaller than the expected value{s}: check the units (for example "
        "thousands of CNY vs CNY).",
    ),
    Factor(
        12,
        "{subject} 12 times the expected value{s}: is it a yearly figure where a monthly one is "
        "expected?",
        "{subject} 12 times smaller than the expected value{s}: is it a monthly figure where a "
        "yearly one is expected?",
    ),
    Factor(
        -1,
        "{subject} the right size but the wrong sign: check the order of a subtraction (for "
        "example revenue - cost, not cost - revenue).",
        "{subject} the right size but the wrong sign: check the order of a subtraction (for "
        "example revenue - cost, not cost - revenue).",
    ),
)


@dataclass(frozen=True)
class _Tolerance:
    rel_tol: float
    abs_tol: float
    factors: tuple[Factor, ...]


# --------------------------------------------------------------------------- text helpers

_ADDRESS = re.compile(r" at 0x[0-9A-Fa-f]+")
_SHORT_REPR = reprlib.Repr()
_SHORT_REPR.maxstring = 40
_SHORT_REPR.maxother = 40
_SHORT_REPR.maxlist = 4
_SHORT_REPR.maxtuple = 4


def show(value: Any) -> str:
    """A short, deterministic text for one value (no memory addresses).

    >>> show(0.1 + 0.2), show("C0001"), show(np.int64(3)), show(float("nan"))
    ('0.3', "'C0001'", '3', 'NaN')
    """
    try:
        return _show(value)
    except Exception:  # a hostile __repr__ must not break the message
        return f"<a {type(value).__name__} object>"


def _show(value: Any) -> str:
    if isinstance(value, np.generic):
        value = value.item()
    if value is None or value is pd.NA or value is pd.NaT:
        return "missing (NA)" if value is not None else "None"
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, numbers.Integral):
        text = str(int(value))
        return text if len(text) <= 20 else f"{text[:8]}...({len(text)} digits)"
    if isinstance(value, numbers.Real):
        return _show_float(float(value))
    if isinstance(value, pd.Timestamp):  # dates without a time read better as dates
        return value.strftime("%Y-%m-%d") if value == value.normalize() else str(value)
    return _ADDRESS.sub("", _SHORT_REPR.repr(value))


def _show_float(number: float) -> str:
    if math.isnan(number):
        return "NaN"
    if math.isinf(number):
        return "infinity" if number > 0 else "minus infinity"
    return f"{number:.10g}"


def _show_label(label: Any) -> str:
    # Labels such as customer ids read better without quotes: "customer_id C0003".
    if isinstance(label, str):
        return label if len(label) <= 40 else label[:37] + "..."
    if isinstance(label, tuple):
        return "(" + ", ".join(_show_label(part) for part in label) + ")"
    return show(label)


def _name_few(values: Sequence[Any], limit: int = FEW) -> str:
    shown = ", ".join(show(value) for value in values[:limit])
    more = len(values) - limit
    return f"{shown} and {more} more" if more > 0 else shown


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def _sortable(values: Iterable[Any]) -> list[Any]:
    """Members in a deterministic order (set order depends on hashing)."""
    return sorted(values, key=lambda value: (type(value).__name__, show(value)))


def describe(obj: Any) -> str:
    """Say in words what kind of object ``obj`` is, for a learner.

    >>> describe([1, 2, 3])
    'a list with 3 items'
    >>> describe(pd.Series([1.5, 2.0]))
    'a pandas Series with 2 values'
    """
    try:
        return _describe(obj)
    except Exception:
        return f"an object of type {type(obj).__name__}"


def _describe(obj: Any) -> str:
    simple = _describe_simple(obj)
    if simple is not None:
        return simple
    if isinstance(obj, pd.DataFrame):
        rows, columns = _plural(len(obj), "row"), _plural(obj.shape[1], "column")
        return f"a pandas DataFrame with {rows} and {columns}"
    if isinstance(obj, pd.Series):
        return f"a pandas Series with {_plural(len(obj), 'value')}"
    if isinstance(obj, pd.Index):
        return f"a pandas Index with {_plural(len(obj), 'label')}"
    if isinstance(obj, np.ndarray):
        return f"a numpy array of shape {obj.shape}"
    for kind, word in ((list, "list"), (tuple, "tuple"), (set, "set"), (frozenset, "set")):
        if isinstance(obj, kind):
            return f"a {word} with {_plural(len(obj), 'item')}"
    if isinstance(obj, dict):
        return f"a dict with {_plural(len(obj), 'key')}"
    return f"an object of type {type(obj).__name__}"


def _describe_simple(obj: Any) -> str | None:
    if obj is None:
        return "None (no value at all)"
    if obj is Ellipsis:
        return "the placeholder ..."
    if isinstance(obj, bool | np.bool_):
        return f"a True/False value ({show(obj)})"
    if isinstance(obj, numbers.Integral):
        return f"a whole number ({show(obj)})"
    if isinstance(obj, numbers.Real):
        return f"a number ({show(obj)})"
    if isinstance(obj, str):
        return f"text ({show(obj)})"
    return None


_NONE_TIP = (
    "Tip: None usually comes from a function that prints instead of returning, or from an "
    "in-place method such as .sort_values(inplace=True); assign the result instead."
)


def _defensive_copy(obj: Any) -> Any:
    """A copy to compare on, so a comparison never changes the student's object."""
    if isinstance(obj, pd.DataFrame | pd.Series | pd.Index | np.ndarray):
        return obj.copy()
    try:
        return copy.deepcopy(obj)
    except Exception:  # uncopyable objects are compared read-only anyway
        return obj


def _error_text(exc: BaseException) -> str:
    try:
        detail = _ADDRESS.sub("", str(exc))[:200]
    except Exception:
        detail = ""
    return f"{type(exc).__name__}: {detail}" if detail else type(exc).__name__


def _guarded(compare: Callable[[Any, Any], Verdict], expects: str) -> Comparator:
    """Wrap a comparison so that it never raises and never touches the caller's objects."""

    @functools.wraps(compare)
    def comparator(answer: Any, expected: Any) -> Verdict:
        try:
            verdict = compare(_defensive_copy(answer), _defensive_copy(expected))
        except Exception as exc:
            return Verdict(
                False,
                (
                    f"Your answer could not be compared with the expected {expects} "
                    f"({_error_text(exc)}). Check that your answer is "
                    f"{_describe_expected(expects)}.",
                ),
            )
        return verdict

    return comparator


def _describe_expected(expects: str) -> str:
    return {"Series": "a pandas Series", "DataFrame": "a pandas DataFrame"}.get(expects, expects)


# --------------------------------------------------------------------------- value kinds

_KIND_WORDS = {
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


def _kinds_compatible(answer_kind: str, expected_kind: str) -> bool:
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


def _kind_problem(answer_kind: str, expected_kind: str, subject: str) -> str:
    return (
        f"{subject} {_KIND_WORDS[answer_kind]}, but this exercise expects "
        f"{_KIND_WORDS[expected_kind]}.{_kind_tip(answer_kind, expected_kind)}"
    )


# --------------------------------------------------------------------------- numbers


def _as_float(value: Any) -> float:
    try:
        return float(value)
    except OverflowError:  # Python ints beyond float range
        return math.inf if value > 0 else -math.inf


def _factor_message(
    answer: np.ndarray, expected: np.ndarray, tolerance: _Tolerance, subject: str, plural: bool
) -> str | None:
    """Explain a difference by a constant factor (percent vs fraction, sign...), if one fits."""
    finite = np.isfinite(answer) & np.isfinite(expected)
    answer, expected = answer[finite], expected[finite]
    if not len(expected) or not np.any(expected != 0):
        return None
    s = "s" if plural else ""
    with np.errstate(all="ignore"):
        for factor in tolerance.factors:
            if _all_close(answer, expected * factor.value, tolerance):
                return factor.too_big.format(subject=subject, s=s)
            if _all_close(answer * factor.value, expected, tolerance):
                return factor.too_small.format(subject=subject, s=s)
    return None


def _rounding_message(
    answer: np.ndarray, expected: np.ndarray, tolerance: _Tolerance, subject: str
) -> str | None:
    """Explain a difference by early rounding or by cutting off decimals, if that fits."""
    finite = np.isfinite(answer) & np.isfinite(expected)
    answer, expected = answer[finite], expected[finite]
    if not np.any(answer != 0):  # all zeros: more likely a wrong formula than rounding
        return None
    with np.errstate(all="ignore"):
        if _all_close(answer, np.trunc(expected), tolerance) and not _all_close(
            answer, np.round(expected), tolerance
        ):
            return (
                f"{subject} cut off to whole numbers (for example by int(...) or .astype(int)). "
                "Tip: keep the decimals."
            )
        for decimals in range(5):
            if _all_close(answer, np.round(expected, decimals), tolerance):
                places = _plural(decimals, "decimal") if decimals else "whole numbers"
                return (
                    f"{subject} rounded to {places}. Tip: do not round before checking; round "
                    "only for display."
                )
    return None


def _all_close(answer: np.ndarray, expected: np.ndarray, tolerance: _Tolerance) -> bool:
    return bool(
        np.all(np.isclose(answer, expected, rtol=tolerance.rel_tol, atol=tolerance.abs_tol))
    )


def _to_float_array(values: pd.Series) -> np.ndarray:
    try:
        return values.to_numpy(dtype=float, na_value=np.nan)
    except OverflowError:  # Python ints beyond float range: convert one by one
        return np.array([np.nan if pd.isna(v) else _as_float(v) for v in values], dtype=float)


# --------------------------------------------------------------------------- labelled values


@dataclass(frozen=True)
class _Where:
    """How to name the values being compared in messages."""

    prefix: str  # "" or "Column 'revenue': "
    subject: str  # "Your values are" / "The values of column 'revenue' are"
    label_name: str  # "customer_id", "position", "row"


def _compare_values(
    answer: pd.Series, expected: pd.Series, tolerance: _Tolerance, where: _Where
) -> list[str]:
    """Compare two aligned Series value by value (same labels in the same order)."""
    answer_kind, expected_kind = value_kind(answer), value_kind(expected)
    if not _kinds_compatible(answer_kind, expected_kind):
        return [_kind_problem(answer_kind, expected_kind, where.subject)]
    if {answer_kind, expected_kind} & {"number", "bool"}:
        return _compare_numbers(answer, expected, tolerance, where)
    return _compare_exact(answer, expected, where)


def _compare_numbers(
    answer: pd.Series, expected: pd.Series, tolerance: _Tolerance, where: _Where
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
        explanation = _factor_message(
            got[both], want[both], tolerance, where.subject, plural=True
        ) or _rounding_message(got[both], want[both], tolerance, where.subject)
        if explanation:
            problems.append(explanation)
        else:
            problems.append(_first_differences(~close & both, got, want, answer.index, where))
    return problems


def _missing_value_problems(
    got: np.ndarray, want: np.ndarray, labels: pd.Index, where: _Where
) -> list[str]:
    problems = []
    missing_in_answer = np.isnan(got) & ~np.isnan(want)
    if missing_in_answer.any():
        examples = _name_labels(labels[missing_in_answer])
        problems.append(
            f"{where.prefix}{_plural(int(missing_in_answer.sum()), 'value')} missing (NaN) where "
            f"a number is expected, at {where.label_name} {examples}. Tip: missing values often "
            "come from a merge or reindex where some rows had no match; decide whether they "
            "should be 0 (.fillna(0)) or left out."
        )
    filled_in_answer = ~np.isnan(got) & np.isnan(want)
    if filled_in_answer.any():
        examples = _name_labels(labels[filled_in_answer])
        problems.append(
            f"{where.prefix}{_plural(int(filled_in_answer.sum()), 'value')} should be missing "
            f"(NaN) but your answer has a number, at {where.label_name} {examples}. Did you fill "
            "in missing values (for example with 0)?"
        )
    return problems


def _name_labels(labels: pd.Index) -> str:
    shown = ", ".join(_show_label(label) for label in labels[:FEW])
    more = len(labels) - FEW
    return f"{shown} and {more} more" if more > 0 else shown


def _first_differences(
    differs: np.ndarray, got: np.ndarray, want: np.ndarray, labels: pd.Index, where: _Where
) -> str:
    positions = np.flatnonzero(differs)
    examples = "; ".join(
        f"{where.label_name} {_show_label(labels[i])}: "
        f"yours {show(got[i])}, expected {show(want[i])}"
        for i in positions[:FEW]
    )
    return (
        f"{where.prefix}{len(positions)} of {_plural(len(got), 'value')} differ. "
        f"First differences: {examples}."
    )


def _compare_exact(answer: pd.Series, expected: pd.Series, where: _Where) -> list[str]:
    got = answer.to_numpy(dtype=object)
    want = expected.to_numpy(dtype=object)
    both_missing = answer.isna().to_numpy() & expected.isna().to_numpy()
    equal = np.array([_same(a, b) for a, b in zip(got, want, strict=True)], dtype=bool)
    differs = ~(equal | both_missing)
    if not differs.any():
        return []
    if _only_case_or_spaces(got[differs], want[differs]):
        first = np.flatnonzero(differs)[0]
        return [
            f"{where.subject} right except for capitals or spaces in some text, for example "
            f"yours {show(got[first])}, expected {show(want[first])}. Tip: copy the spelling "
            "used in the data exactly."
        ]
    return [_first_differences(differs, got, want, answer.index, where)]


def _same(answer: Any, expected: Any) -> bool:
    try:
        return bool(answer == expected)
    except Exception:  # elements whose == raises or is ambiguous count as different
        return False


def _only_case_or_spaces(got: np.ndarray, want: np.ndarray) -> bool:
    pairs = list(zip(got, want, strict=True))
    return all(
        isinstance(a, str) and isinstance(b, str) and a.strip().casefold() == b.strip().casefold()
        for a, b in pairs
    )


# --------------------------------------------------------------------------- labels (index)


_UNNAMED = ("label", "row label")  # fallbacks of _label_name for an unnamed index


def _label_name(index: pd.Index, fallback: str) -> str:
    names = [name for name in index.names if name is not None]
    return ", ".join(str(name) for name in names) if names else fallback


def _align_labels(
    answer: pd.Index, expected: pd.Index, what: str, label_name: str
) -> tuple[list[str], pd.Index | None]:
    """Problems with the answer's labels, and the labels both share (None: cannot align)."""
    repeated = answer[answer.duplicated()]
    if len(repeated):
        first = repeated[0]
        count = Counter(answer.tolist())[first]
        return [
            f"Your {what} has repeated {label_name} values: {_show_label(first)} appears "
            f"{count} times ({_plural(len(repeated.unique()), 'label')} repeated in all). Tip: "
            f"group by {label_name} (for example .groupby(...).sum()) so that each appears once."
        ], None
    kind_problem = _label_kind_problem(answer, expected, what, label_name)
    if kind_problem:
        return [kind_problem], None
    missing = expected[~expected.isin(answer)]
    extra = answer[~answer.isin(expected)]
    problems = []
    if len(missing):
        problems.append(
            f"Your {what} is missing {_plural(len(missing), label_name + ' value')} that should "
            f"be there: {_name_labels(missing)}."
        )
    if len(extra):
        problems.append(
            f"Your {what} has {_plural(len(extra), 'extra ' + label_name + ' value')} that "
            f"should not be there: {_name_labels(extra)}. Tip: check your filter."
        )
    return problems, expected[expected.isin(answer)]


def _label_kind_problem(answer: pd.Index, expected: pd.Index, what: str, label_name: str) -> str:
    if answer.nlevels != expected.nlevels:
        return (
            f"Your {what} is labelled by {_plural(answer.nlevels, 'level')} "
            f"({_label_name(answer, 'unnamed')}), but expected {expected.nlevels} "
            f"({label_name}). Tip: check what you grouped by."
        )
    if answer.nlevels > 1:
        return ""
    answer_kind, expected_kind = value_kind(answer), value_kind(expected)
    if _kinds_compatible(answer_kind, expected_kind):
        return ""
    named = label_name not in _UNNAMED
    if isinstance(answer, pd.RangeIndex) or _is_positions(answer):
        tip = f" Tip: use .set_index({label_name!r}) or group by {label_name!r}." if named else ""
        by = f"by {label_name} " if named else ""
        return (
            f"Your {what} is numbered 0, 1, 2, ... instead of being labelled {by}(like "
            f"{show(expected[0])}).{tip}"
        )
    which = f" ({label_name})" if named else ""
    return (
        f"The labels of your {what} are {_KIND_WORDS[answer_kind]}, but expected "
        f"{_KIND_WORDS[expected_kind]}{which}, like {show(expected[0])}."
    )


def _is_positions(index: pd.Index) -> bool:
    return pd.api.types.is_integer_dtype(index.dtype) and bool(
        np.array_equal(index.to_numpy(), np.arange(len(index)))
    )


# --------------------------------------------------------------------------- sort order


def _describe_order(columns: Mapping[str, pd.Series | pd.Index]) -> str:
    """Say which of ``columns`` (name -> values) the rows are sorted by, trying them in order."""
    for name, values in columns.items():
        direction = _direction(values)
        if direction:
            return f"sorted by {name}, {direction}"
    return "not sorted by " + " or ".join(columns) if columns else "not sorted"


def _direction(values: pd.Series | pd.Index) -> str | None:
    try:
        if len(values) < 2 or values.nunique(dropna=False) < 2:
            return None
        if values.is_monotonic_decreasing:
            return "largest first"
        if values.is_monotonic_increasing:
            return "smallest first"
    except Exception:  # unorderable values (mixed types) have no order to describe
        return None
    return None


def _order_problem(
    what: str, answer_order: str, expected_order: str, index_name: str | None = None
) -> str:
    if index_name and expected_order.startswith(f"sorted by {index_name},"):
        tip = "Tip: .sort_index() sorts by the labels."
    else:
        tip = "Tip: .sort_values(...) (ascending=False for largest first)."
    return (
        f"Your {what} has the right values but in the wrong order: expected {expected_order}; "
        f"yours is {answer_order}. {tip}"
    )


# --------------------------------------------------------------------------- scalar


def scalar(
    *,
    rel_tol: float = 1e-6,
    abs_tol: float = 1e-9,
    factors: tuple[Factor, ...] = DEFAULT_FACTORS,
    case_sensitive: bool = True,
) -> Comparator:
    """Compare one value: a number (with tolerance), text, True/False or None.

    Diagnoses: wrong type (number vs text vs bool, a Series holding one value),
    NaN, a constant factor (100, 1000, 12, -1), early rounding.

    >>> compare_rate = scalar()
    >>> compare_rate(0.25, 0.25)
    Verdict(ok=True, problems=())
    >>> print(compare_rate("0.25", 0.25).problems[0])
    Your answer is text ('0.25'), but this exercise expects a number. Tip: remove the quotes.
    >>> print(compare_rate(-0.25, 0.25).problems[0])  # doctest: +ELLIPSIS
    Your answer is the right size but the wrong sign: ...
    """
    tolerance = _Tolerance(rel_tol, abs_tol, tuple(factors))

    def compare_scalar(answer: Any, expected: Any) -> Verdict:
        problems = _scalar_problems(answer, expected, tolerance, case_sensitive)
        return Verdict(not problems, tuple(problems))

    return _guarded(compare_scalar, "single value")


def _is_number(value: Any) -> bool:
    return isinstance(value, numbers.Real | decimal.Decimal) and not isinstance(value, bool)


def _unwrap(value: Any) -> Any:
    if isinstance(value, np.generic | np.ndarray) and np.ndim(value) == 0:
        return value.item()
    return value


def _scalar_problems(
    answer: Any, expected: Any, tolerance: _Tolerance, case_sensitive: bool = True
) -> list[str]:
    answer, expected = _unwrap(answer), _unwrap(expected)
    if isinstance(expected, bool):
        return _bool_problems(answer, expected)
    if _is_number(expected):
        return _number_problems(answer, expected, tolerance)
    if isinstance(expected, str):
        return _text_problems(answer, expected, case_sensitive)
    if expected is None:
        return [] if answer is None else [f"Your answer is {describe(answer)}; expected None."]
    return (
        []
        if _same(answer, expected)
        else [f"Your answer {show(answer)} is not the expected {type(expected).__name__}."]
    )


def _number_problems(answer: Any, expected: float, tolerance: _Tolerance) -> list[str]:
    type_problem = _number_type_problem(answer)
    if type_problem is not None:
        return type_problem
    got, want = _as_float(answer), _as_float(expected)
    if math.isnan(got) or math.isnan(want):
        return [] if math.isnan(got) and math.isnan(want) else [_nan_problem(got)]
    if math.isclose(got, want, rel_tol=tolerance.rel_tol, abs_tol=tolerance.abs_tol) or got == want:
        return []
    pair = (np.array([got]), np.array([want]))
    subject = "Your answer is"
    explanation = _factor_message(*pair, tolerance, subject, plural=False)
    explanation = explanation or _rounding_message(*pair, tolerance, subject)
    return [explanation or _direction_message(answer, got, want)]


def _number_type_problem(answer: Any) -> list[str] | None:
    """None when the answer is a real number; else the problems."""
    if _is_number(answer):
        return None
    expects = "this exercise expects a number"
    if isinstance(answer, bool):
        return [
            f"Your answer is {describe(answer)}, but {expects}. Tip: True/False answers a "
            "question; here the question is how much or how many."
        ]
    if isinstance(answer, str):
        tip = " Tip: remove the quotes." if _looks_numeric(answer) else ""
        return [f"Your answer is {describe(answer)}, but {expects}.{tip}"]
    if answer is None:
        return [f"Your answer is {describe(answer)}, but {expects}. {_NONE_TIP}"]
    if isinstance(answer, pd.Series | pd.DataFrame | pd.Index | np.ndarray | list | tuple):
        return _container_instead_of_number(answer, expects)
    return [f"Your answer is {describe(answer)}, but {expects}."]


def _container_instead_of_number(answer: Any, expects: str) -> list[str]:
    size = int(np.size(answer)) if not isinstance(answer, list | tuple) else len(answer)
    if size == 1:
        return [
            f"Your answer is {_short_type(answer)} holding one value, but {expects} on its own. "
            + (
                "Tip: take the value out with your_list[0]."
                if isinstance(answer, list | tuple)
                else "Tip: take the value out with .item()."
            )
        ]
    return [
        f"Your answer is {describe(answer)}, but {expects} (a single value). Tip: did you "
        "forget to add the values up (.sum()), average them (.mean()) or pick one (.loc[...])?"
    ]


def _short_type(obj: Any) -> str:
    return describe(obj).split(" with ")[0].split(" of shape ")[0]


def _looks_numeric(text: str) -> bool:
    try:
        float(text.replace(",", "").strip().rstrip("%"))
    except ValueError:
        return False
    return True


def _nan_problem(got: float) -> str:
    if math.isnan(got):
        return (
            "Your answer is NaN (not a number). This usually comes from a calculation on "
            "missing values or from 0 divided by 0. Tip: look at the rows you computed it from."
        )
    return f"Your answer is {show(got)}, but the expected value is missing (NaN)."


def _direction_message(answer: Any, got: float, want: float) -> str:
    side = "too high" if got > want else "too low"
    if want == 0 or not math.isfinite(got) or not math.isfinite(want):
        return f"Your answer ({show(answer)}) is {side}."
    gap = abs(got - want) / abs(want) * 100
    size = "a little " if gap < 1 else ""
    by = " (by less than 1%)" if gap < 1 else f" (by about {gap:.0f}%)"
    return f"Your answer ({show(answer)}) is {size}{side}{by}."


def _bool_problems(answer: Any, expected: bool) -> list[str]:
    if isinstance(answer, bool):
        return (
            [] if answer == expected else [f"Your answer is {answer}, but it should be {expected}."]
        )
    if isinstance(answer, str) and answer.strip() in ("True", "False"):
        return [
            f"Your answer is {describe(answer)}, but this exercise expects True or False "
            "without quotes."
        ]
    if isinstance(answer, numbers.Integral) and answer in (0, 1):
        return [
            f"Your answer is {describe(answer)}, but this exercise expects True or False. "
            "Tip: write True or False instead of 1 or 0."
        ]
    return [f"Your answer is {describe(answer)}, but this exercise expects True or False."]


def _text_problems(answer: Any, expected: str, case_sensitive: bool) -> list[str]:
    if not isinstance(answer, str):
        extra = f" {_NONE_TIP}" if answer is None else ""
        return [f"Your answer is {describe(answer)}, but this exercise expects text.{extra}"]
    if answer == expected or (not case_sensitive and answer.casefold() == expected.casefold()):
        return []
    if answer.strip().casefold() == expected.strip().casefold():
        return [
            f"Your answer {show(answer)} differs from the expected text only in capitals or "
            "spaces. Tip: copy the spelling used in the data exactly."
        ]
    return [f"Your answer {show(answer)} is not the expected text."]


# --------------------------------------------------------------------------- series


def series(
    *,
    rel_tol: float = 1e-6,
    abs_tol: float = 1e-9,
    check_order: bool = False,
    check_name: bool = False,
    factors: tuple[Factor, ...] = DEFAULT_FACTORS,
) -> Comparator:
    """Compare a pandas Series, label by label (its index, for example customer_id).

    Diagnoses: wrong type (with a tip for lists, one-column tables...), repeated
    labels, missing and extra labels (a few named), labels of the wrong kind,
    values of the wrong kind, missing values, a constant factor, rounding, the
    first differing rows, the sort order (with ``check_order``) and the name
    (with ``check_name``).

    >>> expected = pd.Series([5, 3, 1], index=pd.Index(["C1", "C2", "C3"], name="customer_id"))
    >>> compare_orders = series()
    >>> compare_orders(expected.sort_index(ascending=False), expected).ok
    True
    >>> print(compare_orders(expected.drop("C2"), expected).problems[0])
    Your Series is missing 1 customer_id value that should be there: C2.
    >>> print(series(check_order=True)(expected.sort_values(), expected).problems[0])
    ... # doctest: +NORMALIZE_WHITESPACE
    Your Series has the right values but in the wrong order: expected sorted by value,
    largest first; yours is sorted by value, smallest first.
    Tip: .sort_values(...) (ascending=False for largest first).
    """
    tolerance = _Tolerance(rel_tol, abs_tol, tuple(factors))

    def compare_series(answer: Any, expected: Any) -> Verdict:
        if isinstance(answer, pd.Series):
            problems = _series_problems(answer, expected, tolerance, check_order, check_name)
            return Verdict(not problems, tuple(problems))
        return _series_type_verdict(answer, expected, compare_series)

    return _guarded(compare_series, "Series")


def _series_problems(
    answer: pd.Series,
    expected: pd.Series,
    tolerance: _Tolerance,
    check_order: bool,
    check_name: bool,
) -> list[str]:
    label_name = _label_name(expected.index, "label")
    problems, common = _align_labels(answer.index, expected.index, "Series", label_name)
    if common is None:  # labels cannot be matched: the length is all we can say more
        return problems + _length_problem("Series", "value", len(answer), len(expected), label_name)
    where = _Where("", "Your values are", label_name)
    value_problems = _compare_values(
        answer.reindex(common), expected.reindex(common), tolerance, where
    )
    problems += value_problems
    if check_order and not problems and not answer.index.equals(expected.index):
        problems.append(
            _order_problem(
                "Series",
                _describe_order({"value": answer, label_name: answer.index}),
                _describe_order({"value": expected, label_name: expected.index}),
                label_name,
            )
        )
    if check_name and answer.name != expected.name:
        problems.append(
            f"Your Series is named {show(answer.name)}, but expected the name "
            f"{show(expected.name)}. Tip: .rename({expected.name!r})."
        )
    return problems


def _length_problem(what: str, unit: str, got: int, want: int, label_name: str) -> list[str]:
    if got == want:
        return []
    per = f" (one per {label_name})" if label_name not in _UNNAMED else ""
    return [f"Your {what} has {_plural(got, unit)}; expected {want}{per}."]


def _series_type_verdict(
    answer: Any, expected: pd.Series, compare_series: Callable[[Any, Any], Verdict]
) -> Verdict:
    """A wrong type: say so, and when the answer converts cleanly, compare the converted one."""
    label_name = _label_name(expected.index, "")
    per = f" (one value per {label_name})" if label_name else f" with {len(expected)} values"
    headline = f"Your answer is {describe(answer)}, but this exercise expects a pandas Series{per}."
    conversion = _as_series(answer, expected)
    problems = [f"{headline} {conversion.tip}".strip()]
    if conversion.series is not None:
        inner = compare_series(conversion.series, expected)
        if inner.ok:
            problems.append("Apart from that, your values are right.")
        elif conversion.labelled:  # rows named after labels we made up would mislead
            problems += inner.problems
    return Verdict(False, tuple(problems))


@dataclass(frozen=True)
class _Conversion:
    """An answer of the wrong type turned into a Series (when unambiguous), and a tip."""

    series: pd.Series | None
    tip: str
    labelled: bool = True  # False: the labels were taken from the expected answer


def _as_series(answer: Any, expected: pd.Series) -> _Conversion:
    if answer is None:
        return _Conversion(None, _NONE_TIP)
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
    label = _label_name(expected.index, "")
    if isinstance(answer, numbers.Number) and label:
        tip = (
            f"Tip: this single value may be a total over everything; group by "
            f"{label} to get one value per {label}."
        )
        return _Conversion(None, tip)
    return _Conversion(None, "")


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


# --------------------------------------------------------------------------- frame


def frame(
    *,
    columns: Sequence[str] | None = None,
    key: str | Sequence[str] | None = None,
    check_order: bool = False,
    check_index: bool | None = None,
    rel_tol: float = 1e-6,
    abs_tol: float = 1e-9,
    factors: tuple[Factor, ...] = DEFAULT_FACTORS,
) -> Comparator:
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
    tolerance = _Tolerance(rel_tol, abs_tol, tuple(factors))
    keys = [key] if isinstance(key, str) else list(key or [])
    wanted_columns = None if columns is None else list(columns)

    def compare_frame(answer: Any, expected: Any) -> Verdict:
        if not isinstance(answer, pd.DataFrame):
            return Verdict(False, (_frame_type_problem(answer, expected),))
        problems = _frame_problems(
            answer, expected, _FrameSpec(wanted_columns, keys, check_order, check_index), tolerance
        )
        return Verdict(not problems, tuple(problems))

    return _guarded(compare_frame, "DataFrame")


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
        return f"{headline} {_NONE_TIP}"
    return headline


def _frame_problems(
    answer: pd.DataFrame, expected: pd.DataFrame, spec: _FrameSpec, tolerance: _Tolerance
) -> list[str]:
    structure = _column_structure_problems(answer)
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
    return problems


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
        f"Your table has {_plural(len(extra), 'extra column')}: {shown}. Expected exactly "
        f"these columns: {want}. Tip: drop the helper columns, or select the columns you "
        "need with table[[...]]."
    ]


def _match_by_index(expected: pd.DataFrame, check_index: bool | None) -> bool:
    if check_index is not None:
        return check_index
    return not (isinstance(expected.index, pd.RangeIndex) or _is_positions(expected.index))


def _labelled_rows_problems(
    answer: pd.DataFrame,
    expected: pd.DataFrame,
    present: list[str],
    spec: _FrameSpec,
    tolerance: _Tolerance,
) -> list[str]:
    label_name = _label_name(expected.index, "row label")
    problems, common = _align_labels(answer.index, expected.index, "table", label_name)
    if common is None:  # labels cannot be matched: the length is all we can say more
        return problems + _length_problem("table", "row", len(answer), len(expected), label_name)
    aligned_answer, aligned_expected = answer.reindex(common), expected.reindex(common)
    value_problems = _column_value_problems(
        aligned_answer, aligned_expected, present, tolerance, label_name
    )
    problems += value_problems
    if spec.check_order and not problems and not answer.index.equals(expected.index):
        problems.append(_frame_order_problem(answer, expected, present, label_name))
    return problems


def _positional_rows_problems(
    answer: pd.DataFrame,
    expected: pd.DataFrame,
    present: list[str],
    spec: _FrameSpec,
    tolerance: _Tolerance,
) -> list[str]:
    if len(answer) != len(expected):
        return [f"Your table has {_plural(len(answer), 'row')}; expected {len(expected)}."]
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
    tolerance: _Tolerance,
    label_name: str,
) -> list[str]:
    problems = []
    for column in columns:
        where = _Where(f"Column {column!r}: ", f"The values of column {column!r} are", label_name)
        problems += _compare_values(answer[column], expected[column], tolerance, where)
    return problems


def _frame_order_problem(
    answer: pd.DataFrame, expected: pd.DataFrame, columns: list[str], label_name: str | None
) -> str:
    def candidates(table: pd.DataFrame) -> dict[str, pd.Series | pd.Index]:
        found: dict[str, pd.Series | pd.Index] = {repr(c): table[c] for c in columns}
        if label_name is not None:
            found[label_name] = table.index
        return found

    return _order_problem(
        "table", _describe_order(candidates(answer)), _describe_order(candidates(expected))
    )


# --------------------------------------------------------------------------- collections


_COLLECTIONS = (list, tuple, set, frozenset, pd.Series, pd.Index, np.ndarray)


def _members(answer: Any) -> list[Any] | None:
    """The members of a one-dimensional collection as plain Python values, else None."""
    if isinstance(answer, str | bytes | dict) or not isinstance(answer, _COLLECTIONS):
        return None
    if isinstance(answer, np.ndarray) and answer.ndim != 1:
        return None
    return [_unwrap(member) for member in answer]


def _collection_type_problem(answer: Any, expects: str) -> str:
    tip = ""
    if isinstance(answer, pd.DataFrame):
        tip = (
            " Tip: take one column (table['customer_id']) or the index (table.index) of your table."
        )
    elif isinstance(answer, str):
        tip = " Tip: put the items in a list, like ['a', 'b']."
    elif answer is None:
        tip = f" {_NONE_TIP}"
    return f"Your answer is {describe(answer)}, but this exercise expects {expects}.{tip}"


def set_of(*, what: str = "members", allow_duplicates: bool = True) -> Comparator:
    """Compare collections where order does not matter (a set of customer ids, say).

    The answer may be a set, list, tuple, numpy array, pandas Series (its values)
    or Index. ``what`` names the members in messages ("customers").

    >>> compare_ids = set_of(what="customers")
    >>> compare_ids(["C3", "C1"], {"C1", "C3"}).ok
    True
    >>> print(compare_ids(["C1", "C9"], {"C1", "C3"}).problems[0])
    Your answer is missing 1 of the 2 expected customers: 'C3'.
    """

    def compare_set(answer: Any, expected: Any) -> Verdict:
        members = _members(answer)
        if members is None:
            return Verdict(False, (_collection_type_problem(answer, f"a collection of {what}"),))
        if not all(isinstance(member, Hashable) for member in members):
            return Verdict(
                False,
                (f"Your {what} must be single values (like 'C0001' or 3), not lists or tables.",),
            )
        expected_members = set(_members(expected) or [])
        problems = _member_type_problems(members, expected_members, what)
        problems += _set_difference_problems(set(members), expected_members, what)
        if not allow_duplicates:
            problems += _duplicate_problems(members, what)
        return Verdict(not problems, tuple(problems))

    return _guarded(compare_set, f"collection of {what}")


def _member_type_problems(members: list[Any], expected: set[Any], what: str) -> list[str]:
    answer_kind = value_kind(pd.Series(members, dtype=object))
    expected_kind = value_kind(pd.Series(list(expected), dtype=object))
    if _kinds_compatible(answer_kind, expected_kind):
        return []
    example = _sortable(expected)[0]
    return [
        f"Your {what} are {_KIND_WORDS[answer_kind]}, but expected {_KIND_WORDS[expected_kind]}"
        f" (like {show(example)})."
    ]


def _set_difference_problems(members: set[Any], expected: set[Any], what: str) -> list[str]:
    missing, extra = _sortable(expected - members), _sortable(members - expected)
    problems = []
    if missing:
        problems.append(
            f"Your answer is missing {len(missing)} of the {len(expected)} expected "
            f"{what}: {_name_few(missing)}."
        )
    if extra:
        problems.append(
            f"Your answer has extra {what} that should not be there ({len(extra)} in all): "
            f"{_name_few(extra)}. Tip: check your filter."
        )
    return problems


def _duplicate_problems(members: list[Any], what: str) -> list[str]:
    repeated = _sortable(member for member, count in Counter(members).items() if count > 1)
    if not repeated:
        return []
    return [
        f"Your answer lists some {what} more than once: {_name_few(repeated)}. "
        "Tip: .unique() or set(...) keeps each once."
    ]


def sequence(*, what: str = "items", rel_tol: float = 1e-6, abs_tol: float = 1e-9) -> Comparator:
    """Compare sequences where order matters (a ranking, say), item by item.

    Numbers are compared with the tolerances. Diagnoses: wrong type (a set has
    no order), length, missing and extra items, reversed or reordered items.

    >>> compare_ranking = sequence(what="customers")
    >>> compare_ranking(("C2", "C1"), ["C2", "C1"]).ok
    True
    >>> print(compare_ranking(["C1", "C2"], ["C2", "C1"]).problems[0])
    ... # doctest: +NORMALIZE_WHITESPACE
    Your customers are in reverse order. Tip: did you sort smallest first instead of
    largest first (ascending=False)?
    """
    tolerance = _Tolerance(rel_tol, abs_tol, DEFAULT_FACTORS)

    def compare_sequence(answer: Any, expected: Any) -> Verdict:
        if isinstance(answer, set | frozenset):
            return Verdict(
                False,
                (
                    f"Your answer is {describe(answer)}, but a set has no order "
                    f"and this exercise expects {what} in order. Tip: use a list, "
                    "for example sorted(...) or a sorted Series.",
                ),
            )
        members = _members(answer)
        if members is None:
            return Verdict(False, (_collection_type_problem(answer, f"a list of {what}"),))
        problems = _sequence_problems(members, _members(expected) or [], what, tolerance)
        return Verdict(not problems, tuple(problems))

    return _guarded(compare_sequence, f"list of {what}")


def _sequence_problems(
    members: list[Any], expected: list[Any], what: str, tolerance: _Tolerance
) -> list[str]:
    if len(members) != len(expected):
        problems = [f"Your answer has {len(members)} {what}; expected {len(expected)}."]
        return problems + _multiset_problems(members, expected, what)
    where = _Where("", "Your values are", "position")
    positions = pd.RangeIndex(len(members), name="position")
    problems = _compare_values(
        pd.Series(members, index=positions, dtype=object).infer_objects(),
        pd.Series(expected, index=positions, dtype=object).infer_objects(),
        tolerance,
        where,
    )
    if problems and _same_members(members, expected):
        return [_reorder_problem(members, expected, what)]
    return problems


def _same_members(members: list[Any], expected: list[Any]) -> bool:
    try:
        return Counter(members) == Counter(expected)
    except TypeError:  # unhashable members
        return False


def _reorder_problem(members: list[Any], expected: list[Any], what: str) -> str:
    if members == expected[::-1]:
        return (
            f"Your {what} are in reverse order. Tip: did you sort smallest first instead of "
            "largest first (ascending=False)?"
        )
    first = next(
        i for i, (a, b) in enumerate(zip(members, expected, strict=True)) if not _same(a, b)
    )
    return (
        f"Your answer has the right {what} but in a different order: the first difference is "
        f"at position {first} (yours {show(members[first])}, expected {show(expected[first])})."
    )


def _multiset_problems(members: list[Any], expected: list[Any], what: str) -> list[str]:
    if not all(isinstance(member, Hashable) for member in [*members, *expected]):
        return []
    answer_counts, expected_counts = Counter(members), Counter(expected)
    missing = _sortable((expected_counts - answer_counts).elements())
    extra = _sortable((answer_counts - expected_counts).elements())
    problems = []
    if missing:
        problems.append(f"Missing {what}: {_name_few(missing)}.")
    if extra:
        problems.append(f"Extra {what}: {_name_few(extra)}.")
    return problems


def mapping(
    *,
    what: str = "keys",
    rel_tol: float = 1e-6,
    abs_tol: float = 1e-9,
    factors: tuple[Factor, ...] = DEFAULT_FACTORS,
) -> Comparator:
    """Compare a dict (key -> value); a pandas Series is accepted as a dict too.

    Diagnoses: wrong type, missing and extra keys (a few named), and the first
    keys whose values differ (numbers compared with the tolerances).

    >>> compare_counts = mapping(what="states")
    >>> compare_counts({"lost": 3, "active": 7}, {"active": 7, "lost": 3}).ok
    True
    >>> print(compare_counts({"active": 7}, {"active": 7, "lost": 3}).problems[0])
    Your answer is missing 1 of the 2 expected states: 'lost'.
    """
    tolerance = _Tolerance(rel_tol, abs_tol, tuple(factors))

    def compare_mapping(answer: Any, expected: Any) -> Verdict:
        if isinstance(answer, pd.Series):
            answer = answer.to_dict()
        if not isinstance(answer, Mapping):
            return Verdict(False, (_collection_type_problem(answer, "a dict"),))
        answer = {_unwrap(key): value for key, value in answer.items()}
        expected = {_unwrap(key): value for key, value in dict(expected).items()}
        problems = _set_difference_problems(set(answer), set(expected), what)
        problems += _mapping_value_problems(answer, expected, tolerance)
        return Verdict(not problems, tuple(problems))

    return _guarded(compare_mapping, "dict")


def _mapping_value_problems(
    answer: dict[Any, Any], expected: dict[Any, Any], tolerance: _Tolerance
) -> list[str]:
    differing = []
    for key in _sortable(set(answer) & set(expected)):
        if _scalar_problems(answer[key], expected[key], tolerance):
            differing.append(
                f"{show(key)}: yours {show(answer[key])}, expected {show(expected[key])}"
            )
    if not differing:
        return []
    return [
        f"{len(differing)} of {_plural(len(expected), 'value')} differ. First differences: "
        + "; ".join(differing[:FEW])
        + "."
    ]
