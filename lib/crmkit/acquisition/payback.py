"""What a new customer brings back: first-year value, value to cost, and the payback period.

* **First-year value** = revenue and gross profit (revenue - cost of goods) in the
  ``days`` days from sign-up (days 0 to ``days - 1``). Only customers who signed up at
  least ``days`` days before ``as_of`` have a full first year; the others get missing values.
* **Value-to-cost ratio** = mean first-year gross profit per customer / CAC.
* **Payback period** = the first month (month m = days since sign-up in
  [(m-1)·365/12, m·365/12)) by the end of which the mean cumulative gross profit per
  customer covers the CAC.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from crmkit._validate import (
    require_bool,
    require_column_name,
    require_dates,
    require_frame,
    require_numeric,
    require_positive_int,
    require_timestamp,
)
from crmkit.acquisition._shared import _groups
from crmkit.vocabulary import AS_OF

DAYS_PER_MONTH = 365 / 12


# --------------------------------------------------------------------------- input checks


def _one_segment(frame: pd.DataFrame, argument: str) -> None:
    """Refuse a table that mixes segments (a channel name can mean two different things)."""
    if "segment" in frame.columns:
        segments = sorted(frame["segment"].dropna().astype("string").unique())
        if len(segments) > 1:
            raise ValueError(
                f"{argument} mixes the segments {', '.join(segments)}. Keep one segment first: "
                "'referral' is both a consumer channel and a business prospecting method, so "
                "mixing them would merge two different things."
            )


def _cac_series(cac: object) -> pd.Series:
    """The CAC per group as float64, labelled by text (from a Series or a table's ``cac``)."""
    if isinstance(cac, pd.DataFrame):
        require_frame(cac, "cac", ["cac"])
        cac = cac["cac"]
    if not isinstance(cac, pd.Series):
        raise TypeError(
            "cac must be a pandas Series of acquisition cost per group (or a table with a "
            f"'cac' column, such as method_cac(leads)), but got a {type(cac).__name__}."
        )
    if not pd.api.types.is_numeric_dtype(cac) or pd.api.types.is_bool_dtype(cac):
        raise TypeError(f"cac must hold numbers (CNY), but its type is {cac.dtype}.")
    out = cac.astype("float64")
    out.index = out.index.astype("str")
    return out


def _check_signups_and_orders(customers: object, order_lines: object) -> None:
    """Sign-up dates of the customers; dates, revenue and cost of goods of the order lines."""
    require_frame(
        order_lines, "order_lines", ["customer_id", "order_date", "revenue", "cost_of_goods"]
    )
    require_dates(customers, "customers", ["signup_date"])
    require_dates(order_lines, "order_lines", ["order_date"])
    require_numeric(order_lines, "order_lines", ["revenue", "cost_of_goods"], allow_missing=False)


# --------------------------------------------------------------------------- first year


def first_year_value(
    customers: pd.DataFrame,
    order_lines: pd.DataFrame,
    service_events: pd.DataFrame | None = None,
    as_of: object = AS_OF,
    days: int = 365,
) -> pd.DataFrame:
    """Revenue and gross profit of each customer's first ``days`` days (from sign-up).

    Returns a DataFrame indexed by customer_id with the customer's
    ``segment``, ``acquisition_channel`` and ``acquisition_cost`` (when
    present in ``customers``), ``signup_date``, ``full_year`` (signed up at
    least ``days`` days before ``as_of``), ``revenue`` and ``gross_profit``
    (revenue - cost_of_goods) in the window. With ``service_events`` it adds
    ``cost_to_serve`` and ``contribution`` (gross profit - cost to serve).
    Amounts are missing (NaN) for customers without a full first year: their
    first year is not over, so its value is not known yet.

    >>> customers = pd.DataFrame({"customer_id": ["A", "B"],
    ...     "signup_date": pd.to_datetime(["2024-03-01", "2025-06-01"])})
    >>> lines = pd.DataFrame({"customer_id": ["A", "A", "B"],
    ...     "order_date": pd.to_datetime(["2024-03-01", "2025-03-01", "2025-06-01"]),
    ...     "revenue": [100.0, 50.0, 80.0], "cost_of_goods": [60.0, 30.0, 40.0]})
    >>> first_year_value(customers, lines)
                signup_date  full_year  revenue  gross_profit
    customer_id
    A            2024-03-01       True    100.0          40.0
    B            2025-06-01      False      NaN           NaN
    """
    require_frame(customers, "customers", ["customer_id", "signup_date"])
    _check_signups_and_orders(customers, order_lines)
    as_of = require_timestamp(as_of, "as_of")
    days = require_positive_int(days, "days")
    if customers["customer_id"].duplicated().any():
        repeated = customers.loc[customers["customer_id"].duplicated(), "customer_id"]
        raise ValueError(
            f"customers has repeated customer_id values ({', '.join(map(str, repeated[:3]))}): "
            "each customer must appear once."
        )
    if customers["signup_date"].isna().any():
        raise ValueError("Column 'signup_date' of customers has missing dates.")
    signup = pd.Series(
        customers["signup_date"].to_numpy(), index=customers["customer_id"].astype("str")
    )
    ids = pd.Index(signup.index, name="customer_id")

    def window_sums(frame: pd.DataFrame, date: str, columns: list[str]) -> pd.DataFrame:
        start = frame["customer_id"].astype("str").map(signup)
        elapsed = (frame[date] - start).dt.days
        inside = (elapsed >= 0) & (elapsed < days) & (frame[date] <= as_of)
        chosen = frame.loc[inside.fillna(False).to_numpy()]
        sums = chosen.groupby(chosen["customer_id"].astype("str"))[columns].sum()
        return sums.reindex(ids, fill_value=0.0)

    full_year = ((as_of - signup).dt.days >= days).to_numpy()
    sums = window_sums(order_lines, "order_date", ["revenue", "cost_of_goods"])
    result = pd.DataFrame(index=ids)
    for column in ("segment", "acquisition_channel", "acquisition_cost"):
        if column in customers.columns:
            result[column] = customers[column].array
    result["signup_date"] = signup.to_numpy()
    result["full_year"] = full_year
    result["revenue"] = sums["revenue"].round(2).where(full_year)
    result["gross_profit"] = (sums["revenue"] - sums["cost_of_goods"]).round(2).where(full_year)
    if service_events is not None:
        require_frame(service_events, "service_events", ["customer_id", "event_date", "cost"])
        require_dates(service_events, "service_events", ["event_date"])
        require_numeric(service_events, "service_events", ["cost"], allow_missing=False)
        serve = window_sums(service_events, "event_date", ["cost"])["cost"]
        result["cost_to_serve"] = serve.round(2).where(full_year)
        result["contribution"] = (result["gross_profit"] - result["cost_to_serve"]).round(2)
    return result


def value_to_cost(
    first_year: pd.DataFrame, cac: pd.Series | pd.DataFrame, by: str = "acquisition_channel"
) -> pd.DataFrame:
    """First-year value per customer set against the acquisition cost, per channel or method.

    ``first_year`` is :func:`first_year_value` for ONE segment; only customers
    with a full first year count. ``cac`` is a Series of CAC per group (or a
    table with a ``cac`` column, such as :func:`method_cac`). Returns per group:
    ``customers`` (with a full year), ``cac``, ``first_year_revenue`` and
    ``first_year_gross_profit`` (means per customer, CNY) and ``value_to_cost``
    (gross profit / CAC); with contribution in ``first_year``, also
    ``first_year_contribution`` and ``contribution_to_cost``; with profit (from
    :func:`crmkit.acquisition.first_year_profit`), also ``first_year_profit`` and
    ``profit_to_cost``.

    >>> first_year = pd.DataFrame({"acquisition_channel": ["x", "x", "y", "y"],
    ...     "full_year": [True, True, True, False], "revenue": [300.0, 100.0, 500.0, None],
    ...     "gross_profit": [120.0, 40.0, 200.0, None]})
    >>> table = value_to_cost(first_year, pd.Series({"x": 20.0, "y": 100.0}))
    >>> table[["customers", "cac", "first_year_gross_profit", "value_to_cost"]]
                         customers    cac  first_year_gross_profit  value_to_cost
    acquisition_channel
    x                            2   20.0                     80.0            4.0
    y                            1  100.0                    200.0            2.0
    """
    require_frame(first_year, "first_year", ["full_year", "revenue", "gross_profit"])
    require_column_name(by)
    require_frame(first_year, "first_year", [by])
    _one_segment(first_year, "first_year")
    costs = _cac_series(cac)
    full = first_year[first_year["full_year"].astype("bool").to_numpy()]
    groups = _groups(full, by, "first_year")
    columns = ["revenue", "gross_profit"] + [
        column for column in ("contribution", "profit") if column in full.columns
    ]
    require_numeric(full, "first_year", columns, allow_missing=False)
    means = full[columns].groupby(groups.to_numpy(), sort=True).mean()
    lacking = sorted(set(means.index) - set(costs.index))
    if lacking:
        raise ValueError(
            f"cac has no value for {', '.join(lacking)}. Give a CAC for every {by} in first_year."
        )
    cost = costs.reindex(means.index)
    table = pd.DataFrame(
        {
            "customers": groups.value_counts().reindex(means.index).astype("int64"),
            "cac": cost,
            "first_year_revenue": means["revenue"].round(2),
            "first_year_gross_profit": means["gross_profit"].round(2),
            "value_to_cost": means["gross_profit"] / cost,
        }
    )
    if "contribution" in means.columns:
        table["first_year_contribution"] = means["contribution"].round(2)
        table["contribution_to_cost"] = means["contribution"] / cost
    if "profit" in means.columns:
        table["first_year_profit"] = means["profit"].round(2)
        table["profit_to_cost"] = means["profit"] / cost
    table.index = pd.Index(table.index.astype("str"), name=by)
    return table


# --------------------------------------------------------------------------- payback


def _observed(
    customers: pd.DataFrame, by: str, months: int, as_of: pd.Timestamp
) -> tuple[pd.Series, pd.Series]:
    """The group and the sign-up date of each customer observed for all ``months`` months,
    both indexed by customer_id."""
    if customers["customer_id"].duplicated().any():
        raise ValueError(
            "customers has repeated customer_id values: each customer must appear once."
        )
    horizon = months * DAYS_PER_MONTH
    observed = customers[((as_of - customers["signup_date"]).dt.days >= horizon).to_numpy()]
    if observed.empty:
        raise ValueError(
            f"No customer in customers has been observed for {months} months before "
            f"{as_of.date()}. Choose fewer months or an earlier cohort."
        )
    groups = _groups(observed, by, "customers")
    group_of = pd.Series(groups.to_numpy(), index=observed["customer_id"].astype("str"))
    signup = pd.Series(observed["signup_date"].to_numpy(), index=group_of.index)
    return group_of, signup


def _monthly_gross_profit(
    order_lines: pd.DataFrame, signup: pd.Series, group_of: pd.Series, months: int
) -> pd.DataFrame:
    """Gross profit per (month since sign-up, group), months 1 to ``months`` (rows) by group."""
    ids = order_lines["customer_id"].astype("str")
    keep = ids.isin(group_of.index).to_numpy()
    lines = order_lines.loc[keep]
    ids = ids[keep]
    elapsed = (lines["order_date"] - ids.map(signup)).dt.days
    month = np.floor(elapsed.to_numpy(dtype="float64") / DAYS_PER_MONTH).astype("int64") + 1
    inside = (month >= 1) & (month <= months)
    profit = (lines["revenue"] - lines["cost_of_goods"]).to_numpy()[inside]
    return (
        pd.DataFrame(
            {
                "group": ids.map(group_of).to_numpy()[inside],
                "month": month[inside],
                "gross_profit": profit,
            }
        )
        .groupby(["month", "group"])["gross_profit"]
        .sum()
        .unstack("group")
    )


def cumulative_gross_profit(
    customers: pd.DataFrame,
    order_lines: pd.DataFrame,
    by: str = "acquisition_channel",
    months: int = 12,
    as_of: object = AS_OF,
) -> pd.DataFrame:
    """Mean cumulative gross profit per customer, month by month after sign-up, per group.

    Month m covers the days since sign-up in [(m-1)·365/12, m·365/12). Only
    customers observed for all ``months`` months count (signed up at least
    months × 365/12 days before ``as_of``); a month without orders adds 0.
    ``customers`` must hold ONE segment. Returns a DataFrame indexed by
    ``month`` (1 to ``months``) with one column per group (CNY per customer).

    >>> customers = pd.DataFrame({"customer_id": ["A", "B"], "acquisition_channel": ["x", "x"],
    ...     "signup_date": pd.to_datetime(["2024-01-01", "2024-01-01"])})
    >>> lines = pd.DataFrame({"customer_id": ["A", "A", "B"],
    ...     "order_date": pd.to_datetime(["2024-01-01", "2024-02-15", "2024-03-10"]),
    ...     "revenue": [100.0, 100.0, 60.0], "cost_of_goods": [60.0, 60.0, 20.0]})
    >>> cumulative_gross_profit(customers, lines, months=3)
              x
    month
    1      20.0
    2      40.0
    3      60.0
    """
    require_frame(customers, "customers", ["customer_id", "signup_date"])
    require_column_name(by)
    require_frame(customers, "customers", [by])
    _check_signups_and_orders(customers, order_lines)
    _one_segment(customers, "customers")
    months = require_positive_int(months, "months")
    as_of = require_timestamp(as_of, "as_of")
    group_of, signup = _observed(customers, by, months, as_of)
    table = _monthly_gross_profit(order_lines, signup, group_of, months)
    all_groups = sorted(group_of.unique())
    table = table.reindex(index=pd.RangeIndex(1, months + 1, name="month"), columns=all_groups)
    table = table.fillna(0.0).cumsum()
    size = group_of.value_counts().reindex(all_groups)
    table = (table / size.to_numpy()).round(2)
    table.columns = pd.Index(all_groups, name=None)
    return table


def payback_months(
    curves: pd.DataFrame, cac: pd.Series | pd.DataFrame, lasting: bool = False
) -> pd.Series:
    """The first month by whose end cumulative gross profit per customer covers the CAC.

    ``curves`` comes from :func:`cumulative_gross_profit` (rows = months 1, 2,
    ...; columns = groups); ``cac`` gives the CAC of each column. Missing
    (NaN) where the curve never reaches the CAC within the months given.
    A profit curve (:func:`crmkit.acquisition.cumulative_profit`) can fall again when
    costs arrive (bad debt): with ``lasting=True`` the payback month is the first month
    from which the curve STAYS at or above the CAC to the last month given.

    >>> curves = pd.DataFrame({"x": [20.0, 40.0, 60.0], "y": [5.0, 9.0, 12.0]},
    ...     index=pd.RangeIndex(1, 4, name="month"))
    >>> payback_months(curves, pd.Series({"x": 35.0, "y": 50.0}))
    x    2.0
    y    NaN
    Name: payback_months, dtype: float64
    >>> falls = pd.DataFrame({"z": [50.0, 10.0, 60.0]}, index=pd.RangeIndex(1, 4, name="month"))
    >>> payback_months(falls, pd.Series({"z": 40.0})).item(), payback_months(
    ...     falls, pd.Series({"z": 40.0}), lasting=True).item()
    (1.0, 3.0)
    """
    require_frame(curves, "curves")
    lasting = require_bool(lasting, "lasting")
    costs = _cac_series(cac)
    if curves.empty:
        raise ValueError("curves is empty: build it with cumulative_gross_profit(...).")
    numeric = curves.select_dtypes("number")
    if numeric.shape[1] != curves.shape[1]:
        raise TypeError("curves must hold numbers only (cumulative gross profit per customer).")
    names = pd.Index(curves.columns.astype("str"))
    lacking = sorted(set(names) - set(costs.index))
    if lacking:
        raise ValueError(f"cac has no value for {', '.join(lacking)}. Give a CAC for every column.")
    reached = curves.to_numpy(dtype="float64") >= costs.reindex(names).to_numpy()[None, :]
    if lasting:  # reached in this month and every later one
        reached = np.logical_and.accumulate(reached[::-1], axis=0)[::-1]
    first = reached.argmax(axis=0)
    month = np.asarray(curves.index, dtype="float64")[first]
    result = pd.Series(np.where(reached.any(axis=0), month, np.nan), index=names)
    return result.rename("payback_months")
