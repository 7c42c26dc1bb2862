"""Chapter 03: developing customers. Lead funnels, conversion with uncertainty, acquisition cost,
first-year value, payback and a budget allocation.

The rules below are the ones the lesson states, so a student can apply them
by hand and compare with these functions.

* **Decided leads.** A lead's outcome is known once its status is ``won`` or
  ``lost``. Open leads are still in progress: counting them as failures would
  understate conversion for every method used recently. The lead functions
  therefore drop open leads by default (``exclude_open=True``).
* **Funnel.** ``funnel`` counts the leads that reached *at least* each stage
  (lead, contacted, qualified, proposal, won); ``stage_conversion`` divides
  each stage by the one before it, and ``overall`` is won / lead.
* **Wilson interval.** For ``k`` successes in ``n`` trials, rate ``p = k/n``
  and ``z`` the normal quantile for the confidence level (1.96 for 95%)::

      centre = (p + z²/(2n)) / (1 + z²/n)
      half   = z / (1 + z²/n) * sqrt(p(1-p)/n + z²/(4n²))
      interval = [centre - half, centre + half]

* **CAC** (customer acquisition cost) of a method = money spent on *all* its
  (decided) leads / customers won. For consumers, whose cost is recorded per
  customer, CAC = money spent on the channel's customers / customers.
* **First-year value** = revenue and gross profit (revenue - cost of goods) in
  the ``days`` days from sign-up (days 0 to ``days - 1``). Only customers who
  signed up at least ``days`` days before ``as_of`` have a full first year;
  the others get missing values.
* **Value-to-cost ratio** = mean first-year gross profit per customer / CAC.
* **Payback period** = the first month (month m = days since sign-up in
  [(m-1)·365/12, m·365/12)) by the end of which the mean cumulative gross
  profit per customer covers the CAC.
* **Budget allocation** ranks methods (by value-to-cost unless told otherwise)
  and funds each up to its capacity until the budget runs out; a method's
  result is spend / CAC customers and customers × first-year gross profit.
"""

from __future__ import annotations

import math
from statistics import NormalDist

import numpy as np
import pandas as pd

from crmkit._validate import (
    require_amount,
    require_bool,
    require_choice,
    require_column_name,
    require_confidence,
    require_dates,
    require_frame,
    require_labels,
    require_numeric,
    require_positive_int,
    require_timestamp,
)
from crmkit.data import AS_OF, FUNNEL_STAGES
from crmkit.synth import PROSPECTING_METHODS

STAGES = list(FUNNEL_STAGES)
STEPS = ["lead_to_contacted", "contacted_to_qualified", "qualified_to_proposal", "proposal_to_won"]
STATUSES = ("won", "open", "lost")
METHODS = list(PROSPECTING_METHODS)
METHOD_LABELS = {method: spec[3] for method, spec in PROSPECTING_METHODS.items()}
CONSUMER_CHANNELS = [
    "coupon_site",
    "marketplace",
    "social_media",
    "search_ads",
    "referral",
    "tea_fair",
]
DAYS_PER_MONTH = 365 / 12
_STAGE_DATES = ["created_date", "contacted_date", "qualified_date", "proposal_date", "won_date"]


# --------------------------------------------------------------------------- input checks


def _stage_codes(leads: pd.DataFrame) -> np.ndarray:
    """0 (lead) to 4 (won) for each lead's stage_reached; a clear error for unknown stages."""
    stage = leads["stage_reached"].astype("string")
    require_labels(stage, "leads", "stage_reached", STAGES)
    return stage.map({name: code for code, name in enumerate(STAGES)}).to_numpy(dtype="int64")


def _status(leads: pd.DataFrame) -> pd.Series:
    status = leads["status"].astype("string")
    require_labels(status, "leads", "status", STATUSES)
    return status


def _groups(frame: pd.DataFrame, by: str | None, argument: str) -> pd.Series:
    """The group of each row as text (one group 'all' when by is None)."""
    if by is None:
        return pd.Series("all", index=frame.index, dtype="str", name="group")
    require_column_name(by)
    require_frame(frame, argument, [by])
    groups = frame[by].astype("string")
    if groups.isna().any():
        raise ValueError(
            f"Column {by!r} of {argument} has {int(groups.isna().sum())} missing value(s): "
            "every row needs a group. Fill or drop them first."
        )
    return groups.astype("str").rename(by)


def _keep_decided(leads: pd.DataFrame, exclude_open: object) -> pd.DataFrame:
    if require_bool(exclude_open, "exclude_open"):
        return leads[_status(leads).ne("open").to_numpy()]
    return leads


def _one_segment(frame: pd.DataFrame, argument: str) -> None:
    if "segment" in frame.columns:
        segments = sorted(frame["segment"].dropna().astype("string").unique())
        if len(segments) > 1:
            raise ValueError(
                f"{argument} mixes the segments {', '.join(segments)}. Keep one segment first: "
                "'referral' is both a consumer channel and a business prospecting method, so "
                "mixing them would merge two different things."
            )


def _cac_series(cac: object) -> pd.Series:
    if isinstance(cac, pd.DataFrame):
        require_frame(cac, "cac", ["cac"])
        cac = cac["cac"]
    if not isinstance(cac, pd.Series):
        raise TypeError(
            "cac must be a pandas Series of acquisition cost per group (or a table with a "
            f"'cac' column, such as method_cac(leads)), but got a {type(cac).__name__}."
        )
    if not pd.api.types.is_numeric_dtype(cac) or pd.api.types.is_bool_dtype(cac):
        raise TypeError(f"cac must hold numbers (CNY), but its type is {cac.dtype}.")
    out = cac.astype("float64")
    out.index = out.index.astype("str")
    return out


# --------------------------------------------------------------------------- leads


def decided_leads(leads: pd.DataFrame) -> pd.DataFrame:
    """The leads whose outcome is known: status ``won`` or ``lost`` (open leads dropped).

    >>> leads = pd.DataFrame({"lead_id": ["L1", "L2", "L3"], "status": ["won", "open", "lost"]})
    >>> decided_leads(leads)["lead_id"].tolist()
    ['L1', 'L3']
    """
    require_frame(leads, "leads", ["status"])
    return leads[_status(leads).ne("open").to_numpy()]


def matured_leads(
    leads: pd.DataFrame, as_of: object = AS_OF, min_age_days: int = 180
) -> pd.DataFrame:
    """The leads created at least ``min_age_days`` days before ``as_of`` (old enough to finish).

    A second way to avoid counting unfinished leads as failures: keep only a
    cohort old enough for (almost) every lead to have been decided.

    >>> leads = pd.DataFrame({"lead_id": ["L1", "L2"],
    ...     "created_date": pd.to_datetime(["2025-01-10", "2025-11-30"])})
    >>> matured_leads(leads, "2025-12-31", min_age_days=180)["lead_id"].tolist()
    ['L1']
    """
    require_frame(leads, "leads", ["created_date"])
    require_dates(leads, "leads", ["created_date"])
    as_of = require_timestamp(as_of, "as_of")
    min_age_days = require_positive_int(min_age_days, "min_age_days", minimum=0)
    return leads[leads["created_date"] <= as_of - pd.Timedelta(days=min_age_days)]


def funnel(
    leads: pd.DataFrame, by: str | None = "prospecting_method", exclude_open: bool = True
) -> pd.DataFrame:
    """How many leads reached at least each funnel stage, per group.

    Returns a DataFrame with one row per value of ``by`` (one row ``all`` when
    ``by`` is None) and the columns ``lead, contacted, qualified, proposal,
    won`` (whole numbers). A lead that reached ``proposal`` counts in lead,
    contacted, qualified and proposal. Open leads are dropped unless
    ``exclude_open=False``.

    >>> leads = pd.DataFrame({"prospecting_method": ["sms", "sms", "referral"],
    ...     "stage_reached": ["lead", "proposal", "won"], "status": ["lost", "lost", "won"]})
    >>> funnel(leads)
    stage               lead  contacted  qualified  proposal  won
    prospecting_method
    referral               1          1          1         1    1
    sms                    2          1          1         1    0
    """
    require_frame(leads, "leads", ["stage_reached", "status"])
    leads = _keep_decided(leads, exclude_open)
    groups = _groups(leads, by, "leads")
    codes = _stage_codes(leads)
    disagree = int(((codes == len(STAGES) - 1) != _status(leads).eq("won").to_numpy()).sum())
    if disagree:
        raise ValueError(
            f"leads has {disagree} lead(s) whose status and stage_reached disagree: a lead has "
            "status 'won' exactly when its stage_reached is 'won'. Check those rows first."
        )
    reached = pd.DataFrame(
        {stage: codes >= position for position, stage in enumerate(STAGES)}, index=leads.index
    )
    counts = reached.groupby(groups.to_numpy(), sort=True).sum().astype("int64")
    counts.index = pd.Index(counts.index.astype("str"), name=by if by is not None else "funnel")
    counts.columns = pd.Index(STAGES, name="stage")
    return counts


def stage_conversion(funnel_counts: pd.DataFrame) -> pd.DataFrame:
    """Stage-to-stage conversion rates (fractions) and the overall rate, from :func:`funnel`.

    Each step is the share of the leads at one stage that reached the next:
    ``lead_to_contacted`` = contacted / lead, ... ``proposal_to_won`` =
    won / proposal; ``overall`` = won / lead. A step from a stage nobody
    reached is missing (NaN).

    >>> counts = pd.DataFrame({"lead": [200], "contacted": [150], "qualified": [60],
    ...     "proposal": [40], "won": [20]}, index=["all"])
    >>> stage_conversion(counts).loc["all"].round(3)
    lead_to_contacted         0.750
    contacted_to_qualified    0.400
    qualified_to_proposal     0.667
    proposal_to_won           0.500
    overall                   0.100
    Name: all, dtype: float64
    """
    require_numeric(funnel_counts, "funnel_counts", STAGES, allow_missing=False)
    counts = funnel_counts[STAGES].astype("float64")
    before = counts[STAGES[:-1]].to_numpy()
    after = counts[STAGES[1:]].to_numpy()
    with np.errstate(divide="ignore", invalid="ignore"):
        steps = np.where(before > 0, after / np.where(before > 0, before, 1), np.nan)
        lead = counts["lead"].to_numpy()
        overall = np.where(lead > 0, counts["won"].to_numpy() / np.where(lead > 0, lead, 1), np.nan)
    rates = pd.DataFrame(steps, index=funnel_counts.index, columns=STEPS)
    rates["overall"] = overall
    return rates


def days_to_convert(leads: pd.DataFrame, by: str | None = "prospecting_method") -> pd.DataFrame:
    """Days from finding a lead (created_date) to winning it (won_date), for won leads.

    Returns a DataFrame per group with ``won`` (leads won), ``median_days``,
    ``mean_days`` and ``max_days``.

    >>> leads = pd.DataFrame({"prospecting_method": ["sms", "sms", "sms"],
    ...     "status": ["won", "won", "lost"],
    ...     "created_date": pd.to_datetime(["2025-01-01", "2025-02-01", "2025-03-01"]),
    ...     "won_date": pd.to_datetime(["2025-02-10", "2025-04-02", None])})
    >>> days_to_convert(leads)
                        won  median_days  mean_days  max_days
    prospecting_method
    sms                   2         50.0       50.0        60
    """
    require_frame(leads, "leads", ["status", "created_date", "won_date"])
    require_dates(leads, "leads", ["created_date", "won_date"])
    won = leads[_status(leads).eq("won").to_numpy()]
    if won["won_date"].isna().any():
        raise ValueError(
            "Some won leads in leads have no won_date; the time to convert cannot be measured."
        )
    groups = _groups(won, by, "leads")
    days = (won["won_date"] - won["created_date"]).dt.days
    if (days < 0).any():
        raise ValueError("Some leads in leads were won before they were created: check the dates.")
    table = days.groupby(groups.to_numpy(), sort=True).agg(["size", "median", "mean", "max"])
    table.columns = ["won", "median_days", "mean_days", "max_days"]
    table.index = pd.Index(table.index.astype("str"), name=by if by is not None else "funnel")
    return table.astype({"won": "int64", "median_days": "float64", "mean_days": "float64"})


def stage_durations(leads: pd.DataFrame, by: str | None = None) -> pd.DataFrame:
    """Median days each step took, among the leads that made the step.

    Columns ``lead_to_contacted`` (created_date to contacted_date),
    ``contacted_to_qualified``, ``qualified_to_proposal`` and ``proposal_to_won``.

    >>> leads = pd.DataFrame({
    ...     "created_date": pd.to_datetime(["2025-01-01", "2025-01-01"]),
    ...     "contacted_date": pd.to_datetime(["2025-01-05", "2025-01-09"]),
    ...     "qualified_date": pd.to_datetime(["2025-01-20", None]),
    ...     "proposal_date": pd.to_datetime([None, None]),
    ...     "won_date": pd.to_datetime([None, None])})
    >>> stage_durations(leads).loc["all"]
    lead_to_contacted          6.0
    contacted_to_qualified    15.0
    qualified_to_proposal      NaN
    proposal_to_won            NaN
    Name: all, dtype: float64
    """
    require_frame(leads, "leads", _STAGE_DATES)
    require_dates(leads, "leads", _STAGE_DATES)
    groups = _groups(leads, by, "leads")
    gaps = pd.DataFrame(
        {
            step: (leads[end] - leads[start]).dt.days.astype("float64")
            for step, start, end in zip(STEPS, _STAGE_DATES[:-1], _STAGE_DATES[1:], strict=True)
        },
        index=leads.index,
    )
    table = gaps.groupby(groups.to_numpy(), sort=True).median()
    table.index = pd.Index(table.index.astype("str"), name=by if by is not None else "funnel")
    return table


# --------------------------------------------------------------------------- uncertainty


def _z(confidence: float) -> float:
    """The normal quantile for a two-sided interval: 1.96 for 95%."""
    return NormalDist().inv_cdf(1 - (1 - confidence) / 2)


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
    if isinstance(k, pd.Series) and isinstance(n, pd.Series):
        if not k.index.equals(n.index):
            missing = k.index.symmetric_difference(n.index)
            raise ValueError(
                "successes and trials must have the same labels; these are in only one of "
                f"them: {', '.join(map(str, missing[:5]))}."
            )
        index = k.index
    elif isinstance(k, pd.Series):
        index = k.index
    elif isinstance(n, pd.Series):
        index = n.index
    else:
        index = pd.RangeIndex(1)
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


def _counts(values: object, argument: str) -> int | pd.Series:
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
    won = _status(leads).eq("won").to_numpy()
    counts = (
        pd.DataFrame({"leads": 1, "won": won.astype("int64")}, index=leads.index)
        .groupby(groups.to_numpy(), sort=True)
        .sum()
    )
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
    table.index = pd.Index(table.index.astype("str"), name=by if by is not None else "funnel")
    return table


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
    require_frame(leads, "leads", ["status"])
    require_column_name(by)
    require_frame(leads, "leads", [by])
    rates = conversion_rates(leads, by, confidence, exclude_open)
    first = require_choice(first, pd.Series(rates.index), "first", by)
    second = require_choice(second, pd.Series(rates.index), "second", by)
    if first == second:
        raise ValueError("first and second are the same group: compare two different ones.")
    a, b = rates.loc[first], rates.loc[second]
    difference = a["rate"] - b["rate"]
    lower = difference - math.sqrt((a["rate"] - a["lower"]) ** 2 + (b["upper"] - b["rate"]) ** 2)
    upper = difference + math.sqrt((a["upper"] - a["rate"]) ** 2 + (b["rate"] - b["lower"]) ** 2)
    pooled = (a["won"] + b["won"]) / (a["leads"] + b["leads"])
    se = math.sqrt(pooled * (1 - pooled) * (1 / a["leads"] + 1 / b["leads"]))
    if se > 0:
        p_value = float(2 * (1 - NormalDist().cdf(abs(difference) / se)))
    else:
        p_value = 1.0
    return pd.DataFrame(
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
        index=pd.Index([f"{first} vs {second}"], name="comparison"),
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
    require_frame(leads, "leads", ["status"])
    require_column_name(by)
    require_frame(leads, "leads", [by])
    n_resamples = require_positive_int(n_resamples, "n_resamples", minimum=100)
    if isinstance(seed, bool) or not isinstance(seed, int | np.integer):
        raise TypeError(f"seed must be a whole number, such as 2025, but got {seed!r}.")
    confidence = require_confidence(confidence)
    rates = conversion_rates(leads, by, confidence, exclude_open)
    first = require_choice(first, pd.Series(rates.index), "first", by)
    second = require_choice(second, pd.Series(rates.index), "second", by)
    if first == second:
        raise ValueError("first and second are the same group: compare two different ones.")
    a, b = rates.loc[first], rates.loc[second]
    rng = np.random.default_rng(int(seed))
    draws_a = rng.binomial(int(a["leads"]), float(a["rate"]), n_resamples) / a["leads"]
    draws_b = rng.binomial(int(b["leads"]), float(b["rate"]), n_resamples) / b["leads"]
    differences = draws_a - draws_b
    tail = (1 - confidence) / 2
    lower, upper = np.quantile(differences, [tail, 1 - tail])
    return pd.DataFrame(
        {
            "difference": [float(a["rate"] - b["rate"])],
            "lower": [float(lower)],
            "upper": [float(upper)],
            "share_first_better": [float((differences > 0).mean())],
            "real": [bool(lower > 0 or upper < 0)],
        },
        index=pd.Index([f"{first} vs {second}"], name="comparison"),
    )


# --------------------------------------------------------------------------- cost


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
    won = _status(leads).eq("won").to_numpy().astype("int64")
    sums = (
        pd.DataFrame(
            {"leads": 1, "won": won, "spend": leads["acquisition_cost"].to_numpy()},
            index=leads.index,
        )
        .groupby(groups.to_numpy(), sort=True)
        .sum()
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
    table.index = pd.Index(table.index.astype("str"), name=by)
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
    sums = (
        pd.DataFrame(
            {"customers": 1, "spend": chosen["acquisition_cost"].to_numpy()}, index=chosen.index
        )
        .groupby(groups.to_numpy(), sort=True)
        .sum()
    )
    table = pd.DataFrame(
        {
            "customers": sums["customers"].astype("int64"),
            "spend": sums["spend"].round(2),
            "cac": (sums["spend"] / sums["customers"]).round(2),
        }
    )
    table.index = pd.Index(table.index.astype("str"), name=by)
    return table


# --------------------------------------------------------------------------- value


def first_year_value(
    customers: pd.DataFrame,
    order_lines: pd.DataFrame,
    service_events: pd.DataFrame | None = None,
    as_of: object = AS_OF,
    days: int = 365,
) -> pd.DataFrame:
    """Revenue and gross profit of each customer's first ``days`` days (from sign-up).

    Returns a DataFrame indexed by customer_id with the customer's
    ``segment``, ``acquisition_channel`` and ``acquisition_cost`` (when
    present in ``customers``), ``signup_date``, ``full_year`` (signed up at
    least ``days`` days before ``as_of``), ``revenue`` and ``gross_profit``
    (revenue - cost_of_goods) in the window. With ``service_events`` it adds
    ``cost_to_serve`` and ``contribution`` (gross profit - cost to serve).
    Amounts are missing (NaN) for customers without a full first year: their
    first year is not over, so its value is not known yet.

    >>> customers = pd.DataFrame({"customer_id": ["A", "B"],
    ...     "signup_date": pd.to_datetime(["2024-03-01", "2025-06-01"])})
    >>> lines = pd.DataFrame({"customer_id": ["A", "A", "B"],
    ...     "order_date": pd.to_datetime(["2024-03-01", "2025-03-01", "2025-06-01"]),
    ...     "revenue": [100.0, 50.0, 80.0], "cost_of_goods": [60.0, 30.0, 40.0]})
    >>> first_year_value(customers, lines)
                signup_date  full_year  revenue  gross_profit
    customer_id
    A            2024-03-01       True    100.0          40.0
    B            2025-06-01      False      NaN           NaN
    """
    require_frame(customers, "customers", ["customer_id", "signup_date"])
    require_frame(
        order_lines, "order_lines", ["customer_id", "order_date", "revenue", "cost_of_goods"]
    )
    require_dates(customers, "customers", ["signup_date"])
    require_dates(order_lines, "order_lines", ["order_date"])
    require_numeric(order_lines, "order_lines", ["revenue", "cost_of_goods"], allow_missing=False)
    as_of = require_timestamp(as_of, "as_of")
    days = require_positive_int(days, "days")
    if customers["customer_id"].duplicated().any():
        repeated = customers.loc[customers["customer_id"].duplicated(), "customer_id"]
        raise ValueError(
            f"customers has repeated customer_id values ({', '.join(map(str, repeated[:3]))}): "
            "each customer must appear once."
        )
    if customers["signup_date"].isna().any():
        raise ValueError("Column 'signup_date' of customers has missing dates.")
    signup = pd.Series(
        customers["signup_date"].to_numpy(), index=customers["customer_id"].astype("str")
    )
    ids = pd.Index(signup.index, name="customer_id")

    def window_sums(frame: pd.DataFrame, date: str, columns: list[str]) -> pd.DataFrame:
        start = frame["customer_id"].astype("str").map(signup)
        elapsed = (frame[date] - start).dt.days
        inside = (elapsed >= 0) & (elapsed < days) & (frame[date] <= as_of)
        chosen = frame.loc[inside.fillna(False).to_numpy()]
        sums = chosen.groupby(chosen["customer_id"].astype("str"))[columns].sum()
        return sums.reindex(ids, fill_value=0.0)

    full_year = ((as_of - signup).dt.days >= days).to_numpy()
    sums = window_sums(order_lines, "order_date", ["revenue", "cost_of_goods"])
    result = pd.DataFrame(index=ids)
    for column in ("segment", "acquisition_channel", "acquisition_cost"):
        if column in customers.columns:
            result[column] = customers[column].array
    result["signup_date"] = signup.to_numpy()
    result["full_year"] = full_year
    result["revenue"] = sums["revenue"].round(2).where(full_year)
    result["gross_profit"] = (sums["revenue"] - sums["cost_of_goods"]).round(2).where(full_year)
    if service_events is not None:
        require_frame(service_events, "service_events", ["customer_id", "event_date", "cost"])
        require_dates(service_events, "service_events", ["event_date"])
        require_numeric(service_events, "service_events", ["cost"], allow_missing=False)
        serve = window_sums(service_events, "event_date", ["cost"])["cost"]
        result["cost_to_serve"] = serve.round(2).where(full_year)
        result["contribution"] = (result["gross_profit"] - result["cost_to_serve"]).round(2)
    return result


def value_to_cost(
    first_year: pd.DataFrame, cac: pd.Series | pd.DataFrame, by: str = "acquisition_channel"
) -> pd.DataFrame:
    """First-year value per customer set against the acquisition cost, per channel or method.

    ``first_year`` is :func:`first_year_value` for ONE segment; only customers
    with a full first year count. ``cac`` is a Series of CAC per group (or a
    table with a ``cac`` column, such as :func:`method_cac`). Returns per group:
    ``customers`` (with a full year), ``cac``, ``first_year_revenue`` and
    ``first_year_gross_profit`` (means per customer, CNY) and ``value_to_cost``
    (gross profit / CAC); with contribution in ``first_year``, also
    ``first_year_contribution`` and ``contribution_to_cost``.

    >>> first_year = pd.DataFrame({"acquisition_channel": ["x", "x", "y", "y"],
    ...     "full_year": [True, True, True, False], "revenue": [300.0, 100.0, 500.0, None],
    ...     "gross_profit": [120.0, 40.0, 200.0, None]})
    >>> table = value_to_cost(first_year, pd.Series({"x": 20.0, "y": 100.0}))
    >>> table[["customers", "cac", "first_year_gross_profit", "value_to_cost"]]
                         customers    cac  first_year_gross_profit  value_to_cost
    acquisition_channel
    x                            2   20.0                     80.0            4.0
    y                            1  100.0                    200.0            2.0
    """
    require_frame(first_year, "first_year", ["full_year", "revenue", "gross_profit"])
    require_column_name(by)
    require_frame(first_year, "first_year", [by])
    _one_segment(first_year, "first_year")
    costs = _cac_series(cac)
    full = first_year[first_year["full_year"].astype("bool").to_numpy()]
    groups = _groups(full, by, "first_year")
    columns = ["revenue", "gross_profit"] + (
        ["contribution"] if "contribution" in full.columns else []
    )
    require_numeric(full, "first_year", columns, allow_missing=False)
    means = full[columns].groupby(groups.to_numpy(), sort=True).mean()
    lacking = sorted(set(means.index) - set(costs.index))
    if lacking:
        raise ValueError(
            f"cac has no value for {', '.join(lacking)}. Give a CAC for every {by} in first_year."
        )
    cost = costs.reindex(means.index)
    table = pd.DataFrame(
        {
            "customers": groups.value_counts().reindex(means.index).astype("int64"),
            "cac": cost,
            "first_year_revenue": means["revenue"].round(2),
            "first_year_gross_profit": means["gross_profit"].round(2),
            "value_to_cost": means["gross_profit"] / cost,
        }
    )
    if "contribution" in means.columns:
        table["first_year_contribution"] = means["contribution"].round(2)
        table["contribution_to_cost"] = means["contribution"] / cost
    table.index = pd.Index(table.index.astype("str"), name=by)
    return table


def cumulative_gross_profit(
    customers: pd.DataFrame,
    order_lines: pd.DataFrame,
    by: str = "acquisition_channel",
    months: int = 12,
    as_of: object = AS_OF,
) -> pd.DataFrame:
    """Mean cumulative gross profit per customer, month by month after sign-up, per group.

    Month m covers the days since sign-up in [(m-1)·365/12, m·365/12). Only
    customers observed for all ``months`` months count (signed up at least
    months × 365/12 days before ``as_of``); a month without orders adds 0.
    ``customers`` must hold ONE segment. Returns a DataFrame indexed by
    ``month`` (1 to ``months``) with one column per group (CNY per customer).

    >>> customers = pd.DataFrame({"customer_id": ["A", "B"], "acquisition_channel": ["x", "x"],
    ...     "signup_date": pd.to_datetime(["2024-01-01", "2024-01-01"])})
    >>> lines = pd.DataFrame({"customer_id": ["A", "A", "B"],
    ...     "order_date": pd.to_datetime(["2024-01-01", "2024-02-15", "2024-03-10"]),
    ...     "revenue": [100.0, 100.0, 60.0], "cost_of_goods": [60.0, 60.0, 20.0]})
    >>> cumulative_gross_profit(customers, lines, months=3)
              x
    month
    1      20.0
    2      40.0
    3      60.0
    """
    require_frame(customers, "customers", ["customer_id", "signup_date"])
    require_column_name(by)
    require_frame(customers, "customers", [by])
    require_frame(
        order_lines, "order_lines", ["customer_id", "order_date", "revenue", "cost_of_goods"]
    )
    require_dates(customers, "customers", ["signup_date"])
    require_dates(order_lines, "order_lines", ["order_date"])
    require_numeric(order_lines, "order_lines", ["revenue", "cost_of_goods"], allow_missing=False)
    _one_segment(customers, "customers")
    months = require_positive_int(months, "months")
    as_of = require_timestamp(as_of, "as_of")
    if customers["customer_id"].duplicated().any():
        raise ValueError(
            "customers has repeated customer_id values: each customer must appear once."
        )
    horizon = months * DAYS_PER_MONTH
    observed = customers[((as_of - customers["signup_date"]).dt.days >= horizon).to_numpy()]
    if observed.empty:
        raise ValueError(
            f"No customer in customers has been observed for {months} months before "
            f"{as_of.date()}. Choose fewer months or an earlier cohort."
        )
    groups = _groups(observed, by, "customers")
    group_of = pd.Series(groups.to_numpy(), index=observed["customer_id"].astype("str"))
    signup = pd.Series(observed["signup_date"].to_numpy(), index=group_of.index)
    ids = order_lines["customer_id"].astype("str")
    keep = ids.isin(group_of.index).to_numpy()
    lines = order_lines.loc[keep]
    ids = ids[keep]
    elapsed = (lines["order_date"] - ids.map(signup)).dt.days
    month = np.floor(elapsed.to_numpy(dtype="float64") / DAYS_PER_MONTH).astype("int64") + 1
    inside = (month >= 1) & (month <= months)
    profit = (lines["revenue"] - lines["cost_of_goods"]).to_numpy()[inside]
    table = (
        pd.DataFrame(
            {
                "group": ids.map(group_of).to_numpy()[inside],
                "month": month[inside],
                "gross_profit": profit,
            }
        )
        .groupby(["month", "group"])["gross_profit"]
        .sum()
        .unstack("group")
    )
    all_groups = sorted(group_of.unique())
    table = table.reindex(index=pd.RangeIndex(1, months + 1, name="month"), columns=all_groups)
    table = table.fillna(0.0).cumsum()
    size = group_of.value_counts().reindex(all_groups)
    table = (table / size.to_numpy()).round(2)
    table.columns = pd.Index(all_groups, name=None)
    return table


def payback_months(curves: pd.DataFrame, cac: pd.Series | pd.DataFrame) -> pd.Series:
    """The first month by whose end cumulative gross profit per customer covers the CAC.

    ``curves`` comes from :func:`cumulative_gross_profit` (rows = months 1, 2,
    ...; columns = groups); ``cac`` gives the CAC of each column. Missing
    (NaN) where the curve never reaches the CAC within the months given.

    >>> curves = pd.DataFrame({"x": [20.0, 40.0, 60.0], "y": [5.0, 9.0, 12.0]},
    ...     index=pd.RangeIndex(1, 4, name="month"))
    >>> payback_months(curves, pd.Series({"x": 35.0, "y": 50.0}))
    x    2.0
    y    NaN
    Name: payback_months, dtype: float64
    """
    require_frame(curves, "curves")
    costs = _cac_series(cac)
    if curves.empty:
        raise ValueError("curves is empty: build it with cumulative_gross_profit(...).")
    numeric = curves.select_dtypes("number")
    if numeric.shape[1] != curves.shape[1]:
        raise TypeError("curves must hold numbers only (cumulative gross profit per customer).")
    names = pd.Index(curves.columns.astype("str"))
    lacking = sorted(set(names) - set(costs.index))
    if lacking:
        raise ValueError(f"cac has no value for {', '.join(lacking)}. Give a CAC for every column.")
    reached = curves.to_numpy(dtype="float64") >= costs.reindex(names).to_numpy()[None, :]
    first = reached.argmax(axis=0)
    month = np.asarray(curves.index, dtype="float64")[first]
    result = pd.Series(np.where(reached.any(axis=0), month, np.nan), index=names)
    return result.rename("payback_months")


# --------------------------------------------------------------------------- budget


def method_economics(
    leads: pd.DataFrame,
    customers: pd.DataFrame,
    order_lines: pd.DataFrame,
    as_of: object = AS_OF,
    growth: float = 1.5,
    confidence: float = 0.95,
) -> pd.DataFrame:
    """Everything a budget decision needs, per prospecting method, in one table.

    Columns: ``leads``, ``won``, ``cost_per_lead``, ``win_rate`` with its
    Wilson interval ``win_lower``/``win_upper`` (decided leads), ``cac``
    (:func:`method_cac`), ``customers`` with a full first year and their mean
    ``first_year_gross_profit``, ``value_to_cost``, ``yearly_spend`` (all money
    spent on the method's leads, open ones included, per year of data) and
    ``capacity`` = yearly_spend × ``growth``: the most we believe the method
    can absorb in a year (referrals and friends cannot be bought without limit).

    >>> from crmkit import data
    >>> table = method_economics(data.load_leads(), data.load_customers(), data.load_order_lines())
    >>> table.loc["referral", ["won", "cac"]].tolist()
    [48.0, 1426.69]
    """
    require_frame(
        leads, "leads", ["prospecting_method", "status", "acquisition_cost", "created_date"]
    )
    require_dates(leads, "leads", ["created_date"])
    require_frame(
        customers, "customers", ["customer_id", "segment", "signup_date", "acquisition_channel"]
    )
    as_of = require_timestamp(as_of, "as_of")
    growth = require_amount(growth, "growth", allow_zero=False)
    costs = method_cac(leads)
    rates = conversion_rates(leads, confidence=confidence)
    business = customers[customers["segment"].astype("string").eq("business").to_numpy()]
    first_year = first_year_value(business, order_lines, as_of=as_of)
    value = value_to_cost(first_year, costs.loc[costs["won"] > 0, "cac"])
    require_numeric(leads, "leads", ["acquisition_cost"], allow_missing=False)
    years = max((as_of - leads["created_date"].min()).days, 1) / 365
    groups = _groups(leads, "prospecting_method", "leads")
    yearly = leads["acquisition_cost"].groupby(groups.to_numpy()).sum() / years
    table = pd.DataFrame(
        {
            "leads": costs["leads"],
            "won": costs["won"],
            "cost_per_lead": costs["cost_per_lead"],
            "win_rate": rates["rate"],
            "win_lower": rates["lower"],
            "win_upper": rates["upper"],
            "cac": costs["cac"],
            "customers": value["customers"].reindex(costs.index).fillna(0).astype("int64"),
            "first_year_gross_profit": value["first_year_gross_profit"].reindex(costs.index),
            "value_to_cost": value["value_to_cost"].reindex(costs.index),
            "yearly_spend": yearly.reindex(costs.index).round(2),
        }
    )
    table["capacity"] = (table["yearly_spend"] * growth).round(-2)
    table.index.name = "prospecting_method"
    return table


def expected_result(economics: pd.DataFrame, spend: pd.Series) -> pd.DataFrame:
    """What the data says a given spend per method would bring, in a year.

    ``economics`` needs ``cac`` and ``first_year_gross_profit`` (per
    customer); ``spend`` is CNY per method (same labels; missing methods get
    0). Returns per method: ``spend``, ``customers`` (= spend / CAC) and
    ``gross_profit`` (customers × first-year gross profit), plus
    ``customers_low``/``customers_high`` from the win-rate interval when
    ``economics`` has ``cost_per_lead``, ``win_lower`` and ``win_upper``.
    It assumes each extra lead costs and converts like the past ones.

    >>> economics = pd.DataFrame({"cac": [1000.0, 4000.0], "first_year_gross_profit": [20000.0, 30000.0]},
    ...     index=["referral", "events"])
    >>> expected_result(economics, pd.Series({"referral": 5000.0}))
              spend  customers  gross_profit
    referral 5000.0        5.0      100000.0
    events      0.0        0.0           0.0
    """
    require_frame(economics, "economics", ["cac", "first_year_gross_profit"])
    require_numeric(economics, "economics", ["cac"], allow_missing=False)
    if not isinstance(spend, pd.Series):
        raise TypeError(
            f"spend must be a pandas Series of CNY per method, but got a {type(spend).__name__}."
        )
    if not pd.api.types.is_numeric_dtype(spend) or pd.api.types.is_bool_dtype(spend):
        raise TypeError(f"spend must hold amounts in CNY (numbers), but its type is {spend.dtype}.")
    if spend.isna().any() or (spend < 0).any():
        raise ValueError("spend must hold amounts of 0 or more, with no missing values.")
    names = economics.index.astype("str")
    spend = spend.copy()
    spend.index = spend.index.astype("str")
    unknown = sorted(set(spend.index) - set(names))
    if unknown:
        raise ValueError(f"spend names methods that are not in economics: {', '.join(unknown)}.")
    amount = spend.reindex(names, fill_value=0.0).to_numpy(dtype="float64")
    cac = economics["cac"].to_numpy(dtype="float64")
    profit = economics["first_year_gross_profit"].fillna(0.0).to_numpy(dtype="float64")
    with np.errstate(divide="ignore", invalid="ignore"):
        customers = np.where(amount > 0, amount / cac, 0.0)
    result = pd.DataFrame(
        {"spend": amount, "customers": customers, "gross_profit": customers * profit},
        index=pd.Index(names, name=economics.index.name),
    )
    if {"cost_per_lead", "win_lower", "win_upper"} <= set(economics.columns):
        leads_bought = np.where(amount > 0, amount / economics["cost_per_lead"].to_numpy(), 0.0)
        result["customers_low"] = leads_bought * economics["win_lower"].to_numpy()
        result["customers_high"] = leads_bought * economics["win_upper"].to_numpy()
    return result


def allocate_budget(
    economics: pd.DataFrame,
    budget: float,
    rank_by: str = "value_to_cost",
    ascending: bool = False,
) -> pd.DataFrame:
    """Fund methods in order of ``rank_by`` up to each one's capacity until the budget runs out.

    ``economics`` (e.g. :func:`method_economics`) needs ``capacity``, ``cac``,
    ``first_year_gross_profit`` and the ``rank_by`` column. Methods are taken
    best first (largest ``rank_by``, or smallest with ``ascending=True``, e.g.
    cheapest CAC first); each gets min(capacity, what is left). Returns
    :func:`expected_result` for that spend, rows in funding order (unfunded
    methods last, with spend 0). With linear results and capacities, this
    greedy rule gives the most first-year gross profit for the budget when
    ranking by value-to-cost.

    >>> economics = pd.DataFrame({"cac": [1000.0, 4000.0, 2000.0],
    ...     "first_year_gross_profit": [20000.0, 30000.0, 10000.0], "capacity": [3000.0, 8000.0, 9000.0]},
    ...     index=["referral", "events", "sms"])
    >>> economics["value_to_cost"] = economics["first_year_gross_profit"] / economics["cac"]
    >>> allocate_budget(economics, 6000)
              spend  customers  gross_profit
    referral 3000.0       3.00       60000.0
    events   3000.0       0.75       22500.0
    sms         0.0       0.00           0.0
    """
    require_column_name(rank_by, "rank_by")
    require_frame(economics, "economics", ["capacity", "cac", "first_year_gross_profit", rank_by])
    require_numeric(economics, "economics", ["capacity", "cac", rank_by], allow_missing=False)
    budget = require_amount(budget, "budget")
    ascending = require_bool(ascending, "ascending")
    if (economics["capacity"] < 0).any():
        raise ValueError("Column 'capacity' of economics must not be negative.")
    ordered = economics.sort_values(rank_by, ascending=ascending, kind="stable")
    capacity = ordered["capacity"].to_numpy(dtype="float64")
    before = np.concatenate([[0.0], np.cumsum(capacity)[:-1]])
    spend = np.clip(budget - before, 0.0, capacity)
    spend_series = pd.Series(spend, index=ordered.index.astype("str"))
    result = expected_result(ordered, spend_series)
    return result


def budget_scenarios(
    economics: pd.DataFrame,
    budgets: list[float],
    rank_by: str = "value_to_cost",
    ascending: bool = False,
) -> pd.DataFrame:
    """Totals of :func:`allocate_budget` for several budgets: the returns on each extra yuan.

    Returns one row per budget: ``spend`` (can be below the budget when every
    method is at capacity), ``customers``, ``gross_profit``, ``methods_funded``
    and ``gross_profit_per_cny``.

    >>> economics = pd.DataFrame({"cac": [1000.0, 4000.0], "first_year_gross_profit": [20000.0, 30000.0],
    ...     "capacity": [3000.0, 8000.0]}, index=["referral", "events"])
    >>> economics["value_to_cost"] = economics["first_year_gross_profit"] / economics["cac"]
    >>> budget_scenarios(economics, [2000, 6000, 20000])
              spend  customers  gross_profit  methods_funded  gross_profit_per_cny
    budget
    2000     2000.0       2.00       40000.0               1                 20.00
    6000     6000.0       3.75      82500.0               2                 13.75
    20000   11000.0       5.00      120000.0               2                 10.91
    """
    if isinstance(budgets, str) or not isinstance(budgets, list | tuple | pd.Series | np.ndarray):
        raise TypeError(f"budgets must be a list of amounts in CNY, but got {budgets!r}.")
    if len(budgets) == 0:
        raise ValueError("budgets is empty: give at least one amount.")
    amounts = [require_amount(budget, "each budget") for budget in budgets]
    rows = []
    for amount in amounts:  # a handful of scenarios, each one vectorised
        result = allocate_budget(economics, amount, rank_by, ascending)
        spent = float(result["spend"].sum())
        rows.append(
            {
                "spend": round(spent, 2),
                "customers": round(float(result["customers"].sum()), 2),
                "gross_profit": round(float(result["gross_profit"].sum()), 2),
                "methods_funded": int((result["spend"] > 0).sum()),
                "gross_profit_per_cny": round(float(result["gross_profit"].sum()) / spent, 2)
                if spent > 0
                else np.nan,
            }
        )
    labels = [int(a) if float(a).is_integer() else a for a in amounts]
    return pd.DataFrame(rows, index=pd.Index(labels, name="budget"))
