"""The customer relative value matrix (客户相对价值矩阵): current value against growth potential.

The potential of a business account is its wallet headroom (:func:`wallet_headroom`);
:func:`value_matrix` splits the customers into the four quadrants of :data:`QUADRANTS`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from crmkit._validate import require_dates, require_frame, require_numeric, require_timestamp
from crmkit.selection._shared import (
    _customer_values,
    _first_order,
    _is_finite_number,
    _revenue_within,
)
from crmkit.vocabulary import AS_OF

QUADRANTS = ("marginal", "promising", "mature", "star")
"""The four quadrants of the value matrix: I low/low ("marginal"; the book's 铅质客户, "lead"
customers after the cheap metal, renamed here so as not to be confused with sales leads),
II low current value and high potential, III high current value and low potential, IV high/high."""
QUADRANT_STRATEGY = {
    "marginal": "serve at the lowest cost: standard service, fewer visits, re-price or let go",
    "promising": "develop: invest to win a bigger share of their purchases",
    "mature": "maintain: keep them satisfied efficiently and protect the margin",
    "star": "invest and protect: key-account care, priority service, senior contacts",
}


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
    first = _first_order(lines, ids)
    revenue = _revenue_within(lines, as_of, 365, ids)
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


def _split(split: object, values: pd.Series, argument: str) -> float:
    """Where "high" starts: ``split``, or the median of ``values`` when it is None."""
    if split is None:
        return float(values.median())
    if not _is_finite_number(split):
        raise TypeError(f"{argument} must be a number (or None for the median), but got {split!r}.")
    return float(split)


def value_matrix(
    current_value: pd.Series,
    potential: pd.Series,
    current_split: float | None = None,
    potential_split: float | None = None,
) -> pd.DataFrame:
    """Place customers in the four quadrants of the customer relative value matrix.

    High means strictly above the split; the splits default to the medians. Quadrants
    (:data:`QUADRANTS`): ``marginal`` (low current value, low potential), ``promising``
    (low, high), ``mature`` (high, low), ``star`` (high, high). Returns a DataFrame
    with ``current_value``, ``potential`` and ``quadrant`` (categorical), one row per
    customer of ``current_value`` (both Series need the same customers).

    >>> current = pd.Series({"A": 10.0, "B": 50.0, "C": -5.0, "D": 80.0})
    >>> potential = pd.Series({"A": 900.0, "B": 0.0, "C": 0.0, "D": 400.0})
    >>> value_matrix(current, potential)["quadrant"].tolist()
    ['promising', 'mature', 'marginal', 'star']
    """
    current_value = _customer_values(current_value, "current_value")
    potential = _customer_values(potential, "potential")
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
    high_now = (current_value > _split(current_split, current_value, "current_split")).to_numpy()
    high_later = (potential > _split(potential_split, potential, "potential_split")).to_numpy()
    label = np.select(
        [~high_now & ~high_later, ~high_now & high_later, high_now & ~high_later],
        ["marginal", "promising", "mature"],
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
