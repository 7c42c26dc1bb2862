"""Input checks shared by crmkit's public functions, with messages for learners."""

from __future__ import annotations

import math
import numbers
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


def require_numeric(
    frame: object, argument: str, columns: Iterable[str], allow_missing: bool = True
) -> None:
    """Check that columns exist and hold numbers (not text or dates).

    With ``allow_missing=False`` the columns must have no missing values either
    (amounts that are summed or averaged, where a gap would silently count as 0).

    >>> require_numeric(pd.DataFrame({"revenue": ["12.5"]}), "order_lines", ["revenue"])
    Traceback (most recent call last):
    ...
    TypeError: Column 'revenue' of order_lines must hold numbers, but its type is str. ...
    >>> require_numeric(pd.DataFrame({"cost": [1.0, None]}), "leads", ["cost"], allow_missing=False)
    Traceback (most recent call last):
    ...
    ValueError: Column 'cost' of leads has 1 missing value(s). Fill or drop them first, ...
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
        if not allow_missing and values.isna().any():
            raise ValueError(
                f"Column {column!r} of {argument} has {int(values.isna().sum())} missing "
                "value(s). Fill or drop them first, and say which you did."
            )


def require_series(
    values: object,
    argument: str,
    what: str = "",
    numeric: bool = False,
    allow_missing: bool = True,
) -> pd.Series:
    """Check that ``values`` is a pandas Series (of numbers when ``numeric``) and return it.

    ``what`` says what the Series should hold, for the message (e.g. "one value per
    customer"); with ``allow_missing=False`` it must have no missing values.

    >>> require_series([1, 2], "profit", "one value per customer")
    Traceback (most recent call last):
    ...
    TypeError: profit must be a pandas Series (one value per customer), but got a list.
    >>> require_series(pd.Series(["3"]), "spend", numeric=True)
    Traceback (most recent call last):
    ...
    TypeError: spend must hold numbers, but its type is str. Convert it with pd.to_numeric(spend).
    """
    if not isinstance(values, pd.Series):
        described = f" ({what})" if what else ""
        raise TypeError(
            f"{argument} must be a pandas Series{described}, but got a {type(values).__name__}."
        )
    if numeric and (
        not pd.api.types.is_numeric_dtype(values) or pd.api.types.is_bool_dtype(values)
    ):
        raise TypeError(
            f"{argument} must hold numbers, but its type is {values.dtype}. "
            f"Convert it with pd.to_numeric({argument})."
        )
    if not allow_missing and values.isna().any():
        raise ValueError(
            f"{argument} has {int(values.isna().sum())} missing value(s). "
            f"Fill them (for example {argument}.fillna(0)) or drop them first."
        )
    return values


def require_labels(values: pd.Series, argument: str, column: str, allowed: Iterable[str]) -> None:
    """Refuse labels outside ``allowed`` (a typo would otherwise be counted silently).

    >>> require_labels(pd.Series(["won", "Won"]), "leads", "status", ["won", "lost"])
    Traceback (most recent call last):
    ...
    ValueError: Column 'status' of leads has unexpected values: 'Won'. Allowed values are: won, lost.
    """
    allowed = list(allowed)
    unknown = sorted(set(values.dropna().astype("string")) - set(allowed))
    if unknown or values.isna().any():
        shown = ", ".join(repr(label) for label in unknown[:5]) or "missing values"
        raise ValueError(
            f"Column {column!r} of {argument} has unexpected values: {shown}. "
            f"Allowed values are: {', '.join(allowed)}."
        )


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
    """Check a whole number >= minimum (bool is not accepted; numpy integers are).

    >>> require_positive_int(np.int64(3), "n")
    3
    >>> require_positive_int(1.5, "n")
    Traceback (most recent call last):
    ...
    TypeError: n must be a whole number, but got 1.5.
    """
    if isinstance(value, bool | np.bool_) or not isinstance(
        value, int | float | np.integer | np.floating
    ):
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
