"""The comparator for one value: a number (with tolerance), text, True/False or None.

Besides "too high" or "too low" (with the size of the gap, never the expected
value), it names the wrong type of answer (text, a one-value Series, a list),
NaN, a constant factor (percent vs fraction, units, months, sign) and early
rounding.
"""

from __future__ import annotations

import decimal
import math
import numbers
from typing import Any

import numpy as np
import pandas as pd

from crmkit.exercises.compare import base, explain
from crmkit.exercises.compare.numeric import as_float, factor_message, rounding_message
from crmkit.exercises.compare.wording import NONE_TIP, describe, show


def scalar(
    *,
    rel_tol: float = 1e-6,
    abs_tol: float = 1e-9,
    factors: tuple[base.Factor, ...] = base.DEFAULT_FACTORS,
    case_sensitive: bool = True,
    group_sizes: explain.GroupSizes | None = None,
) -> base.Comparator:
    """Compare one value: a number (with tolerance), text, True/False or None.

    Diagnoses: wrong type (number vs text vs bool, a Series holding one value,
    the array ``.unique()`` returns), NaN, a constant factor (100, 1000, 12, -1),
    early rounding, then the generic causes of :mod:`~crmkit.exercises.compare.explain`
    (mean vs sum, inverted ratio, complement, a share for a count, sign, orders of
    magnitude). ``group_sizes`` (name -> size, or a function computing it) names the
    groups a mean could have been taken over, e.g. ``{"customers": count_customers}``.
    The size of a gap is told in coarse bands, never the expected value.

    >>> compare_rate = scalar()
    >>> compare_rate(0.25, 0.25)
    Verdict(ok=True, problems=())
    >>> print(compare_rate("0.25", 0.25).problems[0])
    Your answer is text ('0.25'), but this exercise expects a number. Tip: remove the quotes.
    >>> print(compare_rate(-0.25, 0.25).problems[0])  # doctest: +ELLIPSIS
    Your answer is the right size but the wrong sign: ...
    """
    tolerance = base.Tolerance(rel_tol, abs_tol, tuple(factors), group_sizes)

    def compare_scalar(answer: Any, expected: Any) -> base.Verdict:
        problems = scalar_problems(answer, expected, tolerance, case_sensitive)
        return base.Verdict(not problems, tuple(problems))

    return base.guarded(compare_scalar, "single value")


def scalar_problems(
    answer: Any, expected: Any, tolerance: base.Tolerance, case_sensitive: bool = True
) -> list[str]:
    """What is wrong with one value compared with the expected one (empty when it is right).

    >>> scalar_problems(130.0, 100.5, base.Tolerance(1e-6, 1e-9, base.DEFAULT_FACTORS))
    ['Your answer (130) is too high (by 20% to 50%).']
    """
    answer, expected = base.unwrap(answer), base.unwrap(expected)
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
        if base.same(answer, expected)
        else [f"Your answer {show(answer)} is not the expected {type(expected).__name__}."]
    )


def _is_number(value: Any) -> bool:
    return isinstance(value, numbers.Real | decimal.Decimal) and not isinstance(value, bool)


def _number_problems(answer: Any, expected: float, tolerance: base.Tolerance) -> list[str]:
    type_problem = _number_type_problem(answer)
    if type_problem is not None:
        return type_problem
    got, want = as_float(answer), as_float(expected)
    if math.isnan(got) or math.isnan(want):
        return [] if math.isnan(got) and math.isnan(want) else [_nan_problem(got)]
    if math.isclose(got, want, rel_tol=tolerance.rel_tol, abs_tol=tolerance.abs_tol) or got == want:
        return []
    pair = (np.array([got]), np.array([want]))
    subject = "Your answer is"
    explanation = factor_message(*pair, tolerance, subject, plural=False)
    explanation = explanation or rounding_message(*pair, tolerance, subject)
    if explanation:
        return [explanation]
    counts = isinstance(expected, numbers.Integral)
    context = explain.Context(subject, False, tolerance.group_sizes or {}, counts)
    cause = explain.explain_numbers(*pair, context)
    if cause:
        return [f"{cause} (Yours: {show(answer)}.)"]
    return [_direction_message(answer, got, want)]


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
        return [f"Your answer is {describe(answer)}, but {expects}. {NONE_TIP}"]
    if isinstance(answer, pd.api.extensions.ExtensionArray):
        return [
            f"Your answer is a pandas array of values (what .unique() returns), but {expects}. "
            "Did you forget to count them? Tip: .nunique() counts distinct values; len(...) "
            "counts items."
        ]
    if isinstance(answer, set | frozenset | dict):
        return [
            f"Your answer is a collection ({type(answer).__name__}), but {expects}. Did you "
            "forget to count its members (len(...)) or add them up (sum(...))?"
        ]
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
    # Its size is not named: a list of ids where their count is asked would give the count away.
    return [
        f"Your answer is {_short_type(answer)} of several values, but {expects} (a single "
        "value). Tip: did you forget to count them (len(...), .nunique()), add them up "
        "(.sum()), average them (.mean()) or pick one (.loc[...])?"
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
    # Coarse bands, never the exact gap: "too high by 37%" gives a small count away.
    return f"Your answer ({show(answer)}) is {explain.size_of_gap(got, want)}."


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
        extra = f" {NONE_TIP}" if answer is None else ""
        return [f"Your answer is {describe(answer)}, but this exercise expects text.{extra}"]
    if answer == expected or (not case_sensitive and answer.casefold() == expected.casefold()):
        return []
    if answer.strip().casefold() == expected.strip().casefold():
        return [
            f"Your answer {show(answer)} differs from the expected text only in capitals or "
            "spaces. Tip: copy the spelling used in the data exactly."
        ]
    if _abbreviation_of(answer, expected):
        return [
            f"Your answer {show(answer)} looks like a short form (an abbreviation) of the "
            "expected text. Tip: give the full text, spelled as in the data."
        ]
    return [f"Your answer {show(answer)} is not the expected text."]


def _abbreviation_of(answer: str, expected: str) -> bool:
    """``answer`` is a shorter start of ``expected`` (like 'Wed' for a weekday's name).

    >>> _abbreviation_of("Wed", "Wednesday"), _abbreviation_of("Wednesday", "Wed")
    (True, False)
    """
    short, full = answer.strip().casefold().rstrip("."), expected.strip().casefold()
    return 2 <= len(short) < len(full) and full.startswith(short)
