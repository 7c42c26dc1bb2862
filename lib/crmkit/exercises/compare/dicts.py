"""Comparators for dicts: :func:`mapping` (key -> value) and :func:`classification` (key -> label).

Missing and extra keys are named (a few); values in the wrong form are explained
one by one (True in quotes, 1 for True, capitals, x100) and wrong numbers get a
direction; the expected values themselves are never shown, and for labels not
even which keys are wrong, since that would hand over the answer.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from crmkit.exercises.compare import base, explain
from crmkit.exercises.compare.collections import _collection_type_problem, _set_difference_problems
from crmkit.exercises.compare.scalars import scalar_problems
from crmkit.exercises.compare.wording import FEW, describe, pluralise, show, sortable


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
    Your answer is missing 1 of the 2 expected states, for example 'lost'.
    """
    tolerance = base.Tolerance(rel_tol, abs_tol, tuple(factors))

    def compare_mapping(answer: Any, expected: Any) -> base.Verdict:
        if isinstance(answer, pd.Series):
            answer = answer.to_dict()
        if not isinstance(answer, Mapping):
            return base.Verdict(False, (_collection_type_problem(answer, "a dict"),))
        answer = {base.unwrap(key): value for key, value in answer.items()}
        expected = {base.unwrap(key): value for key, value in dict(expected).items()}
        problems = _set_difference_problems(set(answer), set(expected), what, name_all=True)
        problems += _mapping_value_problems(answer, expected, tolerance)
        return base.Verdict(not problems, tuple(problems))

    return base.guarded(compare_mapping, "dict")


def _mapping_value_problems(
    answer: dict[Any, Any], expected: dict[Any, Any], tolerance: base.Tolerance
) -> list[str]:
    """What differs in the values, never showing an expected value (nor, for labels, where)."""
    forms, numbers, others = [], [], []
    for key in sortable(set(answer) & set(expected)):
        if not scalar_problems(answer[key], expected[key], tolerance):
            continue
        form = value_form_problem(answer[key], expected[key])
        if form:
            forms.append(f"{show(key)}: {form}")
        elif _is_plain_number(expected[key]) and _is_plain_number(answer[key]):
            numbers.append(key)
        else:
            others.append(key)
    problems = []
    if forms:
        more = f" (and {len(forms) - FEW} more)" if len(forms) > FEW else ""
        problems.append("Some values have the wrong form: " + "; ".join(forms[:FEW]) + more + ".")
    if numbers:
        problems.append(_number_values_problem(answer, expected, numbers, tolerance))
    if others:
        problems.append(
            f"{len(others)} of the {pluralise(len(expected), 'value')} "
            f"{'is' if len(others) == 1 else 'are'} not the expected "
            f"{'one' if len(others) == 1 else 'ones'}"
            f"{' (apart from those above)' if forms or numbers else ''}: check each against the "
            "lesson's definitions and the question."
        )
    return problems


def _is_plain_number(value: Any) -> bool:
    value = base.unwrap(value)
    return isinstance(value, int | float | np.number) and not isinstance(value, bool)


def _number_values_problem(
    answer: dict[Any, Any], expected: dict[Any, Any], keys: list[Any], tolerance: base.Tolerance
) -> str:
    got = np.array([float(base.unwrap(answer[key])) for key in keys])
    want = np.array([float(base.unwrap(expected[key])) for key in keys])
    subject = "Those values are" if len(keys) > 1 else "That value is"
    cause = explain.explain_numbers(got, want, explain.Context(subject, plural=len(keys) > 1))
    examples = "; ".join(
        f"{show(key)}: yours {show(answer[key])} ({explain.direction(a, b)})"
        for key, a, b in zip(keys[:FEW], got, want, strict=False)
    )
    verb = "differs" if len(keys) == 1 else "differ"
    return f"{pluralise(len(keys), 'number')} {verb}: {examples}." + (f" {cause}" if cause else "")


def value_form_problem(answer: Any, expected: Any) -> str | None:
    """The wrong form of one value (quoted True, 1 for True, capitals, x100), never the value.

    >>> value_form_problem("True", True)
    "'True' is text; write True or False without quotes"
    >>> value_form_problem(25.0, 0.25), value_form_problem("b", "a")
    ('yours 25 is 100 times too big: a percentage where a fraction is expected', None)
    """
    answer, expected = base.unwrap(answer), base.unwrap(expected)
    if isinstance(expected, bool):
        if isinstance(answer, str) and answer.strip() in ("True", "False"):
            return f"{show(answer)} is text; write True or False without quotes"
        if (
            isinstance(answer, int | np.integer)
            and not isinstance(answer, bool)
            and answer in (0, 1)
        ):
            return f"yours {answer} is a number; write True or False instead of 1 or 0"
        return None if isinstance(answer, bool) else f"yours is {describe(answer)}, not True/False"
    if isinstance(expected, str):
        if not isinstance(answer, str):
            return f"yours is {describe(answer)}, but text is expected"
        if answer.strip().casefold() == expected.strip().casefold():
            return f"{show(answer)} differs only in capitals or spaces; copy the spelling exactly"
        return None
    if _is_plain_number(expected):
        return _number_form_problem(answer, float(expected))
    return None


def _number_form_problem(answer: Any, want: float) -> str | None:
    if isinstance(answer, str):
        return f"{show(answer)} is text; remove the quotes"
    if not _is_plain_number(answer) or want == 0:
        return None if _is_plain_number(answer) else f"yours is {describe(answer)}, not a number"
    got = float(answer)
    for factor, big, small in (
        (
            100,
            "a percentage where a fraction is expected",
            "a fraction where a percentage is expected",
        ),
        (1000, "check the units", "check the units"),
        (-1, "check the order of a subtraction", "check the order of a subtraction"),
    ):
        if np.isclose(got, want * factor, rtol=1e-6):
            return f"yours {show(answer)} is {_times(factor)}: {big}"
        if np.isclose(got * factor, want, rtol=1e-6) and factor != -1:
            return f"yours {show(answer)} is {factor} times too small: {small}"
    return None


def _times(factor: int) -> str:
    return "the right size with the wrong sign" if factor == -1 else f"{factor} times too big"


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
        folded = {label.strip().casefold(): label for label in allowed}
        near = [label for label in odd if label.strip().casefold() in folded]
        if near:
            problems.append(
                f"Use only these labels: {', '.join(map(repr, allowed))}; "
                f"{', '.join(map(repr, near[:FEW]))} "
                f"{'differs' if len(near) == 1 else 'differ'} from them only in capitals or "
                "spaces. Tip: copy the label exactly, in lower case."
            )
            odd = [label for label in odd if label not in near]
        if odd:
            problems.append(
                f"Use only these labels: {', '.join(map(repr, allowed))}; not {', '.join(map(repr, odd))}."
            )
        wrong = [key for key in expected if key in answer and answer[key] != expected[key]]
        if wrong and not odd and not near:
            problems.append(
                f"{len(wrong)} of the {len(expected)} {what} are classified differently from the "
                "rules of the lesson: reread them against its table."
            )
        return base.Verdict(not problems, tuple(problems))

    return compare_labels
