"""Customer acquisition cost (CAC), per prospecting method and per consumer channel.

CAC of a method = money spent on *all* its (decided) leads / customers won. For
consumers, whose cost is recorded per customer, CAC = money spent on the channel's
customers / customers.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from crmkit import vocabulary
from crmkit._validate import require_column_name, require_frame, require_numeric
from crmkit.acquisition._shared import _group_index, _groups, _keep_decided, _sum_by_group, _won

CONSUMER_CHANNELS = list(vocabulary.CONSUMER_CHANNELS)
"""How consumers were acquired (the customers table's ``acquisition_channel``)."""


def method_cac(
    leads: pd.DataFrame, by: str = "prospecting_method", exclude_open: bool = True
) -> pd.DataFrame:
    """Acquisition cost per prospecting method: the cost of every lead counts, won or not.

    Returns a DataFrame per method: ``leads``, ``won``, ``spend`` (CNY spent
    on all its leads), ``cost_per_lead`` (spend / leads), ``win_rate`` (won /
    leads) and ``cac`` (spend / won; infinite when money was spent and nobody
    won). Note ``cac = cost_per_lead / win_rate``. Open leads are dropped
    unless ``exclude_open=False`` (their money is spent, their outcome unknown).

    >>> leads = pd.DataFrame({"prospecting_method": ["sms"] * 4,
    ...     "status": ["won", "lost", "lost", "lost"], "acquisition_cost": [100.0, 30.0, 40.0, 30.0]})
    >>> method_cac(leads)
                        leads  won  spend  cost_per_lead  win_rate    cac
    prospecting_method
    sms                     4    1  200.0           50.0      0.25  200.0
    """
    require_frame(leads, "leads", ["status", "acquisition_cost"])
    require_column_name(by)
    require_frame(leads, "leads", [by])
    require_numeric(leads, "leads", ["acquisition_cost"], allow_missing=False)
    leads = _keep_decided(leads, exclude_open)
    groups = _groups(leads, by, "leads")
    won = _won(leads).astype("int64")
    sums = _sum_by_group(
        {"leads": 1, "won": won, "spend": leads["acquisition_cost"].to_numpy()}, groups
    )
    with np.errstate(divide="ignore", invalid="ignore"):
        cac = np.where(sums["won"] > 0, sums["spend"] / sums["won"].where(sums["won"] > 0), np.inf)
    table = pd.DataFrame(
        {
            "leads": sums["leads"].astype("int64"),
            "won": sums["won"].astype("int64"),
            "spend": sums["spend"].round(2),
            "cost_per_lead": (sums["spend"] / sums["leads"]).round(2),
            "win_rate": sums["won"] / sums["leads"],
            "cac": np.round(cac, 2),
        }
    )
    table.index = _group_index(table.index, by)
    return table


def channel_cac(
    customers: pd.DataFrame, segment: str = "consumer", by: str = "acquisition_channel"
) -> pd.DataFrame:
    """Acquisition cost per consumer channel, from the cost recorded on each customer.

    Consumers' ``acquisition_cost`` is what winning that one customer cost, so
    CAC = spend on the channel's customers / customers. Returns ``customers``,
    ``spend`` and ``cac`` per channel. Business accounts are refused: their
    recorded cost is only the won lead's, which leaves out every lead that was
    lost; use :func:`method_cac` on the leads instead.

    >>> customers = pd.DataFrame({"segment": ["consumer"] * 3,
    ...     "acquisition_channel": ["coupon_site", "coupon_site", "tea_fair"],
    ...     "acquisition_cost": [18.0, 20.0, 120.0]})
    >>> channel_cac(customers)
                         customers  spend    cac
    acquisition_channel
    coupon_site                  2   38.0   19.0
    tea_fair                     1  120.0  120.0
    """
    require_column_name(by)
    require_frame(customers, "customers", ["segment", by, "acquisition_cost"])
    if segment == "business":
        raise ValueError(
            "channel_cac does not compute CAC for business accounts: the customers table holds "
            "only the cost of each WON lead, and leaves out the money spent on the leads that "
            "were lost. Use method_cac(leads) instead."
        )
    segments = sorted(customers["segment"].dropna().astype("string").unique())
    if segment != "consumer":
        raise ValueError(
            f"segment must be 'consumer', but got {segment!r}. The segments in customers are: "
            f"{', '.join(segments) or '(none)'}."
        )
    require_numeric(customers, "customers", ["acquisition_cost"], allow_missing=False)
    chosen = customers[customers["segment"].astype("string").eq(segment).to_numpy()]
    groups = _groups(chosen, by, "customers")
    sums = _sum_by_group({"customers": 1, "spend": chosen["acquisition_cost"].to_numpy()}, groups)
    table = pd.DataFrame(
        {
            "customers": sums["customers"].astype("int64"),
            "spend": sums["spend"].round(2),
            "cac": (sums["spend"] / sums["customers"]).round(2),
        }
    )
    table.index = _group_index(table.index, by)
    return table
