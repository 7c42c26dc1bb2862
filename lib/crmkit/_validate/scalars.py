"""Checks of single values: dates, whole numbers, numbers, amounts, rates, flags, names, choices."""

from __future__ import annotations

import math
import numbers
from collections.abc import Iterable

import numpy as np
import pandas as pd


def require_timestamp(value: object, argument: str) -> pd.Timestamp:
    """Turn ``value`` into a Timestamp or explain what is expected.

    >>> require_timestamp("2025-12-31", "as_of")
    Timestamp('2025-12-31 00:00:00')
    >>> require_timestamp(2025, "as_of")
    Traceback (most recent call last):
    ...
    TypeError: as_of must be a date such as '2025-12-31', but got the number 2025. ...
    >>> require_timestamp(["2025-12-31"], "as_of")
    Traceback (most recent call last):
    ...
    TypeError: as_of must be one date such as '2025-12-31', not a list.
    """
    if isinstance(value, bool | numbers.Number | np.number):
        raise TypeError(
            f"{argument} must be a date such as '2025-12-31', but got the number {value!r}. "
            "Write the date as text in quotes, or use pd.Timestamp(...)."
        )
    if isinstance(value, pd.Series | pd.DataFrame | pd.Index | list | tuple | dict | np.ndarray):
        raise TypeError(
            f"{argument} must be one date such as '2025-12-31', not a {type(value).__name__}."
        )
    try:
        stamp = pd.Timestamp(value)
    except (TypeError, ValueError) as error:
        raise ValueError(
            f"{argument} must be a date such as '2025-12-31', but got {value!r}."
        ) from error
    if pd.isna(stamp):
        raise ValueError(f"{argument} must be a date such as '2025-12-31', not a missing value.")
    if stamp.tzinfo is not None:
        raise ValueError(
            f"{argument} must be a plain date without a time zone, like '2025-12-31', "
            f"but got {value!r}."
        )
    return stamp


def require_positive_int(value: object, argument: str, minimum: int = 1) -> int:
    """Check a whole number >= minimum: 3, 3.0 and numpy integers pass; True and 1.5 do not.

    A number with a fraction is the wrong kind of number, so it is a TypeError,
    whichever function is called; a whole number below ``minimum`` is a ValueError.

    >>> require_positive_int(np.int64(3), "n")
    3
    >>> require_positive_int(1.5, "n")
    Traceback (most recent call last):
    ...
    TypeError: n must be a whole number, but got 1.5.
    """
    if isinstance(value, bool | np.bool_) or not isinstance(value, numbers.Real):
        raise TypeError(f"{argument} must be a whole number, but got {value!r}.")
    if not math.isfinite(float(value)) or float(value) != int(value):
        raise TypeError(f"{argument} must be a whole number, but got {value!r}.")
    if value < minimum:
        raise ValueError(f"{argument} must be at least {minimum}, but got {value!r}.")
    return int(value)


def require_number(
    value: object, argument: str, minimum: float | None = None, strict: bool = False
) -> float:
    """A finite number (bool is not one), at least ``minimum`` (above it when ``strict``).

    >>> require_number(np.float64(2.5), "threshold", minimum=0)
    2.5
    >>> require_number(0, "days", minimum=0, strict=True)
    Traceback (most recent call last):
    ...
    ValueError: days must be greater than 0, but got 0.
    """
    if isinstance(value, bool | np.bool_) or not isinstance(value, numbers.Real):
        raise TypeError(f"{argument} must be a number, but got {value!r}.")
    number = float(value)
    if not math.isfinite(number):
        raise ValueError(f"{argument} must be a finite number, but got {value!r}.")
    if minimum is not None and (number <= minimum if strict else number < minimum):
        bound = "greater than" if strict else "at least"
        raise ValueError(f"{argument} must be {bound} {minimum:g}, but got {value!r}.")
    return number


def require_amount(value: object, argument: str, allow_zero: bool = True) -> float:
    """An amount of money in CNY: a finite number of 0 or more (more than 0 if not ``allow_zero``).

    >>> require_amount(200_000, "budget")
    200000.0
    >>> require_amount(-5, "budget")
    Traceback (most recent call last):
    ...
    ValueError: budget must be a finite amount 0 or more, but got -5.
    """
    if isinstance(value, bool | np.bool_) or not isinstance(value, numbers.Real):
        raise TypeError(f"{argument} must be an amount in CNY (a number), but got {value!r}.")
    amount = float(value)
    if not math.isfinite(amount) or amount < 0 or (amount == 0 and not allow_zero):
        wanted = "0 or more" if allow_zero else "more than 0"
        raise ValueError(f"{argument} must be a finite amount {wanted}, but got {value!r}.")
    return amount


def require_rate(value: object, argument: str, upper: float = 1.0) -> float:
    """A rate written as a fraction between 0 and ``upper`` (0.08 means 8%).

    >>> require_rate(0.08, "cost_of_capital")
    0.08
    >>> require_rate(8, "cost_of_capital")
    Traceback (most recent call last):
    ...
    ValueError: cost_of_capital must be a fraction between 0 and 1 (0.08 means 8%), but got 8.0. Did you write a percentage?
    """
    if isinstance(value, bool | np.bool_) or not isinstance(value, numbers.Real):
        raise TypeError(f"{argument} must be a number such as 0.08, but got {value!r}.")
    value = float(value)
    if not math.isfinite(value) or value < 0:
        raise ValueError(f"{argument} must be a number of 0 or more, but got {value!r}.")
    if value > upper:
        raise ValueError(
            f"{argument} must be a fraction between 0 and {upper:g} (0.08 means 8%), "
            f"but got {value!r}. Did you write a percentage?"
        )
    return value


def require_confidence(confidence: object, argument: str = "confidence") -> float:
    """A confidence level strictly between 0 and 1, such as 0.95.

    >>> require_confidence(0.9)
    0.9
    """
    if isinstance(confidence, bool | np.bool_) or not isinstance(confidence, numbers.Real):
        raise TypeError(
            f"{argument} must be a number between 0 and 1, such as 0.95, but got {confidence!r}."
        )
    if not 0 < float(confidence) < 1:
        raise ValueError(
            f"{argument} must be between 0 and 1 (0.95 for 95%), but got {confidence!r}."
        )
    return float(confidence)


def require_bool(value: object, argument: str) -> bool:
    """True or False (numpy booleans too); 1, 0 and 'yes' are refused.

    >>> require_bool(np.True_, "exclude_open")
    True
    """
    if not isinstance(value, bool | np.bool_):
        raise TypeError(f"{argument} must be True or False, but got {value!r}.")
    return bool(value)


def require_column_name(name: object, argument: str = "by") -> str:
    """A column name given as text.

    >>> require_column_name("method")
    'method'
    """
    if not isinstance(name, str):
        raise TypeError(f"{argument} must be a column name (text), but got {name!r}.")
    return name


def require_choice(value: object, known: Iterable[str], argument: str, of: str) -> str:
    """One of the ``known`` values (the values of column ``of``), with a did-you-mean hint.

    >>> require_choice("Referral", ["events", "referral"], "first", "method")
    Traceback (most recent call last):
    ...
    ValueError: first must be one of the values of 'method'; 'Referral' is not. Did you mean ...
    """
    known = sorted(set(known))
    if not isinstance(value, str) or value not in known:
        import difflib

        lower = {name.lower(): name for name in known}
        close = difflib.get_close_matches(str(value).lower(), list(lower), n=1)
        hint = f" Did you mean {lower[close[0]]!r}?" if close else ""
        raise ValueError(
            f"{argument} must be one of the values of {of!r}; {value!r} is not.{hint} "
            f"The values are: {', '.join(known)}."
        )
    return value
