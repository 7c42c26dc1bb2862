"""What several of chapter 05's files share: checked inputs and the cut by rank.

Private: the public names are in the concept files.
"""

from __future__ import annotations

import numbers

import numpy as np
import pandas as pd

from crmkit._validate import require_labels, require_series

GROUPS = ("key", "normal", "small")
"""Key, normal and small customers (关键客户 普通客户 小客户), most valuable first."""
TIER_ORDER = ("platinum", "gold", "iron", "lead", "heavy lead", "none")
"""Every tier label, best first; "none" is a customer who did not buy in the period."""
_KNOWN_LABELS = (*GROUPS, *TIER_ORDER)


def _customer_values(values: object, argument: str) -> pd.Series:
    """One number per customer (no missing values, each customer once), as float64."""
    values = require_series(
        values, argument, "one value per customer", numeric=True, allow_missing=False
    )
    if values.index.has_duplicates:
        repeated = ", ".join(map(str, values.index[values.index.duplicated()].unique()[:3]))
        raise ValueError(f"{argument} lists some customers more than once ({repeated}).")
    if values.empty:
        raise ValueError(f"{argument} is empty: pass one value per customer.")
    return values.astype("float64")


def _cutoffs(cutoffs: object, argument: str, count: int) -> tuple[float, ...]:
    """``count`` cumulative shares of customers, strictly increasing, each between 0 and 1."""
    if isinstance(cutoffs, str) or not isinstance(cutoffs, list | tuple):
        raise TypeError(
            f"{argument} must be a tuple of {count} shares of customers, such as "
            f"{(0.01, 0.05, 0.2)[-count:]}, but got {cutoffs!r}."
        )
    if len(cutoffs) != count or not all(
        isinstance(share, numbers.Real) and not isinstance(share, bool) for share in cutoffs
    ):
        raise TypeError(f"{argument} must hold {count} numbers, but got {cutoffs!r}.")
    shares = tuple(float(share) for share in cutoffs)
    inside = all(0 < share < 1 for share in shares)
    if not inside or any(low >= high for low, high in zip(shares, shares[1:], strict=False)):
        raise ValueError(
            f"{argument} must be cumulative shares of customers between 0 and 1, each larger "
            f"than the one before (e.g. top 1%, top 5%, top 20%), but got {cutoffs!r}."
        )
    return shares


def _cut_by_rank(
    values: pd.Series, cutoffs: tuple[float, ...], labels: tuple[str, ...], name: str
) -> pd.Series:
    """Label customers by rank, largest value first: the top ``round(cutoff x n)`` get labels[0]...

    Ties keep the order of ``values``. The result is in the order of ``values``.
    """
    order = np.argsort(-values.to_numpy(), kind="stable")
    ranks = np.empty(len(values), dtype="int64")
    ranks[order] = np.arange(1, len(values) + 1)
    edges = [round(share * len(values)) for share in cutoffs]
    chosen = np.select([ranks <= edge for edge in edges], list(labels[:-1]), labels[-1])
    return pd.Series(
        pd.Categorical(chosen, categories=list(labels), ordered=True),
        index=pd.Index(values.index, name="customer_id"),
        name=name,
    )


def _tier_labels(tiers: object, argument: str) -> pd.Series:
    """A Series of tier labels (one per customer) as text: tiers of the pyramid, or groups."""
    tiers = require_series(tiers, argument, "one tier label per customer")
    if tiers.index.has_duplicates:
        raise ValueError(f"{argument} lists some customers more than once.")
    labels = tiers.astype("string")
    require_labels(labels, argument, "tier", _KNOWN_LABELS)
    return labels


def _order_of(labels: pd.Series) -> list[str]:
    """The labels present, best first (the order of :data:`GROUPS` and :data:`TIER_ORDER`)."""
    present = set(labels.dropna().astype("string"))
    return [label for label in _KNOWN_LABELS if label in present]


def _aligned(table: pd.DataFrame, tiers: object, argument: str) -> tuple[pd.DataFrame, pd.Series]:
    """The rows of ``table`` for the customers in ``tiers``, and the labels in that order."""
    labels = _tier_labels(tiers, "tiers")
    index = pd.Index(table.index.astype("string"), name="customer_id")
    if index.has_duplicates:
        raise ValueError(f"{argument} lists some customers more than once.")
    missing = labels.index.astype("string").difference(index)
    if len(missing):
        shown = ", ".join(missing[:3])
        raise ValueError(
            f"tiers names {len(missing)} customer(s) that {argument} does not have ({shown}). "
            f"Build tiers and {argument} from the same customers."
        )
    rows = table.set_axis(index).loc[labels.index.astype("string")]
    return rows, labels.set_axis(rows.index)
