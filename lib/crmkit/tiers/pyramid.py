"""The customer pyramid (客户金字塔): platinum, gold, iron and lead, built from profit.

The four levels follow Zeithaml, Rust and Lemon's customer pyramid. Customers are ranked by
profit (chapter 02's definition, from ``selection.customer_profitability``) and cut at
cumulative shares of customers that the analyst chooses. The loyalty deck's heavy-lead level
(重铅级) is shown here as the customers who lose money.
"""

from __future__ import annotations

import pandas as pd

from crmkit import selection
from crmkit._validate import require_bool, require_positive_int
from crmkit.tiers._shared import _customer_values, _cut_by_rank, _cutoffs
from crmkit.tiers.summary import tier_summary

TIERS = ("platinum", "gold", "iron", "lead")
"""The four levels of the customer pyramid, most profitable first."""
TIER_CUTOFFS = (0.01, 0.05, 0.20)
"""Platinum = the top 1% of customers by profit; gold down to the top 5%; iron to 20%."""


def pyramid_tiers(
    profit: pd.Series, cutoffs: tuple[float, float, float] = TIER_CUTOFFS, heavy_lead: bool = False
) -> pd.Series:
    """The tier of each customer: platinum, gold, iron or lead, by rank of ``profit``.

    ``cutoffs`` are cumulative shares of customers, largest profit first: the top
    ``round(0.01 x n)`` are platinum, down to ``round(0.05 x n)`` gold, down to
    ``round(0.20 x n)`` iron, the rest lead. With ``heavy_lead=True`` customers with a
    profit below 0 become ``heavy lead`` (重铅级) whatever their rank. Returns an ordered
    categorical Series named ``tier``, in the order of ``profit``.

    >>> profit = pd.Series([500.0, 80.0, 30.0, 10.0, -20.0], index=list("ABCDE"))
    >>> pyramid_tiers(profit, (0.2, 0.4, 0.6)).tolist()
    ['platinum', 'gold', 'iron', 'lead', 'lead']
    >>> pyramid_tiers(profit, (0.2, 0.4, 0.6), heavy_lead=True).tolist()[-1]
    'heavy lead'
    """
    profit = _customer_values(profit, "profit")
    cutoffs = _cutoffs(cutoffs, "cutoffs", 3)
    heavy_lead = require_bool(heavy_lead, "heavy_lead")
    tiers = _cut_by_rank(profit, cutoffs, TIERS, "tier")
    if heavy_lead:
        tiers = tiers.cat.add_categories(["heavy lead"])
        tiers[(profit < 0).to_numpy()] = "heavy lead"
    return tiers


def pyramid_summary(
    profit: pd.Series, cutoffs: tuple[float, float, float] = TIER_CUTOFFS
) -> pd.DataFrame:
    """The count pyramid and the profit pyramid side by side: one row per tier.

    The pure function behind ``widgets.pyramid_explorer``. Columns as in
    :func:`tier_summary` (``customers``, ``customer_share``, ``profit``, ``profit_share``,
    ``profit_per_customer``) plus ``lowest_profit``: the profit of the tier's last customer,
    the cut-off in CNY.

    >>> profit = pd.Series([500.0, 80.0, 30.0, 10.0, -20.0], index=list("ABCDE"))
    >>> pyramid_summary(profit, (0.2, 0.4, 0.6))[["customers", "profit_share"]]
    ... # doctest: +NORMALIZE_WHITESPACE
              customers  profit_share
    tier
    platinum          1        0.8333
    gold              1        0.1333
    iron              1        0.0500
    lead              2       -0.0167
    """
    tiers = pyramid_tiers(profit, cutoffs)
    summary = tier_summary(profit.astype("float64").to_frame("profit"), tiers)
    summary["lowest_profit"] = profit.groupby(tiers, observed=False).min().reindex(summary.index)
    return summary


def year_profitability(
    customers: pd.DataFrame,
    order_lines: pd.DataFrame,
    service_events: pd.DataFrame,
    invoices: pd.DataFrame,
    payments: pd.DataFrame,
    year: int,
) -> pd.DataFrame:
    """Chapter 02's profitability table for one calendar year, for the customers who bought in it.

    Calls ``selection.customer_profitability`` with ``start`` = 1 January and ``as_of`` =
    31 December of ``year`` (so late payment counts up to the end of that year), and keeps
    the customers with revenue above 0 that year: a customer without a purchase has no
    tier that year ("none" in a migration table).

    >>> from crmkit import data
    >>> table = year_profitability(data.load_customers(), data.load_order_lines(),
    ...     data.load_service_events(), data.load_invoices(), data.load_payments(), 2025)
    >>> bool((table["revenue"] > 0).all()), "profit" in table.columns
    (True, True)
    """
    year = require_positive_int(year, "year", minimum=1900)
    table = selection.customer_profitability(
        customers,
        order_lines,
        service_events,
        invoices,
        payments,
        as_of=f"{year}-12-31",
        start=f"{year}-01-01",
    )
    buyers = table[table["revenue"] > 0]
    if buyers.empty:
        raise ValueError(f"No customer in order_lines bought anything in year {year}.")
    return buyers
