"""Complaints (客户投诉): the Pareto of categories, handling times, and who stays afterwards.

**Handling group** of a complaint (:func:`handling_groups`): ``unresolved``,
``partially_resolved``, ``resolved_fast`` (resolved within ``fast_hours``, 48 by default, of
the complaint) or ``resolved_slow``. **Response time** (``response_hours``) is the time to the
first answer; **resolution time** (``resolution_hours``) the time to the fix: they are different
clocks.

**Retention after a complaint** = complainers who ordered again within 365 days (``outcome``
``stayed``) / complainers whose outcome is known. Complaints whose 365 days are not over
(``too_early_to_tell``) are left out: counting them as lost would understate retention for
every recent complaint.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from crmkit._validate import (
    require_column_name,
    require_confidence,
    require_frame,
    require_labels,
    require_number,
    require_numeric,
    require_rate,
)
from crmkit.acquisition.conversion import wilson_interval

HANDLING_GROUPS = ("resolved_fast", "resolved_slow", "partially_resolved", "unresolved")
"""How a complaint was handled, best first."""
RESOLUTIONS = ("resolved", "partially_resolved", "unresolved")
OUTCOMES = ("stayed", "left", "too_early_to_tell")
FAST_HOURS = 48.0
"""A complaint resolved within this many hours counts as resolved fast."""
CITED_RETENTION = {"resolved": 0.75, "resolved_fast": 0.95}
"""Commonly cited figures: resolving a complaint keeps 75% of complainers; resolving it quickly
and well keeps 95%."""
HANDLING_STEPS = {
    "listen": "Listen and acknowledge: let the customer finish, thank them, apologise for the trouble.",
    "find_the_cause": "Find the cause: check the order, delivery or invoice record; do not argue.",
    "remedy": "Agree a remedy and carry it out quickly: replace, refund, correct, and say when.",
    "follow_up": "Follow up: call back to confirm the fix, record the case, fix the process behind it.",
}
"""A four-step complaint-handling process."""
SERVICE_LEVELS = {
    "standardised": (
        "规范化",
        "every hotline call answered with the same order-status check and a reply within a day",
    ),
    "personalised": (
        "个性化",
        "a café's usual blend remembered and a reorder suggested at its usual interval",
    ),
    "value_added": ("增值", "free brewing training for a new café's staff"),
    "beyond_value": (
        "超值",
        "a courier with the right tea the same day after a wrong item, at Jade Leaf's cost",
    ),
    "affection": ("亲情化", "a handwritten Mid-Autumn card and mooncakes for a long-time customer"),
}
"""The five customer service levels: English -> (中文, an example at Jade Leaf)."""


def _complaint_table(complaints: object, columns: list[str]) -> pd.DataFrame:
    """The complaints table with ``columns``, its resolution labels checked."""
    complaints = require_frame(complaints, "complaints", columns)
    if "resolution" in columns:
        require_labels(
            complaints["resolution"].astype("string"), "complaints", "resolution", RESOLUTIONS
        )
    if "outcome" in columns:
        require_labels(complaints["outcome"].astype("string"), "complaints", "outcome", OUTCOMES)
    return complaints


def complaint_pareto(
    complaints: pd.DataFrame, by: str = "category", weight: str | None = None
) -> pd.DataFrame:
    """A Pareto table: complaints (or the sum of column ``weight``) per group, largest first.

    Returns a DataFrame per group with ``count``, ``share`` and ``cumulative_share``
    (fractions). ``weight`` may name a numeric or True/False column: ``weight="left"`` on a
    table with a ``left`` flag counts the complainers lost per category.

    >>> table = pd.DataFrame({"category": ["late", "late", "late", "rude", "bill"]})
    >>> complaint_pareto(table)
              count  share  cumulative_share
    category
    late          3    0.6               0.6
    bill          1    0.2               0.8
    rude          1    0.2               1.0
    """
    require_column_name(by)
    require_frame(complaints, "complaints", [by])
    if weight is None:
        values = pd.Series(1, index=complaints.index)
    else:
        require_column_name(weight, "weight")
        require_frame(complaints, "complaints", [weight])
        values = complaints[weight]
        if pd.api.types.is_bool_dtype(values):
            values = values.astype("int64")
        require_numeric(pd.DataFrame({weight: values}), "complaints", [weight], allow_missing=False)
    groups = complaints[by].astype("string").fillna("unknown").to_numpy()
    counts = values.groupby(groups).sum().rename_axis(by)
    counts = counts.iloc[np.lexsort((counts.index.to_numpy(), -counts.to_numpy()))]
    total = counts.sum()
    if total <= 0:
        raise ValueError("complaints has nothing to count: no rows, or the weight adds up to 0.")
    share = counts / total
    return pd.DataFrame(
        {"count": counts, "share": share.round(4), "cumulative_share": share.cumsum().round(4)}
    )


def handling_groups(complaints: pd.DataFrame, fast_hours: float = FAST_HOURS) -> pd.Series:
    """Each complaint's handling group (see the module docstring), an ordered categorical.

    >>> table = pd.DataFrame({"resolution": ["resolved", "resolved", "unresolved"],
    ...     "resolution_hours": [20.0, 90.0, None]})
    >>> handling_groups(table).tolist()
    ['resolved_fast', 'resolved_slow', 'unresolved']
    """
    complaints = _complaint_table(complaints, ["resolution", "resolution_hours"])
    require_numeric(complaints, "complaints", ["resolution_hours"])
    fast_hours = require_number(fast_hours, "fast_hours", minimum=0, strict=True)
    resolution = complaints["resolution"].astype("string")
    hours = complaints["resolution_hours"]
    if (resolution.eq("resolved") & hours.isna()).any():
        raise ValueError(
            "Column 'resolution_hours' of complaints is missing for a resolved complaint: "
            "a resolved complaint needs its resolution time."
        )
    group = np.select(
        [resolution.eq("resolved") & (hours <= fast_hours), resolution.eq("resolved")],
        ["resolved_fast", "resolved_slow"],
        default=resolution.to_numpy(dtype=object),
    )
    kind = pd.CategoricalDtype(list(HANDLING_GROUPS), ordered=True)
    return pd.Series(group, index=complaints.index, name="handling").astype(kind)


def handling_times(complaints: pd.DataFrame) -> pd.DataFrame:
    """Response time and resolution time side by side: how many, median, 75th and 90th
    percentile (hours), and the shares answered or resolved within 24 and 48 hours.

    Shares are of the complaints that have that time (unresolved complaints have no
    resolution time).

    >>> table = pd.DataFrame({"response_hours": [2.0, 10.0, 30.0],
    ...     "resolution_hours": [8.0, 60.0, None]})
    >>> handling_times(table).loc[["complaints", "median", "within_48h"]]
                response_hours  resolution_hours
    complaints             3.0               2.0
    median                10.0              34.0
    within_48h             1.0               0.5
    """
    columns = ["response_hours", "resolution_hours"]
    require_numeric(complaints, "complaints", columns)
    rows = {}
    for column in columns:
        hours = complaints[column].dropna()
        rows[column] = {
            "complaints": float(len(hours)),
            "median": hours.median(),
            "p75": hours.quantile(0.75),
            "p90": hours.quantile(0.9),
            "within_24h": (hours <= 24).mean(),
            "within_48h": (hours <= 48).mean(),
        }
    return pd.DataFrame(rows).round(4)


def retention_by_handling(
    complaints: pd.DataFrame,
    by: str = "handling",
    fast_hours: float = FAST_HOURS,
    confidence: float = 0.95,
) -> pd.DataFrame:
    """Share of complainers who stayed, per group, with a Wilson interval.

    ``by="handling"`` groups by :func:`handling_groups`; any other column name of
    ``complaints`` (``category``, ``resolution``, ``channel``...) groups by that column.
    Complaints still ``too_early_to_tell`` are left out and counted in ``open``. Returns a
    DataFrame per group with ``complaints`` (decided), ``stayed``, ``rate``, ``lower``,
    ``upper`` and ``open``.

    >>> table = pd.DataFrame({"resolution": ["resolved"] * 3 + ["unresolved"] * 2,
    ...     "resolution_hours": [5.0, 10.0, 80.0, None, None],
    ...     "outcome": ["stayed", "stayed", "left", "left", "too_early_to_tell"]})
    >>> retention_by_handling(table)[["complaints", "stayed", "rate", "open"]]
                   complaints  stayed  rate  open
    handling
    resolved_fast           2       2   1.0     0
    resolved_slow           1       0   0.0     0
    unresolved              1       0   0.0     1
    """
    require_column_name(by)
    needed = ["resolution", "resolution_hours"] if by == "handling" else [by]
    complaints = _complaint_table(complaints, [*needed, "outcome"])
    confidence = require_confidence(confidence)
    if by == "handling":
        groups = handling_groups(complaints, fast_hours).astype("string")
    else:
        groups = complaints[by].astype("string").fillna("unknown")
    outcome = complaints["outcome"].astype("string")
    counts = (
        pd.DataFrame(
            {
                "complaints": outcome.ne("too_early_to_tell").astype("int64").to_numpy(),
                "stayed": outcome.eq("stayed").astype("int64").to_numpy(),
                "open": outcome.eq("too_early_to_tell").astype("int64").to_numpy(),
            }
        )
        .groupby(groups.to_numpy(), sort=True)
        .sum()
    )
    if by == "handling":
        counts = counts.reindex([group for group in HANDLING_GROUPS if group in counts.index])
    interval = wilson_interval(counts["stayed"], counts["complaints"], confidence)
    table = pd.concat(
        [counts[["complaints", "stayed"]], interval[["rate", "lower", "upper"]]], axis=1
    )
    table["open"] = counts["open"]
    table.index.name = by
    return table


def retention_by_speed(
    complaints: pd.DataFrame,
    edges: tuple[float, ...] = (0, 24, 48, 96, 168, np.inf),
    confidence: float = 0.95,
) -> pd.DataFrame:
    """Retention of fully resolved complaints by resolution time, in bands of hours.

    ``edges`` are the band limits in hours (each band includes its upper limit). Returns the
    columns of :func:`retention_by_handling`, one row per band (labels like ``"24-48h"``).

    >>> table = pd.DataFrame({"resolution": ["resolved"] * 3, "resolution_hours": [5.0, 30.0, 200.0],
    ...     "outcome": ["stayed", "stayed", "left"]})
    >>> retention_by_speed(table, edges=(0, 24, 1000))["rate"].tolist()
    [1.0, 0.5]
    """
    complaints = _complaint_table(complaints, ["resolution", "resolution_hours", "outcome"])
    require_numeric(complaints, "complaints", ["resolution_hours"])
    if not isinstance(edges, list | tuple) or len(edges) < 2:
        raise TypeError(
            f"edges must be a list of at least two hours, such as (0, 48, 168), not {edges!r}."
        )
    limits = [
        edge if edge == np.inf else require_number(edge, "edges", minimum=0) for edge in edges
    ]
    if any(b <= a for a, b in zip(limits, limits[1:], strict=False)):
        raise ValueError(f"edges must increase, such as (0, 48, 168), but got {edges!r}.")
    resolved = complaints[complaints["resolution"].astype("string").eq("resolved").to_numpy()]
    labels = [
        f"{a:g}-{b:g}h" if np.isfinite(b) else f"over {a:g}h"
        for a, b in zip(limits, limits[1:], strict=False)
    ]
    band = pd.cut(resolved["resolution_hours"], limits, labels=labels, include_lowest=True)
    table = retention_by_handling(resolved.assign(band=band.astype("string")), by="band",
                                  confidence=confidence)  # fmt: skip
    return table.reindex([label for label in labels if label in table.index]).rename_axis(
        "resolved_within"
    )


def cited_pattern(
    complaints: pd.DataFrame,
    cited: dict[str, float] | None = None,
    fast_hours: float = FAST_HOURS,
    confidence: float = 0.95,
) -> pd.DataFrame:
    """Test the commonly cited retention figures on the data.

    ``cited`` maps ``"resolved"`` (every fully resolved complaint) and/or ``"resolved_fast"``
    to the cited share (default :data:`CITED_RETENTION`). Returns one row per claim with
    ``cited``, the observed ``rate``, its interval ``lower``/``upper``, ``complaints`` and the
    ``verdict``: ``"consistent"`` when the interval contains the cited figure, ``"above"`` when
    the data's whole interval is above it, ``"below"`` when below.

    >>> table = pd.DataFrame({"resolution": ["resolved"] * 40, "resolution_hours": [10.0] * 40,
    ...     "outcome": ["stayed"] * 38 + ["left"] * 2})
    >>> cited_pattern(table)["verdict"].to_dict()
    {'resolved': 'above', 'resolved_fast': 'consistent'}
    """
    cited = dict(CITED_RETENTION if cited is None else cited)
    unknown = sorted(set(cited) - set(CITED_RETENTION))
    if unknown or not cited:
        raise ValueError(
            "cited must map 'resolved' and/or 'resolved_fast' to a share, such as "
            f"{{'resolved': 0.75}}, but got {cited!r}."
        )
    figures = {name: require_rate(figure, f"cited[{name!r}]") for name, figure in cited.items()}
    confidence = require_confidence(confidence)
    complaints = _complaint_table(complaints, ["resolution", "resolution_hours", "outcome"])
    groups = handling_groups(complaints, fast_hours).astype("string")
    outcome = complaints["outcome"].astype("string")
    decided = outcome.ne("too_early_to_tell")
    members = {
        "resolved": groups.str.startswith("resolved"),
        "resolved_fast": groups.eq("resolved_fast"),
    }
    names = list(figures)
    trials = pd.Series([int((members[name] & decided).sum()) for name in names], index=names)
    stayed = pd.Series(
        [int((members[name] & outcome.eq("stayed")).sum()) for name in names], index=names
    )
    if (trials == 0).any():
        raise ValueError(
            "complaints has no decided complaint for "
            f"{', '.join(trials.index[trials == 0])}: nothing to test the figure on."
        )
    table = wilson_interval(stayed, trials, confidence).rename(columns={"trials": "complaints"})
    table.insert(0, "cited", pd.Series(figures))
    table["verdict"] = np.select(
        [table["lower"] > table["cited"], table["upper"] < table["cited"]],
        ["above", "below"],
        default="consistent",
    )
    return table.drop(columns="successes").rename_axis("claim")
