"""What a new customer brings back after EVERY cost: chapter 02's profit, over the first year.

Chapter 02 defines a customer's profit (:func:`crmkit.selection.customer_profitability`) as

    profit = gross profit - service costs - late_payment_cost - bad_debt

(its ``cost_to_serve`` holds the last three together). Chapter 03 uses the same rule, counted
from sign-up, so that the two chapters never disagree about what a customer is worth:

* **service costs**: the service events dated in the window (deliveries, visits, calls, ...);
* **late payment and bad debt**: :func:`crmkit.selection.late_payment_costs` of the invoices
  dated in the window (judged on ``as_of``), each charged to the month of its invoice.

:func:`first_year_profit` adds these to :func:`first_year_value`; :func:`cumulative_profit`
is :func:`cumulative_gross_profit` with every cost subtracted in the month it arises, so that
:func:`payback_months` gives the payback on profit.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from crmkit._validate import (
    require_column_name,
    require_dates,
    require_frame,
    require_invoices_and_payments,
    require_numeric,
    require_positive_int,
    require_timestamp,
)
from crmkit.acquisition.payback import (
    DAYS_PER_MONTH,
    _check_signups_and_orders,
    _observed,
    _one_segment,
    first_year_value,
)
from crmkit.selection.profitability import late_payment_costs
from crmkit.vocabulary import AS_OF

_VALUE_COLUMNS = ["gross_profit", "service_cost", "late_payment_cost", "bad_debt"]


def _check_costs(service_events: object, invoices: object, payments: object) -> None:
    """Service events with dates and costs; invoices and payments as chapter 02 reads them."""
    require_frame(service_events, "service_events", ["customer_id", "event_date", "cost"])
    require_dates(service_events, "service_events", ["event_date"])
    require_numeric(service_events, "service_events", ["cost"], allow_missing=False)
    require_invoices_and_payments(invoices, payments)


def _dated_value(
    order_lines: pd.DataFrame,
    service_events: pd.DataFrame,
    invoices: pd.DataFrame,
    payments: pd.DataFrame,
    as_of: pd.Timestamp,
) -> pd.DataFrame:
    """One row per dated gain or cost: customer_id, date and the four value columns."""
    invoice_costs = late_payment_costs(
        invoices.assign(customer_id=invoices["invoice_id"].astype("str")), payments, as_of
    )
    issued = invoices[invoices["invoice_date"] <= as_of]
    per_invoice = invoice_costs.reindex(issued["invoice_id"].astype("str"), fill_value=0.0)
    parts = [
        pd.DataFrame(
            {
                "customer_id": order_lines["customer_id"].astype("str").to_numpy(),
                "date": order_lines["order_date"].to_numpy(),
                "gross_profit": (order_lines["revenue"] - order_lines["cost_of_goods"]).to_numpy(),
            }
        ),
        pd.DataFrame(
            {
                "customer_id": service_events["customer_id"].astype("str").to_numpy(),
                "date": service_events["event_date"].to_numpy(),
                "service_cost": service_events["cost"].to_numpy(dtype="float64"),
            }
        ),
        pd.DataFrame(
            {
                "customer_id": issued["customer_id"].astype("str").to_numpy(),
                "date": issued["invoice_date"].to_numpy(),
                "late_payment_cost": per_invoice["late_payment_cost"].to_numpy(dtype="float64"),
                "bad_debt": per_invoice["bad_debt"].to_numpy(dtype="float64"),
            }
        ),
    ]
    frame = pd.concat(parts, ignore_index=True)
    frame[_VALUE_COLUMNS] = frame[_VALUE_COLUMNS].fillna(0.0)
    return frame[frame["date"] <= as_of]


def first_year_profit(
    customers: pd.DataFrame,
    order_lines: pd.DataFrame,
    service_events: pd.DataFrame,
    invoices: pd.DataFrame,
    payments: pd.DataFrame,
    as_of: object = AS_OF,
    days: int = 365,
) -> pd.DataFrame:
    """:func:`first_year_value` with every cost of chapter 02: the first year's profit.

    Returns :func:`first_year_value`'s columns (with ``cost_to_serve``: the service
    events, and ``contribution`` = gross_profit - cost_to_serve) and adds
    ``late_payment_cost`` and ``bad_debt`` of the invoices dated in the window, and
    ``profit`` = contribution - late_payment_cost - bad_debt: chapter 02's profit over
    the customer's first ``days`` days. Missing (NaN) without a full first year.

    >>> customers = pd.DataFrame({"customer_id": ["A"],
    ...     "signup_date": pd.to_datetime(["2024-03-01"])})
    >>> lines = pd.DataFrame({"customer_id": ["A"], "order_date": pd.to_datetime(["2024-03-01"]),
    ...     "revenue": [1000.0], "cost_of_goods": [600.0]})
    >>> events = pd.DataFrame({"customer_id": ["A"], "event_date": pd.to_datetime(["2024-03-01"]),
    ...     "cost": [50.0]})
    >>> invoices = pd.DataFrame({"invoice_id": ["I1"], "customer_id": ["A"],
    ...     "invoice_date": pd.to_datetime(["2024-03-01"]),
    ...     "due_date": pd.to_datetime(["2024-03-31"]), "amount": [1000.0]})
    >>> payments = pd.DataFrame({"invoice_id": ["I1"], "amount": [1000.0],
    ...     "payment_date": pd.to_datetime(["2024-05-30"])})
    >>> first_year_profit(customers, lines, events, invoices, payments)[
    ...     ["gross_profit", "contribution", "late_payment_cost", "bad_debt", "profit"]]
                 gross_profit  contribution  late_payment_cost  bad_debt  profit
    customer_id
    A                   400.0         350.0              13.15       0.0  336.85
    """
    require_frame(customers, "customers", ["customer_id", "signup_date"])
    _check_costs(service_events, invoices, payments)
    result = first_year_value(customers, order_lines, service_events, as_of, days)
    as_of = require_timestamp(as_of, "as_of")
    days = require_positive_int(days, "days")
    signup = pd.Series(
        customers["signup_date"].to_numpy(), index=customers["customer_id"].astype("str")
    )
    issued = invoices[invoices["customer_id"].astype("str").isin(signup.index).to_numpy()]
    elapsed = (issued["invoice_date"] - issued["customer_id"].astype("str").map(signup)).dt.days
    window = issued[((elapsed >= 0) & (elapsed < days)).fillna(False).to_numpy()]
    costs = late_payment_costs(window, payments, as_of)
    costs = costs.reindex(result.index, fill_value=0.0)
    full_year = result["full_year"].to_numpy()
    for column in ("late_payment_cost", "bad_debt"):
        result[column] = costs[column].astype("float64").round(2).where(full_year)
    result["profit"] = (
        result["contribution"] - result["late_payment_cost"] - result["bad_debt"]
    ).round(2)
    return result


def cumulative_profit(
    customers: pd.DataFrame,
    order_lines: pd.DataFrame,
    service_events: pd.DataFrame,
    invoices: pd.DataFrame,
    payments: pd.DataFrame,
    by: str = "acquisition_channel",
    months: int = 12,
    as_of: object = AS_OF,
) -> pd.DataFrame:
    """Mean cumulative profit per customer, month by month after sign-up, per group.

    As :func:`cumulative_gross_profit` (same months, same customers observed for all
    ``months`` months, ONE segment), but each month adds the gross profit of its orders
    and subtracts its service costs and the late-payment cost and bad debt of the invoices
    it issued (chapter 02's profit). Feed it to :func:`payback_months` for the payback on
    profit. Returns a DataFrame indexed by ``month`` with one column per group (CNY).

    >>> customers = pd.DataFrame({"customer_id": ["A"], "acquisition_channel": ["x"],
    ...     "signup_date": pd.to_datetime(["2024-01-01"])})
    >>> lines = pd.DataFrame({"customer_id": ["A", "A"],
    ...     "order_date": pd.to_datetime(["2024-01-01", "2024-02-15"]),
    ...     "revenue": [100.0, 100.0], "cost_of_goods": [60.0, 60.0]})
    >>> events = pd.DataFrame({"customer_id": ["A"], "event_date": pd.to_datetime(["2024-02-15"]),
    ...     "cost": [30.0]})
    >>> invoices = pd.DataFrame({"invoice_id": ["I1"], "customer_id": ["A"],
    ...     "invoice_date": pd.to_datetime(["2024-01-01"]),
    ...     "due_date": pd.to_datetime(["2024-01-31"]), "amount": [100.0]})
    >>> payments = pd.DataFrame({"invoice_id": ["I1"], "amount": [100.0],
    ...     "payment_date": pd.to_datetime(["2024-01-20"])})
    >>> cumulative_profit(customers, lines, events, invoices, payments, months=2)
              x
    month
    1      40.0
    2      50.0
    """
    require_frame(customers, "customers", ["customer_id", "signup_date"])
    require_column_name(by)
    require_frame(customers, "customers", [by])
    _check_signups_and_orders(customers, order_lines)
    _check_costs(service_events, invoices, payments)
    _one_segment(customers, "customers")
    months = require_positive_int(months, "months")
    as_of = require_timestamp(as_of, "as_of")
    group_of, signup = _observed(customers, by, months, as_of)
    dated = _dated_value(order_lines, service_events, invoices, payments, as_of)
    dated = dated[dated["customer_id"].isin(group_of.index).to_numpy()]
    elapsed = (dated["date"] - dated["customer_id"].map(signup)).dt.days
    month = np.floor(elapsed.to_numpy(dtype="float64") / DAYS_PER_MONTH) + 1
    inside = (month >= 1) & (month <= months)
    value = dated["gross_profit"] - dated[_VALUE_COLUMNS[1:]].sum(axis=1)
    monthly = (
        pd.DataFrame(
            {
                "group": dated["customer_id"].map(group_of).to_numpy()[inside],
                "month": month[inside].astype("int64"),
                "profit": value.to_numpy()[inside],
            }
        )
        .groupby(["month", "group"])["profit"]
        .sum()
        .unstack("group")
    )
    all_groups = sorted(group_of.unique())
    table = monthly.reindex(index=pd.RangeIndex(1, months + 1, name="month"), columns=all_groups)
    size = group_of.value_counts().reindex(all_groups)
    table = (table.fillna(0.0).cumsum() / size.to_numpy()).round(2)
    table.columns = pd.Index(all_groups, name=None)
    return table
