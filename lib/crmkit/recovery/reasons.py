"""Why customers leave (流失原因): the reasons lost customers give, by group, and the firm's part.

The win-back campaign asked every lost customer why they left. Some reasons are the firm's
doing (poor service, a problem left unresolved: it can fix them), some the market's (price, a
competitor) and some the customer's own life (changed needs, moved away). The complaints a
customer made before leaving show whether the reason they give has a history behind it, and
the coffee-machine question (do crises grow from small failures?) is asked of the complaint data.
"""

from __future__ import annotations

import pandas as pd

from crmkit._validate import (
    require_confidence,
    require_dates,
    require_frame,
    require_positive_int,
    require_timestamp,
)
from crmkit.recovery._shared import REASON_FAULT, REASONS, _groups, _winback
from crmkit.recovery.economics import wilson_interval
from crmkit.vocabulary import AS_OF

STREAK_BANDS = ("0", "1", "2", "3+")
"""The complaint-count bands of :func:`complaint_streaks`."""


def reason_shares(winback: pd.DataFrame, groups: pd.Series | None = None) -> pd.DataFrame:
    """The share of lost customers giving each reason for leaving, per group of customers.

    ``groups`` labels each customer of ``winback`` (index ``customer_id``: a segment, a tier);
    None puts everyone in one column ``all``. Rows: the six reasons (:data:`REASONS`); one
    column per group (shares of that group's customers, each column adds up to 1), then
    ``fault`` (:data:`REASON_FAULT`). ``attrs["customers"]`` holds each group's size.

    >>> winback = pd.DataFrame({"customer_id": ["A", "B", "C", "D"], "offer": ["none"] * 4,
    ...     "reason_for_leaving": ["price", "poor_service", "price", "moved_away"]})
    >>> reason_shares(winback)
                        all     fault
    reason_for_leaving
    poor_service        0.25      firm
    unresolved_problem  0.00      firm
    price               0.50    market
    competitor          0.00    market
    changed_needs       0.00  customer
    moved_away          0.25  customer
    """
    table = _winback(winback)
    ids = table["customer_id"].astype("string")
    labels = _groups(groups, ids)
    reasons = table["reason_for_leaving"].astype("string").to_numpy()
    counts = pd.crosstab(reasons, labels.to_numpy()).reindex(list(REASONS), fill_value=0)
    shares = (counts / counts.sum(axis=0)).round(4)
    shares.index.name = "reason_for_leaving"
    shares.columns = [str(column) for column in shares.columns]
    shares["fault"] = [REASON_FAULT[reason] for reason in shares.index]
    shares.attrs["customers"] = {str(k): int(v) for k, v in counts.sum(axis=0).items()}
    return shares


def fault_share(winback: pd.DataFrame, groups: pd.Series | None = None) -> pd.Series:
    """The share of lost customers who left for a reason that was the firm's fault, per group.

    The firm's reasons are those :data:`REASON_FAULT` marks ``"firm"`` (poor service, an
    unresolved problem). Index: the group labels (``all`` when ``groups`` is None).

    >>> winback = pd.DataFrame({"customer_id": ["A", "B", "C", "D"], "offer": ["none"] * 4,
    ...     "reason_for_leaving": ["price", "poor_service", "unresolved_problem", "moved_away"]})
    >>> fault_share(winback).tolist()
    [0.5]
    """
    table = _winback(winback)
    labels = _groups(groups, table["customer_id"].astype("string"))
    firm = table["reason_for_leaving"].astype("string").map(REASON_FAULT).eq("firm")
    share = pd.Series(firm.to_numpy(), index=labels.to_numpy()).groupby(level=0).mean()
    share.index.name = "group"
    return share.astype("float64").rename("fault_share")


def reasons_and_complaints(
    winback: pd.DataFrame, complaints: pd.DataFrame, days_after: int = 30
) -> pd.DataFrame:
    """What lost customers had complained about before leaving, by the reason they gave.

    A complaint counts when it is dated up to ``days_after`` days after the customer's last
    order (complaints come a few days after the order they are about). One row per reason:
    ``customers``, ``complained`` (share with at least one complaint), ``not_resolved``
    (share with a complaint whose ``resolution`` is not ``resolved``) and
    ``mean_complaints``.

    >>> winback = pd.DataFrame({"customer_id": ["A", "B"], "offer": ["none"] * 2,
    ...     "reason_for_leaving": ["poor_service", "price"],
    ...     "last_order_date": pd.to_datetime(["2024-05-01", "2024-06-01"])})
    >>> complaints = pd.DataFrame({"customer_id": ["A", "A"],
    ...     "complaint_date": pd.to_datetime(["2024-03-01", "2024-05-05"]),
    ...     "resolution": ["resolved", "unresolved"]})
    >>> reasons_and_complaints(winback, complaints).loc[["poor_service", "price"]]
                        customers  complained  not_resolved  mean_complaints
    reason_for_leaving
    poor_service                1         1.0           1.0              2.0
    price                       1         0.0           0.0              0.0
    """
    table = _winback(winback, ("last_order_date",))
    require_dates(table, "winback", ["last_order_date"])
    require_frame(complaints, "complaints", ["customer_id", "complaint_date", "resolution"])
    require_dates(complaints, "complaints", ["complaint_date"])
    days_after = require_positive_int(days_after, "days_after", minimum=0)
    ids = table["customer_id"].astype("string")
    limit = pd.Series(table["last_order_date"].to_numpy(), index=ids.to_numpy())
    limit = limit + pd.Timedelta(days=days_after)
    mine = complaints[complaints["customer_id"].astype("string").isin(set(ids))]
    owner = mine["customer_id"].astype("string")
    before = mine[(mine["complaint_date"].to_numpy() <= limit.reindex(owner.to_numpy()).to_numpy())]
    owner = before["customer_id"].astype("string")
    open_ = before["resolution"].astype("string").ne("resolved")
    counts = owner.value_counts().reindex(ids.to_numpy(), fill_value=0).to_numpy()
    unresolved = owner[open_.to_numpy()].value_counts().reindex(ids.to_numpy(), fill_value=0)
    frame = pd.DataFrame(
        {
            "reason": table["reason_for_leaving"].astype("string").to_numpy(),
            "complained": counts > 0,
            "not_resolved": unresolved.to_numpy() > 0,
            "complaints": counts,
        }
    )
    result = frame.groupby("reason").agg(
        customers=("complained", "size"),
        complained=("complained", "mean"),
        not_resolved=("not_resolved", "mean"),
        mean_complaints=("complaints", "mean"),
    )
    result = result.reindex([r for r in REASONS if r in result.index]).round(4)
    result.index.name = "reason_for_leaving"
    return result.astype({"customers": "int64"})


def complaint_streaks(
    complaints: pd.DataFrame,
    order_lines: pd.DataFrame,
    min_orders: int = 10,
    as_of: object = AS_OF,
    lost_after_days: int = 180,
    confidence: float = 0.95,
) -> pd.DataFrame:
    """Do small failures add up? The share of customers lost by their number of complaints.

    Customers with at least ``min_orders`` orders up to ``as_of`` are banded by how many
    complaints they made (``0``, ``1``, ``2``, ``3+``); a customer is lost when their last order
    is more than ``lost_after_days`` before ``as_of`` (chapter 01's rule). Comparing customers
    with a similar number of orders matters: big buyers complain more often simply because they
    order more. Rows: the bands; columns ``customers``, ``lost``, ``lost_share`` with its
    Wilson interval ``lower`` and ``upper``, and ``median_orders``.

    >>> lines = pd.DataFrame({"customer_id": ["A", "A", "B", "B"], "order_id": ["1", "2", "3", "4"],
    ...     "order_date": pd.to_datetime(["2025-01-01", "2025-02-01", "2025-03-01", "2025-12-01"])})
    >>> complaints = pd.DataFrame({"customer_id": ["A", "A"],
    ...     "complaint_date": pd.to_datetime(["2025-01-05", "2025-02-03"])})
    >>> complaint_streaks(complaints, lines, min_orders=2)[["customers", "lost"]]
          customers  lost
    band
    0             1     0
    2             1     1
    """
    require_frame(complaints, "complaints", ["customer_id", "complaint_date"])
    require_dates(complaints, "complaints", ["complaint_date"])
    require_frame(order_lines, "order_lines", ["customer_id", "order_id", "order_date"])
    require_dates(order_lines, "order_lines", ["order_date"])
    min_orders = require_positive_int(min_orders, "min_orders")
    as_of = require_timestamp(as_of, "as_of")
    lost_after_days = require_positive_int(lost_after_days, "lost_after_days")
    confidence = require_confidence(confidence)
    lines = order_lines[order_lines["order_date"] <= as_of]
    owner = lines["customer_id"].astype("string")
    orders = lines["order_id"].astype("string").groupby(owner.to_numpy()).nunique()
    last = lines["order_date"].groupby(owner.to_numpy()).max()
    keep = orders.index[orders >= min_orders]
    said = complaints[complaints["complaint_date"] <= as_of]["customer_id"].astype("string")
    count = said.value_counts().reindex(keep, fill_value=0)
    band = pd.cut(count, [-1, 0, 1, 2, float("inf")], labels=list(STREAK_BANDS))
    frame = pd.DataFrame(
        {
            "band": band.to_numpy(),
            "lost": (last.reindex(keep) < as_of - pd.Timedelta(days=lost_after_days)).to_numpy(),
            "orders": orders.reindex(keep).to_numpy(),
        }
    )
    table = frame.groupby("band", observed=True).agg(
        customers=("lost", "size"), lost=("lost", "sum"), median_orders=("orders", "median")
    )
    interval = wilson_interval(table["lost"], table["customers"], confidence)
    table["lost"] = table["lost"].astype("int64")
    table["lost_share"] = interval["rate"].round(4)
    table["lower"] = interval["lower"].round(4)
    table["upper"] = interval["upper"].round(4)
    table.index = pd.Index([str(label) for label in table.index], name="band")
    return table[["customers", "lost", "lost_share", "lower", "upper", "median_orders"]]
