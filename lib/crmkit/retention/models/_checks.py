"""Input checks shared by the repeat-buying models, with messages for learners.

A summary is one row per customer with ``frequency`` (repeat purchases), ``recency`` (time
from the first to the last purchase) and ``T`` (time from the first purchase to the end of
the observation). Some combinations cannot happen, and a model fed them would return
numbers that mean nothing, so they are refused here with the first offending customer.
"""

from __future__ import annotations

import numbers

import numpy as np
import pandas as pd

from crmkit._validate import require_frame, require_numeric

SUMMARY_COLUMNS = ("frequency", "recency", "T")
MAKE_SUMMARY = "Build it with crmkit.retention.models.repeat_summary(transactions)."
UNITS = {"D": 1, "W": 7}


def _first_bad(frame: pd.DataFrame, bad: np.ndarray) -> str:
    """'N customer(s), for example <id> (frequency=.., recency=.., T=..)'."""
    where = int(np.flatnonzero(bad)[0])
    row = frame.iloc[where]
    shown = ", ".join(f"{column}={float(row[column]):g}" for column in SUMMARY_COLUMNS)
    return f"{int(bad.sum())} customer(s), for example customer {frame.index[where]} ({shown})"


def summary_arrays(
    summary: object, argument: str = "summary", allow_empty: bool = False
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """frequency, recency and T of a summary as float arrays, after refusing impossible rows.

    >>> summary = pd.DataFrame({"frequency": [0, 2], "recency": [0.0, 3.0], "T": [5.0, 4.0]})
    >>> [a.tolist() for a in summary_arrays(summary)]
    [[0.0, 2.0], [0.0, 3.0], [5.0, 4.0]]
    >>> summary_arrays(summary.assign(recency=[0.0, 6.0]))
    Traceback (most recent call last):
    ...
    ValueError: summary has recency greater than T (the last purchase cannot come after ...
    """
    require_frame(summary, argument, SUMMARY_COLUMNS)
    require_numeric(summary, argument, SUMMARY_COLUMNS, allow_missing=False)
    if summary.empty and not allow_empty:
        raise ValueError(f"{argument} has no rows (no customers). {MAKE_SUMMARY}")
    x, t_x, big_t = (summary[c].to_numpy(dtype="float64") for c in SUMMARY_COLUMNS)
    problems = [
        (~np.isfinite(x) | ~np.isfinite(t_x) | ~np.isfinite(big_t),
         "an infinite frequency, recency or T"),
        (x < 0, "a negative frequency (repeat purchases cannot be fewer than 0)"),
        (x != np.floor(x), "a frequency that is not a whole number of repeat purchases"),
        ((t_x < 0) | (big_t < 0), "a negative recency or T"),
        (t_x > big_t, "recency greater than T (the last purchase cannot come after the end "
         "of the observation)"),
        ((x == 0) & (t_x > 0), "frequency 0 with recency above 0 (without a repeat purchase "
         "recency is 0)"),
        ((x > 0) & (t_x == 0), "repeat purchases with recency 0 (a repeat purchase comes after "
         "the first one)"),
    ]  # fmt: skip
    for bad, what in problems:
        if bad.any():
            raise ValueError(
                f"{argument} has {what} for {_first_bad(summary, bad)}. Check how the "
                f"summary was made. {MAKE_SUMMARY}"
            )
    return x, t_x, big_t


def require_times(t: object, argument: str = "t") -> tuple[np.ndarray, bool]:
    """A time span or several (number, list, array or Series) as a float array, and whether
    a single number was given. Each must be finite and 0 or more.

    >>> require_times(39)
    (array([39.]), True)
    >>> require_times([-1, 2])
    Traceback (most recent call last):
    ...
    ValueError: t must be 0 or more (a length of time), but got -1.0.
    """
    if isinstance(t, bool | np.bool_) or t is None or isinstance(t, str | bytes):
        raise TypeError(
            f"{argument} must be a length of time (a number, or a list of them), not {t!r}."
        )
    if isinstance(t, numbers.Real):
        return np.array([require_time(t, argument)]), True
    if isinstance(t, pd.DataFrame | dict | set):
        raise TypeError(
            f"{argument} must be a number or a list of numbers, not a {type(t).__name__}."
        )
    try:
        values = np.asarray(t, dtype="float64").reshape(-1)
    except (TypeError, ValueError) as error:
        raise TypeError(
            f"{argument} must be a number or a list of numbers, but got {t!r}."
        ) from error
    if values.size == 0:
        raise ValueError(f"{argument} is empty: give at least one length of time.")
    if not np.isfinite(values).all():
        bad = values[~np.isfinite(values)][0]
        raise ValueError(f"{argument} must be finite lengths of time, but got {bad}.")
    if (values < 0).any():
        bad = values[values < 0][0]
        raise ValueError(f"{argument} must be 0 or more (a length of time), but got {bad}.")
    return values, False


def require_time(value: object, argument: str = "t") -> float:
    """One length of time: a finite number of 0 or more.

    >>> require_time(39)
    39.0
    """
    if isinstance(value, bool | np.bool_) or not isinstance(value, numbers.Real):
        raise TypeError(f"{argument} must be a length of time (a number), but got {value!r}.")
    number = float(value)
    if not np.isfinite(number) or number < 0:
        raise ValueError(f"{argument} must be 0 or more (a length of time), but got {value!r}.")
    return number
