"""What several of chapter 09's files share: the campaign's words and the checked win-back table.

Private: the public names are re-exported by the package.
"""

from __future__ import annotations

import numbers

import numpy as np
import pandas as pd

from crmkit._validate import require_frame, require_labels, require_series

REASONS = (
    "poor_service",
    "unresolved_problem",
    "price",
    "competitor",
    "changed_needs",
    "moved_away",
)
"""Why lost customers say they left (the win-back table's ``reason_for_leaving``)."""
REASON_FAULT = {
    "poor_service": "firm",
    "unresolved_problem": "firm",
    "price": "market",
    "competitor": "market",
    "changed_needs": "customer",
    "moved_away": "customer",
}
"""Whose doing each reason is: the firm's (it can fix it), the market's, or the customer's life."""
REASON_GROUPS = {
    "poor_service": "service",
    "unresolved_problem": "service",
    "price": "price",
    "competitor": "competitor",
    "changed_needs": "gone",
    "moved_away": "gone",
}
"""The four groups of reasons the lesson targets: service, price, competitor, gone (needs or place)."""
GROUPS = ("service", "price", "competitor", "gone")
"""The reason groups, in the order of :data:`REASON_GROUPS`."""
OFFERS = ("none", "apology_call", "discount_10", "discount_20", "free_gift")
"""The win-back offers (``offer``): ``none`` is a contact without an offer."""
DISCOUNT_OFFERS = ("discount_10", "discount_20")
"""Offers whose cost is a discount on the orders after the return: already missing from the
revenue (and so from the profit) those orders bring, never subtracted a second time."""
SKIP = "skip"
"""The plan's word for "do not contact this group"."""

_WINBACK_COLUMNS = ("customer_id", "reason_for_leaving", "offer")


def _winback(winback: object, columns: tuple[str, ...] = ()) -> pd.DataFrame:
    """The win-back table checked: the columns, known reasons and offers, each customer once."""
    table = require_frame(winback, "winback", [*_WINBACK_COLUMNS, *columns])
    if table.empty:
        raise ValueError("winback has no rows: pass the campaign's table, data.load_winback().")
    require_labels(table["reason_for_leaving"], "winback", "reason_for_leaving", REASONS)
    require_labels(table["offer"], "winback", "offer", OFFERS)
    ids = table["customer_id"].astype("string")
    if ids.isna().any():
        raise ValueError("Column 'customer_id' of winback has missing values.")
    if ids.duplicated().any():
        shown = ", ".join(ids[ids.duplicated()].unique()[:3])
        raise ValueError(f"winback lists some customers more than once ({shown}).")
    return table


def _flags(table: pd.DataFrame, argument: str, column: str) -> pd.Series:
    """A True/False column as booleans (no missing values, no text)."""
    values = table[column]
    if not pd.api.types.is_bool_dtype(values) or values.isna().any():
        raise TypeError(
            f"Column {column!r} of {argument} must hold True/False without gaps, but its type "
            f"is {values.dtype}. Load the table with crmkit.data."
        )
    return values.astype(bool)


def _groups(groups: object, ids: pd.Series) -> pd.Series:
    """One label per customer of ``ids`` ("all" when ``groups`` is None), as text."""
    if groups is None:
        return pd.Series("all", index=ids.to_numpy(), dtype="string")
    labels = require_series(groups, "groups", "one label per customer, indexed by customer_id")
    labels = labels.set_axis(labels.index.astype("string"))
    if labels.index.has_duplicates:
        raise ValueError("groups lists some customers more than once.")
    missing = pd.Index(ids).difference(labels.index)
    if len(missing):
        raise ValueError(
            f"groups has no label for {len(missing)} customer(s) of winback "
            f"({', '.join(missing[:3])}). Give every customer a label (for example a segment)."
        )
    return labels.reindex(ids.to_numpy()).astype("string")


def _seed(seed: object) -> int:
    if isinstance(seed, bool) or not isinstance(seed, numbers.Integral) or int(seed) < 0:
        raise TypeError(f"seed must be a whole number of 0 or more, but got {seed!r}.")
    return int(seed)


def _bootstrap_means(values: np.ndarray, draws: int, seed: int) -> np.ndarray:
    """``draws`` means of resamples (with replacement) of ``values``, from ``seed``."""
    rng = np.random.default_rng(seed)
    picks = rng.integers(0, len(values), size=(draws, len(values)))
    return values[picks].mean(axis=1)
