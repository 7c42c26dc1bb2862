"""Look-alikes: leads that resemble the firm's loyal accounts, and whether that pays off.

A look-alike profile compares the attributes of the loyal accounts' leads with those of
all leads (:func:`lookalike_profile`); a lead's similarity averages the indexes of its
attribute values (:func:`lookalike_scores`); :func:`lead_outcomes` and :func:`lift_table`
check whether more similar leads really convert into more valuable accounts.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from crmkit._validate import (
    require_dates,
    require_frame,
    require_ids,
    require_lead_status,
    require_numeric,
    require_positive_int,
    require_rate,
    require_timestamp,
)
from crmkit.selection._shared import _customer_values, _months_since
from crmkit.vocabulary import AS_OF

LOOKALIKE_ATTRIBUTES = (
    "business_type",
    "employees",
    "est_monthly_volume",
    "region",
    "prospecting_method",
)
"""The lead attributes a look-alike profile compares."""
"""A lead's status: won (it became an account), open (still in progress) or lost."""

_NUMERIC_ATTRIBUTES = ("employees", "est_monthly_volume")


# --------------------------------------------------------------------------- input checks


def _validated_lookalike_input(
    leads: object, loyal_ids: object, attributes: object, bins: object
) -> tuple[pd.DataFrame, pd.Index, list[str], int]:
    """The leads, the loyal accounts' ids, the attributes as a list and the number of bins."""
    if isinstance(attributes, str) or not isinstance(attributes, list | tuple) or not attributes:
        raise TypeError(
            "attributes must be a non-empty list of lead columns, such as ['business_type', 'region']."
        )
    attributes = list(attributes)
    require_frame(leads, "leads", ["lead_id", "customer_id", *attributes])
    ids = require_ids(loyal_ids, "loyal_ids")
    bins = require_positive_int(bins, "bins", minimum=2)
    for column in attributes:
        if column in _NUMERIC_ATTRIBUTES:
            require_numeric(leads, "leads", [column])
    if leads["lead_id"].isna().any() or leads["lead_id"].duplicated().any():
        raise ValueError("leads must have a unique lead_id on every row.")
    profile_rows = leads["customer_id"].astype("string").isin(ids).fillna(False)
    if not profile_rows.any():
        raise ValueError(
            "None of loyal_ids is the customer_id of a lead in leads: the profile needs the "
            "leads the loyal accounts came from (business accounts, ids like 'B001')."
        )
    return leads, ids, attributes, bins


# --------------------------------------------------------------------------- loyal accounts


def loyal_accounts(
    order_lines: pd.DataFrame,
    as_of: object = AS_OF,
    min_tenure_days: int = 730,
    active_days: int = 180,
) -> pd.Series:
    """Which customers are loyal on ``as_of``: buying for long, and still buying.

    Loyal = first order at least ``min_tenure_days`` before ``as_of`` and last order
    within ``active_days`` of it. Returns a bool Series named ``loyal``, one per
    customer with an order on or before ``as_of``.

    >>> lines = pd.DataFrame({"customer_id": ["A", "A", "B", "C"],
    ...     "order_date": pd.to_datetime(["2022-05-01", "2025-11-02", "2023-01-05", "2025-06-01"])})
    >>> loyal_accounts(lines).to_dict()
    {'A': True, 'B': False, 'C': False}
    """
    require_frame(order_lines, "order_lines", ["customer_id", "order_date"])
    require_dates(order_lines, "order_lines", ["order_date"])
    as_of = require_timestamp(as_of, "as_of")
    min_tenure_days = require_positive_int(min_tenure_days, "min_tenure_days")
    active_days = require_positive_int(active_days, "active_days")
    lines = order_lines[order_lines["order_date"] <= as_of]
    dates = lines["order_date"].groupby(lines["customer_id"].astype("string").to_numpy())
    tenure = (as_of - dates.min()).dt.days
    silence = (as_of - dates.max()).dt.days
    loyal = (tenure >= min_tenure_days) & (silence <= active_days)
    loyal.index.name = "customer_id"
    return loyal.rename("loyal")


# --------------------------------------------------------------------------- profile and scores


def _bucketed(leads: pd.DataFrame, attributes: list[str], bins: int) -> pd.DataFrame:
    """Each attribute as text labels: numbers cut into ``bins`` quantile groups of all leads."""
    out = {}
    for column in attributes:
        values = leads[column]
        if pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values):
            if values.isna().any():
                raise ValueError(f"Column {column!r} of leads has missing values.")
            edges = np.unique(
                np.quantile(values.to_numpy(dtype="float64"), np.linspace(0, 1, bins + 1))
            )
            inner = edges[1:-1]
            group = np.searchsorted(inner, values.to_numpy(dtype="float64"), side="left")
            labels = [f"Q{k + 1} <= {edge:,.0f}" for k, edge in enumerate(inner)] + [
                f"Q{len(inner) + 1} > {inner[-1]:,.0f}" if len(inner) else "all"
            ]
            out[column] = pd.Series(np.array(labels, dtype=object)[group], index=leads.index)
        else:
            out[column] = values.astype("string").fillna("(missing)").astype(object)
    return pd.DataFrame(out, index=leads.index)


def _profiled(
    leads: object, loyal_ids: object, attributes: object, bins: object
) -> tuple[pd.DataFrame, pd.DataFrame, list[str]]:
    """The look-alike profile, the leads' bucketed attributes it was made from, and the
    attributes: what :func:`lookalike_profile` and :func:`lookalike_scores` both need."""
    leads, ids, attributes, bins = _validated_lookalike_input(leads, loyal_ids, attributes, bins)
    table = _bucketed(leads, attributes, bins)
    loyal = leads["customer_id"].astype("string").isin(ids).fillna(False).to_numpy()
    parts = []
    for column in attributes:
        lead_share = table[column].value_counts(normalize=True).sort_index()
        counts = table.loc[loyal, column].value_counts().reindex(lead_share.index, fill_value=0)
        loyal_share = (counts + 1) / (loyal.sum() + len(lead_share))
        part = pd.DataFrame(
            {
                "loyal": counts.astype("int64").to_numpy(),
                "loyal_share": loyal_share.to_numpy(),
                "lead_share": lead_share.to_numpy(),
            },
            index=pd.MultiIndex.from_product(
                [[column], lead_share.index], names=["attribute", "value"]
            ),
        )
        parts.append(part)
    profile = pd.concat(parts)
    profile["index"] = profile["loyal_share"] / profile["lead_share"]
    return profile.round(4), table, attributes


def lookalike_profile(
    leads: pd.DataFrame,
    loyal_ids: Iterable[str],
    attributes: Iterable[str] = LOOKALIKE_ATTRIBUTES,
    bins: int = 4,
) -> pd.DataFrame:
    """Profile of the loyal accounts' leads against all leads, attribute value by value.

    Numeric attributes are cut into ``bins`` quantile groups of all leads ("Q1 <= 3,270").
    One row per (attribute, value) with ``loyal`` (loyal accounts with it), ``loyal_share``
    (their share, smoothed: (loyal + 1) / (loyal accounts + values), so no value gets 0),
    ``lead_share`` (share of all leads) and ``index`` = loyal_share / lead_share: above 1,
    the value is more common among loyal accounts than among leads in general.

    >>> leads = pd.DataFrame({"lead_id": ["L1", "L2", "L3", "L4"],
    ...     "customer_id": ["B1", "B2", pd.NA, pd.NA], "region": ["East", "East", "East", "West"]})
    >>> lookalike_profile(leads, ["B1", "B2"], attributes=["region"])
                      loyal  loyal_share  lead_share  index
    attribute value
    region    East        2         0.75        0.75    1.0
              West        0         0.25        0.25    1.0
    """
    return _profiled(leads, loyal_ids, attributes, bins)[0]


def lookalike_scores(
    leads: pd.DataFrame,
    loyal_ids: Iterable[str],
    attributes: Iterable[str] = LOOKALIKE_ATTRIBUTES,
    bins: int = 4,
) -> pd.Series:
    """How much each lead looks like the loyal accounts: the geometric mean of its indexes.

    For every lead, take the ``index`` of each of its attribute values from
    :func:`lookalike_profile` and average them geometrically. 1 = as similar as a
    typical lead; 2 = its values are on average twice as common among loyal accounts.
    Returns a Series named ``similarity`` indexed by ``lead_id``.

    >>> leads = pd.DataFrame({"lead_id": ["L1", "L2", "L3", "L4"],
    ...     "customer_id": ["B1", "B2", pd.NA, pd.NA], "region": ["East", "East", "West", "West"],
    ...     "business_type": ["cafe", "cafe", "cafe", "hotel"]})
    >>> lookalike_scores(leads, ["B1", "B2"], attributes=["region", "business_type"]).tolist()
    [1.2247, 1.2247, 0.7071, 0.7071]
    """
    profile, table, attributes = _profiled(leads, loyal_ids, attributes, bins)
    log_index = np.log(profile["index"])
    total = np.zeros(len(leads))
    for column in attributes:
        total += table[column].map(log_index.loc[column]).to_numpy(dtype="float64")
    similarity = np.exp(total / len(attributes))
    return pd.Series(
        similarity.round(4),
        index=pd.Index(leads["lead_id"].astype("string"), name="lead_id"),
        name="similarity",
    )


# --------------------------------------------------------------------------- outcomes and lift


def lead_outcomes(
    leads: pd.DataFrame, profit: pd.Series, as_of: object = AS_OF, top_fraction: float = 0.25
) -> pd.DataFrame:
    """What became of each lead: converted, and whether it became a high-value account.

    ``monthly_profit`` = the account's profit (from ``profit``, indexed by customer_id)
    per month since its won_date; ``high_value`` = converted and among the top
    ``top_fraction`` of the converted leads by monthly profit. One row per lead
    (index ``lead_id``).

    >>> leads = pd.DataFrame({"lead_id": ["L1", "L2", "L3"], "status": ["won", "won", "lost"],
    ...     "customer_id": ["B1", "B2", pd.NA],
    ...     "won_date": pd.to_datetime(["2024-12-31", "2023-12-31", None])})
    >>> lead_outcomes(leads, pd.Series({"B1": 1200.0, "B2": -50.0}), top_fraction=0.5)
             converted  monthly_profit  high_value
    lead_id
    L1            True          100.00        True
    L2            True           -2.08       False
    L3           False             NaN       False
    """
    require_frame(leads, "leads", ["lead_id", "status", "customer_id", "won_date"])
    require_dates(leads, "leads", ["won_date"])
    profit = _customer_values(profit, "profit")
    as_of = require_timestamp(as_of, "as_of")
    top_fraction = require_rate(top_fraction, "top_fraction")
    if top_fraction == 0:
        raise ValueError("top_fraction must be more than 0, for example 0.25 for the top quarter.")
    converted = require_lead_status(leads).eq("won").fillna(False).to_numpy()
    account = leads["customer_id"].astype("string")
    months = _months_since(leads["won_date"], as_of)
    profit.index = profit.index.astype("string")
    earned = account.map(profit).to_numpy(dtype="float64", na_value=np.nan)
    monthly = pd.Series(np.where(converted, earned / months.to_numpy(dtype="float64"), np.nan))
    if converted.any() and monthly[converted].isna().any():
        raise ValueError(
            "profit has no value for some won leads' customer_id: pass every account's profit."
        )
    threshold = monthly[converted].quantile(1 - top_fraction) if converted.any() else np.inf
    return pd.DataFrame(
        {
            "converted": converted,
            "monthly_profit": monthly.round(2).to_numpy(),
            "high_value": (converted & (monthly >= threshold).to_numpy()),
        },
        index=pd.Index(leads["lead_id"].astype("string"), name="lead_id"),
    )


def lift_table(scores: pd.Series, outcome: pd.Series, bands: int = 5) -> pd.DataFrame:
    """Outcome rate by score band: does a higher score mean more conversions?

    Sorts the leads by score (highest first; ties by the order of ``scores``), cuts them
    into ``bands`` groups of (nearly) equal size, and gives per band (1 = highest scores)
    ``leads``, ``hits`` (outcome True), ``rate`` and ``lift`` = rate / overall rate.

    >>> scores = pd.Series([0.9, 0.8, 0.3, 0.2], index=["L1", "L2", "L3", "L4"])
    >>> outcome = pd.Series([True, False, False, False], index=["L1", "L2", "L3", "L4"])
    >>> lift_table(scores, outcome, bands=2)
          leads  hits  rate  lift
    band
    1         2     1   0.5   2.0
    2         2     0   0.0   0.0
    """
    scores = _customer_values(scores, "scores")
    bands = require_positive_int(bands, "bands")
    if not isinstance(outcome, pd.Series):
        raise TypeError(
            f"outcome must be a pandas Series of True/False, but got a {type(outcome).__name__}."
        )
    if not pd.api.types.is_bool_dtype(outcome) or outcome.isna().any():
        raise TypeError(f"outcome must hold True/False only, but its type is {outcome.dtype}.")
    if set(scores.index) != set(outcome.index) or scores.index.has_duplicates:
        raise ValueError(
            "scores and outcome must cover the same leads, each once (the same index)."
        )
    if bands > len(scores):
        raise ValueError(
            f"bands ({bands}) cannot be more than the number of leads ({len(scores)})."
        )
    hit = outcome.reindex(scores.index).astype(bool)
    order = np.argsort(-scores.to_numpy(), kind="stable")
    band = np.empty(len(scores), dtype="int64")
    band[order] = np.arange(len(scores)) * bands // len(scores) + 1
    grouped = hit.groupby(band)
    table = pd.DataFrame({"leads": grouped.size(), "hits": grouped.sum().astype("int64")})
    table.index.name = "band"
    table["rate"] = (table["hits"] / table["leads"]).round(4)
    overall = hit.mean()
    table["lift"] = (table["hits"] / table["leads"] / overall).round(2) if overall > 0 else np.nan
    return table
