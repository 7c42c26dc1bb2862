"""The history behind one account's warnings: month by month, and the gaps between its orders.

:func:`account_history` and :func:`order_gaps` feed the four panels of
:func:`crmkit.database.plots.warning_history`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from crmkit._validate import (
    require_customer_id,
    require_dates,
    require_frame,
    require_numeric,
    require_timestamp,
)
from crmkit.vocabulary import AS_OF


def order_gaps(order_lines: pd.DataFrame, customer_id: str, as_of: object = AS_OF) -> pd.Series:
    """Days between one customer's consecutive order days, up to ``as_of``.

    A Series indexed by order date (from the second order day on), named
    ``gap_days``. Plot it beside :func:`buying_intervals`' usual interval.

    >>> lines = pd.DataFrame({"customer_id": ["A", "A", "A"],
    ...     "order_date": pd.to_datetime(["2025-10-01", "2025-10-11", "2025-10-25"])})
    >>> order_gaps(lines, "A").tolist()
    [10, 14]
    """
    require_frame(order_lines, "order_lines", ["customer_id", "order_date"])
    require_dates(order_lines, "order_lines", ["order_date"])
    require_customer_id(customer_id, order_lines)
    as_of = require_timestamp(as_of, "as_of")
    mine = _rows_of(order_lines, customer_id, "order_date", as_of)["order_date"]
    days = pd.Series(np.sort(mine.unique())).astype("datetime64[s]")
    gaps = days.diff().dt.days.iloc[1:].astype("int64")
    gaps.index = pd.DatetimeIndex(days.iloc[1:], name="order_date")
    return gaps.rename("gap_days")


def account_history(
    customer_id: str,
    customers: pd.DataFrame,
    order_lines: pd.DataFrame,
    invoices: pd.DataFrame,
    payments: pd.DataFrame,
    account_plans: pd.DataFrame,
    service_events: pd.DataFrame,
    as_of: object = AS_OF,
) -> pd.DataFrame:
    """One account's month-by-month history behind its warnings.

    One row per month from the account's first order (or plan) to ``as_of``'s
    month, indexed by month start. Columns: ``revenue``, ``planned_revenue``,
    ``selling_expenses`` (sales visits), ``expense_budget``, ``receivable`` (at
    the month's end, or at ``as_of`` for its month) and ``credit_limit``.

    >>> from crmkit import data
    >>> history = account_history("B001", data.load_customers(), data.load_order_lines(),
    ...     data.load_invoices(), data.load_payments(), data.load_account_plans(),
    ...     data.load_service_events())
    >>> history.columns.tolist()
    ['revenue', 'planned_revenue', 'selling_expenses', 'expense_budget', 'receivable', 'credit_limit']
    """
    _require_history_tables(
        customers, order_lines, invoices, payments, account_plans, service_events
    )
    require_customer_id(customer_id, customers)
    as_of = require_timestamp(as_of, "as_of")
    lines = _rows_of(order_lines, customer_id, "order_date", as_of)
    plans = _rows_of(account_plans, customer_id, "month", as_of)
    starts = [d for d in (lines["order_date"].min(), plans["month"].min()) if pd.notna(d)]
    if not starts:
        raise ValueError(f"{customer_id} has no orders or plans on or before {as_of.date()}.")
    months = pd.date_range(
        min(starts).to_period("M").to_timestamp(),
        as_of.to_period("M").to_timestamp(),
        freq="MS",
        name="month",
    )
    is_visit = (service_events["event_type"].astype("string") == "sales_visit").to_numpy()
    visits = _rows_of(service_events[is_visit], customer_id, "event_date", as_of)
    limit = customers.loc[customers["customer_id"] == customer_id, "credit_limit"].iloc[0]
    return pd.DataFrame(
        {
            "revenue": _monthly(lines, "order_date", "revenue", months),
            "planned_revenue": plans.set_index("month")["planned_revenue"].reindex(months),
            "selling_expenses": _monthly(visits, "event_date", "cost", months),
            "expense_budget": plans.set_index("month")["expense_budget"].reindex(months),
            "receivable": _month_end_receivables(invoices, payments, customer_id, months, as_of),
            "credit_limit": float(limit) if pd.notna(limit) else np.nan,
        },
        index=months,
    )


def _require_history_tables(
    customers: object,
    order_lines: object,
    invoices: object,
    payments: object,
    account_plans: object,
    service_events: object,
) -> None:
    """The six tables with the columns the history reads: dates as dates, amounts as numbers."""
    require_frame(customers, "customers", ["customer_id", "credit_limit"])
    require_frame(order_lines, "order_lines", ["customer_id", "order_date", "revenue"])
    require_frame(invoices, "invoices", ["customer_id", "invoice_id", "invoice_date", "amount"])
    require_frame(payments, "payments", ["invoice_id", "payment_date", "amount"])
    require_frame(
        account_plans,
        "account_plans",
        ["customer_id", "month", "planned_revenue", "expense_budget"],
    )
    require_frame(
        service_events, "service_events", ["customer_id", "event_date", "event_type", "cost"]
    )
    require_dates(order_lines, "order_lines", ["order_date"])
    require_dates(invoices, "invoices", ["invoice_date"])
    require_dates(payments, "payments", ["payment_date"])
    require_dates(account_plans, "account_plans", ["month"])
    require_dates(service_events, "service_events", ["event_date"])
    require_numeric(customers, "customers", ["credit_limit"])
    require_numeric(order_lines, "order_lines", ["revenue"])
    require_numeric(invoices, "invoices", ["amount"])
    require_numeric(payments, "payments", ["amount"])
    require_numeric(account_plans, "account_plans", ["planned_revenue", "expense_budget"])
    require_numeric(service_events, "service_events", ["cost"])


def _rows_of(frame: pd.DataFrame, customer_id: str, date: str, as_of: pd.Timestamp) -> pd.DataFrame:
    """The rows of one customer dated up to ``as_of``."""
    return frame[
        (frame["customer_id"] == customer_id).to_numpy() & (frame[date] <= as_of).to_numpy()
    ]


def _monthly(frame: pd.DataFrame, date: str, value: str, months: pd.DatetimeIndex) -> pd.Series:
    """The sum of ``value`` per calendar month of ``date``, 0 in months without a row."""
    month = frame[date].dt.to_period("M").dt.to_timestamp()
    return frame.groupby(month)[value].sum().reindex(months, fill_value=0.0)


def _month_end_receivables(
    invoices: pd.DataFrame,
    payments: pd.DataFrame,
    customer_id: str,
    months: pd.DatetimeIndex,
    as_of: pd.Timestamp,
) -> np.ndarray:
    """What the customer owed at the end of each month (at ``as_of`` in its own month)."""
    mine = invoices[invoices["customer_id"] == customer_id]
    paid = payments[payments["invoice_id"].isin(set(mine["invoice_id"]))]
    month_end = pd.Series(months + pd.offsets.MonthEnd(0), index=months).clip(upper=as_of)
    ends = month_end.to_numpy()
    return _running_total(mine, "invoice_date", ends) - _running_total(paid, "payment_date", ends)


def _running_total(frame: pd.DataFrame, date: str, ends: np.ndarray) -> np.ndarray:
    """The total ``amount`` of the rows dated on or before each of ``ends``."""
    ordered = frame.sort_values(date)
    count = np.searchsorted(ordered[date].to_numpy(), ends, side="right")
    return np.concatenate([[0.0], ordered["amount"].cumsum().to_numpy()])[count]
