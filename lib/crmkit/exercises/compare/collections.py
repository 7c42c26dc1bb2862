"""Comparators for collections: :func:`set_of` (order does not matter), :func:`sequence`
(a ranking: order matters) and :func:`mapping` (a dict of key -> value).

Missing and extra members are named (a few, in a fixed order), and so are
repeated members, a reversed or reordered ranking and the first differing values.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Mapping
from typing import Any

import numpy as np
import pandas as pd

from crmkit.exercises.compare import base
from crmkit.exercises.compare.kinds import KIND_WORDS, kinds_compatible, value_kind
from crmkit.exercises.compare.scalars import scalar_problems
from crmkit.exercises.compare.values import Where, compare_values
from crmkit.exercises.compare.wording import (
    FEW,
    NONE_TIP,
    describe,
    name_few,
    pluralise,
    show,
    sortable,
)

_COLLECTIONS = (list, tuple, set, frozenset, pd.Series, pd.Index, np.ndarray)


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
    Your answer is missing 1 of the 2 expected customers: 'C3'.
    """

    def compare_set(answer: Any, expected: Any) -> base.Verdict:
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
        if not allow_duplicates:
            problems += _duplicate_problems(members, what)
        return base.Verdict(not problems, tuple(problems))

    return base.guarded(compare_set, f"collection of {what}")


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


def _set_difference_problems(members: set[Any], expected: set[Any], what: str) -> list[str]:
    missing, extra = sortable(expected - members), sortable(members - expected)
    problems = []
    if missing:
        problems.append(
            f"Your answer is missing {len(missing)} of the {len(expected)} expected "
            f"{what}: {name_few(missing)}."
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
        f"at position {first} (yours {show(members[first])}, expected {show(expected[first])})."
    )


def _multiset_problems(members: list[Any], expected: list[Any], what: str) -> list[str]:
    if not all(isinstance(member, Hashable) for member in [*members, *expected]):
        return []
    answer_counts, expected_counts = Counter(members), Counter(expected)
    missing = sortable((expected_counts - answer_counts).elements())
    extra = sortable((answer_counts - expected_counts).elements())
    problems = []
    if missing:
        problems.append(f"Missing {what}: {name_few(missing)}.")
    if extra:
        problems.append(f"Extra {what}: {name_few(extra)}.")
    return problems


def mapping(
    *,
    what: str = "keys",
    rel_tol: float = 1e-6,
    abs_tol: float = 1e-9,
    factors: tuple[base.Factor, ...] = base.DEFAULT_FACTORS,
) -> base.Comparator:
    """Compare a dict (key -> value); a pandas Series is accepted as a dict too.

    Diagnoses: wrong type, missing and extra keys (a few named), and the first
    keys whose values differ (numbers compared with the tolerances).

    >>> compare_counts = mapping(what="states")
    >>> compare_counts({"lost": 3, "active": 7}, {"active": 7, "lost": 3}).ok
    True
    >>> print(compare_counts({"active": 7}, {"active": 7, "lost": 3}).problems[0])
    Your answer is missing 1 of the 2 expected states: 'lost'.
    """
    tolerance = base.Tolerance(rel_tol, abs_tol, tuple(factors))

    def compare_mapping(answer: Any, expected: Any) -> base.Verdict:
        if isinstance(answer, pd.Series):
            answer = answer.to_dict()
        if not isinstance(answer, Mapping):
            return base.Verdict(False, (_collection_type_problem(answer, "a dict"),))
        answer = {base.unwrap(key): value for key, value in answer.items()}
        expected = {base.unwrap(key): value for key, value in dict(expected).items()}
        problems = _set_difference_problems(set(answer), set(expected), what)
        problems += _mapping_value_problems(answer, expected, tolerance)
        return base.Verdict(not problems, tuple(problems))

    return base.guarded(compare_mapping, "dict")


def _mapping_value_problems(
    answer: dict[Any, Any], expected: dict[Any, Any], tolerance: base.Tolerance
) -> list[str]:
    differing = []
    for key in sortable(set(answer) & set(expected)):
        if scalar_problems(answer[key], expected[key], tolerance):
            differing.append(
                f"{show(key)}: yours {show(answer[key])}, expected {show(expected[key])}"
            )
    if not differing:
        return []
    return [
        f"{len(differing)} of {pluralise(len(expected), 'value')} differ. First differences: "
        + "; ".join(differing[:FEW])
        + "."
    ]


def classification(what: str, allowed: tuple[str, ...]) -> base.Comparator:
    """Compare a classification, a dict of item -> label, without naming the expected labels.

    With only a few labels to choose from, naming the right label for each wrong item would
    hand over the answer, so the feedback says which items are missing or extra, which labels
    are not allowed, and how many items are classified differently, never which or how.

    >>> compare_kinds = classification("phrases", ("blaming", "positive"))
    >>> compare_kinds({"a": "positive", "b": "positive"}, {"a": "positive", "b": "blaming"}).problems
    ('1 of the 2 phrases are classified differently from the rules of the lesson: reread them against its table.',)
    """

    def compare_labels(answer: Any, expected: Any) -> base.Verdict:
        if isinstance(answer, pd.Series):
            answer = answer.to_dict()
        if not isinstance(answer, Mapping):
            return base.Verdict(
                False,
                (f"Your answer is not a dict; this exercise expects a dict of {what} -> label.",),
            )
        problems = []
        missing = [key for key in expected if key not in answer]
        extra = sorted(str(key) for key in answer if key not in expected)
        if missing:
            problems.append(
                f"Your dict is missing {len(missing)} of the {len(expected)} {what}: {', '.join(map(repr, missing))}."
            )
        if extra:
            problems.append(
                f"Your dict has keys that are not {what} of the exercise: {', '.join(map(repr, extra))}."
            )
        odd = sorted({str(value) for value in answer.values()} - set(allowed))
        if odd:
            problems.append(
                f"Use only these labels: {', '.join(map(repr, allowed))}; not {', '.join(map(repr, odd))}."
            )
        wrong = [key for key in expected if key in answer and answer[key] != expected[key]]
        if wrong and not odd:
            problems.append(
                f"{len(wrong)} of the {len(expected)} {what} are classified differently from the "
                "rules of the lesson: reread them against its table."
            )
        return base.Verdict(not problems, tuple(problems))

    return compare_labels
