"""Checks of tables and columns: the frame, its columns, dates, numbers, labels, course tables."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from crmkit.vocabulary import LEAD_STATUSES

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


def require_invoices_and_payments(invoices: object, payments: object) -> None:
    """The invoices and payments tables, with their ids, dates and amounts (chapters 02 and 04).

    >>> invoices = pd.DataFrame({"invoice_id": ["I1"], "customer_id": ["B1"],
    ...     "invoice_date": pd.to_datetime(["2025-01-01"]), "due_date": pd.to_datetime(["2025-01-31"]),
    ...     "amount": [100.0]})
    >>> payments = pd.DataFrame({"invoice_id": ["I1"], "payment_date": pd.to_datetime(["2025-02-03"]),
    ...     "amount": [100.0]})
    >>> require_invoices_and_payments(invoices, payments)
    """
    require_frame(
        invoices, "invoices", ["invoice_id", "customer_id", "invoice_date", "due_date", "amount"]
    )
    require_frame(payments, "payments", ["invoice_id", "payment_date", "amount"])
    require_dates(invoices, "invoices", ["invoice_date", "due_date"])
    require_dates(payments, "payments", ["payment_date"])
    require_numeric(invoices, "invoices", ["amount"])
    require_numeric(payments, "payments", ["amount"])


def require_lead_status(leads: pd.DataFrame) -> pd.Series:
    """Each lead's status as text; a clear error for a status other than won, open or lost.

    >>> require_lead_status(pd.DataFrame({"status": ["won", "open"]})).tolist()
    ['won', 'open']
    """
    status = leads["status"].astype("string")
    require_labels(status, "leads", "status", LEAD_STATUSES)
    return status


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
