"""Naming the likely cause of wrong numbers, without giving the expected numbers away.

The usual slips leave a signature in how the answer relates to the expected
value: a mean where a sum is asked is the expected value divided by a whole
number (the group size); an inverted ratio times the expected value is 1; a
complement plus the expected value is 1; shares add up to 1 where counts do
not. :func:`explain_numbers` tries these signatures, specific ones first, each
guarded so that it fires only on its own symptom; :func:`size_of_gap` says how
far off an answer is in coarse bands, so that a small count cannot be worked
back from the message.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

#: name of a group -> its size (or a function computing it), e.g. {"customers": 2276}
GroupSizes = Mapping[str, "float | Callable[[], float]"]


@dataclass(frozen=True)
class Context:
    """What the messages call the values, and what the exercise declares about them.

    >>> Context("Your answer is", plural=False).subject
    'Your answer is'
    """

    subject: str  # "Your answer is" / "Your values are" / "The values of column 'x' are"
    plural: bool = False
    group_sizes: GroupSizes = field(default_factory=dict)
    counts: bool = False  # the expected values are whole numbers by type (int): counts


def _close(a: np.ndarray, b: np.ndarray | float, rtol: float = 2e-3, atol: float = 1e-4) -> bool:
    with np.errstate(all="ignore"):
        return bool(np.all(np.isclose(a, b, rtol=rtol, atol=atol)))


def _whole(values: np.ndarray) -> bool:
    return bool(np.all(np.isclose(values, np.round(values), rtol=0, atol=1e-9)))


def explain_numbers(got: np.ndarray, want: np.ndarray, context: Context) -> str | None:
    """The likely cause of the difference between ``got`` and ``want`` (aligned), if one fits.

    >>> explain_numbers(np.array([0.75]), np.array([0.25]), Context("Your answer is"))
    ... # doctest: +ELLIPSIS
    'Your answer is 1 minus the expected share: ...'
    >>> explain_numbers(np.array([3.0]), np.array([2.0]), Context("Your answer is")) is None
    True
    """
    finite = np.isfinite(got) & np.isfinite(want)
    got, want = got[finite].astype(float), want[finite].astype(float)
    if not len(got) or _close(got, want, rtol=1e-9, atol=1e-12):
        return None
    for rule in _RULES:
        message = rule(got, want, context)
        if message:
            return message
    return None


def _declared_groups(got: np.ndarray, want: np.ndarray, context: Context) -> str | None:
    for name, size in context.group_sizes.items():
        try:
            n = float(size() if callable(size) else size)
        except Exception:  # a size that cannot be computed simply does not explain anything
            continue
        if n in (0.0, 1.0) or not math.isfinite(n):
            continue
        if _close(got * n, want, rtol=1e-3, atol=0):
            return (
                f"{context.subject} the expected figure divided by the number of {name}: an "
                f"average per {_one(name)} where a total is asked? Tip: .sum() adds up; "
                ".mean() averages."
            )
        if _close(got, want * n, rtol=1e-3, atol=0):
            return (
                f"{context.subject} the expected figure times the number of {name}: a total "
                f"where an average per {_one(name)} is asked? Tip: .mean() averages."
            )
    return None


def _one(name: str) -> str:
    return name[:-1] if name.endswith("s") and not name.endswith("ss") else name


def _complement(got: np.ndarray, want: np.ndarray, context: Context) -> str | None:
    tail = (
        ": you counted the other side (those who did not, instead of those who did). "
        "Check which group the question asks about."
    )
    between = (want > 0) & (want < 1) & (got > 0) & (got < 1)
    if between.all() and _close(got + want, 1.0, rtol=0, atol=2e-4) and not _close(want, 0.5):
        share = "shares" if context.plural else "share"
        return f"{context.subject} 1 minus the expected {share}{tail}"
    percent = (want > 1) & (want < 99) & (got > 1) & (got < 99)
    if percent.all() and _close(got + want, 100.0, rtol=0, atol=2e-2) and not _close(want, 50.0):
        return f"{context.subject} 100 minus the expected percentage{tail}"
    return None


def _inverted(got: np.ndarray, want: np.ndarray, context: Context) -> str | None:
    if np.any(got == 0) or _close(np.abs(want), 1.0, rtol=0.1, atol=0):
        return None
    if _close(got * want, 1.0, rtol=2e-3, atol=0):
        ratio = "ratios" if context.plural else "ratio"
        return (
            f"{context.subject} the expected {ratio} turned upside down (1 divided by it): did "
            "you divide the other way round (for example cost per customer instead of customers "
            "per cost)?"
        )
    return None


def _whole_ratio(got: np.ndarray, want: np.ndarray, context: Context) -> str | None:
    """A mean where a sum is asked (or the reverse): the ratio is a whole number (a group size)."""
    differs = ~np.isclose(got, want, rtol=1e-9, atol=1e-12)  # groups of one row are equal
    got, want = got[differs], want[differs]
    if not len(got) or np.any(got == 0) or np.any(want == 0):
        return None
    if np.any(np.sign(got) != np.sign(want)):
        return None
    if len(got) == 1 and _whole(got) and _whole(want):  # two counts: a whole ratio is chance
        return None
    small, big = np.abs(got), np.abs(want)
    smaller = bool(np.all(small <= big))
    if not smaller:
        small, big = big, small
        if not np.all(small <= big):
            return None
    with np.errstate(all="ignore"):
        ratio = big / small
    rounded = np.round(ratio)
    # An absolute tolerance: with a relative one, any large ratio would be "whole".
    if rounded.max() < 2 or ratio.max() > 1e6 or np.any(np.abs(ratio - rounded) > 0.02):
        return None
    s = "s" if context.plural else ""
    if smaller:
        return (
            f"{context.subject} the expected figure{s} divided by a whole number, like an "
            "average where a total is asked (mean instead of sum), or a total over one group "
            "or row where all are asked. Tip: .sum() adds up; .mean() averages."
        )
    return (
        f"{context.subject} a whole-number multiple of the expected figure{s}, like a total "
        "where an average is asked (sum instead of mean), or rows counted more than once (a "
        "merge or join that repeats rows)."
    )


def _shares_and_counts(got: np.ndarray, want: np.ndarray, context: Context) -> str | None:
    if len(got) < 2:
        return None
    got_sum, want_sum = float(got.sum()), float(want.sum())
    got_unit, want_unit = (
        (got >= 0).all() and (got <= 1).all(),
        (want >= 0).all() and (want <= 1).all(),
    )
    if got_unit and math.isclose(got_sum, 1, abs_tol=1e-3) and want_sum > 1.5 and np.all(want >= 0):
        return (
            f"{context.subject} shares that add up to 1, but counts or totals are expected. "
            "Tip: count without normalize=True, and do not divide by the total."
        )
    if (
        math.isclose(got_sum, 100, abs_tol=0.1)
        and np.all(got >= 0)
        and not math.isclose(want_sum, 100, rel_tol=0.05)
        and not want_unit
    ):
        return (
            f"{context.subject} percentages that add up to 100, but counts or totals are "
            "expected. Tip: do not divide by the total."
        )
    if want_unit and math.isclose(want_sum, 1, abs_tol=1e-3) and _whole(got) and got_sum > 1:
        return (
            f"{context.subject} whole numbers (counts?), but shares that add up to 1 are "
            "expected. Tip: divide by the total (for example value_counts(normalize=True))."
        )
    if want_unit and got_unit and not math.isclose(want_sum, 1, abs_tol=1e-3):
        if math.isclose(got_sum, 1, abs_tol=1e-3):
            return (
                f"{context.subject} shares of one grand total (they add up to 1), but each "
                "value should be a rate within its own group. Tip: divide by each group's own "
                "size (for example .groupby(...).mean() of a True/False column)."
            )
    if want_unit and got_unit and math.isclose(want_sum, 1, abs_tol=1e-3):
        return (
            f"{context.subject} between 0 and 1 but do not add up to 1, while the expected "
            "shares do: divide every group by the same overall total."
        )
    return None


def _scale(got: np.ndarray, want: np.ndarray, context: Context) -> str | None:
    """A count for a share, a share for a count, a rate above 1."""
    count_wanted = _whole(want) and np.all(np.abs(want) >= 2)
    if count_wanted and np.all((got > 0) & (got < 1)):
        return (
            f"{context.subject} between 0 and 1, like a share or rate, but this exercise asks "
            "for a count (how many). Tip: .sum() of a True/False column counts; .mean() gives "
            "the share."
        )
    rate_wanted = np.all((want >= 0) & (want <= 1)) and np.any(want > 0)
    if rate_wanted and np.any(got > 1):
        if _whole(got):
            return (
                f"{context.subject} whole numbers (counts?), but a share or rate between 0 and 1 "
                "is expected. Tip: divide by the total it is a share of."
                if context.plural
                else f"{context.subject} a whole number (a count?), but a share or rate between 0 "
                "and 1 is expected. Tip: divide by the total it is a share of."
            )
        return (
            f"{context.subject} above 1, but a share or rate lies between 0 and 1: did you divide "
            "by the wrong total, divide the wrong way round, or give a percentage?"
        )
    return None


def _decimals_for_a_count(got: np.ndarray, want: np.ndarray, context: Context) -> str | None:
    if not context.counts or _whole(got) or not np.all(np.abs(got) >= 1):
        return None
    if context.plural:
        return (
            f"{context.subject} not all whole numbers, but counts are expected: did you "
            "average, divide, or add up an amount column instead of counting rows?"
        )
    return (
        f"{context.subject} not a whole number, but a count is expected: did you average, "
        "divide, or add up an amount column instead of counting rows?"
    )


def _sign(got: np.ndarray, want: np.ndarray, context: Context) -> str | None:
    tip = "check the order of a subtraction (revenue - cost, not cost - revenue)."
    if np.all(want >= 0) and np.any(want > 0) and np.any(got < 0):
        which = "some of your values are" if context.plural else "your answer is"
        return f"{which[0].upper()}{which[1:]} negative, but the expected value{'s are' if context.plural else ' is'} not: {tip}"
    if np.all(want <= 0) and np.any(want < 0) and np.any(got > 0):
        which = "some of your values are" if context.plural else "your answer is"
        return (
            f"{which[0].upper()}{which[1:]} positive, but the expected value"
            f"{'s are' if context.plural else ' is'} negative: {tip}"
        )
    return None


def _magnitude(got: np.ndarray, want: np.ndarray, context: Context) -> str | None:
    if np.any(got == 0) or np.any(want == 0) or np.any(np.sign(got) != np.sign(want)):
        return None
    with np.errstate(all="ignore"):
        powers = np.log10(np.abs(got / want))
    steps = np.round(powers)
    if np.all(steps == steps[0]) and steps[0] != 0 and np.all(np.abs(powers - steps) < 0.01):
        times = f"{10 ** int(abs(steps[0])):,}"
        side = "bigger" if steps[0] > 0 else "smaller"
        return (
            f"{context.subject} about {times} times {side} than expected (orders of magnitude "
            "off): check the units (CNY vs thousands), a percentage vs a fraction, or a "
            "misplaced multiplication or division."
        )
    return None


def _common_factor(got: np.ndarray, want: np.ndarray, context: Context) -> str | None:
    if len(got) < 2 or np.any(want == 0):
        return None
    with np.errstate(all="ignore"):
        ratios = got / want
    if np.all(np.isclose(ratios, ratios[0], rtol=1e-6, atol=0)) and not math.isclose(ratios[0], 1):
        return (
            f"{context.subject} all the expected values times one and the same number: a "
            "different unit, a percentage vs a fraction, or dividing by a different total?"
        )
    return None


def _running_total(got: np.ndarray, want: np.ndarray, context: Context) -> str | None:
    """Running totals (a cumulative sum) where each value on its own is asked, or the reverse."""
    if len(got) < 3 or _close(want, np.cumsum(want)):
        return None
    if _close(got, np.cumsum(want), rtol=1e-6, atol=1e-6):
        return (
            f"{context.subject} running totals (a cumulative sum, like .cumsum()): each adds up "
            "all the values before it. The question asks for each value on its own."
        )
    if _close(np.cumsum(got), want, rtol=1e-6, atol=1e-6):
        return (
            f"{context.subject} the values on their own, but running totals (a cumulative sum, "
            "like .cumsum()) are asked: each adds up all the values before it."
        )
    return None


_RULES: tuple[Callable[[np.ndarray, np.ndarray, Context], str | None], ...] = (
    _declared_groups,
    _running_total,
    _complement,
    _inverted,
    _shares_and_counts,
    _scale,
    _magnitude,
    _whole_ratio,
    _decimals_for_a_count,
    _sign,
    _common_factor,
)

# --------------------------------------------------------------------------- size of a gap

_BIGGER = (  # |answer| / |expected| above 1
    (1.01, "a little {side} (by less than 1%)"),
    (1.05, "{side} (by 1% to 5%)"),
    (1.2, "{side} (by 5% to 20%)"),
    (1.5, "{side} (by 20% to 50%)"),
    (3.0, "{side} (between 1.5 and 3 times the expected value)"),
    (10.0, "{side} (between 3 and 10 times the expected value)"),
    (math.inf, "far {side} (more than 10 times the expected value)"),
)
_SMALLER = (  # |answer| / |expected| below 1
    (0.99, "a little {side} (by less than 1%)"),
    (0.95, "{side} (by 1% to 5%)"),
    (0.8, "{side} (by 5% to 20%)"),
    (0.5, "{side} (by 20% to 50%)"),
    (1 / 3, "{side} (between a third and a half of the expected value)"),
    (0.1, "{side} (between a tenth and a third of the expected value)"),
    (-math.inf, "far {side} (less than a tenth of the expected value)"),
)


def size_of_gap(got: float, want: float) -> str:
    """How far off ``got`` is, in coarse bands that do not let the expected value be worked back.

    A whole number up to 1,000 (a count) gets the direction only; so does an answer
    of the other sign.

    >>> size_of_gap(130, 100.5), size_of_gap(995, 1000.5), size_of_gap(9, 8)
    ('too high (by 20% to 50%)', 'a little too low (by less than 1%)', 'too high')
    >>> size_of_gap(5, 1000.5), size_of_gap(-7.8, -6.01)
    ('far too low (less than a tenth of the expected value)', 'too low (by 20% to 50%)')
    """
    side = direction(got, want)
    if float(want).is_integer() and abs(want) <= 1000:
        return side  # a band would pin a count down (102, "by less than 1%" too high: 101)
    if want == 0 or not (math.isfinite(got) and math.isfinite(want)) or (got / want) <= 0:
        return side
    ratio = got / want
    if ratio > 1:
        return next(text for limit, text in _BIGGER if ratio < limit).format(side=side)
    return next(text for limit, text in _SMALLER if ratio > limit).format(side=side)


def direction(got: float, want: float) -> str:
    """'too high' or 'too low', without any size.

    >>> direction(3, 2)
    'too high'
    """
    return "too high" if got > want else "too low"


def as_floats(values: Any) -> np.ndarray:
    """One or more numbers as a float array.

    >>> as_floats(3).tolist()
    [3.0]
    """
    return np.atleast_1d(np.asarray(values, dtype=float))
