"""Input checks shared by crmkit's public functions, with messages for learners."""

from __future__ import annotations

from collections.abc import Iterable

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
    missing = [column for column in columns if column not in frame.columns]
    if missing:
        have = ", ".join(map(str, frame.columns[:15])) or "(no columns)"
        raise ValueError(
            f"{argument} is missing the column(s) {', '.join(missing)}. Its columns are: {have}. "
            "Did you pass the right table, or rename or drop a column earlier?"
        )
    return frame


def require_dates(frame: pd.DataFrame, argument: str, columns: Iterable[str]) -> None:
    """Check that date columns hold dates (not text), so comparisons with dates work."""
    for column in columns:
        if not pd.api.types.is_datetime64_any_dtype(frame[column]):
            raise TypeError(
                f"Column {column!r} of {argument} must hold dates, but its type is "
                f"{frame[column].dtype}. Load the table with crmkit.data, or convert it with "
                f"pd.to_datetime({argument}[{column!r}])."
            )


def require_timestamp(value: object, argument: str) -> pd.Timestamp:
    """Turn ``value`` into a Timestamp or explain what is expected."""
    try:
        stamp = pd.Timestamp(value)
    except (TypeError, ValueError) as error:
        raise ValueError(
            f"{argument} must be a date such as '2025-12-31', but got {value!r}."
        ) from error
    if pd.isna(stamp):
        raise ValueError(f"{argument} must be a date such as '2025-12-31', not a missing value.")
    return stamp


def require_positive_int(value: object, argument: str, minimum: int = 1) -> int:
    """Check a whole number >= minimum (bool is not accepted)."""
    if isinstance(value, bool) or not isinstance(value, int | float) or value != int(value):
        raise TypeError(f"{argument} must be a whole number, but got {value!r}.")
    if value < minimum:
        raise ValueError(f"{argument} must be at least {minimum}, but got {value!r}.")
    return int(value)


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
