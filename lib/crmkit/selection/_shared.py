"""What several of chapter 02's files share: the length of a month, a customer's orders over
time, and two small input checks. Private: the public names are in the concept files."""

from __future__ import annotations

import math
import numbers

import pandas as pd

from crmkit._validate import require_series

_DAYS_PER_MONTH = 365 / 12


def _customer_values(values: object, argument: str) -> pd.Series:
    """One number per customer, with no missing values, as float64."""
    values = require_series(
        values, argument, "one value per customer", numeric=True, allow_missing=False
    )
    return values.astype("float64")


def _is_finite_number(value: object) -> bool:
    """A real, finite number (True and False are not numbers here)."""
    return not isinstance(value, bool) and isinstance(value, numbers.Real) and math.isfinite(value)


def _months_since(dates: pd.Series, as_of: pd.Timestamp) -> pd.Series:
    """Months (of 365/12 days) from each date to ``as_of``, at least 1 (NaN for no date)."""
    return ((as_of - dates).dt.days / _DAYS_PER_MONTH).clip(lower=1.0)


def _first_order(lines: pd.DataFrame, ids: pd.Index) -> pd.Series:
    """Each customer's first order date in ``lines``, in the order of ``ids`` (NaT for none)."""
    owner = lines["customer_id"].astype("string").to_numpy()
    return lines["order_date"].groupby(owner).min().reindex(ids)


def _revenue_within(
    lines: pd.DataFrame, as_of: pd.Timestamp, days: int, ids: pd.Index
) -> pd.Series:
    """Each customer's revenue of the last ``days`` days up to ``as_of`` (0 for none)."""
    owner = lines["customer_id"].astype("string").to_numpy()
    recent = (as_of - lines["order_date"]).dt.days < days
    return lines["revenue"].where(recent, 0.0).groupby(owner).sum().reindex(ids, fill_value=0.0)
