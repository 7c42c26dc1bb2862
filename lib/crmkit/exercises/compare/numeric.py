"""Explaining a wrong number: a constant factor (percent vs fraction, units, sign) or rounding.

A number that is exactly 100 times, 12 times or minus the expected one, or the
expected one rounded, tells what went wrong more precisely than "too high"; the
scalar and value-by-value comparisons both try these explanations first.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from crmkit.exercises.compare.base import Tolerance
from crmkit.exercises.compare.wording import pluralise


def as_float(value: Any) -> float:
    """``float(value)``, with plus or minus infinity for Python ints too big for a float.

    >>> as_float(3), as_float(10**400), as_float(-(10**400))
    (3.0, inf, -inf)
    """
    try:
        return float(value)
    except OverflowError:  # Python ints beyond float range
        return math.inf if value > 0 else -math.inf


def factor_message(
    answer: np.ndarray, expected: np.ndarray, tolerance: Tolerance, subject: str, plural: bool
) -> str | None:
    """Explain a difference by a constant factor (percent vs fraction, sign...), if one fits.

    >>> from crmkit.exercises.compare.base import DEFAULT_FACTORS
    >>> tolerance = Tolerance(1e-6, 1e-9, DEFAULT_FACTORS)
    >>> factor_message(np.array([-2.0]), np.array([2.0]), tolerance, "Your answer is", False)
    ... # doctest: +NORMALIZE_WHITESPACE
    'Your answer is the right size but the wrong sign: check the order of a subtraction
    (for example revenue - cost, not cost - revenue).'
    """
    finite = np.isfinite(answer) & np.isfinite(expected)
    answer, expected = answer[finite], expected[finite]
    if not len(expected) or not np.any(expected != 0):
        return None
    s = "s" if plural else ""
    with np.errstate(all="ignore"):
        for factor in tolerance.factors:
            if _all_close(answer, expected * factor.value, tolerance) or _scaled_close(
                answer, expected, factor.value, tolerance
            ):
                return factor.too_big.format(subject=subject, s=s)
            if _all_close(answer * factor.value, expected, tolerance):
                return factor.too_small.format(subject=subject, s=s)
    return None


def rounding_message(
    answer: np.ndarray, expected: np.ndarray, tolerance: Tolerance, subject: str
) -> str | None:
    """Explain a difference by early rounding or by cutting off decimals, if that fits.

    >>> tolerance = Tolerance(1e-6, 1e-9, ())
    >>> rounding_message(np.array([0.33]), np.array([1 / 3]), tolerance, "Your answer is")
    'Your answer is rounded to 2 decimals. Tip: do not round before checking; round only for display.'
    """
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
                places = pluralise(decimals, "decimal") if decimals else "whole numbers"
                return (
                    f"{subject} rounded to {places}. Tip: do not round before checking; round "
                    "only for display."
                )
    return _rounded_to_tens(answer, expected, subject)


_POWERS = (
    (1, "tens"),
    (2, "hundreds"),
    (3, "thousands"),
    (4, "ten thousands"),
    (5, "hundred thousands"),
    (6, "millions"),
)


def _rounded_to_tens(answer: np.ndarray, expected: np.ndarray, subject: str) -> str | None:
    """Rounded to tens, thousands or millions: a whole multiple, within 1% of a non-whole figure.

    >>> _rounded_to_tens(np.array([18099000.0]), np.array([18099183.21]), "Your answer is")
    ... # doctest: +ELLIPSIS
    'Your answer is rounded to thousands (or a few significant digits)...'
    >>> _rounded_to_tens(np.array([10.0]), np.array([8.0]), "Your answer is") is None
    True
    """
    if np.all(np.isclose(expected, np.round(expected), rtol=0, atol=1e-9)):
        return None  # whole expected numbers: a round answer is as likely a wrong count
    with np.errstate(all="ignore"):
        near = np.all(np.abs(answer - expected) <= 0.01 * np.abs(expected))
        for power, name in _POWERS:
            if near and np.array_equal(answer, np.round(expected, -power)):
                return (
                    f"{subject} rounded to {name} (or a few significant digits). Tip: do not "
                    "round before checking; keep the full value and round only for display."
                )
    return None


def _scaled_close(
    answer: np.ndarray, expected: np.ndarray, factor: float, tolerance: Tolerance
) -> bool:
    """``answer`` is ``factor`` times ``expected``, allowing for the rounding of ``expected``.

    Expected values rounded to cents, times 365, are off by more than the tolerance; divided
    back, the answer is within it. The totals must agree too, so that tiny values do not pass.

    >>> tolerance = Tolerance(1e-6, 0.05, ())
    >>> _scaled_close(np.array([365.0, 730.9]), np.array([1.0, 2.0]), 365, tolerance)
    True
    >>> _scaled_close(np.array([1.0, 1.0]), np.array([0.01, 0.01]), 365, tolerance)
    False
    """
    if abs(factor) <= 1 or not np.any(expected != 0):
        return False
    totals = float(np.sum(np.abs(answer))), float(np.sum(np.abs(expected))) * abs(factor)
    return _all_close(answer / factor, expected, tolerance) and math.isclose(*totals, rel_tol=0.01)


def _all_close(answer: np.ndarray, expected: np.ndarray, tolerance: Tolerance) -> bool:
    return bool(
        np.all(np.isclose(answer, expected, rtol=tolerance.rel_tol, atol=tolerance.abs_tol))
    )
