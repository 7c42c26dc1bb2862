"""Input checks shared by crmkit's public functions, with messages for learners."""

from __future__ import annotations

import math
import numbers
import sqlite3
from collections.abc import Iterable
from pathlib import Path

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


def require_ids(ids: object, argument: str) -> pd.Index:
    """A non-empty collection of customer ids as text (or a boolean Series selecting them).

    >>> list(require_ids(["B001", "B007"], "customers"))
    ['B001', 'B007']
    """
    if isinstance(ids, str) or not isinstance(
        ids, list | tuple | set | frozenset | pd.Index | pd.Series | np.ndarray
    ):
        raise TypeError(
            f"{argument} must be a list (or Index) of customer ids such as ['B001', 'B007'], "
            f"but got a {type(ids).__name__}."
        )
    values = list(ids.index[ids] if isinstance(ids, pd.Series) and ids.dtype == bool else ids)
    if not values:
        raise ValueError(f"{argument} is empty: give at least one customer id.")
    if not all(isinstance(value, str) for value in values):
        raise TypeError(f"{argument} must hold customer ids as text, such as 'B001'.")
    return pd.Index(values, dtype="string")


def require_customer_id(customer_id: object, frame: pd.DataFrame) -> str:
    """One customer id, as text, that appears in ``frame['customer_id']``.

    >>> require_customer_id("B1", pd.DataFrame({"customer_id": ["B1"]}))
    'B1'
    """
    if not isinstance(customer_id, str):
        raise TypeError(
            f"customer_id must be text such as 'B012', not {type(customer_id).__name__}."
        )
    if not (frame["customer_id"] == customer_id).any():
        raise ValueError(f"customer_id {customer_id!r} does not appear in the table given.")
    return customer_id


def require_path(path: object, argument: str = "path") -> Path:
    """A file path, as text or pathlib.Path, not empty.

    >>> require_path("jade_leaf.sqlite").name
    'jade_leaf.sqlite'
    """
    if isinstance(path, bool) or not isinstance(path, str | Path):
        raise TypeError(
            f"{argument} must be a file path (text or pathlib.Path), such as "
            f"'jade_leaf.sqlite', not {type(path).__name__}."
        )
    if str(path).strip() == "":
        raise ValueError(f"{argument} is empty: give a file name such as 'jade_leaf.sqlite'.")
    return Path(path).expanduser()


def require_connection(connection: object) -> sqlite3.Connection:
    """An open sqlite3 connection.

    >>> require_connection(sqlite3.connect(":memory:")).execute("SELECT 1").fetchone()
    (1,)
    """
    if not isinstance(connection, sqlite3.Connection):
        raise TypeError(
            "connection must be an open sqlite3 connection, e.g. database.connect(path), not "
            f"{type(connection).__name__}."
        )
    try:
        connection.execute("SELECT 1")
    except sqlite3.ProgrammingError as error:
        raise ValueError(
            "connection is closed. Open it again with database.connect(path)."
        ) from error
    return connection


def require_secret_key(key: object, argument: str = "key") -> bytes:
    """A secret key of at least 16 characters, as text or bytes (returned as bytes).

    >>> len(require_secret_key("0123456789abcdef"))
    16
    """
    if isinstance(key, str):
        key = key.encode("utf-8")
    if not isinstance(key, bytes):
        raise TypeError(
            f"{argument} must be a secret text or bytes, not {type(key).__name__}. Make one with "
            "secrets.token_hex(16) and keep it out of the notebook."
        )
    if len(key) < 16:
        raise ValueError(
            f"{argument} is too short ({len(key)} characters): use at least 16, e.g. "
            "secrets.token_hex(16). A short key can be guessed, and then every pseudonym can be "
            "reversed."
        )
    return key


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
