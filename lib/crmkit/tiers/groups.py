"""Key, normal and small customers (关键客户 普通客户 小客户), and the selling-time rule of thumb.

Customers are ranked by a value (profit, as chapter 02 defines it) and cut at cumulative
shares of customers: by default the top 10% are key, the next 30% normal, the other 60% small.
"""

from __future__ import annotations

import pandas as pd

from crmkit._validate import require_dates, require_frame, require_timestamp
from crmkit.tiers._shared import (
    GROUPS,
    _customer_values,
    _cut_by_rank,
    _cutoffs,
    _order_of,
    _tier_labels,
)
from crmkit.vocabulary import AS_OF

GROUP_CUTOFFS = (0.10, 0.40)
"""Key = the top 10% of customers by value; normal = down to the top 40%; small = the rest."""
SELLING_TIME_RULE = pd.DataFrame(
    {"account_share": [0.10, 0.30, 0.60], "time_share": [0.60, 0.30, 0.10]},
    index=pd.Index(list(GROUPS), name="group"),
)
"""The rule of thumb (commonly cited): key ~10% of accounts get ~60% of selling time,
normal ~30% get ~30%, small ("super-potential") ~60% get ~10%."""


def customer_groups(profit: pd.Series, cutoffs: tuple[float, float] = GROUP_CUTOFFS) -> pd.Series:
    """Key, normal or small for each customer, by rank of ``profit`` (largest first).

    ``cutoffs`` are cumulative shares of customers: the top ``round(0.10 x n)`` are
    ``key``, down to ``round(0.40 x n)`` ``normal``, the rest ``small``. Ties keep the
    order of ``profit``. Returns an ordered categorical Series named ``group``, in the
    order of ``profit``.

    >>> profit = pd.Series([50.0, -5.0, 900.0, 20.0, 10.0], index=list("ABCDE"))
    >>> customer_groups(profit, (0.2, 0.6)).tolist()
    ['normal', 'small', 'key', 'normal', 'small']
    """
    profit = _customer_values(profit, "profit")
    cutoffs = _cutoffs(cutoffs, "cutoffs", 2)
    return _cut_by_rank(profit, cutoffs, GROUPS, "group")


def selling_time(
    service_events: pd.DataFrame,
    groups: pd.Series,
    start: object = None,
    as_of: object = AS_OF,
) -> pd.DataFrame:
    """Sales visits by group against the rule of thumb (:data:`SELLING_TIME_RULE`).

    ``groups`` gives each account's group (from :func:`customer_groups`); only the sales
    visits (``event_type == "sales_visit"``) of those accounts between ``start`` (None: the
    beginning) and ``as_of`` count. Each visit counts as one unit of selling time (the
    data has no durations). Columns: ``accounts``, ``account_share``, ``visits``,
    ``time_share`` (visits / all visits), ``visits_per_account``, and the rule's
    ``rule_account_share`` and ``rule_time_share``.

    >>> events = pd.DataFrame({"customer_id": ["A", "A", "A", "B", "C"],
    ...     "event_date": pd.to_datetime(["2025-01-05"] * 5),
    ...     "event_type": ["sales_visit", "sales_visit", "delivery", "sales_visit", "sales_visit"]})
    >>> groups = pd.Series(["key", "normal", "small"], index=["A", "B", "C"])
    >>> selling_time(events, groups)[["accounts", "visits", "time_share"]]  # doctest: +NORMALIZE_WHITESPACE
            accounts  visits  time_share
    group
    key            1       2        0.50
    normal         1       1        0.25
    small          1       1        0.25
    """
    require_frame(service_events, "service_events", ["customer_id", "event_date", "event_type"])
    require_dates(service_events, "service_events", ["event_date"])
    labels = _tier_labels(groups, "groups")
    as_of = require_timestamp(as_of, "as_of")
    dates = service_events["event_date"]
    keep = (service_events["event_type"].astype("string") == "sales_visit").fillna(False)
    keep &= dates <= as_of
    if start is not None:
        keep &= dates >= require_timestamp(start, "start")
    owners = service_events.loc[keep, "customer_id"].astype("string")
    visit_group = owners.map(labels).dropna()
    order = _order_of(labels)
    table = pd.DataFrame(index=pd.Index(order, name="group"))
    table["accounts"] = labels.value_counts().reindex(order, fill_value=0).astype("int64")
    table["account_share"] = (table["accounts"] / table["accounts"].sum()).round(4)
    table["visits"] = visit_group.value_counts().reindex(order, fill_value=0).astype("int64")
    total = table["visits"].sum()
    table["time_share"] = (table["visits"] / total).round(4) if total else 0.0
    table["visits_per_account"] = (table["visits"] / table["accounts"]).round(2)
    rule = SELLING_TIME_RULE.reindex(order)
    table["rule_account_share"] = rule["account_share"]
    table["rule_time_share"] = rule["time_share"]
    return table
