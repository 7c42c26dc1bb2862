"""Shared checks and steps of the retention package: orders of a segment, periods."""

from __future__ import annotations

import pandas as pd

from crmkit._validate import require_choice, require_dates, require_frame, require_timestamp
from crmkit.vocabulary import SEGMENTS

FREQUENCIES = {"Y": "year", "Q": "quarter", "M": "month"}
"""Period lengths a retention rate or cohort matrix can use."""


def _frequency(freq: object) -> str:
    return require_choice(freq, FREQUENCIES, "freq", "period lengths (Y, Q, M)")


def _segment_ids(customers: object, segment: object) -> pd.Index | None:
    """The customer ids of ``segment`` (None: every customer, no filter)."""
    if customers is not None or segment is not None:
        if customers is None:
            raise ValueError(
                "segment needs customers to look it up: pass customers=crmkit.data.load_customers()."
            )
        require_frame(customers, "customers", ["customer_id", "segment"])
    if segment is None:
        return None
    segment = require_choice(segment, SEGMENTS, "segment", "segment")
    return pd.Index(customers.loc[customers["segment"] == segment, "customer_id"].astype("string"))


def _orders(
    order_lines: object, customers: object = None, segment: object = None, as_of: object = None
) -> pd.DataFrame:
    """One row per order (``customer_id`` as text, ``order_date``), of ``segment``, up to ``as_of``."""
    require_frame(order_lines, "order_lines", ["order_id", "customer_id", "order_date"])
    require_dates(order_lines, "order_lines", ["order_date"])
    ids = _segment_ids(customers, segment)
    orders = order_lines.drop_duplicates("order_id")[["customer_id", "order_date"]]
    orders = orders.assign(customer_id=orders["customer_id"].astype("string"))
    if as_of is not None:
        orders = orders[orders["order_date"] <= require_timestamp(as_of, "as_of")]
    if ids is not None:
        orders = orders[orders["customer_id"].isin(ids)]
    if orders.empty:
        raise ValueError(
            "order_lines has no orders to count here (check segment, as_of and that you passed "
            "the order_lines table, crmkit.data.load_order_lines())."
        )
    return orders


def _periods(dates: pd.Series, freq: str) -> pd.Series:
    return dates.dt.to_period("Y" if freq == "Y" else freq)


def _label(period: pd.Period) -> str:
    return str(period)
