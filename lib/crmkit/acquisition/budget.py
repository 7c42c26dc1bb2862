"""The prospecting budget: each method's economics, and which methods a budget should fund.

:func:`allocate_budget` ranks methods (by value-to-cost unless told otherwise) and funds
each up to its capacity until the budget runs out; a method's result is spend / CAC
customers and customers × first-year gross profit (:func:`expected_result`).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from crmkit._validate import (
    require_amount,
    require_bool,
    require_column_name,
    require_dates,
    require_frame,
    require_numeric,
    require_timestamp,
)
from crmkit.acquisition._shared import _groups
from crmkit.acquisition.conversion import conversion_rates
from crmkit.acquisition.cost import method_cac
from crmkit.acquisition.payback import first_year_value, value_to_cost
from crmkit.acquisition.profit import first_year_profit
from crmkit.vocabulary import AS_OF


def method_economics(
    leads: pd.DataFrame,
    customers: pd.DataFrame,
    order_lines: pd.DataFrame,
    as_of: object = AS_OF,
    growth: float = 1.5,
    confidence: float = 0.95,
    service_events: pd.DataFrame | None = None,
    invoices: pd.DataFrame | None = None,
    payments: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Everything a budget decision needs, per prospecting method, in one table.

    Columns: ``leads``, ``won``, ``cost_per_lead``, ``win_rate`` with its
    Wilson interval ``win_lower``/``win_upper`` (decided leads), ``cac``
    (:func:`method_cac`), ``customers`` with a full first year and their mean
    ``first_year_gross_profit``, ``value_to_cost``, ``yearly_spend`` (all money
    spent on the method's leads, open ones included, per year of data) and
    ``capacity`` = yearly_spend × ``growth``: the most we believe the method
    can absorb in a year (referrals and friends cannot be bought without limit).
    Given ``service_events``, ``invoices`` and ``payments`` (all three), it adds
    ``first_year_profit`` (chapter 02's profit over the first year, see
    :func:`crmkit.acquisition.first_year_profit`) and ``profit_to_cost``.

    >>> from crmkit import data
    >>> table = method_economics(data.load_leads(), data.load_customers(), data.load_order_lines())
    >>> table.loc["referral", ["won", "cac"]].tolist()
    [48.0, 1426.69]
    """
    require_frame(
        leads, "leads", ["prospecting_method", "status", "acquisition_cost", "created_date"]
    )
    require_dates(leads, "leads", ["created_date"])
    require_frame(
        customers, "customers", ["customer_id", "segment", "signup_date", "acquisition_channel"]
    )
    as_of = require_timestamp(as_of, "as_of")
    growth = require_amount(growth, "growth", allow_zero=False)
    costs = method_cac(leads)
    rates = conversion_rates(leads, confidence=confidence)
    business = customers[customers["segment"].astype("string").eq("business").to_numpy()]
    first_year = _first_year(business, order_lines, as_of, service_events, invoices, payments)
    value = value_to_cost(first_year, costs.loc[costs["won"] > 0, "cac"])
    require_numeric(leads, "leads", ["acquisition_cost"], allow_missing=False)
    years = max((as_of - leads["created_date"].min()).days, 1) / 365
    groups = _groups(leads, "prospecting_method", "leads")
    yearly = leads["acquisition_cost"].groupby(groups.to_numpy()).sum() / years
    table = pd.DataFrame(
        {
            "leads": costs["leads"],
            "won": costs["won"],
            "cost_per_lead": costs["cost_per_lead"],
            "win_rate": rates["rate"],
            "win_lower": rates["lower"],
            "win_upper": rates["upper"],
            "cac": costs["cac"],
            "customers": value["customers"].reindex(costs.index).fillna(0).astype("int64"),
            "first_year_gross_profit": value["first_year_gross_profit"].reindex(costs.index),
            "value_to_cost": value["value_to_cost"].reindex(costs.index),
            "yearly_spend": yearly.reindex(costs.index).round(2),
        }
    )
    table["capacity"] = (table["yearly_spend"] * growth).round(-2)
    if "profit_to_cost" in value.columns:
        table["first_year_profit"] = value["first_year_profit"].reindex(costs.index)
        table["profit_to_cost"] = value["profit_to_cost"].reindex(costs.index)
    table.index.name = "prospecting_method"
    return table


def _first_year(
    business: pd.DataFrame,
    order_lines: pd.DataFrame,
    as_of: pd.Timestamp,
    service_events: object,
    invoices: object,
    payments: object,
) -> pd.DataFrame:
    """First-year value, with chapter 02's profit when all three cost tables are given."""
    given = [table is not None for table in (service_events, invoices, payments)]
    if any(given) and not all(given):
        raise ValueError(
            "Give service_events, invoices and payments together (for first-year profit), "
            "or none of them (for first-year gross profit only)."
        )
    if all(given):
        return first_year_profit(business, order_lines, service_events, invoices, payments, as_of)
    return first_year_value(business, order_lines, as_of=as_of)


def _spend_per_method(spend: object, names: pd.Index) -> np.ndarray:
    """CNY per method of ``names`` (0 for the methods ``spend`` leaves out)."""
    if not isinstance(spend, pd.Series):
        raise TypeError(
            f"spend must be a pandas Series of CNY per method, but got a {type(spend).__name__}."
        )
    if not pd.api.types.is_numeric_dtype(spend) or pd.api.types.is_bool_dtype(spend):
        raise TypeError(f"spend must hold amounts in CNY (numbers), but its type is {spend.dtype}.")
    if spend.isna().any() or (spend < 0).any():
        raise ValueError("spend must hold amounts of 0 or more, with no missing values.")
    spend = spend.copy()
    spend.index = spend.index.astype("str")
    unknown = sorted(set(spend.index) - set(names))
    if unknown:
        raise ValueError(f"spend names methods that are not in economics: {', '.join(unknown)}.")
    return spend.reindex(names, fill_value=0.0).to_numpy(dtype="float64")


def _result_name(value: object) -> str:
    """The column of results named after ``value``: 'gross_profit' for 'first_year_gross_profit'."""
    value = require_column_name(value, "value")
    return value.removeprefix("first_year_")


def expected_result(
    economics: pd.DataFrame, spend: pd.Series, value: str = "first_year_gross_profit"
) -> pd.DataFrame:
    """What the data says a given spend per method would bring, in a year.

    ``economics`` needs ``cac`` and ``first_year_gross_profit`` (per
    customer); ``spend`` is CNY per method (same labels; missing methods get
    0). Returns per method: ``spend``, ``customers`` (= spend / CAC) and
    ``gross_profit`` (customers × first-year gross profit), plus
    ``customers_low``/``customers_high`` from the win-rate interval when
    ``economics`` has ``cost_per_lead``, ``win_lower`` and ``win_upper``.
    It assumes each extra lead costs and converts like the past ones. With another
    ``value`` column (such as ``"first_year_profit"``), the result column is named after
    it without ``first_year_`` (``profit``).

    >>> economics = pd.DataFrame({"cac": [1000.0, 4000.0], "first_year_gross_profit": [20000.0, 30000.0]},
    ...     index=["referral", "events"])
    >>> expected_result(economics, pd.Series({"referral": 5000.0}))
              spend  customers  gross_profit
    referral 5000.0        5.0      100000.0
    events      0.0        0.0           0.0
    """
    name = _result_name(value)
    require_frame(economics, "economics", ["cac", value])
    require_numeric(economics, "economics", ["cac"], allow_missing=False)
    names = economics.index.astype("str")
    amount = _spend_per_method(spend, names)
    cac = economics["cac"].to_numpy(dtype="float64")
    profit = economics[value].fillna(0.0).to_numpy(dtype="float64")
    with np.errstate(divide="ignore", invalid="ignore"):
        customers = np.where(amount > 0, amount / cac, 0.0)
    result = pd.DataFrame(
        {"spend": amount, "customers": customers, name: customers * profit},
        index=pd.Index(names, name=economics.index.name),
    )
    if {"cost_per_lead", "win_lower", "win_upper"} <= set(economics.columns):
        leads_bought = np.where(amount > 0, amount / economics["cost_per_lead"].to_numpy(), 0.0)
        result["customers_low"] = leads_bought * economics["win_lower"].to_numpy()
        result["customers_high"] = leads_bought * economics["win_upper"].to_numpy()
    return result


def allocate_budget(
    economics: pd.DataFrame,
    budget: float,
    rank_by: str = "value_to_cost",
    ascending: bool = False,
    value: str = "first_year_gross_profit",
) -> pd.DataFrame:
    """Fund methods in order of ``rank_by`` up to each one's capacity until the budget runs out.

    ``economics`` (e.g. :func:`method_economics`) needs ``capacity``, ``cac``,
    ``first_year_gross_profit`` and the ``rank_by`` column. Methods are taken
    best first (largest ``rank_by``, or smallest with ``ascending=True``, e.g.
    cheapest CAC first); each gets min(capacity, what is left). Returns
    :func:`expected_result` for that spend, rows in funding order (unfunded
    methods last, with spend 0). With linear results and capacities, this
    greedy rule gives the most first-year gross profit for the budget when
    ranking by value-to-cost. ``value`` names the value per customer the results count
    (rank by ``"profit_to_cost"`` with ``value="first_year_profit"`` to use profit).

    >>> economics = pd.DataFrame({"cac": [1000.0, 4000.0, 2000.0],
    ...     "first_year_gross_profit": [20000.0, 30000.0, 10000.0], "capacity": [3000.0, 8000.0, 9000.0]},
    ...     index=["referral", "events", "sms"])
    >>> economics["value_to_cost"] = economics["first_year_gross_profit"] / economics["cac"]
    >>> allocate_budget(economics, 6000)
              spend  customers  gross_profit
    referral 3000.0       3.00       60000.0
    events   3000.0       0.75       22500.0
    sms         0.0       0.00           0.0
    """
    require_column_name(rank_by, "rank_by")
    value = require_column_name(value, "value")
    require_frame(economics, "economics", ["capacity", "cac", value, rank_by])
    require_numeric(economics, "economics", ["capacity", "cac", rank_by], allow_missing=False)
    budget = require_amount(budget, "budget")
    ascending = require_bool(ascending, "ascending")
    if (economics["capacity"] < 0).any():
        raise ValueError("Column 'capacity' of economics must not be negative.")
    ordered = economics.sort_values(rank_by, ascending=ascending, kind="stable")
    capacity = ordered["capacity"].to_numpy(dtype="float64")
    before = np.concatenate([[0.0], np.cumsum(capacity)[:-1]])
    spend = np.clip(budget - before, 0.0, capacity)
    spend_series = pd.Series(spend, index=ordered.index.astype("str"))
    return expected_result(ordered, spend_series, value)


def budget_scenarios(
    economics: pd.DataFrame,
    budgets: list[float],
    rank_by: str = "value_to_cost",
    ascending: bool = False,
    value: str = "first_year_gross_profit",
) -> pd.DataFrame:
    """Totals of :func:`allocate_budget` for several budgets: the returns on each extra yuan.

    Returns one row per budget: ``spend`` (can be below the budget when every
    method is at capacity), ``customers``, ``gross_profit``, ``methods_funded``
    and ``gross_profit_per_cny`` (named after ``value``: ``profit`` and ``profit_per_cny``
    for ``value="first_year_profit"``).

    >>> economics = pd.DataFrame({"cac": [1000.0, 4000.0], "first_year_gross_profit": [20000.0, 30000.0],
    ...     "capacity": [3000.0, 8000.0]}, index=["referral", "events"])
    >>> economics["value_to_cost"] = economics["first_year_gross_profit"] / economics["cac"]
    >>> budget_scenarios(economics, [2000, 6000, 20000])
              spend  customers  gross_profit  methods_funded  gross_profit_per_cny
    budget
    2000     2000.0       2.00       40000.0               1                 20.00
    6000     6000.0       3.75      82500.0               2                 13.75
    20000   11000.0       5.00      120000.0               2                 10.91
    """
    if isinstance(budgets, str) or not isinstance(budgets, list | tuple | pd.Series | np.ndarray):
        raise TypeError(f"budgets must be a list of amounts in CNY, but got {budgets!r}.")
    if len(budgets) == 0:
        raise ValueError("budgets is empty: give at least one amount.")
    amounts = [require_amount(budget, "each budget") for budget in budgets]
    name = _result_name(value)
    rows = []
    for amount in amounts:  # a handful of scenarios, each one vectorised
        result = allocate_budget(economics, amount, rank_by, ascending, value)
        spent = float(result["spend"].sum())
        rows.append(
            {
                "spend": round(spent, 2),
                "customers": round(float(result["customers"].sum()), 2),
                name: round(float(result[name].sum()), 2),
                "methods_funded": int((result["spend"] > 0).sum()),
                f"{name}_per_cny": round(float(result[name].sum()) / spent, 2)
                if spent > 0
                else np.nan,
            }
        )
    labels = [int(a) if float(a).is_integer() else a for a in amounts]
    return pd.DataFrame(rows, index=pd.Index(labels, name="budget"))
