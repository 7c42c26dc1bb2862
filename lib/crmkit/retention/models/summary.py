"""From purchases to the repeat-buying summary: frequency, recency, T (and monetary value).

The repeat-buying models (BG/NBD, Gamma-Gamma) need only three numbers per customer:

* ``frequency`` - the number of **repeat** purchases (purchases after the first one);
* ``recency`` - the time from the first purchase to the last one (0 without a repeat);
* ``T`` - the time from the first purchase to the end of the observation period;
* ``monetary`` (optional) - the mean spend of the repeat purchases (0 without a repeat).

Purchases on the same calendar day count as **one** purchase (their amounts are added), as
in the BG/NBD paper and in lifetimes' ``summary_data_from_transaction_data`` with
``freq="D"``; times of day are ignored. Time is measured in weeks (``time_unit="W"``, days
divided by 7, lifetimes' ``freq_multiplier=7``) or days (``"D"``). Everything is vectorised
with numpy: a million purchases take well under a second (``benchmarks/bench_retention.py``).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from crmkit._validate import (
    require_choice,
    require_column_name,
    require_dates,
    require_frame,
    require_numeric,
    require_timestamp,
)
from crmkit.retention.models._checks import UNITS

DAY = np.timedelta64(1, "D")


def _purchases(
    transactions: object, customer: object, date: object, amount: object
) -> tuple[pd.DataFrame, str, str, str | None]:
    """The checked transactions table and its column names."""
    customer = require_column_name(customer, "customer")
    date = require_column_name(date, "date")
    columns = [customer, date]
    if amount is not None:
        amount = require_column_name(amount, "amount")
        columns.append(amount)
    require_frame(transactions, "transactions", columns)
    require_dates(transactions, "transactions", [date])
    if amount is not None:
        require_numeric(transactions, "transactions", [amount], allow_missing=False)
    for column, what in ((customer, "customer id"), (date, "date")):
        gaps = int(transactions[column].isna().sum())
        if gaps:
            raise ValueError(
                f"Column {column!r} of transactions has {gaps} missing {what}(s). Drop those "
                "rows first (a purchase without a customer or a date cannot be counted)."
            )
    return transactions, customer, date, amount


def _sorted_codes(ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Codes 0..n-1 of the ids, numbered in sorted order of the ids, and the sorted ids.

    Hashing first and sorting only the distinct ids (as fixed-width text when they are text)
    is several times faster than ``pd.factorize(sort=True)`` on a million rows of text ids.
    """
    codes, uniques = pd.factorize(ids, sort=False)
    uniques = np.asarray(uniques)
    kind = pd.api.types.infer_dtype(uniques, skipna=False)
    if kind == "string":
        keys = uniques.astype("U")
    elif kind in ("integer", "floating", "mixed-integer-float", "datetime64"):
        keys = uniques
    else:  # anything else: let pandas sort it (slower, but safe for mixed types)
        return pd.factorize(ids, sort=True)
    order = np.argsort(keys, kind="stable")
    rank = np.empty_like(order)
    rank[order] = np.arange(order.size)
    return rank[codes], uniques[order]


def _days(dates: pd.Series) -> np.ndarray:
    """Calendar days since 1970-01-01 (times of day dropped), as int64."""
    return dates.to_numpy().astype("datetime64[D]").astype("int64")


def _end_day(value: object, argument: str) -> int:
    return int(
        np.datetime64(require_timestamp(value, argument).to_datetime64(), "D").astype("int64")
    )


def _purchase_days(
    codes: np.ndarray, days: np.ndarray, spend: np.ndarray | None
) -> tuple[np.ndarray, np.ndarray, np.ndarray | None]:
    """One row per (customer, day), sorted: customer codes, days and the day's spend."""
    span = int(days.max() - days.min()) + 1 if days.size else 1
    key = codes.astype("int64") * span + (days - (days.min() if days.size else 0))
    unique, inverse = np.unique(key, return_inverse=True)
    day_spend = (
        None if spend is None else np.bincount(inverse, weights=spend, minlength=unique.size)
    )
    return unique // span, unique % span + (days.min() if days.size else 0), day_spend


def _summarise(
    codes: np.ndarray, days: np.ndarray, spend: np.ndarray | None, n: int, end: int, unit: int
) -> dict[str, np.ndarray]:
    """frequency, recency, T (and monetary) per customer code 0..n-1 from (code, day) rows."""
    cust, day, day_spend = _purchase_days(codes, days, spend)
    count = np.bincount(cust, minlength=n)
    starts = np.r_[0, np.cumsum(count)[:-1]]
    first, last = day[starts], day[starts + count - 1]
    table = {
        "frequency": (count - 1).astype("int64"),
        "recency": (last - first) / unit,
        "T": (end - first) / unit,
    }
    if day_spend is not None:
        repeat = np.ones(cust.size, dtype=bool)
        repeat[starts] = False
        total = np.bincount(cust[repeat], weights=day_spend[repeat], minlength=n)
        with np.errstate(invalid="ignore", divide="ignore"):
            table["monetary"] = np.where(count > 1, total / np.maximum(count - 1, 1), 0.0)
    return table


def repeat_summary(
    transactions: pd.DataFrame,
    customer: str = "customer_id",
    date: str = "date",
    amount: str | None = None,
    observation_end: object = None,
    time_unit: str = "W",
) -> pd.DataFrame:
    """Frequency, recency and T (and monetary value) of every customer, from their purchases.

    One row per customer with a purchase up to ``observation_end`` (None: the last date in
    the table; later purchases are left out), index = the customer ids, sorted. Columns
    ``frequency`` (repeat purchase days), ``recency`` and ``T`` (in ``time_unit``: "W" weeks
    or "D" days), and ``monetary`` (mean spend of the repeat purchase days) when ``amount``
    names the spend column. Same-day purchases count once, with their amounts added.

    >>> buys = pd.DataFrame({"customer_id": ["A", "A", "A", "B"],
    ...     "date": pd.to_datetime(["1997-01-01", "1997-01-01", "1997-01-15", "1997-01-08"]),
    ...     "amount": [10.0, 5.0, 20.0, 7.0]})
    >>> repeat_summary(buys, amount="amount", observation_end="1997-01-29")
                 frequency  recency    T  monetary
    customer_id
    A                    1      2.0  4.0      20.0
    B                    0      0.0  3.0       0.0
    """
    frame, customer, date, amount = _purchases(transactions, customer, date, amount)
    unit = UNITS[require_choice(time_unit, UNITS, "time_unit", "time units (W weeks, D days)")]
    end = None if observation_end is None else _end_day(observation_end, "observation_end")
    days = _days(frame[date])
    if not days.size:
        raise ValueError("transactions has no rows: there are no purchases to summarise.")
    end = int(days.max()) if end is None else end
    keep = days <= end
    codes, ids = _sorted_codes(frame[customer].to_numpy()[keep])
    if not len(ids):
        raise ValueError(
            "transactions has no purchase on or before observation_end "
            f"({pd.Timestamp(end * DAY + np.datetime64(0, 'D')).date()}): nothing to summarise."
        )
    spend = None if amount is None else frame[amount].to_numpy(dtype="float64")[keep]
    table = _summarise(codes, days[keep], spend, len(ids), end, unit)
    index = pd.Index(ids, name=customer, dtype=frame[customer].dtype)
    return pd.DataFrame(table, index=index)


def calibration_holdout_summary(
    transactions: pd.DataFrame,
    calibration_end: object,
    observation_end: object,
    customer: str = "customer_id",
    date: str = "date",
    amount: str | None = None,
    time_unit: str = "W",
) -> pd.DataFrame:
    """The summary of a calibration period, and what each customer did in the holdout after it.

    Customers whose first purchase falls on or before ``calibration_end``, with the calibration
    summary under the usual names (``frequency``, ``recency``, ``T`` [, ``monetary``], as
    :func:`repeat_summary` up to ``calibration_end``, so a model fits it directly), plus
    ``frequency_holdout`` (purchase days after ``calibration_end`` up to ``observation_end``),
    ``monetary_holdout`` (their mean spend, 0 without one; only with ``amount``) and
    ``duration_holdout`` (the holdout's length). lifetimes' ``calibration_and_holdout_data``
    calls these frequency_cal, recency_cal, T_cal, ... and averages the raw holdout rows rather
    than the purchase days for monetary_value_holdout.

    >>> buys = pd.DataFrame({"customer_id": ["A", "A", "B", "C"],
    ...     "date": pd.to_datetime(["1997-01-01", "1997-01-22", "1997-01-08", "1997-01-20"])})
    >>> calibration_holdout_summary(buys, "1997-01-15", "1997-01-29")
                 frequency  recency    T  frequency_holdout  duration_holdout
    customer_id
    A                    0      0.0  2.0                  1               2.0
    B                    0      0.0  1.0                  0               2.0
    """
    frame, customer, date, amount = _purchases(transactions, customer, date, amount)
    unit = UNITS[require_choice(time_unit, UNITS, "time_unit", "time units (W weeks, D days)")]
    cal_end = _end_day(calibration_end, "calibration_end")
    obs_end = _end_day(observation_end, "observation_end")
    if obs_end <= cal_end:
        raise ValueError(
            "observation_end must come after calibration_end: the holdout period runs from "
            "the day after calibration_end to observation_end."
        )
    days = _days(frame[date])
    calibration = repeat_summary(
        frame.loc[days <= cal_end], customer, date, amount, calibration_end, time_unit
    )
    holdout = (days > cal_end) & (days <= obs_end)
    ids = frame[customer].to_numpy()[holdout]
    codes = calibration.index.get_indexer(pd.Index(ids, dtype=calibration.index.dtype))
    known = codes >= 0
    spend = None if amount is None else frame[amount].to_numpy(dtype="float64")[holdout][known]
    cust, _, day_spend = _purchase_days(codes[known], days[holdout][known], spend)
    count = np.bincount(cust, minlength=len(calibration))
    calibration["frequency_holdout"] = count.astype("int64")
    if day_spend is not None:
        total = np.bincount(cust, weights=day_spend, minlength=len(calibration))
        calibration["monetary_holdout"] = np.where(count > 0, total / np.maximum(count, 1), 0.0)
    calibration["duration_holdout"] = (obs_end - cal_end) / unit
    return calibration
