"""Which lost customers are worth winning back (挽回): expected value per group and offer.

The expected value of contacting a lost customer with an offer is the chance they return
times what they are worth once back, minus what the contact and the offer cost
(:func:`crmkit.recovery.campaign_economics` measures all three per group). A group is worth
winning back when its best offer's expected value is positive; a careful firm also looks at
the interval, since a few dozen customers per group give wide ones.

What a returner is worth here is the profit seen after the return (chapter 02's profit, over
the months to the end of the data). Chapter 08 develops customer lifetime value properly;
:func:`lifetime_value` is the simple formula margin x r / (1 + d - r), for a returner who keeps
buying with retention rate r, discounted at rate d.
"""

from __future__ import annotations

import pandas as pd

from crmkit._validate import require_frame, require_numeric, require_rate
from crmkit.recovery._shared import SKIP


def lifetime_value(
    annual_margin: pd.Series, retention: float, discount_rate: float = 0.10
) -> pd.Series:
    """The simple lifetime value of a customer: annual margin x r / (1 + d - r).

    The customer brings ``annual_margin`` a year for as long as they stay; each year they stay
    with chance ``retention`` (r); money a year later is worth 1 / (1 + ``discount_rate``) (d).
    The first margin comes a year from now. Chapter 08 develops lifetime value properly.

    >>> lifetime_value(pd.Series({"returner": 1000.0}), retention=0.6, discount_rate=0.1)
    returner    1200.0
    Name: lifetime_value, dtype: float64
    """
    if not isinstance(annual_margin, pd.Series):
        raise TypeError(
            f"annual_margin must be a pandas Series (margin per year, per customer or group), "
            f"but got a {type(annual_margin).__name__}."
        )
    require_numeric(
        annual_margin.to_frame("annual_margin"),
        "annual_margin",
        ["annual_margin"],
        allow_missing=False,
    )
    retention = require_rate(retention, "retention")
    discount_rate = require_rate(discount_rate, "discount_rate")
    if retention >= 1 + discount_rate:
        raise ValueError("retention must be below 1 + discount_rate, or the value is endless.")
    factor = retention / (1 + discount_rate - retention)
    return (annual_margin.astype("float64") * factor).round(2).rename("lifetime_value")


def best_offers(cells: pd.DataFrame) -> pd.DataFrame:
    """For each reason group, the offer with the highest expected value, or ``skip``.

    ``cells`` is ``campaign_economics(..., by=["reason_group", "offer"])`` (any first level
    works). One row per group: ``offer`` (``"skip"`` when no offer's expected value is above
    0), ``best_offer`` (the best one even so), its ``expected_value``, ``value_low``,
    ``value_high`` and ``response_rate``, and ``worth`` (True when the best is above 0).

    >>> cells = pd.DataFrame({"expected_value": [40.0, -5.0, -12.0, -20.0],
    ...     "value_low": [-10.0, -30.0, -12.0, -20.0], "value_high": [90.0, 20.0, -12.0, -20.0],
    ...     "response_rate": [0.4, 0.1, 0.0, 0.0]},
    ...     index=pd.MultiIndex.from_tuples([("service", "apology_call"), ("service", "none"),
    ...         ("gone", "none"), ("gone", "free_gift")], names=["reason_group", "offer"]))
    >>> best_offers(cells)[["offer", "best_offer", "expected_value", "worth"]]
                         offer    best_offer  expected_value  worth
    reason_group
    service       apology_call  apology_call            40.0   True
    gone                  skip          none           -12.0  False
    """
    require_frame(cells, "cells", ["expected_value", "value_low", "value_high", "response_rate"])
    require_numeric(cells, "cells", ["expected_value", "value_low", "value_high", "response_rate"])
    if not isinstance(cells.index, pd.MultiIndex) or cells.index.nlevels != 2 or cells.empty:
        raise ValueError(
            "cells must have one row per (group, offer): use "
            "recovery.campaign_economics(winback, profit_after, by=['reason_group', 'offer'])."
        )
    groups = list(dict.fromkeys(cells.index.get_level_values(0)))
    best = cells["expected_value"].groupby(level=0, sort=False).idxmax()
    chosen = cells.loc[[best[group] for group in groups]]
    result = pd.DataFrame(
        {
            "best_offer": [offer for _, offer in chosen.index],
            "expected_value": chosen["expected_value"].to_numpy(),
            "value_low": chosen["value_low"].to_numpy(),
            "value_high": chosen["value_high"].to_numpy(),
            "response_rate": chosen["response_rate"].to_numpy(),
        },
        index=pd.Index(groups, name=cells.index.names[0]),
    )
    result["worth"] = result["expected_value"] > 0
    result.insert(0, "offer", result["best_offer"].where(result["worth"], SKIP))
    return result
