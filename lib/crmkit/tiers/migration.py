"""Tier migration between two periods: the transition matrix, who moved, and moving the pyramid.

"Make the pyramid move" (让客户金字塔动起来): the profit of moving customers up a tier is
estimated under a stated assumption (see :func:`move_up_effect`).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from crmkit._validate import require_choice, require_frame, require_numeric, require_rate
from crmkit.tiers._shared import TIER_ORDER, _aligned, _order_of, _tier_labels


def _both(before: object, after: object) -> tuple[pd.Series, pd.Series]:
    """Both periods' labels over every customer of either; "none" where a customer has no tier."""
    before = _tier_labels(before, "before")
    after = _tier_labels(after, "after")
    customers = before.index.astype("string").union(after.index.astype("string"))
    customers = pd.Index(customers, name="customer_id")
    return (
        before.set_axis(before.index.astype("string")).reindex(customers).fillna("none"),
        after.set_axis(after.index.astype("string")).reindex(customers).fillna("none"),
    )


def migration_matrix(before: pd.Series, after: pd.Series) -> pd.DataFrame:
    """How many customers went from each tier (rows: ``before``) to each tier (columns: ``after``).

    ``before`` and ``after`` give each customer's tier in two periods (e.g. from
    ``pyramid_tiers`` of 2024's and 2025's profit). A customer missing from one of them
    (no purchase in that period) counts as ``none`` there. Rows and columns are the
    labels present, best first, ``none`` last.

    >>> before = pd.Series(["gold", "iron", "iron", "lead"], index=["A", "B", "C", "D"])
    >>> after = pd.Series(["gold", "gold", "lead", "iron"], index=["A", "B", "C", "E"])
    >>> migration_matrix(before, after)
    after  gold  iron  lead  none
    before
    gold      1     0     0     0
    iron      1     0     1     0
    lead      0     0     0     1
    none      0     1     0     0
    """
    before, after = _both(before, after)
    rows, columns = _order_of(before), _order_of(after)
    counts = pd.crosstab(before.rename("before"), after.rename("after"))
    return counts.reindex(index=rows, columns=columns, fill_value=0).astype("int64")


def migration_shares(counts: pd.DataFrame) -> pd.DataFrame:
    """Row shares of a migration matrix: where each ``before`` tier went (each row adds up to 1).

    >>> counts = pd.DataFrame({"gold": [3, 1], "iron": [1, 3]}, index=["gold", "iron"])
    >>> migration_shares(counts)
          gold  iron
    gold  0.75  0.25
    iron  0.25  0.75
    """
    require_frame(counts, "counts")
    require_numeric(counts, "counts", list(counts.columns), allow_missing=False)
    if counts.empty or (counts.to_numpy() < 0).any():
        raise ValueError("counts must be a migration matrix of counts 0 or more, with rows.")
    totals = counts.sum(axis=1)
    return counts.div(totals.where(totals > 0), axis=0).round(4)


def tier_moves(before: pd.Series, after: pd.Series) -> pd.DataFrame:
    """Each customer's tier before and after and whether it moved ``up``, ``down`` or stayed ``same``.

    Tiers rank platinum > gold > iron > lead > heavy lead > none (and key > normal > small).

    >>> before = pd.Series(["gold", "iron", "lead"], index=["A", "B", "C"])
    >>> after = pd.Series(["gold", "gold"], index=["A", "B"])
    >>> tier_moves(before, after)["move"].tolist()
    ['same', 'up', 'down']
    """
    before, after = _both(before, after)
    rank = {label: position for position, label in enumerate(("key", "normal", "small"))}
    rank |= {label: position for position, label in enumerate(TIER_ORDER)}
    was, now = before.map(rank).to_numpy(), after.map(rank).to_numpy()
    moves = pd.DataFrame({"before": before, "after": after})
    moves["move"] = np.select([now < was, now > was], ["up", "down"], "same")
    return moves


def move_up_effect(
    profitability: pd.DataFrame,
    tiers: pd.Series,
    share: float = 0.10,
    from_tier: str = "iron",
    to_tier: str = "gold",
) -> pd.Series:
    """The profit (and revenue) effect of moving ``share`` of the ``from_tier`` customers up.

    The assumption, stated: ``round(share x customers in from_tier)`` customers move, and
    each moved customer then earns what the **median** customer of ``to_tier`` earns
    instead of the median of ``from_tier`` (medians, so that one giant does not set the
    figure); nobody else changes. ``profitability`` holds ``revenue`` and ``profit`` per
    customer. Returns ``customers_moved``, ``from_median_profit``, ``to_median_profit``,
    ``profit_gain``, ``profit_gain_share`` (of the total profit of the customers in
    ``tiers``) and ``revenue_gain``.

    >>> table = pd.DataFrame({"revenue": [5000.0, 4000.0] + [1000.0] * 10,
    ...     "profit": [900.0, 700.0] + [100.0] * 10}, index=list("ABCDEFGHIJKL"))
    >>> tiers = pd.Series(["gold"] * 2 + ["iron"] * 10, index=table.index)
    >>> move_up_effect(table, tiers)[["customers_moved", "profit_gain"]].tolist()
    [1.0, 700.0]
    """
    require_numeric(profitability, "profitability", ["revenue", "profit"], allow_missing=False)
    share = require_rate(share, "share")
    rows, labels = _aligned(profitability, tiers, "profitability")
    present = _order_of(labels)
    from_tier = require_choice(from_tier, present, "from_tier", "tiers")
    to_tier = require_choice(to_tier, present, "to_tier", "tiers")
    moved = round(share * int((labels == from_tier).sum()))
    medians = rows[["revenue", "profit"]].groupby(labels.to_numpy()).median()
    gain = medians.loc[to_tier] - medians.loc[from_tier]
    return pd.Series(
        {
            "customers_moved": float(moved),
            "from_median_profit": round(float(medians.loc[from_tier, "profit"]), 2),
            "to_median_profit": round(float(medians.loc[to_tier, "profit"]), 2),
            "profit_gain": round(moved * float(gain["profit"]), 2),
            "profit_gain_share": round(moved * float(gain["profit"]) / rows["profit"].sum(), 4),
            "revenue_gain": round(moved * float(gain["revenue"]), 2),
        },
        name="effect",
    )
