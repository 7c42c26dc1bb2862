"""Comparators for collections: :func:`set_of` (order does not matter) and :func:`sequence`
(a ranking: order matters); dicts are in :mod:`~crmkit.exercises.compare.dicts`.

Missing and extra members are named (a few, in a fixed order), and so are
repeated members, a reversed or reordered ranking and the first differing values.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable
from typing import Any

import numpy as np
import pandas as pd

from crmkit.exercises.compare import base
from crmkit.exercises.compare.kinds import KIND_WORDS, kinds_compatible, value_kind
from crmkit.exercises.compare.values import Where, compare_values
from crmkit.exercises.compare.wording import (
    FEW,
    NONE_TIP,
    describe,
    name_few,
    show,
    sortable,
)

_COLLECTIONS = (
    list,
    tuple,
    set,
    frozenset,
    pd.Series,
    pd.Index,
    np.ndarray,
    pd.api.extensions.ExtensionArray,
)


def _members(answer: Any) -> list[Any] | None:
    """The members of a one-dimensional collection as plain Python values, else None."""
    if isinstance(answer, str | bytes | dict) or not isinstance(answer, _COLLECTIONS):
        return None
    if isinstance(answer, np.ndarray) and answer.ndim != 1:
        return None
    return [base.unwrap(member) for member in answer]


def _collection_type_problem(answer: Any, expects: str) -> str:
    tip = ""
    if isinstance(answer, pd.DataFrame):
        tip = (
            " Tip: take one column (table['customer_id']) or the index (table.index) of your table."
        )
    elif isinstance(answer, str):
        tip = " Tip: put the items in a list, like ['a', 'b']."
    elif answer is None:
        tip = f" {NONE_TIP}"
    return f"Your answer is {describe(answer)}, but this exercise expects {expects}.{tip}"


def set_of(*, what: str = "members", allow_duplicates: bool = True) -> base.Comparator:
    """Compare collections where order does not matter (a set of customer ids, say).

    The answer may be a set, list, tuple, numpy array, pandas Series (its values)
    or Index. ``what`` names the members in messages ("customers").

    >>> compare_ids = set_of(what="customers")
    >>> compare_ids(["C3", "C1"], {"C1", "C3"}).ok
    True
    >>> print(compare_ids(["C1", "C9"], {"C1", "C3"}).problems[0])
    Your answer is missing 1 of the 2 expected customers.
    """

    def compare_set(answer: Any, expected: Any) -> base.Verdict:
        labelled = _labelled_series_problems(answer, expected, what)
        if labelled:
            inner = compare_set(_chosen_labels(answer), expected)
            extra = ("Apart from that, your " + what + " are right.",) if inner.ok else ()
            return base.Verdict(False, (labelled, *extra))
        members = _members(answer)
        if members is None:
            return base.Verdict(
                False, (_collection_type_problem(answer, f"a collection of {what}"),)
            )
        if not all(isinstance(member, Hashable) for member in members):
            return base.Verdict(
                False,
                (f"Your {what} must be single values (like 'C0001' or 3), not lists or tables.",),
            )
        expected_members = set(_members(expected) or [])
        problems = _member_type_problems(members, expected_members, what)
        problems += _set_difference_problems(set(members), expected_members, what)
        problems = _subset_problem(set(members), expected_members, what) + problems
        if not allow_duplicates:
            problems += _duplicate_problems(members, what)
        return base.Verdict(not problems, tuple(problems))

    return base.guarded(compare_set, f"collection of {what}")


def _labelled_series_problems(answer: Any, expected: Any, what: str) -> str:
    """A Series of scores or a True/False mask whose labels (not values) are the members."""
    if not isinstance(answer, pd.Series) or isinstance(answer.index, pd.RangeIndex):
        return ""
    wanted = set(_members(expected) or [])
    if not wanted or set(answer.tolist()) & wanted:
        return ""
    labels = set(answer.index)
    if not labels & wanted:
        return ""
    if pd.api.types.is_bool_dtype(answer.dtype):
        return (
            f"Your answer is a True/False Series (a mask) labelled by {what}: the {what} are its "
            "labels, not its values. Tip: keep the True rows and take their labels, "
            "mask[mask].index."
        )
    return (
        f"Your answer is a Series of {KIND_WORDS[value_kind(answer)]} labelled by {what}: the "
        f"{what} are its labels (its index), not its values. Tip: keep the rows you want "
        "(filter first), then take .index."
    )


def _chosen_labels(answer: pd.Series) -> list[Any]:
    if pd.api.types.is_bool_dtype(answer.dtype):
        return list(answer.index[answer.fillna(False).astype(bool).to_numpy()])
    return list(answer.index)


def _subset_problem(members: set[Any], expected: set[Any], what: str) -> list[str]:
    """A subset or superset of the expected members: a parameter (N, a cut-off, & vs |)."""
    if not members or not expected or members == expected:
        return []
    if members < expected:
        return [
            f"All your {what} are right, but some are missing: a smaller N of a top-N, a "
            "stricter cut-off (> instead of >=), or an intersection (&) where a union (|) or a "
            "wider filter is asked?"
        ]
    if members > expected:
        return [
            f"Your answer holds every expected {_one_of(what)} and more besides: a larger N of a "
            "top-N, a looser cut-off (>= instead of >), a union (|) where an intersection (&) "
            "is asked, or a filter left out?"
        ]
    return []


def _one_of(what: str) -> str:
    return what[:-1] if what.endswith("s") else what


def _member_type_problems(members: list[Any], expected: set[Any], what: str) -> list[str]:
    answer_kind = value_kind(pd.Series(members, dtype=object))
    expected_kind = value_kind(pd.Series(list(expected), dtype=object))
    if kinds_compatible(answer_kind, expected_kind):
        return []
    example = sortable(expected)[0]
    return [
        f"Your {what} are {KIND_WORDS[answer_kind]}, but expected {KIND_WORDS[expected_kind]}"
        f" (like {show(example)})."
    ]


def _set_difference_problems(
    members: set[Any], expected: set[Any], what: str, name_all: bool = False
) -> list[str]:
    """Missing and extra members; ``name_all``: the members are given (dict keys), not the answer."""
    missing, extra = sortable(expected - members), sortable(members - expected)
    problems = []
    if missing:
        # Never complete the answer: name at most FEW, and never every missing member.
        shown = FEW if name_all else min(FEW, len(expected) - 1, len(missing) - 1)
        examples = f", for example {name_few(missing, shown)}" if shown > 0 else ""
        problems.append(
            f"Your answer is missing {len(missing)} of the {len(expected)} expected {what}{examples}."
        )
    if extra:
        problems.append(
            f"Your answer has extra {what} that should not be there ({len(extra)} in all): "
            f"{name_few(extra)}. Tip: check your filter."
        )
    return problems


def _duplicate_problems(members: list[Any], what: str) -> list[str]:
    repeated = sortable(member for member, count in Counter(members).items() if count > 1)
    if not repeated:
        return []
    return [
        f"Your answer lists some {what} more than once: {name_few(repeated)}. "
        "Tip: .unique() or set(...) keeps each once."
    ]


def sequence(
    *, what: str = "items", rel_tol: float = 1e-6, abs_tol: float = 1e-9
) -> base.Comparator:
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
    tolerance = base.Tolerance(rel_tol, abs_tol, base.DEFAULT_FACTORS)

    def compare_sequence(answer: Any, expected: Any) -> base.Verdict:
        if isinstance(answer, set | frozenset):
            return base.Verdict(
                False,
                (
                    f"Your answer is {describe(answer)}, but a set has no order "
                    f"and this exercise expects {what} in order. Tip: use a list, "
                    "for example sorted(...) or a sorted Series.",
                ),
            )
        members = _members(answer)
        if members is None:
            return base.Verdict(False, (_collection_type_problem(answer, f"a list of {what}"),))
        problems = _sequence_problems(members, _members(expected) or [], what, tolerance)
        return base.Verdict(not problems, tuple(problems))

    return base.guarded(compare_sequence, f"list of {what}")


def _sequence_problems(
    members: list[Any], expected: list[Any], what: str, tolerance: base.Tolerance
) -> list[str]:
    if len(members) != len(expected):
        problems = [f"Your answer has {len(members)} {what}; expected {len(expected)}."]
        if members and _same_start(members, expected):
            problems = [
                f"Your answer starts like the expected one but has {len(members)} {what}, where "
                f"{len(expected)} are asked: check the N of your top-N (.head(n), [:n])."
            ]
            return problems
        return problems + _multiset_problems(members, expected, what)
    where = Where("", "Your values are", "position")
    positions = pd.RangeIndex(len(members), name="position")
    problems = compare_values(
        pd.Series(members, index=positions, dtype=object).infer_objects(),
        pd.Series(expected, index=positions, dtype=object).infer_objects(),
        tolerance,
        where,
    )
    if problems and _same_members(members, expected):
        return [_reorder_problem(members, expected, what)]
    return problems


def _same_start(members: list[Any], expected: list[Any]) -> bool:
    n = min(len(members), len(expected))
    return all(base.same(a, b) for a, b in zip(members[:n], expected[:n], strict=True))


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
        i for i, (a, b) in enumerate(zip(members, expected, strict=True)) if not base.same(a, b)
    )
    return (
        f"Your answer has the right {what} but in a different order: the first difference is "
        f"at position {first} (yours {show(members[first])}). Tip: check what you sorted by, "
        "and which way (ascending=False for largest first)."
    )


def _multiset_problems(members: list[Any], expected: list[Any], what: str) -> list[str]:
    if not all(isinstance(member, Hashable) for member in [*members, *expected]):
        return []
    answer_counts, expected_counts = Counter(members), Counter(expected)
    missing = sortable((expected_counts - answer_counts).elements())
    extra = sortable((answer_counts - expected_counts).elements())
    problems = []
    if missing:
        shown = min(FEW, len(expected) - 1, len(missing) - 1)
        if shown > 0:
            problems.append(f"Missing {what}, for example: {name_few(missing[:shown], shown)}.")
    if extra:
        problems.append(f"Extra {what}: {name_few(extra)}.")
    return problems
