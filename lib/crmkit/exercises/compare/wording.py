"""How comparators name values in messages: short, deterministic, written for a learner.

Messages name a few examples at most (:data:`FEW`), never memory addresses,
and sets in a fixed order, so that the same answer always gets the same text
(stored notebook outputs compare it byte for byte).
"""

from __future__ import annotations

import math
import numbers
import reprlib
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
import pandas as pd

from crmkit.exercises.safety import ADDRESS

FEW = 3  # how many missing ids, differing rows... a message names

NONE_TIP = (
    "Tip: None usually comes from a function that prints instead of returning, or from an "
    "in-place method such as .sort_values(inplace=True); assign the result instead."
)

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
    return ADDRESS.sub("", _SHORT_REPR.repr(value))


def _show_float(number: float) -> str:
    if math.isnan(number):
        return "NaN"
    if math.isinf(number):
        return "infinity" if number > 0 else "minus infinity"
    return f"{number:.10g}"


def show_label(label: Any) -> str:
    """A label (customer id, month...) as a message names it: text without quotes.

    >>> show_label("C0003"), show_label(("B001", 2025)), show_label(7)
    ('C0003', '(B001, 2025)', '7')
    """
    # Labels such as customer ids read better without quotes: "customer_id C0003".
    if isinstance(label, str):
        return label if len(label) <= 40 else label[:37] + "..."
    if isinstance(label, tuple):
        return "(" + ", ".join(show_label(part) for part in label) + ")"
    return show(label)


def name_few(values: Sequence[Any], limit: int = FEW) -> str:
    """The first ``limit`` values, and how many more there are.

    >>> name_few(["C1", "C2", "C3", "C4", "C5"])
    "'C1', 'C2', 'C3' and 2 more"
    """
    shown = ", ".join(show(value) for value in values[:limit])
    more = len(values) - limit
    return f"{shown} and {more} more" if more > 0 else shown


def name_labels(labels: pd.Index, limit: int = FEW) -> str:
    """The first ``limit`` labels (as :func:`show_label` writes them), and how many more there are.

    >>> name_labels(pd.Index(["C1", "C2", "C3", "C4"]))
    'C1, C2, C3 and 1 more'
    """
    shown = ", ".join(show_label(label) for label in labels[:limit])
    more = len(labels) - limit
    return f"{shown} and {more} more" if more > 0 else shown


def pluralise(count: int, word: str) -> str:
    """``count`` and ``word``, with an "s" unless the count is 1.

    >>> pluralise(1, "row"), pluralise(3, "row")
    ('1 row', '3 rows')
    """
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def sortable(values: Iterable[Any]) -> list[Any]:
    """Members in a deterministic order (set order depends on hashing).

    >>> sortable({"b", 2, "a", 1})
    [1, 2, 'a', 'b']
    """
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
        rows, columns = pluralise(len(obj), "row"), pluralise(obj.shape[1], "column")
        return f"a pandas DataFrame with {rows} and {columns}"
    if isinstance(obj, pd.Series):
        return f"a pandas Series with {pluralise(len(obj), 'value')}"
    if isinstance(obj, pd.Index):
        return f"a pandas Index with {pluralise(len(obj), 'label')}"
    if isinstance(obj, np.ndarray):
        return f"a numpy array of shape {obj.shape}"
    if isinstance(obj, pd.api.extensions.ExtensionArray):
        return f"a pandas array with {pluralise(len(obj), 'value')} (like .unique() returns)"
    for kind, word in ((list, "list"), (tuple, "tuple"), (set, "set"), (frozenset, "set")):
        if isinstance(obj, kind):
            return f"a {word} with {pluralise(len(obj), 'item')}"
    if isinstance(obj, dict):
        return f"a dict with {pluralise(len(obj), 'key')}"
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
