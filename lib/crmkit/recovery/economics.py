"""The win-back campaign's economics: response, re-churn, cost, value and payback, with intervals.

Each contacted customer costs the contact, plus the offer where the offer is paid in cash
(an apology call's time, a free gift). A discount costs the revenue it gives away on the orders
after the return: that revenue is already missing from the profit those orders bring, so it is
never subtracted a second time (:data:`DISCOUNT_OFFERS`). The profit after the return is
chapter 02's (``selection.customer_profitability`` from the contact date), so it is net of
cost of goods and cost to serve.

The expected value of contacting one lost customer with an offer is

    expected_value = response_rate x profit_per_returner - cost_per_contact

Response rates get Wilson intervals; expected values get seeded bootstrap intervals (the
customers of a group resampled with replacement).
"""

from __future__ import annotations

from statistics import NormalDist

import numpy as np
import pandas as pd

from crmkit import selection
from crmkit._validate import (
    require_confidence,
    require_dates,
    require_frame,
    require_numeric,
    require_positive_int,
    require_series,
    require_timestamp,
)
from crmkit.recovery._shared import (
    DISCOUNT_OFFERS,
    OFFERS,
    REASON_GROUPS,
    REASONS,
    _bootstrap_means,
    _flags,
    _seed,
    _winback,
)
from crmkit.vocabulary import AS_OF

BY_COLUMNS = ("offer", "reason_for_leaving", "reason_group")
"""What :func:`campaign_economics` can group by (one of them, or two in a list)."""
_NEEDED = ("reactivated", "re_churned", "revenue_after", "offer_cost", "contact_cost")


def wilson_interval(
    successes: pd.Series, trials: pd.Series, confidence: float = 0.95
) -> pd.DataFrame:
    """The share ``successes / trials`` with its Wilson score interval, row by row.

    The Wilson interval stays inside 0-1 and behaves with few trials or a rate near 0 or 1,
    where the simple "rate +/- 1.96 standard errors" does not. Columns ``rate``, ``lower``,
    ``upper``; rows with no trials get NaN.

    >>> wilson_interval(pd.Series([6, 0]), pd.Series([30, 10])).round(3)
       rate  lower  upper
    0   0.2  0.095  0.373
    1   0.0  0.000  0.278
    """
    successes = require_series(successes, "successes", numeric=True, allow_missing=False)
    trials = require_series(trials, "trials", numeric=True, allow_missing=False)
    confidence = require_confidence(confidence)
    if not successes.index.equals(trials.index):
        raise ValueError("successes and trials must have the same index (one row per group).")
    if (successes < 0).any() or (successes > trials).any():
        raise ValueError("successes must be between 0 and trials in every row.")
    z = NormalDist().inv_cdf(0.5 + confidence / 2)
    n = trials.astype("float64").where(trials > 0)
    rate = successes.astype("float64") / n
    centre = (rate + z**2 / (2 * n)) / (1 + z**2 / n)
    half = z * np.sqrt(rate * (1 - rate) / n + z**2 / (4 * n**2)) / (1 + z**2 / n)
    lower = (centre - half).where(successes > 0, 0.0).where(n.notna())
    upper = (centre + half).where(successes < trials, 1.0).where(n.notna())
    return pd.DataFrame({"rate": rate, "lower": lower.clip(lower=0), "upper": upper.clip(upper=1)})


def profit_after_contact(
    winback: pd.DataFrame,
    customers: pd.DataFrame,
    order_lines: pd.DataFrame,
    service_events: pd.DataFrame,
    invoices: pd.DataFrame,
    payments: pd.DataFrame,
    as_of: object = AS_OF,
) -> pd.Series:
    """Each contacted customer's profit from the contact date to ``as_of`` (chapter 02's profit).

    Profit is ``selection.customer_profitability`` counted from each customer's
    ``contact_date``: revenue (after discounts) - cost of goods - cost to serve. Index
    ``customer_id`` (the customers of ``winback``), name ``profit_after``.

    >>> from crmkit import data
    >>> winback = data.load_winback()
    >>> profit = profit_after_contact(winback, data.load_customers(), data.load_order_lines(),
    ...     data.load_service_events(), data.load_invoices(), data.load_payments())
    >>> len(profit) == len(winback), profit.name
    (True, 'profit_after')
    """
    table = _winback(winback, ("contact_date",))
    require_dates(table, "winback", ["contact_date"])
    require_frame(customers, "customers", ["customer_id"])
    as_of = require_timestamp(as_of, "as_of")
    if table["contact_date"].isna().any():
        raise ValueError("Column 'contact_date' of winback has missing dates.")
    ids = table["customer_id"].astype("string")
    parts = []
    for day, rows in table.groupby("contact_date"):
        chosen = customers[customers["customer_id"].astype("string").isin(set(ids[rows.index]))]
        parts.append(
            selection.customer_profitability(
                chosen, order_lines, service_events, invoices, payments, as_of=as_of, start=day
            )["profit"]
        )
    profit = pd.concat(parts)
    profit.index = profit.index.astype("string")
    missing = pd.Index(ids).difference(profit.index)
    if len(missing):
        raise ValueError(
            f"customers has no row for {len(missing)} customer(s) of winback "
            f"({', '.join(missing[:3])}). Pass the whole customers table."
        )
    return profit.reindex(ids.to_numpy()).rename_axis("customer_id").rename("profit_after")


def _by(by: object) -> list[str]:
    keys = [by] if isinstance(by, str) else list(by) if isinstance(by, list | tuple) else None
    if not keys or len(keys) > 2 or any(key not in BY_COLUMNS for key in keys):
        raise ValueError(
            f"by must be one of {', '.join(BY_COLUMNS)}, or a list of two of them, but got {by!r}."
        )
    return keys


def _customer_rows(winback: pd.DataFrame, profit_after: object) -> pd.DataFrame:
    """One row per contacted customer: returned, profit if returned, cash cost, value."""
    table = _winback(winback, _NEEDED)
    require_numeric(table, "winback", ["revenue_after", "offer_cost", "contact_cost"], False)
    profit = require_series(profit_after, "profit_after", "profit per customer", True, False)
    ids = table["customer_id"].astype("string")
    profit = profit.set_axis(profit.index.astype("string"))
    if profit.index.has_duplicates or len(pd.Index(ids).difference(profit.index)):
        raise ValueError(
            "profit_after must have one value per customer of winback (index customer_id): "
            "use recovery.profit_after_contact(winback, ...)."
        )
    returned = _flags(table, "winback", "reactivated").to_numpy()
    offer = table["offer"].astype("string")
    cash = table["contact_cost"] + table["offer_cost"].where(~offer.isin(DISCOUNT_OFFERS), 0.0)
    gained = np.where(returned, profit.reindex(ids.to_numpy()).to_numpy(), 0.0)
    reason = table["reason_for_leaving"].astype("string")
    return pd.DataFrame(
        {
            "offer": offer.to_numpy(),
            "reason_for_leaving": reason.to_numpy(),
            "reason_group": reason.map(REASON_GROUPS).to_numpy(),
            "returned": returned,
            "re_churned": _flags(table, "winback", "re_churned").to_numpy() & returned,
            "revenue": table["revenue_after"].to_numpy(dtype=float),
            "profit": gained,
            "discount": table["offer_cost"].where(offer.isin(DISCOUNT_OFFERS), 0.0).to_numpy(),
            "cash_cost": cash.to_numpy(dtype=float),
            "value": gained - cash.to_numpy(dtype=float),
        }
    )


def _order(keys: list[str], index: pd.Index) -> pd.Index:
    orders = {
        "offer": OFFERS,
        "reason_for_leaving": REASONS,
        "reason_group": tuple(dict.fromkeys(REASON_GROUPS.values())),
    }
    if len(keys) == 1:
        return pd.Index([k for k in orders[keys[0]] if k in index], name=keys[0])
    wanted = [(a, b) for a in orders[keys[0]] for b in orders[keys[1]] if (a, b) in index]
    return pd.MultiIndex.from_tuples(wanted, names=keys)


def campaign_economics(
    winback: pd.DataFrame,
    profit_after: pd.Series,
    by: str | list[str] = "offer",
    confidence: float = 0.95,
    draws: int = 2000,
    seed: int = 0,
) -> pd.DataFrame:
    """The campaign's economics per offer, per reason for leaving, or per both (``by``).

    ``by`` is ``"offer"``, ``"reason_for_leaving"``, ``"reason_group"`` (:data:`GROUPS`) or a
    list of two of them. ``profit_after`` is :func:`profit_after_contact`. One row per group:

    * ``contacted``, ``returned``, ``response_rate`` with its Wilson interval
      (``response_low``, ``response_high``);
    * ``re_churned`` (came back, then stopped again) and ``re_churn_rate`` (of those returned);
    * ``revenue_per_contact`` and ``profit_per_returner`` (profit after the return, per returner);
    * ``discount_per_contact``: the discounts given (already out of the profit, for information);
    * ``cost_per_contact``: the contact plus a cash offer (apology call, gift);
    * ``expected_value`` = response_rate x profit_per_returner - cost_per_contact, with a
      bootstrap interval ``value_low``, ``value_high`` (``draws`` resamples from ``seed``);
    * ``payback``: the returners' profit per CNY of cost (above 1: the offer paid for itself).

    >>> winback = pd.DataFrame({"customer_id": ["A", "B", "C", "D"],
    ...     "reason_for_leaving": ["price"] * 4, "offer": ["none", "none", "free_gift", "free_gift"],
    ...     "reactivated": [False, True, True, True], "re_churned": [False, False, True, False],
    ...     "revenue_after": [0.0, 300.0, 500.0, 900.0], "offer_cost": [0.0, 0.0, 95.0, 95.0],
    ...     "contact_cost": [12.0] * 4})
    >>> profit = pd.Series([0.0, 100.0, 150.0, 250.0], index=["A", "B", "C", "D"])
    >>> campaign_economics(winback, profit)[["contacted", "response_rate", "expected_value", "payback"]]
               contacted  response_rate  expected_value  payback
    offer
    none               2            0.5            38.0   4.1667
    free_gift          2            1.0            93.0   1.8692
    """
    keys = _by(by)
    confidence = require_confidence(confidence)
    draws = require_positive_int(draws, "draws", minimum=100)
    seed = _seed(seed)
    rows = _customer_rows(winback, profit_after)
    grouped = rows.groupby(keys, observed=True, sort=True)
    table = grouped.agg(
        contacted=("returned", "size"),
        returned=("returned", "sum"),
        re_churned=("re_churned", "sum"),
        revenue_per_contact=("revenue", "mean"),
        profit=("profit", "sum"),
        discount_per_contact=("discount", "mean"),
        cost_per_contact=("cash_cost", "mean"),
        cost=("cash_cost", "sum"),
        expected_value=("value", "mean"),
    )
    interval = wilson_interval(table["returned"], table["contacted"], confidence)
    table["response_rate"] = interval["rate"]
    table["response_low"], table["response_high"] = interval["lower"], interval["upper"]
    table["re_churn_rate"] = table["re_churned"] / table["returned"].where(table["returned"] > 0)
    table["profit_per_returner"] = table["profit"] / table["returned"].where(table["returned"] > 0)
    tail = (1 - confidence) / 2 * 100
    bounds = [
        np.percentile(_bootstrap_means(part["value"].to_numpy(), draws, seed), [tail, 100 - tail])
        for _, part in grouped
    ]
    table["value_low"] = [low for low, _ in bounds]
    table["value_high"] = [high for _, high in bounds]
    table["payback"] = table["profit"] / table["cost"]
    columns = [
        "contacted", "returned", "response_rate", "response_low", "response_high", "re_churned",
        "re_churn_rate", "revenue_per_contact", "profit_per_returner", "discount_per_contact",
        "cost_per_contact", "expected_value", "value_low", "value_high", "payback",
    ]  # fmt: skip
    table = table[columns].reindex(_order(keys, table.index)).round(4)
    return table.astype({"contacted": "int64", "returned": "int64", "re_churned": "int64"})


def offer_lift(
    winback: pd.DataFrame,
    offer: str = "apology_call",
    reasons: tuple[str, ...] = ("poor_service", "unresolved_problem"),
    against: str | None = None,
    confidence: float = 0.95,
    draws: int = 2000,
    seed: int = 0,
) -> pd.DataFrame:
    """How much more often customers came back after ``offer`` than after the other offers.

    Asked twice: of the customers who left for one of ``reasons`` (row ``these reasons``) and
    of the others (row ``other reasons``). ``against`` compares with one offer only (e.g.
    ``"none"``); None compares with every other offer, including no offer. Columns:
    ``with_offer`` and ``with_offer_rate``, ``compared`` and ``compared_rate`` (customers and
    response rates), ``lift`` (the difference of the rates) and its bootstrap interval
    ``lower``, ``upper`` (missing when a row has no one to compare). Offers were assigned at
    random, so the lift is the offer's effect.

    >>> winback = pd.DataFrame({"customer_id": list("ABCDEF"),
    ...     "reason_for_leaving": ["poor_service"] * 4 + ["price"] * 2,
    ...     "offer": ["apology_call", "apology_call", "none", "none", "apology_call", "none"],
    ...     "reactivated": [True, False, False, False, False, True]})
    >>> offer_lift(winback, draws=200)[["with_offer_rate", "compared_rate", "lift"]]
                   with_offer_rate  compared_rate  lift
    these reasons              0.5            0.0   0.5
    other reasons              0.0            1.0  -1.0
    """
    table = _winback(winback, ("reactivated",))
    if offer not in OFFERS:
        raise ValueError(f"offer must be one of {', '.join(OFFERS)}, but got {offer!r}.")
    if against is not None and (against not in OFFERS or against == offer):
        raise ValueError(
            f"against must be None or another offer ({', '.join(OFFERS)}), not {against!r}."
        )
    if isinstance(reasons, str) or not reasons or not set(reasons) <= set(REASONS):
        raise ValueError(
            f"reasons must be a tuple of reasons for leaving ({', '.join(REASONS)}), not {reasons!r}."
        )
    confidence = require_confidence(confidence)
    draws = require_positive_int(draws, "draws", minimum=100)
    rng = np.random.default_rng(_seed(seed))
    returned = _flags(table, "winback", "reactivated").to_numpy(dtype=float)
    offers = table["offer"].astype("string").to_numpy()
    inside = table["reason_for_leaving"].astype("string").isin(set(reasons)).to_numpy()
    compared = offers != offer if against is None else offers == against
    if not (offers == offer).any():
        raise ValueError(f"No customer of winback got the offer {offer!r}: choose another offer.")
    rows = {}
    for name, part in (("these reasons", inside), ("other reasons", ~inside)):
        first, second = returned[part & (offers == offer)], returned[part & compared]
        if len(first) == 0 or len(second) == 0:  # nothing to compare: no figures
            rows[name] = [len(first), np.nan, len(second), np.nan, np.nan, np.nan, np.nan]
            continue
        lifts = first[rng.integers(0, len(first), (draws, len(first)))].mean(axis=1) - second[
            rng.integers(0, len(second), (draws, len(second)))
        ].mean(axis=1)
        tail = (1 - confidence) / 2 * 100
        low, high = np.percentile(lifts, [tail, 100 - tail])
        rows[name] = [
            len(first),
            first.mean(),
            len(second),
            second.mean(),
            first.mean() - second.mean(),
            low,
            high,
        ]
    columns = [
        "with_offer",
        "with_offer_rate",
        "compared",
        "compared_rate",
        "lift",
        "lower",
        "upper",
    ]
    result = pd.DataFrame.from_dict(rows, orient="index", columns=columns).round(4)
    return result.astype({"with_offer": "int64", "compared": "int64"})
