"""Chapter 02: choosing customers - profitability, good-customer scores, value matrix, look-alikes.

The definitions below are the ones the lesson states, so a student can apply
them by hand and compare.

**Customer profitability** (客户盈利能力) of a customer over a period:

    profit = revenue - cost_of_goods - cost_to_serve

``revenue`` is already net of discounts: the discount a customer got
(``discount_given`` = list value - revenue) is shown for information and is
never subtracted again. ``cost_to_serve`` is the sum of the service events
(delivery, rush_order, return, sales_visit, support_call, repair, rebate),
the cost of capital of late payment (``late_payment_cost``) and bad debt
(``bad_debt``): see :func:`late_payment_costs`.

**Good-customer score**: five trait scores between 0 and 1 (percentile ranks,
1 = best), combined with weights into a score from 0 to 100. See
:data:`TRAITS`.

**Customer relative value matrix** (客户相对价值矩阵): current value against
growth potential, split into four quadrants, see :data:`QUADRANTS`.

**Look-alikes**: leads that share the attributes of the firm's loyal
accounts more often than leads in general do, see :func:`lookalike_scores`.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Iterable, Mapping

import numpy as np
import pandas as pd

from crmkit._validate import (
    require_dates,
    require_frame,
    require_ids,
    require_numeric,
    require_positive_int,
    require_rate,
    require_series,
    require_timestamp,
)
from crmkit.data import AS_OF

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

MEASURES = (
    "monthly_revenue",
    "margin",
    "discount_rate",
    "days_late",
    "service_cost_share",
    "recent_share",
)
"""The raw measures of :func:`trait_measures`."""
TRAITS: dict[str, tuple[tuple[str, bool], ...]] = {
    "purchase_power": (("monthly_revenue", True),),
    "profitability": (("margin", True), ("discount_rate", False)),
    "payment": (("days_late", False),),
    "cost_to_serve": (("service_cost_share", False),),
    "prospects": (("recent_share", True),),
}
"""Each trait of a good customer and its measures: (measure, True if higher is better)."""

QUADRANTS = ("lead", "promising", "mature", "star")
"""The four quadrants of the value matrix: I low/low ("lead", 铅质客户), II low current value
and high potential, III high current value and low potential, IV high/high."""
QUADRANT_STRATEGY = {
    "lead": "serve at the lowest cost: standard service, fewer visits, re-price or let go",
    "promising": "develop: invest to win a bigger share of their purchases",
    "mature": "maintain: keep them satisfied efficiently and protect the margin",
    "star": "invest and protect: key-account care, priority service, senior contacts",
}
LOOKALIKE_ATTRIBUTES = (
    "business_type",
    "employees",
    "est_monthly_volume",
    "region",
    "prospecting_method",
)
"""The lead attributes a look-alike profile compares."""

_DAYS_PER_MONTH = 365 / 12
_NUMERIC_ATTRIBUTES = ("employees", "est_monthly_volume")


# --------------------------------------------------------------------------- input checks


def _require_series(values: object, argument: str) -> pd.Series:
    """One number per customer, with no missing values, as float64."""
    values = require_series(
        values, argument, "one value per customer", numeric=True, allow_missing=False
    )
    return values.astype("float64")


def _check_event_types(events: pd.DataFrame) -> pd.Series:
    kinds = events["event_type"].astype("string")
    unknown = sorted(set(kinds.dropna()) - set(SERVICE_COMPONENTS))
    if unknown or kinds.isna().any():
        what = ", ".join(map(repr, unknown)) if unknown else "missing values"
        raise ValueError(
            f"service_events has event_type values this chapter does not know: {what}. "
            f"The known types are: {', '.join(SERVICE_COMPONENTS)}."
        )
    return kinds


# --------------------------------------------------------------------------- profitability


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
    require_frame(
        invoices, "invoices", ["invoice_id", "customer_id", "invoice_date", "due_date", "amount"]
    )
    require_frame(payments, "payments", ["invoice_id", "payment_date", "amount"])
    require_dates(invoices, "invoices", ["invoice_date", "due_date"])
    require_dates(payments, "payments", ["payment_date"])
    require_numeric(invoices, "invoices", ["amount"])
    require_numeric(payments, "payments", ["amount"])
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
    as_of = require_timestamp(as_of, "as_of")
    start = None if start is None else require_timestamp(start, "start")
    if start is not None and start > as_of:
        raise ValueError(f"start ({start.date()}) must not be after as_of ({as_of.date()}).")
    kinds = _check_event_types(service_events)
    if start is not None:  # invoices of the period only (their payments may come later)
        require_frame(invoices, "invoices", ["invoice_date"])
        require_dates(invoices, "invoices", ["invoice_date"])
        invoices = invoices[invoices["invoice_date"] >= start]
    late = late_payment_costs(invoices, payments, as_of, annual_rate, write_off_after_days)

    ids = pd.Index(customers["customer_id"].astype("string"), name="customer_id")
    if ids.has_duplicates:
        repeated = ", ".join(ids[ids.duplicated()].unique()[:3])
        raise ValueError(f"customers lists some customer_id more than once ({repeated}).")
    lines = order_lines[order_lines["order_date"] <= as_of]
    events = service_events[service_events["event_date"] <= as_of]
    if start is not None:
        lines = lines[lines["order_date"] >= start]
        events = events[events["event_date"] >= start]
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
    for column in SERVICE_COMPONENTS:
        table[column] = service[column].astype("float64").round(2)
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


# --------------------------------------------------------------------------- whale curve


def whale_curve(profit: pd.Series) -> pd.DataFrame:
    """The whale curve: customers ranked by profit, with cumulative profit as a share of the total.

    Returns one row per customer, most profitable first, with columns ``profit``,
    ``rank`` (1 = most profitable), ``customer_share`` (rank / customers),
    ``cumulative_profit`` and ``cumulative_share`` (cumulative profit / total profit;
    above 1 where the curve rises over 100%). Ties keep the order of ``profit``.

    >>> curve = whale_curve(pd.Series({"A": 60.0, "B": -20.0, "C": 60.0, "D": 0.0}))
    >>> curve[["rank", "cumulative_share"]]
                 rank  cumulative_share
    customer_id
    A               1               0.6
    C               2               1.2
    D               3               1.2
    B               4               1.0
    """
    profit = _require_series(profit, "profit")
    if profit.empty:
        raise ValueError("profit is empty: pass one profit per customer.")
    total = profit.sum()
    if total <= 0:
        raise ValueError(
            f"profit adds up to {total:,.2f}: the whale curve shows cumulative profit as a "
            "share of a positive total, so it needs customers who earn money in total."
        )
    ranked = profit.sort_values(ascending=False, kind="stable")
    curve = pd.DataFrame({"profit": ranked})
    curve.index = pd.Index(ranked.index, name="customer_id")
    curve["rank"] = np.arange(1, len(ranked) + 1)
    curve["customer_share"] = curve["rank"] / len(ranked)
    curve["cumulative_profit"] = ranked.cumsum().round(2)
    curve["cumulative_share"] = (ranked.cumsum() / total).round(4)
    return curve


def top_share(values: pd.Series, fraction: float = 0.2) -> float:
    """Share of the total of ``values`` earned by the top ``fraction`` of customers.

    The top group is the ``round(fraction x customers)`` customers with the largest
    values (at least one). A result above 1 means the others together lose money.

    >>> top_share(pd.Series({"A": 60.0, "B": -20.0, "C": 50.0, "D": 10.0, "E": 0.0}))
    0.6
    """
    values = _require_series(values, "values")
    fraction = require_rate(fraction, "fraction")
    if fraction == 0:
        raise ValueError("fraction must be more than 0, for example 0.2 for the top 20%.")
    if values.empty or values.sum() == 0:
        raise ValueError("values must have a total other than 0 to take a share of it.")
    count = max(1, round(fraction * len(values)))
    top = values.sort_values(ascending=False, kind="stable").iloc[:count].sum()
    return round(float(top / values.sum()), 4)


# --------------------------------------------------------------------------- good-customer score


def trait_measures(
    profitability: pd.DataFrame,
    order_lines: pd.DataFrame,
    invoices: pd.DataFrame,
    payments: pd.DataFrame,
    as_of: object = AS_OF,
) -> pd.DataFrame:
    """Six measures of a good customer, one row per customer of ``profitability`` with revenue.

    * ``monthly_revenue``: revenue / months since the first order (purchase power).
    * ``margin``: profit / revenue (profitability).
    * ``discount_rate``: discount_given / list value (price sensitivity).
    * ``days_late``: average days paid after the due date (:func:`late_payment_costs`;
      0 for customers without invoices, who pay when they order).
    * ``service_cost_share``: service events (cost_to_serve without late payment and
      bad debt) / revenue (cost to serve).
    * ``recent_share``: revenue of the last 365 days / revenue of the last 730 days
      (prospects: 0.5 = flat, above = growing, 0 = stopped buying).

    Pass the whole history (``profitability`` without ``start``).

    >>> prof = pd.DataFrame({"revenue": [900.0], "discount_given": [100.0], "profit": [90.0],
    ...     "cost_to_serve": [60.0], "late_payment_cost": [5.0], "bad_debt": [0.0]},
    ...     index=pd.Index(["A"], name="customer_id"))
    >>> lines = pd.DataFrame({"customer_id": ["A", "A"], "revenue": [300.0, 600.0],
    ...     "order_date": pd.to_datetime(["2024-12-31", "2025-06-30"])})
    >>> invoices = pd.DataFrame({"invoice_id": ["I1"], "customer_id": ["A"], "amount": [900.0],
    ...     "invoice_date": pd.to_datetime(["2025-06-30"]), "due_date": pd.to_datetime(["2025-07-30"])})
    >>> payments = pd.DataFrame({"invoice_id": ["I1"], "amount": [900.0],
    ...     "payment_date": pd.to_datetime(["2025-08-09"])})
    >>> trait_measures(prof, lines, invoices, payments).round(3).T
    customer_id              A
    monthly_revenue     75.000
    margin               0.100
    discount_rate        0.100
    days_late           10.000
    service_cost_share   0.061
    recent_share         0.667
    """
    require_numeric(
        profitability,
        "profitability",
        ["revenue", "discount_given", "profit", "cost_to_serve", "late_payment_cost", "bad_debt"],
    )
    require_frame(order_lines, "order_lines", ["customer_id", "order_date", "revenue"])
    require_dates(order_lines, "order_lines", ["order_date"])
    require_numeric(order_lines, "order_lines", ["revenue"])
    as_of = require_timestamp(as_of, "as_of")
    late = late_payment_costs(invoices, payments, as_of)

    table = profitability[profitability["revenue"] > 0]
    if table.empty:
        raise ValueError("profitability has no customer with revenue above 0 to measure.")
    ids = pd.Index(table.index.astype("string"), name="customer_id")
    lines = order_lines[order_lines["order_date"] <= as_of]
    owner = lines["customer_id"].astype("string").to_numpy()
    first = lines["order_date"].groupby(owner).min().reindex(ids)
    if first.isna().any():
        missing = ", ".join(ids[first.isna().to_numpy()][:3])
        raise ValueError(
            f"profitability has revenue for customers without orders in order_lines ({missing}). "
            "Pass the order lines the profitability table was made from."
        )
    months = ((as_of - first).dt.days / _DAYS_PER_MONTH).clip(lower=1.0)
    days_ago = (as_of - lines["order_date"]).dt.days

    def revenue_within(days: int) -> pd.Series:
        """Each customer's revenue from the last ``days`` days up to as_of."""
        amounts = lines["revenue"].where(days_ago < days, 0.0)
        return amounts.groupby(owner).sum().reindex(ids, fill_value=0.0)

    recent = revenue_within(365)
    two_years = revenue_within(730)

    revenue = table["revenue"].to_numpy()
    service = table["cost_to_serve"] - table["late_payment_cost"] - table["bad_debt"]
    measures = pd.DataFrame(
        {
            "monthly_revenue": revenue / months.to_numpy(),
            "margin": table["profit"].to_numpy() / revenue,
            "discount_rate": table["discount_given"].to_numpy()
            / (revenue + table["discount_given"].to_numpy()),
            "days_late": late["days_late"].reindex(ids, fill_value=0.0).to_numpy(),
            "service_cost_share": service.to_numpy() / revenue,
            "recent_share": (recent / two_years.where(two_years > 0)).fillna(0.0).to_numpy(),
        },
        index=ids,
    )
    return measures


def trait_scores(measures: pd.DataFrame) -> pd.DataFrame:
    """Turn the measures into five trait scores between 0 and 1 (1 = best), one per :data:`TRAITS`.

    Each measure becomes a percentile rank among the customers passed (the best gets
    1, ties share the average rank), reversed where lower is better; a trait with two
    measures averages them. A missing measure counts as 0.5 (average).

    >>> measures = pd.DataFrame({"monthly_revenue": [100.0, 300.0], "margin": [0.3, 0.1],
    ...     "discount_rate": [0.1, 0.1], "days_late": [0.0, 40.0],
    ...     "service_cost_share": [0.05, 0.02], "recent_share": [0.5, 0.6]}, index=["A", "B"])
    >>> trait_scores(measures)
       purchase_power  profitability  payment  cost_to_serve  prospects
    A             0.5          0.875      1.0            0.5        0.5
    B             1.0          0.625      0.5            1.0        1.0
    """
    require_numeric(measures, "measures", MEASURES)
    if measures.empty:
        raise ValueError("measures has no rows: pass the table from trait_measures().")
    scores = pd.DataFrame(index=measures.index)
    for trait, parts in TRAITS.items():
        ranks = [
            measures[column].rank(pct=True, ascending=higher_is_better).fillna(0.5)
            for column, higher_is_better in parts
        ]
        scores[trait] = sum(ranks) / len(ranks)
    return scores.round(4)


def _weights(weights: object, traits: pd.DataFrame) -> pd.Series:
    names = list(TRAITS)
    if weights is None:
        return pd.Series(1.0 / len(names), index=names)
    if isinstance(weights, pd.Series):
        weights = weights.to_dict()
    if not isinstance(weights, Mapping):
        raise TypeError(
            "weights must be a dict from trait to weight, such as "
            f"{{'purchase_power': 2, 'payment': 1}}, but got a {type(weights).__name__}."
        )
    unknown = [key for key in weights if key not in names]
    if unknown:
        raise ValueError(
            f"weights names unknown trait(s) {', '.join(map(repr, unknown))}. "
            f"The traits are: {', '.join(names)}."
        )
    values = pd.Series({name: weights.get(name, 0.0) for name in names}, dtype="object")
    for name, weight in values.items():
        if (
            isinstance(weight, bool)
            or not isinstance(weight, numbers.Real)
            or not math.isfinite(weight)
        ):
            raise TypeError(f"weights[{name!r}] must be a number, but got {weight!r}.")
        if weight < 0:
            raise ValueError(f"weights[{name!r}] must be 0 or more, but got {weight!r}.")
    values = values.astype("float64")
    if values.sum() <= 0:
        raise ValueError("weights are all 0: give at least one trait a weight above 0.")
    return values / values.sum()


def _require_traits(traits: object) -> pd.DataFrame:
    require_numeric(traits, "traits", TRAITS)
    if traits.empty:
        raise ValueError("traits has no rows: pass the table from trait_scores().")
    if traits[list(TRAITS)].isna().any().any():
        raise ValueError("traits has missing values: pass the table from trait_scores().")
    return traits


def good_customer_score(
    traits: pd.DataFrame, weights: Mapping[str, float] | None = None
) -> pd.Series:
    """The weighted good-customer score, from 0 to 100, one per customer (named ``score``).

    ``weights`` maps traits (:data:`TRAITS`) to weights of 0 or more; they are scaled
    to add up to 1, and traits left out weigh 0. ``None`` weighs every trait equally.

    >>> traits = pd.DataFrame({"purchase_power": [1.0, 0.5], "profitability": [0.5, 1.0],
    ...     "payment": [0.5, 1.0], "cost_to_serve": [0.5, 1.0], "prospects": [1.0, 0.5]},
    ...     index=["A", "B"])
    >>> good_customer_score(traits).tolist()
    [70.0, 80.0]
    >>> good_customer_score(traits, {"purchase_power": 3, "prospects": 1}).tolist()
    [100.0, 50.0]
    """
    traits = _require_traits(traits)
    weights = _weights(weights, traits)
    score = traits[list(TRAITS)].to_numpy() @ weights.to_numpy()
    return pd.Series(np.round(100 * score, 2), index=traits.index, name="score")


def top_customers(
    traits: pd.DataFrame, weights: Mapping[str, float] | None = None, n: int = 20
) -> pd.DataFrame:
    """The ``n`` best customers by :func:`good_customer_score`, best first, with their traits.

    Ties are broken by the order of ``traits``.

    >>> traits = pd.DataFrame({"purchase_power": [1.0, 0.5, 0.2], "profitability": [0.5, 1.0, 0.2],
    ...     "payment": [0.5, 1.0, 0.2], "cost_to_serve": [0.5, 1.0, 0.2],
    ...     "prospects": [1.0, 0.5, 0.2]}, index=["A", "B", "C"])
    >>> top_customers(traits, n=2).index.tolist()
    ['B', 'A']
    """
    n = require_positive_int(n, "n")
    score = good_customer_score(traits, weights)
    best = score.sort_values(ascending=False, kind="stable").iloc[:n]
    return pd.concat([best, traits.loc[best.index, list(TRAITS)]], axis=1)


def weight_sensitivity(
    traits: pd.DataFrame,
    weights: Mapping[str, float] | None = None,
    n: int = 20,
    factor: float = 2.0,
) -> pd.DataFrame:
    """How the top ``n`` changes when one trait's weight changes: doubled (``factor``) or dropped.

    One row per scenario ("<trait> x2", "without <trait>"), with ``kept_in_top`` (how many
    of the base top ``n`` are still in the top ``n``) and ``rank_correlation`` (Spearman
    correlation of all customers' scores with the base scores).

    >>> traits = pd.DataFrame({"purchase_power": [1.0, 0.5, 0.2], "profitability": [0.5, 1.0, 0.2],
    ...     "payment": [0.5, 1.0, 0.2], "cost_to_serve": [0.5, 1.0, 0.2],
    ...     "prospects": [1.0, 0.5, 0.2]}, index=["A", "B", "C"])
    >>> weight_sensitivity(traits, n=1).loc[["payment x2", "without payment"], "kept_in_top"].tolist()
    [1, 0]
    """
    n = require_positive_int(n, "n")
    traits = _require_traits(traits)
    base_weights = _weights(weights, traits)
    if (
        isinstance(factor, bool)
        or not isinstance(factor, numbers.Real)
        or not math.isfinite(factor)
    ):
        raise TypeError(f"factor must be a number such as 2, but got {factor!r}.")
    if factor <= 0 or factor == 1:
        raise ValueError(
            f"factor must be above 0 and not 1 (2 doubles a weight), but got {factor!r}."
        )
    base = good_customer_score(traits, base_weights.to_dict())
    base_top = set(base.sort_values(ascending=False, kind="stable").index[:n])
    rows = {}
    for trait in TRAITS:
        for label, change in ((f"{trait} x{factor:g}", factor), (f"without {trait}", 0.0)):
            changed = base_weights.copy()
            changed[trait] *= change
            if changed.sum() <= 0:
                continue
            score = good_customer_score(traits, changed.to_dict())
            top = set(score.sort_values(ascending=False, kind="stable").index[:n])
            rows[label] = {
                "kept_in_top": len(base_top & top),
                "rank_correlation": round(float(base.corr(score, method="spearman")), 3),
            }
    table = pd.DataFrame.from_dict(rows, orient="index")
    table.index.name = "scenario"
    return table.astype({"kept_in_top": "int64"})


def top_frequency(traits: pd.DataFrame, n: int = 20, draws: int = 500, seed: int = 0) -> pd.Series:
    """How often each customer is in the top ``n`` when the weights are drawn at random.

    Draws ``draws`` sets of weights uniformly (every mix of the five traits equally
    likely, seeded) and returns, for every customer, the share of draws that put it in
    the top ``n``, largest first (named ``in_top_share``). Ties in a draw go to the
    customer listed first.

    >>> traits = pd.DataFrame({"purchase_power": [1.0, 0.5, 0.2], "profitability": [0.9, 1.0, 0.2],
    ...     "payment": [0.9, 1.0, 0.2], "cost_to_serve": [0.9, 1.0, 0.2],
    ...     "prospects": [1.0, 0.5, 0.2]}, index=["A", "B", "C"])
    >>> top_frequency(traits, n=2, draws=100).tolist()
    [1.0, 1.0, 0.0]
    """
    n = require_positive_int(n, "n")
    draws = require_positive_int(draws, "draws")
    seed = require_positive_int(seed, "seed", minimum=0)
    traits = _require_traits(traits)
    weights = np.random.default_rng(seed).dirichlet(np.ones(len(TRAITS)), size=draws).T
    scores = traits[list(TRAITS)].to_numpy() @ weights  # customers x draws
    order = np.argsort(-scores, axis=0, kind="stable")[: min(n, len(traits))]
    counts = np.bincount(order.ravel(), minlength=len(traits))
    share = pd.Series(counts / draws, index=traits.index, name="in_top_share")
    return share.sort_values(ascending=False, kind="stable")


# --------------------------------------------------------------------------- value matrix


def wallet_headroom(
    leads: pd.DataFrame, order_lines: pd.DataFrame, as_of: object = AS_OF
) -> pd.DataFrame:
    """Share of wallet and headroom of every business account, from its won lead's estimate.

    The salesperson's ``est_monthly_volume`` estimates what the business buys in a
    month, from anyone: its wallet. Per account (index ``customer_id`` of the won leads):

    * ``wallet``: 12 x est_monthly_volume, CNY a year.
    * ``spend``: revenue of the last 365 days to ``as_of``, annualised for accounts whose
      first order is more recent (revenue / the share of the year they have been buying,
      counting at least a quarter of a year).
    * ``share_of_wallet``: spend / wallet.
    * ``headroom``: wallet - spend, at least 0: the growth potential, CNY a year.

    >>> leads = pd.DataFrame({"customer_id": ["B1", "B2", pd.NA], "est_monthly_volume": [1000.0, 500.0, 900.0]})
    >>> lines = pd.DataFrame({"customer_id": ["B1", "B2"], "revenue": [9000.0, 1500.0],
    ...     "order_date": pd.to_datetime(["2024-03-01", "2025-10-01"])})
    >>> lines = pd.concat([lines, lines.assign(order_date=pd.to_datetime(["2025-03-01", "2025-11-15"]))])
    >>> wallet_headroom(leads, lines)
                  wallet    spend  share_of_wallet  headroom
    customer_id
    B1           12000.0   9000.0             0.75    3000.0
    B2            6000.0  12000.0             2.00       0.0
    """
    require_frame(leads, "leads", ["customer_id", "est_monthly_volume"])
    require_numeric(leads, "leads", ["est_monthly_volume"])
    require_frame(order_lines, "order_lines", ["customer_id", "order_date", "revenue"])
    require_dates(order_lines, "order_lines", ["order_date"])
    require_numeric(order_lines, "order_lines", ["revenue"])
    as_of = require_timestamp(as_of, "as_of")
    won = leads[leads["customer_id"].notna()]
    if won.empty:
        raise ValueError("leads has no won leads (no customer_id filled in) to measure.")
    ids = pd.Index(won["customer_id"].astype("string"), name="customer_id")
    if ids.has_duplicates:
        raise ValueError("leads names the same customer_id on more than one lead.")
    volume = pd.Series(won["est_monthly_volume"].to_numpy(dtype="float64"), index=ids)
    lines = order_lines[order_lines["order_date"] <= as_of]
    owner = lines["customer_id"].astype("string").to_numpy()
    first = lines["order_date"].groupby(owner).min().reindex(ids)
    in_year = (as_of - lines["order_date"]).dt.days < 365
    revenue = lines["revenue"].where(in_year, 0.0).groupby(owner).sum().reindex(ids, fill_value=0.0)
    part_of_year = ((as_of - first).dt.days / 365).clip(lower=0.25, upper=1.0).fillna(1.0)
    spend = revenue / part_of_year
    wallet = 12 * volume
    return pd.DataFrame(
        {
            "wallet": wallet.round(2),
            "spend": spend.round(2),
            "share_of_wallet": (spend / wallet.where(wallet > 0)).round(4),
            "headroom": (wallet - spend).clip(lower=0).round(2),
        },
        index=ids,
    )


def value_matrix(
    current_value: pd.Series,
    potential: pd.Series,
    current_split: float | None = None,
    potential_split: float | None = None,
) -> pd.DataFrame:
    """Place customers in the four quadrants of the customer relative value matrix.

    High means strictly above the split; the splits default to the medians. Quadrants
    (:data:`QUADRANTS`): ``lead`` (low current value, low potential), ``promising``
    (low, high), ``mature`` (high, low), ``star`` (high, high). Returns a DataFrame
    with ``current_value``, ``potential`` and ``quadrant`` (categorical), one row per
    customer of ``current_value`` (both Series need the same customers).

    >>> current = pd.Series({"A": 10.0, "B": 50.0, "C": -5.0, "D": 80.0})
    >>> potential = pd.Series({"A": 900.0, "B": 0.0, "C": 0.0, "D": 400.0})
    >>> value_matrix(current, potential)["quadrant"].tolist()
    ['promising', 'mature', 'lead', 'star']
    """
    current_value = _require_series(current_value, "current_value")
    potential = _require_series(potential, "potential")
    if current_value.empty:
        raise ValueError("current_value is empty: pass one value per customer.")
    if current_value.index.has_duplicates or potential.index.has_duplicates:
        raise ValueError("current_value and potential must list each customer once.")
    if set(current_value.index) != set(potential.index):
        only = sorted(map(str, set(current_value.index) ^ set(potential.index)))
        raise ValueError(
            "current_value and potential must cover the same customers; "
            f"{len(only)} are in only one of them (for example {', '.join(only[:3])}). "
            "Reindex one to the other's index."
        )
    potential = potential.reindex(current_value.index)
    splits = []
    for name, split, values in (
        ("current_split", current_split, current_value),
        ("potential_split", potential_split, potential),
    ):
        if split is None:
            split = float(values.median())
        elif (
            isinstance(split, bool)
            or not isinstance(split, numbers.Real)
            or not math.isfinite(split)
        ):
            raise TypeError(f"{name} must be a number (or None for the median), but got {split!r}.")
        splits.append(float(split))
    high_now = (current_value > splits[0]).to_numpy()
    high_later = (potential > splits[1]).to_numpy()
    label = np.select(
        [~high_now & ~high_later, ~high_now & high_later, high_now & ~high_later],
        ["lead", "promising", "mature"],
        default="star",
    )
    return pd.DataFrame(
        {
            "current_value": current_value,
            "potential": potential,
            "quadrant": pd.Categorical(label, categories=list(QUADRANTS)),
        },
        index=current_value.index,
    )


# --------------------------------------------------------------------------- look-alikes


def loyal_accounts(
    order_lines: pd.DataFrame,
    as_of: object = AS_OF,
    min_tenure_days: int = 730,
    active_days: int = 180,
) -> pd.Series:
    """Which customers are loyal on ``as_of``: buying for long, and still buying.

    Loyal = first order at least ``min_tenure_days`` before ``as_of`` and last order
    within ``active_days`` of it. Returns a bool Series named ``loyal``, one per
    customer with an order on or before ``as_of``.

    >>> lines = pd.DataFrame({"customer_id": ["A", "A", "B", "C"],
    ...     "order_date": pd.to_datetime(["2022-05-01", "2025-11-02", "2023-01-05", "2025-06-01"])})
    >>> loyal_accounts(lines).to_dict()
    {'A': True, 'B': False, 'C': False}
    """
    require_frame(order_lines, "order_lines", ["customer_id", "order_date"])
    require_dates(order_lines, "order_lines", ["order_date"])
    as_of = require_timestamp(as_of, "as_of")
    min_tenure_days = require_positive_int(min_tenure_days, "min_tenure_days")
    active_days = require_positive_int(active_days, "active_days")
    lines = order_lines[order_lines["order_date"] <= as_of]
    dates = lines["order_date"].groupby(lines["customer_id"].astype("string").to_numpy())
    tenure = (as_of - dates.min()).dt.days
    silence = (as_of - dates.max()).dt.days
    loyal = (tenure >= min_tenure_days) & (silence <= active_days)
    loyal.index.name = "customer_id"
    return loyal.rename("loyal")


def _require_lookalike_input(
    leads: object, loyal_ids: object, attributes: object, bins: object
) -> tuple[pd.DataFrame, pd.Index, list[str], int]:
    if isinstance(attributes, str) or not isinstance(attributes, list | tuple) or not attributes:
        raise TypeError(
            "attributes must be a non-empty list of lead columns, such as ['business_type', 'region']."
        )
    attributes = list(attributes)
    require_frame(leads, "leads", ["lead_id", "customer_id", *attributes])
    ids = require_ids(loyal_ids, "loyal_ids")
    bins = require_positive_int(bins, "bins", minimum=2)
    for column in attributes:
        if column in _NUMERIC_ATTRIBUTES:
            require_numeric(leads, "leads", [column])
    if leads["lead_id"].isna().any() or leads["lead_id"].duplicated().any():
        raise ValueError("leads must have a unique lead_id on every row.")
    profile_rows = leads["customer_id"].astype("string").isin(ids).fillna(False)
    if not profile_rows.any():
        raise ValueError(
            "None of loyal_ids is the customer_id of a lead in leads: the profile needs the "
            "leads the loyal accounts came from (business accounts, ids like 'B001')."
        )
    return leads, ids, attributes, bins


def _bucketed(leads: pd.DataFrame, attributes: list[str], bins: int) -> pd.DataFrame:
    """Each attribute as text labels: numbers cut into ``bins`` quantile groups of all leads."""
    out = {}
    for column in attributes:
        values = leads[column]
        if pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values):
            if values.isna().any():
                raise ValueError(f"Column {column!r} of leads has missing values.")
            edges = np.unique(
                np.quantile(values.to_numpy(dtype="float64"), np.linspace(0, 1, bins + 1))
            )
            inner = edges[1:-1]
            group = np.searchsorted(inner, values.to_numpy(dtype="float64"), side="left")
            labels = [f"Q{k + 1} <= {edge:,.0f}" for k, edge in enumerate(inner)] + [
                f"Q{len(inner) + 1} > {inner[-1]:,.0f}" if len(inner) else "all"
            ]
            out[column] = pd.Series(np.array(labels, dtype=object)[group], index=leads.index)
        else:
            out[column] = values.astype("string").fillna("(missing)").astype(object)
    return pd.DataFrame(out, index=leads.index)


def lookalike_profile(
    leads: pd.DataFrame,
    loyal_ids: Iterable[str],
    attributes: Iterable[str] = LOOKALIKE_ATTRIBUTES,
    bins: int = 4,
) -> pd.DataFrame:
    """Profile of the loyal accounts' leads against all leads, attribute value by value.

    Numeric attributes are cut into ``bins`` quantile groups of all leads ("Q1 <= 3,270").
    One row per (attribute, value) with ``loyal`` (loyal accounts with it), ``loyal_share``
    (their share, smoothed: (loyal + 1) / (loyal accounts + values), so no value gets 0),
    ``lead_share`` (share of all leads) and ``index`` = loyal_share / lead_share: above 1,
    the value is more common among loyal accounts than among leads in general.

    >>> leads = pd.DataFrame({"lead_id": ["L1", "L2", "L3", "L4"],
    ...     "customer_id": ["B1", "B2", pd.NA, pd.NA], "region": ["East", "East", "East", "West"]})
    >>> lookalike_profile(leads, ["B1", "B2"], attributes=["region"])
                      loyal  loyal_share  lead_share  index
    attribute value
    region    East        2         0.75        0.75    1.0
              West        0         0.25        0.25    1.0
    """
    leads, ids, attributes, bins = _require_lookalike_input(leads, loyal_ids, attributes, bins)
    table = _bucketed(leads, attributes, bins)
    loyal = leads["customer_id"].astype("string").isin(ids).fillna(False).to_numpy()
    parts = []
    for column in attributes:
        lead_share = table[column].value_counts(normalize=True).sort_index()
        counts = table.loc[loyal, column].value_counts().reindex(lead_share.index, fill_value=0)
        loyal_share = (counts + 1) / (loyal.sum() + len(lead_share))
        part = pd.DataFrame(
            {
                "loyal": counts.astype("int64").to_numpy(),
                "loyal_share": loyal_share.to_numpy(),
                "lead_share": lead_share.to_numpy(),
            },
            index=pd.MultiIndex.from_product(
                [[column], lead_share.index], names=["attribute", "value"]
            ),
        )
        parts.append(part)
    profile = pd.concat(parts)
    profile["index"] = profile["loyal_share"] / profile["lead_share"]
    return profile.round(4)


def lookalike_scores(
    leads: pd.DataFrame,
    loyal_ids: Iterable[str],
    attributes: Iterable[str] = LOOKALIKE_ATTRIBUTES,
    bins: int = 4,
) -> pd.Series:
    """How much each lead looks like the loyal accounts: the geometric mean of its indexes.

    For every lead, take the ``index`` of each of its attribute values from
    :func:`lookalike_profile` and average them geometrically. 1 = as similar as a
    typical lead; 2 = its values are on average twice as common among loyal accounts.
    Returns a Series named ``similarity`` indexed by ``lead_id``.

    >>> leads = pd.DataFrame({"lead_id": ["L1", "L2", "L3", "L4"],
    ...     "customer_id": ["B1", "B2", pd.NA, pd.NA], "region": ["East", "East", "West", "West"],
    ...     "business_type": ["cafe", "cafe", "cafe", "hotel"]})
    >>> lookalike_scores(leads, ["B1", "B2"], attributes=["region", "business_type"]).tolist()
    [1.2247, 1.2247, 0.7071, 0.7071]
    """
    profile = lookalike_profile(leads, loyal_ids, attributes, bins)
    attributes = list(attributes)
    table = _bucketed(leads, attributes, bins)
    log_index = np.log(profile["index"])
    total = np.zeros(len(leads))
    for column in attributes:
        total += table[column].map(log_index.loc[column]).to_numpy(dtype="float64")
    similarity = np.exp(total / len(attributes))
    return pd.Series(
        similarity.round(4),
        index=pd.Index(leads["lead_id"].astype("string"), name="lead_id"),
        name="similarity",
    )


def lead_outcomes(
    leads: pd.DataFrame, profit: pd.Series, as_of: object = AS_OF, top_fraction: float = 0.25
) -> pd.DataFrame:
    """What became of each lead: converted, and whether it became a high-value account.

    ``monthly_profit`` = the account's profit (from ``profit``, indexed by customer_id)
    per month since its won_date; ``high_value`` = converted and among the top
    ``top_fraction`` of the converted leads by monthly profit. One row per lead
    (index ``lead_id``).

    >>> leads = pd.DataFrame({"lead_id": ["L1", "L2", "L3"], "status": ["won", "won", "lost"],
    ...     "customer_id": ["B1", "B2", pd.NA],
    ...     "won_date": pd.to_datetime(["2024-12-31", "2023-12-31", None])})
    >>> lead_outcomes(leads, pd.Series({"B1": 1200.0, "B2": -50.0}), top_fraction=0.5)
             converted  monthly_profit  high_value
    lead_id
    L1            True          100.00        True
    L2            True           -2.08       False
    L3           False             NaN       False
    """
    require_frame(leads, "leads", ["lead_id", "status", "customer_id", "won_date"])
    require_dates(leads, "leads", ["won_date"])
    profit = _require_series(profit, "profit")
    as_of = require_timestamp(as_of, "as_of")
    top_fraction = require_rate(top_fraction, "top_fraction")
    if top_fraction == 0:
        raise ValueError("top_fraction must be more than 0, for example 0.25 for the top quarter.")
    status = leads["status"].astype("string")
    known = {"won", "lost", "open"}
    unknown = sorted(set(status.dropna()) - known)
    if unknown:
        raise ValueError(
            f"leads has status values {', '.join(map(repr, unknown))}; expected won, lost or open."
        )
    converted = status.eq("won").fillna(False).to_numpy()
    account = leads["customer_id"].astype("string")
    months = ((as_of - leads["won_date"]).dt.days / _DAYS_PER_MONTH).clip(lower=1.0)
    profit.index = profit.index.astype("string")
    earned = account.map(profit).to_numpy(dtype="float64", na_value=np.nan)
    monthly = pd.Series(np.where(converted, earned / months.to_numpy(dtype="float64"), np.nan))
    if converted.any() and monthly[converted].isna().any():
        raise ValueError(
            "profit has no value for some won leads' customer_id: pass every account's profit."
        )
    threshold = monthly[converted].quantile(1 - top_fraction) if converted.any() else np.inf
    return pd.DataFrame(
        {
            "converted": converted,
            "monthly_profit": monthly.round(2).to_numpy(),
            "high_value": (converted & (monthly >= threshold).to_numpy()),
        },
        index=pd.Index(leads["lead_id"].astype("string"), name="lead_id"),
    )


def lift_table(scores: pd.Series, outcome: pd.Series, bands: int = 5) -> pd.DataFrame:
    """Outcome rate by score band: does a higher score mean more conversions?

    Sorts the leads by score (highest first; ties by the order of ``scores``), cuts them
    into ``bands`` groups of (nearly) equal size, and gives per band (1 = highest scores)
    ``leads``, ``hits`` (outcome True), ``rate`` and ``lift`` = rate / overall rate.

    >>> scores = pd.Series([0.9, 0.8, 0.3, 0.2], index=["L1", "L2", "L3", "L4"])
    >>> outcome = pd.Series([True, False, False, False], index=["L1", "L2", "L3", "L4"])
    >>> lift_table(scores, outcome, bands=2)
          leads  hits  rate  lift
    band
    1         2     1   0.5   2.0
    2         2     0   0.0   0.0
    """
    scores = _require_series(scores, "scores")
    bands = require_positive_int(bands, "bands")
    if not isinstance(outcome, pd.Series):
        raise TypeError(
            f"outcome must be a pandas Series of True/False, but got a {type(outcome).__name__}."
        )
    if not pd.api.types.is_bool_dtype(outcome) or outcome.isna().any():
        raise TypeError(f"outcome must hold True/False only, but its type is {outcome.dtype}.")
    if set(scores.index) != set(outcome.index) or scores.index.has_duplicates:
        raise ValueError(
            "scores and outcome must cover the same leads, each once (the same index)."
        )
    if bands > len(scores):
        raise ValueError(
            f"bands ({bands}) cannot be more than the number of leads ({len(scores)})."
        )
    hit = outcome.reindex(scores.index).astype(bool)
    order = np.argsort(-scores.to_numpy(), kind="stable")
    band = np.empty(len(scores), dtype="int64")
    band[order] = np.arange(len(scores)) * bands // len(scores) + 1
    grouped = hit.groupby(band)
    table = pd.DataFrame({"leads": grouped.size(), "hits": grouped.sum().astype("int64")})
    table.index.name = "band"
    table["rate"] = (table["hits"] / table["leads"]).round(4)
    overall = hit.mean()
    table["lift"] = (table["hits"] / table["leads"] / overall).round(2) if overall > 0 else np.nan
    return table
