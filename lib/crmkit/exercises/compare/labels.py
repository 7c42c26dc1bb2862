"""Matching the labels (the index) of an answer with the expected ones.

Repeated labels, labels of the wrong kind (positions 0, 1, 2 instead of
customer ids), and missing or extra labels are named before any value is
compared: values can only be compared once their labels match.
"""

from __future__ import annotations

from collections import Counter

import numpy as np
import pandas as pd

from crmkit.exercises.compare.kinds import KIND_WORDS, kinds_compatible, value_kind
from crmkit.exercises.compare.wording import FEW, name_labels, pluralise, show, show_label

UNNAMED = ("label", "row label")  # fallbacks of name_of_labels for an unnamed index


def name_of_labels(index: pd.Index, fallback: str) -> str:
    """The name(s) of an index, as messages name its labels; ``fallback`` when unnamed.

    >>> name_of_labels(pd.Index(["C1"], name="customer_id"), "label")
    'customer_id'
    >>> name_of_labels(pd.Index(["C1"]), "label")
    'label'
    """
    names = [name for name in index.names if name is not None]
    return ", ".join(str(name) for name in names) if names else fallback


def align_labels(
    answer: pd.Index, expected: pd.Index, what: str, label_name: str
) -> tuple[list[str], pd.Index | None]:
    """Problems with the answer's labels, and the labels both share (None: cannot align).

    >>> expected = pd.Index(["C1", "C2", "C3"], name="customer_id")
    >>> problems, common = align_labels(pd.Index(["C1", "C2"]), expected, "Series", "customer_id")
    >>> problems, list(common)
    (['Your Series is missing 1 customer_id value that should be there.'], ['C1', 'C2'])
    """
    repeated = answer[answer.duplicated()]
    if len(repeated):
        first = repeated[0]
        count = Counter(answer.tolist())[first]
        return [
            f"Your {what} has repeated {label_name} values: {show_label(first)} appears "
            f"{count} times ({pluralise(len(repeated.unique()), 'label')} repeated in all). Tip: "
            f"group by {label_name} (for example .groupby(...).sum()) so that each appears once."
        ], None
    kind_mismatch = _label_kind_problem(answer, expected, what, label_name)
    if kind_mismatch:
        return [kind_mismatch], None
    missing = expected[~expected.isin(answer)]
    extra = answer[~answer.isin(expected)]
    problems = []
    if len(missing):
        # Never every missing label: where the labels are the answer (ids), that completes it.
        shown = min(FEW, len(missing) - 1)
        examples = f", for example {name_labels(missing, shown)}" if shown > 0 else ""
        problems.append(
            f"Your {what} is missing {pluralise(len(missing), label_name + ' value')} that should "
            f"be there{examples}."
        )
    if len(extra):
        problems.append(
            f"Your {what} has {pluralise(len(extra), 'extra ' + label_name + ' value')} that "
            f"should not be there: {name_labels(extra)}. Tip: check your filter."
        )
    return problems, expected[expected.isin(answer)]


def _label_kind_problem(answer: pd.Index, expected: pd.Index, what: str, label_name: str) -> str:
    if answer.nlevels != expected.nlevels:
        return (
            f"Your {what} is labelled by {pluralise(answer.nlevels, 'level')} "
            f"({name_of_labels(answer, 'unnamed')}), but expected {expected.nlevels} "
            f"({label_name}). Tip: check what you grouped by."
        )
    if answer.nlevels > 1:
        return ""
    answer_kind, expected_kind = value_kind(answer), value_kind(expected)
    if kinds_compatible(answer_kind, expected_kind):
        return ""
    named = label_name not in UNNAMED
    if isinstance(answer, pd.RangeIndex) or is_positions(answer):
        tip = f" Tip: use .set_index({label_name!r}) or group by {label_name!r}." if named else ""
        by = f"by {label_name} " if named else ""
        return (
            f"Your {what} is numbered 0, 1, 2, ... instead of being labelled {by}(like "
            f"{show(expected[0])}).{tip}"
        )
    which = f" ({label_name})" if named else ""
    return (
        f"The labels of your {what} are {KIND_WORDS[answer_kind]}, but expected "
        f"{KIND_WORDS[expected_kind]}{which}, like {show(expected[0])}."
    )


TUPLE_LABELS = (
    "The labels of your {what} are tuples with one item, like {example}: that comes from "
    "grouping by a list with one column (groupby(['col'])) or from table[['col']].value_counts(). "
    "Tip: group by the column name itself, groupby('col'), or use table['col'].value_counts()."
)


def untupled_labels(answer: pd.Index, expected: pd.Index) -> pd.Index | None:
    """The answer's labels without their one-item tuples, when they are such tuples; else None.

    >>> list(untupled_labels(pd.Index([("a",), ("b",)], tupleize_cols=False), pd.Index(["a", "b"])))
    ['a', 'b']
    >>> untupled_labels(pd.Index(["a"]), pd.Index(["a"])) is None
    True
    """
    if expected.nlevels != 1 or len(answer) == 0:
        return None
    if isinstance(answer, pd.MultiIndex):
        return answer.get_level_values(0) if answer.nlevels == 1 else None
    if answer.dtype != object:
        return None
    values = list(answer)
    if all(isinstance(value, tuple) and len(value) == 1 for value in values):
        if len(expected) and isinstance(expected[0], tuple):
            return None
        return pd.Index([value[0] for value in values], name=answer.name)
    return None


def is_positions(index: pd.Index) -> bool:
    """True when the labels are just the positions 0, 1, 2, ... (no real labels).

    >>> is_positions(pd.Index([0, 1, 2])), is_positions(pd.Index([1, 2, 3]))
    (True, False)
    """
    return pd.api.types.is_integer_dtype(index.dtype) and bool(
        np.array_equal(index.to_numpy(), np.arange(len(index)))
    )


def match_labels(
    answer: pd.Series | pd.DataFrame,
    expected: pd.Series | pd.DataFrame,
    what: str,
    unit: str,
    fallback: str,
) -> tuple[list[str], pd.Index | None, str]:
    """Match the rows of ``answer`` and ``expected`` by their labels (their index).

    Returns the problems found, the labels both share (None when the labels
    cannot be matched; the problems then end with the length, if it differs)
    and the name messages use for the labels (``fallback`` for an unnamed index).
    ``what`` names the answer ("Series", "table"), ``unit`` one of its rows ("value", "row").

    >>> expected = pd.Series([1, 2], index=pd.Index(["C1", "C2"], name="customer_id"))
    >>> match_labels(expected.reset_index(drop=True).iloc[:1], expected, "Series", "value", "label")
    ... # doctest: +NORMALIZE_WHITESPACE
    (["Your Series is numbered 0, 1, 2, ... instead of being labelled by customer_id (like 'C1').
    Tip: use .set_index('customer_id') or group by 'customer_id'.",
    'Your Series has 1 value; expected 2 (one per customer_id).'], None, 'customer_id')
    """
    label_name = name_of_labels(expected.index, fallback)
    problems, common = align_labels(answer.index, expected.index, what, label_name)
    if common is None:  # labels cannot be matched: the length is all we can say more
        problems += _length_problem(what, unit, len(answer), len(expected), label_name)
    return problems, common, label_name


def _length_problem(what: str, unit: str, got: int, want: int, label_name: str) -> list[str]:
    if got == want:
        return []
    per = f" (one per {label_name})" if label_name not in UNNAMED else ""
    return [f"Your {what} has {pluralise(got, unit)}; expected {want}{per}."]
