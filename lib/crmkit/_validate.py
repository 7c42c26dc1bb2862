"""Input checks shared by crmkit's public functions, with messages for learners."""

from __future__ import annotations

import math
from collections.abc import Iterable

import numpy as np
import pandas as pd


def require_frame(frame: object, argument: str, columns: Iterable[str] = ()) -> pd.DataFrame:
    """Check that ``frame`` is a DataFrame with ``columns``; raise a clear error otherwise.

    >>> require_frame(pd.DataFrame({"a": [1]}), "orders", ["a"]).shape
    (1, 1)
    >>> require_frame([1, 2], "orders")
    Traceback (most recent call last):
    ...
    TypeError: orders must be a pandas DataFrame, but got a list.
    """
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(
            f"{argument} must be a pandas DataFrame, but got a {type(frame).__name__}. "
            f"Pass the table itself, for example crmkit.data.load_{argument}()."
            if argument in _KNOWN_TABLES
            else f"{argument} must be a pandas DataFrame, but got a {type(frame).__name__}."
        )
    columns = list(columns)
    for column in columns:
        if not isinstance(column, str):
            raise TypeError(
                f"Column names must be text, like 'revenue', but got {column!r} "
                f"({type(column).__name__}) for {argument}."
            )
    missing = [column for column in columns if column not in frame.columns]
    if missing:
        have = ", ".join(map(str, frame.columns[:15])) or "(no columns)"
        raise ValueError(
            f"{argument} is missing the column(s) {', '.join(missing)}. Its columns are: {have}. "
            "Did you pass the right table, or rename or drop a column earlier?"
        )
    return frame


def require_dates(frame: object, argument: str, columns: Iterable[str]) -> None:
    """Check that date columns exist and hold dates (not text), so comparisons with dates work.

    >>> require_dates(pd.DataFrame({"day": ["2025-01-01"]}), "orders", ["day"])
    Traceback (most recent call last):
    ...
    TypeError: Column 'day' of orders must hold dates, but its type is str. ...
    """
    columns = list(columns)
    require_frame(frame, argument, columns)
    for column in columns:
        if not pd.api.types.is_datetime64_any_dtype(frame[column]):
            raise TypeError(
                f"Column {column!r} of {argument} must hold dates, but its type is "
                f"{frame[column].dtype}. Load the table with crmkit.data, or convert it with "
                f"pd.to_datetime({argument}[{column!r}])."
            )
        if getattr(frame[column].dt, "tz", None) is not None:
            raise TypeError(
                f"Column {column!r} of {argument} has time-zone-aware dates; the course data "
                f"uses plain dates. Remove the zone with {argument}[{column!r}].dt.tz_localize(None)."
            )


def require_numeric(frame: object, argument: str, columns: Iterable[str]) -> None:
    """Check that columns exist and hold numbers (not text or dates).

    >>> require_numeric(pd.DataFrame({"revenue": ["12.5"]}), "order_lines", ["revenue"])
    Traceback (most recent call last):
    ...
    TypeError: Column 'revenue' of order_lines must hold numbers, but its type is str. ...
    """
    columns = list(columns)
    require_frame(frame, argument, columns)
    for column in columns:
        values = frame[column]
        if not pd.api.types.is_numeric_dtype(values) or pd.api.types.is_bool_dtype(values):
            raise TypeError(
                f"Column {column!r} of {argument} must hold numbers, but its type is "
                f"{values.dtype}. Convert it with pd.to_numeric({argument}[{column!r}]), or "
                "load the table with crmkit.data."
            )


def require_timestamp(value: object, argument: str) -> pd.Timestamp:
    """Turn ``value`` into a Timestamp or explain what is expected.

    >>> require_timestamp("2025-12-31", "as_of")
    Timestamp('2025-12-31 00:00:00')
    >>> require_timestamp(2025, "as_of")
    Traceback (most recent call last):
    ...
    TypeError: as_of must be a date such as '2025-12-31', but got the number 2025. ...
    """
    if isinstance(value, bool | int | float | np.number):
        raise TypeError(
            f"{argument} must be a date such as '2025-12-31', but got the number {value!r}. "
            "Write the date as text in quotes, or use pd.Timestamp(...)."
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
    """Check a whole number >= minimum (bool is not accepted; numpy integers are).

    >>> require_positive_int(np.int64(3), "n")
    3
    >>> require_positive_int(1.5, "n")
    Traceback (most recent call last):
    ...
    TypeError: n must be a whole number, but got 1.5.
    """
    if isinstance(value, bool | np.bool_) or not isinstance(value, int | float | np.integer | np.floating):
        raise TypeError(f"{argument} must be a whole number, but got {value!r}.")
    if not math.isfinite(value) or value != int(value):
        raise TypeError(f"{argument} must be a whole number, but got {value!r}.")
    if value < minimum:
        raise ValueError(f"{argument} must be at least {minimum}, but got {value!r}.")
    return int(value)


def require_axes(ax: object, argument: str = "ax") -> None:
    """Check that ``ax`` is None or a matplotlib Axes to draw on."""
    if ax is None:
        return
    from matplotlib.axes import Axes

    if not isinstance(ax, Axes):
        raise TypeError(
            f"{argument} must be a matplotlib Axes (for example from plt.subplots()) or None, "
            f"but got a {type(ax).__name__}."
        )


_KNOWN_TABLES = {
    "customers",
    "products",
    "order_lines",
    "service_events",
    "invoices",
    "payments",
    "account_plans",
    "leads",
    "communications",
    "complaints",
    "survey",
    "teams",
    "winback",
}
