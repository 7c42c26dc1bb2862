"""Should unprofitable customers be kept? The elastic tier (弹性层), argued with data.

Customers who lose money this year are an **elastic** tier: some become profitable as they
grow or as the cost of serving them falls, some stay loss-makers, some leave on their own.
:func:`profit_transitions` shows which, from one year's profit to the next: each customer who
bought in the first year is ``loss`` (profit below 0) or ``profit``, and the next year
``loss``, ``profit`` or ``gone`` (bought nothing). Profits are chapter 02's, per year
(``tiers.year_profitability``).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from crmkit._validate import require_series

STATES_BEFORE = ("loss", "profit")
STATES_AFTER = ("loss", "profit", "gone")


def _profit(values: object, argument: str) -> pd.Series:
    values = require_series(values, argument, "one profit per customer", numeric=True,
                            allow_missing=False)  # fmt: skip
    if values.empty:
        raise ValueError(f"{argument} has no customers: pass tiers.year_profitability(...)['profit'].")
    if values.index.has_duplicates:
        raise ValueError(f"{argument} lists some customers twice; give one profit per customer.")
    return values


def profit_transitions(before: pd.Series, after: pd.Series, shares: bool = True) -> pd.DataFrame:
    """Where the loss-makers and the profitable customers of one year are the next.

    ``before`` and ``after`` are each customer's profit in two years (index ``customer_id``;
    ``after`` may lack customers who bought nothing then: they are ``gone``). Rows ``loss``
    and ``profit`` (the first year), columns ``loss``, ``profit``, ``gone`` and ``customers``;
    the cells are shares of the row (``shares=True``) or counts.

    >>> before = pd.Series([-50.0, -10.0, 80.0, 20.0], index=["A", "B", "C", "D"])
    >>> after = pd.Series([30.0, -5.0, 90.0], index=["A", "B", "C"])
    >>> profit_transitions(before, after)
            loss  profit  gone  customers
    before
    loss     0.5     0.5   0.0          2
    profit   0.0     0.5   0.5          2
    """
    before = _profit(before, "before")
    after = _profit(after, "after")
    if not isinstance(shares, bool | np.bool_):
        raise TypeError(f"shares must be True or False, but got {shares!r}.")
    next_profit = after.reindex(before.index)
    state_before = np.where(before < 0, "loss", "profit")
    state_after = np.where(next_profit.isna(), "gone", np.where(next_profit < 0, "loss", "profit"))
    counts = pd.crosstab(
        pd.Categorical(state_before, categories=STATES_BEFORE),
        pd.Categorical(state_after, categories=STATES_AFTER),
        dropna=False,
    )
    counts = counts.reindex(index=list(STATES_BEFORE), columns=list(STATES_AFTER), fill_value=0)
    counts.index = pd.Index(list(STATES_BEFORE), name="before")
    counts.columns = pd.Index(list(STATES_AFTER))
    total = counts.sum(axis=1)
    table = counts.div(total.where(total > 0), axis=0).round(4) if shares else counts
    table["customers"] = total.astype("int64")
    return table
