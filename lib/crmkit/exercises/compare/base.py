"""What every comparator shares: the :class:`Verdict`, the tolerances and the safety wrapper.

A comparator is a callable ``(answer, expected) -> Verdict``. :func:`guarded`
wraps a comparison so that it never raises and never changes the objects it
is given; :class:`Factor` and :data:`DEFAULT_FACTORS` name the constant
factors (percent vs fraction, units, months, sign) that explain a wrong number.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from crmkit.exercises.safety import exception_text, private_copy


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

    >>> from crmkit.exercises.compare import scalar
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
        365,
        "{subject} 365 times the expected value{s}: is it a yearly figure where a daily one is "
        "expected (a yearly rate applied per day needs / 365)?",
        "{subject} 365 times smaller than the expected value{s}: is it a daily figure where a "
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
class Tolerance:
    """How close numbers must be (as in :func:`math.isclose`), and the factors to look for.

    >>> Tolerance(1e-6, 1e-9, DEFAULT_FACTORS).factors[0].value
    100
    """

    rel_tol: float
    abs_tol: float
    factors: tuple[Factor, ...]
    group_sizes: Any = None  # name of a group -> its size (or a function): see compare.explain


def guarded(compare: Callable[[Any, Any], Verdict], expects: str) -> Comparator:
    """Wrap a comparison so that it never raises and never touches the caller's objects.

    ``expects`` names what the exercise expects ("Series", "single value"...) in the
    message given when the comparison itself fails.

    >>> def compare_lengths(answer, expected):
    ...     return Verdict(len(answer) == len(expected))
    >>> guarded(compare_lengths, "list of customers")(3, [1, 2, 3]).problems[0]
    ... # doctest: +NORMALIZE_WHITESPACE
    "Your answer could not be compared with the expected list of customers (TypeError: object
    of type 'int' has no len()). Check that your answer is list of customers."
    """

    @functools.wraps(compare)
    def comparator(answer: Any, expected: Any) -> Verdict:
        try:
            verdict = compare(private_copy(answer), private_copy(expected))
        except Exception as exc:
            return Verdict(
                False,
                (
                    f"Your answer could not be compared with the expected {expects} "
                    f"({exception_text(exc, limit=200)}). Check that your answer is "
                    f"{_describe_expected(expects)}.",
                ),
            )
        return verdict

    return comparator


def _describe_expected(expects: str) -> str:
    return {"Series": "a pandas Series", "DataFrame": "a pandas DataFrame"}.get(expects, expects)


def same(answer: Any, expected: Any) -> bool:
    """``answer == expected`` as True/False; False when ``==`` raises or is ambiguous.

    >>> same("C1", "C1"), same([1], [2]), same(np.array([1, 2]), np.array([1, 2]))
    (True, False, False)
    """
    try:
        return bool(answer == expected)
    except Exception:  # elements whose == raises or is ambiguous count as different
        return False


def unwrap(value: Any) -> Any:
    """A numpy scalar (or 0-dimensional array) as the plain Python value it holds.

    >>> unwrap(np.int64(3)), unwrap(np.array(0.5)), unwrap("C1")
    (3, 0.5, 'C1')
    """
    if isinstance(value, np.generic | np.ndarray) and np.ndim(value) == 0:
        return value.item()
    return value
