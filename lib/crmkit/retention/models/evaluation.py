"""Can we trust a fit? Compare what the BG/NBD model expected with what the holdout shows.

A model fitted on the calibration period is judged on the holdout period it never saw:

* :func:`tracking_table` - repeat purchases of the whole cohort, period by period, expected
  and actual, across calibration and holdout (the BG/NBD paper's tracking figure);
* :func:`conditional_expectations_by_frequency` - customers grouped by how often they bought
  in the calibration period: the purchases the model expected of each group in the holdout,
  against what they did (the paper's conditional-expectations figure);
* :func:`holdout_errors` - numbers for both: the mean absolute error per customer (and that
  of a naive "same rate as before" forecast, for comparison), the error of the holdout total
  and of the cumulative tracking curve.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from crmkit._validate import require_choice, require_frame, require_numeric, require_positive_int
from crmkit.retention.models._checks import UNITS, summary_arrays
from crmkit.retention.models._special import _expected_if_alive
from crmkit.retention.models.bgnbd import BGNBDFit
from crmkit.retention.models.summary import _days, _end_day, _purchase_days, _purchases

HOLDOUT_COLUMNS = ("frequency_holdout", "duration_holdout")
PERIOD_NAMES = {"W": "week", "D": "day"}
TRACKING_COLUMNS = ("actual", "expected", "actual_cumulative", "expected_cumulative", "holdout")


def _require_fit(fit: object) -> BGNBDFit:
    if not isinstance(fit, BGNBDFit):
        raise TypeError(
            f"fit must be a BG/NBD fit from fit_bgnbd(summary), not a {type(fit).__name__}."
        )
    return fit


def tracking_table(
    fit: BGNBDFit,
    transactions: pd.DataFrame,
    calibration_end: object,
    observation_end: object,
    customer: str = "customer_id",
    date: str = "date",
    time_unit: str = "W",
) -> pd.DataFrame:
    """Expected and actual repeat purchases of the cohort, period by period (weeks by default).

    The cohort is the customers whose first purchase falls on or before ``calibration_end``
    (those the model was fitted on); period 1 starts on the first of those days. Index
    ``week`` (or ``day`` with ``time_unit="D"``), from 1; columns ``actual`` and ``expected``
    (repeat purchase days in the period), their running totals ``actual_cumulative`` and ``expected_cumulative``, and ``holdout``
    (True after ``calibration_end``). ``time_unit`` must be the fit's.

    >>> fit = BGNBDFit(r=0.243, alpha=4.414, a=0.793, b=2.426)
    >>> buys = pd.DataFrame({"customer_id": ["A", "A", "B", "B"],
    ...     "date": pd.to_datetime(["1997-01-01", "1997-01-10", "1997-01-03", "1997-01-20"])})
    >>> tracking_table(fit, buys, "1997-01-14", "1997-01-28")[["actual", "holdout"]]
            actual  holdout
    week
    1            0    False
    2            1    False
    3            1     True
    4            0     True
    """
    fit = _require_fit(fit)
    frame, customer, date, _ = _purchases(transactions, customer, date, None)
    time_unit = require_choice(time_unit, UNITS, "time_unit", "time units (W weeks, D days)")
    unit = UNITS[time_unit]
    cal_end, obs_end = (
        _end_day(calibration_end, "calibration_end"),
        _end_day(observation_end, "observation_end"),
    )
    if obs_end <= cal_end:
        raise ValueError("observation_end must come after calibration_end.")
    days = _days(frame[date])
    if not days.size:
        raise ValueError("transactions has no rows: there are no purchases to track.")
    codes, _ = pd.factorize(frame[customer].to_numpy(), sort=True)
    keep = days <= obs_end
    if not (days <= cal_end).any():
        raise ValueError(
            "transactions has no customer whose first purchase is on or before calibration_end."
        )
    cust, day, _ = _purchase_days(codes[keep], days[keep], None)
    first_row = np.r_[True, cust[1:] != cust[:-1]]
    first_day = np.repeat(day[first_row], np.bincount(cust)[np.unique(cust)])
    in_cohort = first_day <= cal_end
    start = int(first_day[in_cohort].min())
    periods = (obs_end - start) // unit + 1
    repeat = in_cohort & ~first_row
    actual = np.bincount((day[repeat] - start) // unit, minlength=periods)[:periods]
    starts, counts = np.unique(first_day[in_cohort & first_row], return_counts=True)
    ends = start + np.arange(1, periods + 1) * unit - 1
    ages = np.clip(np.minimum(ends, obs_end)[None, :] - starts[:, None], 0, None) / unit
    zero = np.zeros_like(ages)
    expected_cum = counts @ _expected_if_alive(fit.r, fit.alpha, fit.a, fit.b, zero, zero, ages)
    table = pd.DataFrame(
        {"actual": actual.astype("int64"), "expected": np.diff(expected_cum, prepend=0.0)},
        index=pd.Index(np.arange(1, periods + 1), name=PERIOD_NAMES[time_unit]),
    )
    table["actual_cumulative"] = table["actual"].cumsum()
    table["expected_cumulative"] = expected_cum
    table["holdout"] = ends > cal_end
    return table


def _holdout_arrays(fit: object, summary: object) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The model's expected holdout purchases, the actual ones, and the calibration rates."""
    fit = _require_fit(fit)
    require_frame(summary, "summary", ["frequency", "recency", "T", *HOLDOUT_COLUMNS])
    require_numeric(summary, "summary", HOLDOUT_COLUMNS, allow_missing=False)
    x, _, big_t = summary_arrays(summary)
    durations = summary["duration_holdout"].to_numpy(dtype="float64")
    actual = summary["frequency_holdout"].to_numpy(dtype="float64")
    if (durations <= 0).any() or np.ptp(durations) > 0 or (actual < 0).any():
        raise ValueError(
            "summary's duration_holdout must be one length above 0 for everyone, and "
            "frequency_holdout 0 or more. Build it with calibration_holdout_summary."
        )
    expected = fit.conditional_expected_transactions(summary, float(durations[0])).to_numpy()
    naive = np.where(big_t > 0, x / np.where(big_t > 0, big_t, 1.0), 0.0) * durations
    return expected, actual, naive


def conditional_expectations_by_frequency(
    fit: BGNBDFit, summary: pd.DataFrame, max_frequency: int = 7
) -> pd.DataFrame:
    """Mean holdout purchases, expected and actual, by number of calibration repeat purchases.

    ``summary`` comes from :func:`calibration_holdout_summary`. Index ``frequency``: "0", "1",
    ... and "7+" (``max_frequency`` and more; groups without customers are left out); columns ``customers``, ``actual`` and
    ``expected`` (mean purchases per customer in the holdout).

    >>> fit = BGNBDFit(r=0.243, alpha=4.414, a=0.793, b=2.426)
    >>> s = pd.DataFrame({"frequency": [0, 0, 1, 3], "recency": [0, 0, 5, 30], "T": [38] * 4,
    ...     "frequency_holdout": [0, 1, 0, 2], "duration_holdout": [39.0] * 4})
    >>> conditional_expectations_by_frequency(fit, s, max_frequency=2).round(2)
               customers  actual  expected
    frequency
    0                  2     0.5      0.20
    1                  1     0.0      0.31
    2+                 1     2.0      1.81
    """
    expected, actual, _ = _holdout_arrays(fit, summary)
    top = require_positive_int(max_frequency, "max_frequency")
    group = np.minimum(summary["frequency"].to_numpy(dtype="int64"), top)
    labels = [str(k) for k in range(top)] + [f"{top}+"]
    customers = np.bincount(group, minlength=top + 1)
    with np.errstate(invalid="ignore", divide="ignore"):
        table = pd.DataFrame(
            {
                "customers": customers.astype("int64"),
                "actual": np.bincount(group, weights=actual, minlength=top + 1) / customers,
                "expected": np.bincount(group, weights=expected, minlength=top + 1) / customers,
            },
            index=pd.Index(labels, name="frequency"),
        )
    return table.loc[customers > 0]


def holdout_errors(fit: BGNBDFit, summary: pd.DataFrame, tracking: pd.DataFrame) -> pd.DataFrame:
    """Numbers that say how well the fit predicts the holdout, each with its meaning.

    ``summary`` from :func:`calibration_holdout_summary`, ``tracking`` from
    :func:`tracking_table`. Index ``measure``; columns ``value`` and ``meaning``.

    >>> fit = BGNBDFit(r=0.243, alpha=4.414, a=0.793, b=2.426)
    >>> s = pd.DataFrame({"frequency": [0, 0, 1, 3], "recency": [0, 0, 5, 30], "T": [38] * 4,
    ...     "frequency_holdout": [0, 1, 0, 2], "duration_holdout": [39.0] * 4})
    >>> tracking = pd.DataFrame({"actual": [1, 3], "expected": [1.5, 2.0],
    ...     "actual_cumulative": [1, 4], "expected_cumulative": [1.5, 3.5],
    ...     "holdout": [False, True]})
    >>> holdout_errors(fit, s, tracking).loc[["mae_customer", "holdout_total_error_pct"], "value"]
    measure
    mae_customer                0.376...
    holdout_total_error_pct   -16.18...
    Name: value, dtype: float64
    """
    expected, actual, naive = _holdout_arrays(fit, summary)
    require_frame(tracking, "tracking", TRACKING_COLUMNS)
    require_numeric(tracking, "tracking", TRACKING_COLUMNS[:4], allow_missing=False)
    late = tracking["holdout"].to_numpy(dtype=bool)
    if not late.any():
        raise ValueError("tracking has no holdout period (column holdout is never True).")
    act_cum = tracking["actual_cumulative"].to_numpy(dtype="float64")[late]
    exp_cum = tracking["expected_cumulative"].to_numpy(dtype="float64")[late]
    gap = np.abs(tracking["expected"].to_numpy(dtype="float64") - tracking["actual"].to_numpy())[
        late
    ]
    rows = {
        "customers": (len(actual), "customers compared"),
        "mae_customer": (np.abs(expected - actual).mean(),
                         "mean absolute error per customer (holdout purchases), BG/NBD"),
        "mae_customer_naive": (np.abs(naive - actual).mean(),
                               "the same for a naive forecast: each customer's calibration rate"),
        "rmse_customer": (np.sqrt(((expected - actual) ** 2).mean()),
                          "root mean squared error per customer, BG/NBD"),
        "holdout_actual": (actual.sum(), "repeat purchases in the holdout, actual"),
        "holdout_expected": (expected.sum(), "repeat purchases in the holdout, expected"),
        "holdout_total_error_pct": (100 * (expected.sum() - actual.sum()) / max(actual.sum(), 1),
                                    "error of the holdout total, % of the actual"),
        "tracking_cumulative_mape_pct": (100 * np.mean(np.abs(exp_cum - act_cum) / np.maximum(act_cum, 1)),
                                         "mean absolute % error of the cumulative curve, holdout periods"),
        "tracking_period_mae": (gap.mean(), "mean absolute error of purchases per period, holdout"),
    }  # fmt: skip
    return pd.DataFrame(
        {"value": [float(v) for v, _ in rows.values()], "meaning": [m for _, m in rows.values()]},
        index=pd.Index(list(rows), name="measure"),
    )
