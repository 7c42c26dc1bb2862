"""Customer profitability: revenue, the cost of goods, the cost to serve and late payment.

``profit = revenue - cost_of_goods - cost_to_serve``, where the cost to serve is the
service events (:data:`SERVICE_COMPONENTS`), the cost of capital of late payment and bad
debt (:data:`PAYMENT_COMPONENTS`, see :func:`late_payment_costs`).
"""

from __future__ import annotations

import pandas as pd

from crmkit._validate import (
    require_dates,
    require_frame,
    require_invoices_and_payments,
    require_labels,
    require_numeric,
    require_positive_int,
    require_rate,
    require_timestamp,
)
from crmkit.vocabulary import AS_OF

COST_OF_CAPITAL = 0.08
"""Annual cost of the money a late payer keeps: 8% a year (the course's choice)."""
WRITE_OFF_AFTER_DAYS = 180
"""An invoice still unpaid this many days after its due date is written off as bad debt."""
SERVICE_COMPONENTS = (
    "delivery",
    "rush_order",
    "return",
    "sales_visit",
    "support_call",
    "repair",
    "rebate",
)
"""The event types of ``service_events``, in the order the profitability table shows them."""
PAYMENT_COMPONENTS = ("late_payment_cost", "bad_debt")
COST_COMPONENTS = ("cost_of_goods", *SERVICE_COMPONENTS, *PAYMENT_COMPONENTS)
PROFIT_COLUMNS = (
    "revenue",
    "discount_given",
    "cost_of_goods",
    "gross_profit",
    *SERVICE_COMPONENTS,
    *PAYMENT_COMPONENTS,
    "cost_to_serve",
    "profit",
)
"""The columns of :func:`customer_profitability`, in order."""


# --------------------------------------------------------------------------- input checks


def _service_event_kinds(events: pd.DataFrame) -> pd.Series:
    """Each service event's type as text; a clear error for a type this chapter does not know."""
    kinds = events["event_type"].astype("string")
    require_labels(kinds, "service_events", "event_type", SERVICE_COMPONENTS)
    return kinds


def _check_sales_and_service(order_lines: object, service_events: object) -> None:
    """The order lines and service events tables, with their dates and amounts."""
    require_frame(
        order_lines,
        "order_lines",
        ["customer_id", "order_date", "quantity", "unit_price", "revenue", "cost_of_goods"],
    )
    require_frame(
        service_events, "service_events", ["customer_id", "event_date", "event_type", "cost"]
    )
    require_dates(order_lines, "order_lines", ["order_date"])
    require_dates(service_events, "service_events", ["event_date"])
    require_numeric(
        order_lines, "order_lines", ["quantity", "unit_price", "revenue", "cost_of_goods"]
    )
    require_numeric(service_events, "service_events", ["cost"])


def _period(start: object, as_of: object) -> tuple[pd.Timestamp | None, pd.Timestamp]:
    """``start`` (None: from the beginning) and ``as_of`` as dates, start not after as_of."""
    as_of = require_timestamp(as_of, "as_of")
    start = None if start is None else require_timestamp(start, "start")
    if start is not None and start > as_of:
        raise ValueError(f"start ({start.date()}) must not be after as_of ({as_of.date()}).")
    return start, as_of


def _customer_index(customers: pd.DataFrame) -> pd.Index:
    """The customer ids of ``customers`` as text, each listed once."""
    ids = pd.Index(customers["customer_id"].astype("string"), name="customer_id")
    if ids.has_duplicates:
        repeated = ", ".join(ids[ids.duplicated()].unique()[:3])
        raise ValueError(f"customers lists some customer_id more than once ({repeated}).")
    return ids


# --------------------------------------------------------------------------- late payment


def late_payment_costs(
    invoices: pd.DataFrame,
    payments: pd.DataFrame,
    as_of: object = AS_OF,
    annual_rate: float = COST_OF_CAPITAL,
    write_off_after_days: int = WRITE_OFF_AFTER_DAYS,
) -> pd.DataFrame:
    """What each customer's late payment costs, on ``as_of``, one row per customer in invoices.

    Only invoices issued and payments received on or before ``as_of`` count.

    * ``days_late``: average days after the due date, weighted by amount. Money paid on
      time counts as 0 days; money still unpaid counts the days it is overdue so far.
    * ``paid_late_cost``: the cost of capital of payments that came late:
      amount x ``annual_rate`` x days late / 365.
    * ``overdue_cost``: the same for balances still open and overdue, up to ``as_of``.
    * ``late_payment_cost``: ``paid_late_cost`` + ``overdue_cost``.
    * ``bad_debt``: balances still unpaid more than ``write_off_after_days`` after their
      due date, written off in full (these carry no cost of capital: the money is gone).

    >>> invoices = pd.DataFrame({"invoice_id": ["I1", "I2", "I3"], "customer_id": ["A", "A", "B"],
    ...     "invoice_date": pd.to_datetime(["2025-01-01", "2025-02-01", "2025-03-01"]),
    ...     "due_date": pd.to_datetime(["2025-01-31", "2025-03-03", "2025-03-31"]),
    ...     "amount": [3650.0, 1000.0, 500.0]})
    >>> payments = pd.DataFrame({"invoice_id": ["I1", "I3"], "amount": [3650.0, 500.0],
    ...     "payment_date": pd.to_datetime(["2025-03-02", "2025-03-20"])})
    >>> late_payment_costs(invoices, payments)[["days_late", "late_payment_cost", "bad_debt"]]
                 days_late  late_payment_cost  bad_debt
    customer_id
    A                 88.7               24.0    1000.0
    B                  0.0                0.0       0.0
    """
    require_invoices_and_payments(invoices, payments)
    as_of = require_timestamp(as_of, "as_of")
    annual_rate = require_rate(annual_rate, "annual_rate")
    write_off_after_days = require_positive_int(write_off_after_days, "write_off_after_days")

    issued = invoices[invoices["invoice_date"] <= as_of]
    ids = pd.Index(issued["customer_id"].astype("string").unique(), name="customer_id")
    received = payments[payments["payment_date"] <= as_of]
    paid = received.merge(
        issued[["invoice_id", "customer_id", "due_date"]], on="invoice_id", how="inner"
    )
    days_late = (paid["payment_date"] - paid["due_date"]).dt.days.clip(lower=0)
    paid_cost = (paid["amount"] * annual_rate * days_late / 365).groupby(paid["customer_id"]).sum()
    paid_days = (paid["amount"] * days_late).groupby(paid["customer_id"]).sum()
    paid_amount = paid["amount"].groupby(paid["customer_id"]).sum()

    paid_so_far = issued["invoice_id"].map(paid.groupby("invoice_id")["amount"].sum()).fillna(0.0)
    open_balance = (issued["amount"] - paid_so_far).round(2).clip(lower=0)
    overdue_days = (as_of - issued["due_date"]).dt.days.clip(lower=0)
    written_off = overdue_days > write_off_after_days
    owner = issued["customer_id"]
    overdue_cost = (
        (open_balance * annual_rate * overdue_days / 365)
        .where(~written_off, 0.0)
        .groupby(owner)
        .sum()
    )
    bad_debt = open_balance.where(written_off, 0.0).groupby(owner).sum()
    open_days = (open_balance * overdue_days).groupby(owner).sum()
    open_amount = open_balance.groupby(owner).sum()

    def per_customer(values: pd.Series) -> pd.Series:
        values.index = values.index.astype("string")
        return values.reindex(ids, fill_value=0.0).astype("float64")

    weight = per_customer(paid_amount) + per_customer(open_amount)
    mean_days = (per_customer(paid_days) + per_customer(open_days)) / weight.where(weight > 0)
    result = pd.DataFrame(
        {
            "days_late": mean_days.fillna(0.0).round(1),
            "paid_late_cost": per_customer(paid_cost).round(2),
            "overdue_cost": per_customer(overdue_cost).round(2),
        },
        index=ids,
    )
    result["late_payment_cost"] = (result["paid_late_cost"] + result["overdue_cost"]).round(2)
    result["bad_debt"] = per_customer(bad_debt).round(2)
    return result


# --------------------------------------------------------------------------- profitability


def _sales(lines: pd.DataFrame, ids: pd.Index) -> pd.DataFrame:
    """Revenue, discount given, cost of goods and gross profit of each customer in ``ids``."""
    owner = lines["customer_id"].astype("string")
    list_value = lines["quantity"] * lines["unit_price"]
    sums = (
        pd.DataFrame(
            {
                "revenue": lines["revenue"],
                "list_value": list_value,
                "cost_of_goods": lines["cost_of_goods"],
            }
        )
        .groupby(owner.to_numpy())
        .sum()
    )
    sums = sums.reindex(ids, fill_value=0.0)
    table = pd.DataFrame(index=ids)
    table["revenue"] = sums["revenue"].round(2)
    table["discount_given"] = (sums["list_value"] - sums["revenue"]).round(2)
    table["cost_of_goods"] = sums["cost_of_goods"].round(2)
    table["gross_profit"] = (table["revenue"] - table["cost_of_goods"]).round(2)
    return table


def _service_costs(events: pd.DataFrame, kinds: pd.Series, ids: pd.Index) -> pd.DataFrame:
    """The cost of each kind of service event (:data:`SERVICE_COMPONENTS`) per customer."""
    service = (
        events["cost"]
        .groupby(
            [events["customer_id"].astype("string").to_numpy(), kinds.loc[events.index].to_numpy()]
        )
        .sum()
        .unstack()
        .reindex(index=ids, columns=list(SERVICE_COMPONENTS))
        .fillna(0.0)
    )
    return service.astype("float64").round(2)


def customer_profitability(
    customers: pd.DataFrame,
    order_lines: pd.DataFrame,
    service_events: pd.DataFrame,
    invoices: pd.DataFrame,
    payments: pd.DataFrame,
    as_of: object = AS_OF,
    start: object = None,
    annual_rate: float = COST_OF_CAPITAL,
    write_off_after_days: int = WRITE_OFF_AFTER_DAYS,
) -> pd.DataFrame:
    """Profit of every customer, with each cost component in its own column (CNY).

    One row per customer of ``customers`` (index ``customer_id``; records of other
    customers are ignored, so pass a subset to study a segment). Counts orders, service
    events and invoices dated from ``start`` (default: the beginning) to ``as_of``.
    Columns, in the order of :data:`PROFIT_COLUMNS`:

    * ``revenue``: net revenue, after discounts.
    * ``discount_given``: list value - revenue, for information only: it is already
      missing from revenue and is not subtracted again.
    * ``cost_of_goods``, and ``gross_profit`` = revenue - cost_of_goods.
    * one column per service event type (:data:`SERVICE_COMPONENTS`), including the
      year-end ``rebate``.
    * ``late_payment_cost`` and ``bad_debt`` from :func:`late_payment_costs`.
    * ``cost_to_serve``: the service columns + late_payment_cost + bad_debt.
    * ``profit`` = gross_profit - cost_to_serve.

    >>> from crmkit import data
    >>> table = customer_profitability(data.load_customers(), data.load_order_lines(),
    ...     data.load_service_events(), data.load_invoices(), data.load_payments())
    >>> table.columns.tolist()[:4]
    ['revenue', 'discount_given', 'cost_of_goods', 'gross_profit']
    >>> row = table.loc["B020"]
    >>> bool(abs(row["revenue"] - row["cost_of_goods"] - row["cost_to_serve"] - row["profit"]) < 0.05)
    True
    """
    require_frame(customers, "customers", ["customer_id"])
    _check_sales_and_service(order_lines, service_events)
    start, as_of = _period(start, as_of)
    kinds = _service_event_kinds(service_events)
    if start is not None:  # invoices of the period only (their payments may come later)
        require_frame(invoices, "invoices", ["invoice_date"])
        require_dates(invoices, "invoices", ["invoice_date"])
        invoices = invoices[invoices["invoice_date"] >= start]
    late = late_payment_costs(invoices, payments, as_of, annual_rate, write_off_after_days)

    ids = _customer_index(customers)
    lines = order_lines[order_lines["order_date"] <= as_of]
    events = service_events[service_events["event_date"] <= as_of]
    if start is not None:
        lines = lines[lines["order_date"] >= start]
        events = events[events["event_date"] >= start]
    table = _sales(lines, ids)
    service = _service_costs(events, kinds, ids)
    for column in SERVICE_COMPONENTS:
        table[column] = service[column]
    for column in PAYMENT_COMPONENTS:
        table[column] = late[column].reindex(ids, fill_value=0.0).astype("float64")
    table["cost_to_serve"] = table[[*SERVICE_COMPONENTS, *PAYMENT_COMPONENTS]].sum(axis=1).round(2)
    table["profit"] = (table["gross_profit"] - table["cost_to_serve"]).round(2)
    return table


def cost_shares(profitability: pd.DataFrame) -> pd.DataFrame:
    """Each cost as a share of revenue (0.25 = 25%), plus the discount rate and the margin.

    Columns: ``discount_rate`` (discount_given / list value), one column per cost in
    :data:`COST_COMPONENTS`, ``cost_to_serve`` and ``margin`` (profit / revenue). Rows
    without revenue get NaN. A customer whose cost shares add up to more than 1 loses money.

    >>> table = pd.DataFrame({"revenue": [1000.0], "discount_given": [250.0],
    ...     "cost_of_goods": [600.0], "delivery": [50.0], "rebate": [100.0], "cost_to_serve": [150.0],
    ...     "profit": [250.0]}, index=pd.Index(["A"], name="customer_id"))
    >>> cost_shares(table).loc["A", ["discount_rate", "cost_of_goods", "rebate", "margin"]].tolist()
    [0.2, 0.6, 0.1, 0.25]
    """
    require_frame(
        profitability, "profitability", ["revenue", "discount_given", "cost_to_serve", "profit"]
    )
    present = [column for column in COST_COMPONENTS if column in profitability.columns]
    require_numeric(
        profitability,
        "profitability",
        ["revenue", "discount_given", "cost_to_serve", "profit", *present],
    )
    revenue = profitability["revenue"].where(profitability["revenue"] > 0)
    shares = pd.DataFrame(index=profitability.index)
    list_value = revenue + profitability["discount_given"]
    shares["discount_rate"] = profitability["discount_given"] / list_value
    for column in present:
        shares[column] = profitability[column] / revenue
    shares["cost_to_serve"] = profitability["cost_to_serve"] / revenue
    shares["margin"] = profitability["profit"] / revenue
    return shares.round(4)


def profit_without(
    profitability: pd.DataFrame, components: tuple[str, ...] | list[str] = PAYMENT_COMPONENTS
) -> pd.Series:
    """Each customer's profit with some cost components left out (added back), named ``profit``.

    How much profit a customer "earns" depends on which costs are assigned to it. The
    default leaves out late payment and bad debt (:data:`PAYMENT_COMPONENTS`): the
    profit a firm sees when it does not charge customers for how they pay.

    >>> table = pd.DataFrame({"profit": [100.0, -20.0], "late_payment_cost": [5.0, 10.0],
    ...     "bad_debt": [0.0, 50.0]}, index=pd.Index(["A", "B"], name="customer_id"))
    >>> profit_without(table).tolist()
    [105.0, 40.0]
    """
    if isinstance(components, str) or not isinstance(components, tuple | list):
        raise TypeError(
            "components must be a list of cost columns, such as ['late_payment_cost', "
            f"'bad_debt'], but got {components!r}."
        )
    unknown = [name for name in components if name not in COST_COMPONENTS]
    if unknown:
        raise ValueError(
            f"components names {', '.join(map(repr, unknown))}, which is not a cost component. "
            f"The cost components are: {', '.join(COST_COMPONENTS)}."
        )
    require_numeric(profitability, "profitability", ["profit", *components])
    added = profitability[list(components)].sum(axis=1)
    return (profitability["profit"] + added).round(2).rename("profit")
