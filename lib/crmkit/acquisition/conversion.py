"""Conversion with its uncertainty: Wilson intervals, and whether two methods really differ.

For ``k`` successes in ``n`` trials, rate ``p = k/n`` and ``z`` the normal quantile for
the confidence level (1.96 for 95%), the Wilson interval is::

    centre = (p + z²/(2n)) / (1 + z²/n)
    half   = z / (1 + z²/n) * sqrt(p(1-p)/n + z²/(4n²))
    interval = [centre - half, centre + half]
"""

from __future__ import annotations

import math
from statistics import NormalDist

import numpy as np
import pandas as pd

from crmkit._validate import (
    require_choice,
    require_column_name,
    require_confidence,
    require_frame,
    require_positive_int,
)
from crmkit.acquisition._shared import _group_index, _groups, _keep_decided, _sum_by_group, _won


def _z(confidence: float) -> float:
    """The normal quantile for a two-sided interval: 1.96 for 95%."""
    return NormalDist().inv_cdf(1 - (1 - confidence) / 2)


def _counts(values: object, argument: str) -> int | pd.Series:
    """A whole number of 0 or more, or a Series of them."""
    if isinstance(values, pd.Series):
        if not pd.api.types.is_numeric_dtype(values) or pd.api.types.is_bool_dtype(values):
            raise TypeError(f"{argument} must hold whole numbers, but its type is {values.dtype}.")
        if values.isna().any() or (values < 0).any() or (values != values.round()).any():
            raise ValueError(f"{argument} must hold whole numbers, 0 or more, with no gaps.")
        return values
    if isinstance(values, bool) or not isinstance(values, int | float | np.integer | np.floating):
        raise TypeError(
            f"{argument} must be a whole number or a pandas Series of them, but got {values!r}."
        )
    if not math.isfinite(float(values)) or values < 0 or values != int(values):
        raise ValueError(f"{argument} must be a whole number, 0 or more, but got {values!r}.")
    return int(values)


def _shared_index(k: int | pd.Series, n: int | pd.Series) -> pd.Index:
    """The labels of the Series among ``k`` and ``n`` (one row when both are numbers)."""
    if isinstance(k, pd.Series) and isinstance(n, pd.Series):
        if not k.index.equals(n.index):
            missing = k.index.symmetric_difference(n.index)
            raise ValueError(
                "successes and trials must have the same labels; these are in only one of "
                f"them: {', '.join(map(str, missing[:5]))}."
            )
        return k.index
    if isinstance(k, pd.Series):
        return k.index
    if isinstance(n, pd.Series):
        return n.index
    return pd.RangeIndex(1)


def wilson_interval(
    successes: int | pd.Series, trials: int | pd.Series, confidence: float = 0.95
) -> pd.DataFrame:
    """Wilson score interval for a rate ``successes / trials`` (see the module docstring).

    ``successes`` and ``trials`` are whole numbers or Series of them (aligned
    on their index). Returns a DataFrame with ``successes``, ``trials``,
    ``rate``, ``lower`` and ``upper`` (fractions). Zero trials give missing
    values. Unlike "rate ± 1.96 × standard error", the interval never leaves
    0–1 and stays sensible for small counts.

    >>> wilson_interval(20, 100).round(4)
       successes  trials  rate   lower   upper
    0         20     100   0.2  0.1334  0.2888
    >>> wilson_interval(0, 10)["upper"].round(4).item()
    0.2775
    """
    confidence = require_confidence(confidence)
    k = _counts(successes, "successes")
    n = _counts(trials, "trials")
    index = _shared_index(k, n)
    k_values = np.broadcast_to(np.asarray(k, dtype="float64"), len(index)).copy()
    n_values = np.broadcast_to(np.asarray(n, dtype="float64"), len(index)).copy()
    if (k_values > n_values).any():
        raise ValueError("successes must not be larger than trials: check the two arguments.")
    z = _z(confidence)
    with np.errstate(divide="ignore", invalid="ignore"):
        safe_n = np.where(n_values > 0, n_values, np.nan)
        p = k_values / safe_n
        denominator = 1 + z**2 / safe_n
        centre = (p + z**2 / (2 * safe_n)) / denominator
        half = z / denominator * np.sqrt(p * (1 - p) / safe_n + z**2 / (4 * safe_n**2))
    return pd.DataFrame(
        {
            "successes": k_values.astype("int64"),
            "trials": n_values.astype("int64"),
            "rate": p,
            # exactly 0 and 1 at the edges (the formula gives them up to rounding)
            "lower": np.where((k_values == 0) & (n_values > 0), 0.0, np.clip(centre - half, 0, 1)),
            "upper": np.where(
                (k_values == n_values) & (n_values > 0), 1.0, np.clip(centre + half, 0, 1)
            ),
        },
        index=index,
    )


def conversion_rates(
    leads: pd.DataFrame,
    by: str | None = "prospecting_method",
    confidence: float = 0.95,
    exclude_open: bool = True,
) -> pd.DataFrame:
    """Share of leads won per group, with a Wilson interval.

    Returns a DataFrame per group: ``leads``, ``won``, ``rate``, ``lower`` and
    ``upper`` (fractions). Open leads are dropped unless ``exclude_open=False``.

    >>> leads = pd.DataFrame({"prospecting_method": ["sms"] * 4 + ["referral"] * 2,
    ...     "status": ["won", "lost", "lost", "open", "won", "lost"]})
    >>> conversion_rates(leads).round(3)
                        leads  won  rate  lower  upper
    prospecting_method
    referral                2    1 0.500  0.095  0.905
    sms                     3    1 0.333  0.061  0.792
    """
    require_frame(leads, "leads", ["status"])
    confidence = require_confidence(confidence)
    leads = _keep_decided(leads, exclude_open)
    groups = _groups(leads, by, "leads")
    counts = _sum_by_group({"leads": 1, "won": _won(leads).astype("int64")}, groups)
    interval = wilson_interval(counts["won"], counts["leads"], confidence)
    table = pd.DataFrame(
        {
            "leads": counts["leads"].astype("int64"),
            "won": counts["won"].astype("int64"),
            "rate": interval["rate"],
            "lower": interval["lower"],
            "upper": interval["upper"],
        }
    )
    table.index = _group_index(table.index, by)
    return table


# --------------------------------------------------------------------------- two groups


def _check_grouped_leads(leads: object, by: object) -> None:
    """Leads with a status and the group column ``by``."""
    require_frame(leads, "leads", ["status"])
    require_column_name(by)
    require_frame(leads, "leads", [by])


def _two_groups(
    leads: pd.DataFrame,
    first: object,
    second: object,
    by: str,
    confidence: float,
    exclude_open: bool,
) -> tuple[str, str, pd.Series, pd.Series]:
    """The two groups to compare and their rows of :func:`conversion_rates`."""
    rates = conversion_rates(leads, by, confidence, exclude_open)
    first = require_choice(first, pd.Series(rates.index), "first", by)
    second = require_choice(second, pd.Series(rates.index), "second", by)
    if first == second:
        raise ValueError("first and second are the same group: compare two different ones.")
    return first, second, rates.loc[first], rates.loc[second]


def _comparison(first: str, second: str, columns: dict[str, list[object]]) -> pd.DataFrame:
    """A one-row result named "first vs second"."""
    return pd.DataFrame(columns, index=pd.Index([f"{first} vs {second}"], name="comparison"))


def compare_conversion(
    leads: pd.DataFrame,
    first: str,
    second: str,
    by: str = "prospecting_method",
    confidence: float = 0.95,
    exclude_open: bool = True,
) -> pd.DataFrame:
    """Is ``first``'s conversion really different from ``second``'s? A two-proportion comparison.

    Returns a one-row DataFrame (index ``"first vs second"``) with each
    group's ``leads_*``, ``won_*`` and ``rate_*``, the ``difference`` (first -
    second), its interval ``lower``/``upper`` (Newcombe's method, built from
    the two Wilson intervals), the two-sided ``p_value`` of the two-proportion
    z-test, and ``real``: True when the interval excludes 0 (the data shows a
    difference at this confidence level).

    >>> leads = pd.DataFrame({"prospecting_method": ["a"] * 100 + ["b"] * 100,
    ...     "status": ["won"] * 30 + ["lost"] * 70 + ["won"] * 10 + ["lost"] * 90})
    >>> result = compare_conversion(leads, "a", "b")
    >>> result[["rate_first", "rate_second", "difference"]].round(2)
                rate_first  rate_second  difference
    comparison
    a vs b             0.3          0.1         0.2
    >>> bool(result["real"].item()), round(result["lower"].item(), 3)
    (True, 0.09)
    """
    _check_grouped_leads(leads, by)
    first, second, a, b = _two_groups(leads, first, second, by, confidence, exclude_open)
    difference = a["rate"] - b["rate"]
    lower = difference - math.sqrt((a["rate"] - a["lower"]) ** 2 + (b["upper"] - b["rate"]) ** 2)
    upper = difference + math.sqrt((a["upper"] - a["rate"]) ** 2 + (b["rate"] - b["lower"]) ** 2)
    pooled = (a["won"] + b["won"]) / (a["leads"] + b["leads"])
    se = math.sqrt(pooled * (1 - pooled) * (1 / a["leads"] + 1 / b["leads"]))
    if se > 0:
        p_value = float(2 * (1 - NormalDist().cdf(abs(difference) / se)))
    else:
        p_value = 1.0
    return _comparison(
        first,
        second,
        {
            "leads_first": [int(a["leads"])],
            "won_first": [int(a["won"])],
            "rate_first": [float(a["rate"])],
            "leads_second": [int(b["leads"])],
            "won_second": [int(b["won"])],
            "rate_second": [float(b["rate"])],
            "difference": [float(difference)],
            "lower": [float(lower)],
            "upper": [float(upper)],
            "p_value": [p_value],
            "real": [bool(lower > 0 or upper < 0)],
        },
    )


def bootstrap_difference(
    leads: pd.DataFrame,
    first: str,
    second: str,
    by: str = "prospecting_method",
    n_resamples: int = 10_000,
    seed: int = 2025,
    confidence: float = 0.95,
    exclude_open: bool = True,
) -> pd.DataFrame:
    """The same question as :func:`compare_conversion`, answered by the bootstrap.

    Each resample redraws both groups' leads with replacement (for won/lost
    outcomes this is a binomial draw of the number won) from a seeded numpy
    Generator, so the result is reproducible. Returns a one-row DataFrame with
    the observed ``difference``, the percentile interval ``lower``/``upper``,
    ``share_first_better`` (share of resamples where first converts better)
    and ``real`` (interval excludes 0).

    >>> leads = pd.DataFrame({"prospecting_method": ["a"] * 100 + ["b"] * 100,
    ...     "status": ["won"] * 30 + ["lost"] * 70 + ["won"] * 10 + ["lost"] * 90})
    >>> boot = bootstrap_difference(leads, "a", "b", n_resamples=2000)
    >>> bool(boot["real"].item()), bool(boot["lower"].item() > 0.05)
    (True, True)
    """
    _check_grouped_leads(leads, by)
    n_resamples = require_positive_int(n_resamples, "n_resamples", minimum=100)
    if isinstance(seed, bool) or not isinstance(seed, int | np.integer):
        raise TypeError(f"seed must be a whole number, such as 2025, but got {seed!r}.")
    confidence = require_confidence(confidence)
    first, second, a, b = _two_groups(leads, first, second, by, confidence, exclude_open)
    rng = np.random.default_rng(int(seed))
    draws_a = rng.binomial(int(a["leads"]), float(a["rate"]), n_resamples) / a["leads"]
    draws_b = rng.binomial(int(b["leads"]), float(b["rate"]), n_resamples) / b["leads"]
    differences = draws_a - draws_b
    tail = (1 - confidence) / 2
    lower, upper = np.quantile(differences, [tail, 1 - tail])
    return _comparison(
        first,
        second,
        {
            "difference": [float(a["rate"] - b["rate"])],
            "lower": [float(lower)],
            "upper": [float(upper)],
            "share_first_better": [float((differences > 0).mean())],
            "real": [bool(lower > 0 or upper < 0)],
        },
    )
