"""External customers classified along the book's lines, each by a rule the data can apply.

The book sorts external customers (外部客户) along several independent lines. This
module gives each line a simple, stated rule on the course data so that every class
can be shown with real examples; the rules are first cuts (chapter 02 judges "good"
and "poor" properly, with the cost to serve):

* ``old_new``: ``old`` if the customer signed up before ``as_of``'s calendar year, else ``new``.
* ``large_small``: ``large`` for the top ``large_share`` of customers by revenue, else ``small``.
* ``good_poor``: ``good`` if the customer's gross margin (gross profit / revenue) is at
  least the median customer's, else ``poor``.
* ``route``: ``final`` for consumers (end users buying direct), ``reseller`` for business
  accounts whose ``business_type`` is ``shop`` (their buyers are the firm's indirect
  customers), ``direct`` for other business accounts.
* ``duration``: ``temporary`` for one order only, ``long_term`` when the first and last
  orders are at least ``long_term_days`` apart, ``repeat`` otherwise.
* ``commitment``: ``loyal`` if the customer ordered in each of the last four quarters up to
  ``as_of``, ``marginal`` if they ordered in some of them, ``lapsed`` if in none.

Non-using customers, potential customers and non-customers never bought: they are leads,
not rows of the customers table (see :func:`crmkit.value.classify_states`).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from crmkit._validate import (
    require_dates,
    require_frame,
    require_numeric,
    require_positive_int,
    require_rate,
    require_timestamp,
)
from crmkit.vocabulary import AS_OF

CLASS_LINES = ["old_new", "large_small", "good_poor", "route", "duration", "commitment"]


def _order_facts(order_lines: pd.DataFrame, as_of: pd.Timestamp) -> pd.DataFrame:
    """Per customer: revenue, gross margin, orders, first and last date, quarters bought in."""
    seen = order_lines[order_lines["order_date"] <= as_of]
    quarter = seen["order_date"].dt.to_period("Q")
    last_four = quarter > (as_of.to_period("Q") - 4)
    grouped = seen.assign(quarter=quarter.where(last_four)).groupby("customer_id")
    facts = grouped.agg(
        revenue=("revenue", "sum"),
        cost=("cost_of_goods", "sum"),
        orders=("order_id", "nunique"),
        first=("order_date", "min"),
        last=("order_date", "max"),
        quarters=("quarter", "nunique"),
    )
    facts["margin"] = (facts["revenue"] - facts["cost"]) / facts["revenue"].where(
        facts["revenue"] > 0
    )
    return facts


def external_classes(
    customers: pd.DataFrame,
    order_lines: pd.DataFrame,
    as_of: object = AS_OF,
    large_share: float = 0.2,
    long_term_days: int = 365,
) -> pd.DataFrame:
    """Each customer's class on every line of the book's external classification.

    Returns a DataFrame indexed by customer_id (customers with at least one order on or
    before ``as_of``) with one text column per line of :data:`CLASS_LINES`; the rules
    are in the module docstring.

    >>> customers = pd.DataFrame({"customer_id": ["C1", "B1"], "segment": ["consumer", "business"],
    ...     "business_type": [pd.NA, "shop"],
    ...     "signup_date": pd.to_datetime(["2025-03-01", "2023-05-01"])})
    >>> lines = pd.DataFrame({"order_id": ["O1", "O2", "O3"], "customer_id": ["C1", "B1", "B1"],
    ...     "order_date": pd.to_datetime(["2025-03-02", "2023-05-02", "2025-11-30"]),
    ...     "revenue": [50.0, 900.0, 700.0], "cost_of_goods": [20.0, 600.0, 500.0]})
    >>> external_classes(customers, lines, large_share=0.5).T
    customer_id         B1         C1
    old_new            old        new
    large_small      large      small
    good_poor         poor       good
    route         reseller      final
    duration     long_term  temporary
    commitment    marginal   marginal
    """
    require_frame(
        customers, "customers", ["customer_id", "segment", "business_type", "signup_date"]
    )
    require_frame(
        order_lines,
        "order_lines",
        ["order_id", "customer_id", "order_date", "revenue", "cost_of_goods"],
    )
    require_dates(customers, "customers", ["signup_date"])
    require_dates(order_lines, "order_lines", ["order_date"])
    require_numeric(order_lines, "order_lines", ["revenue", "cost_of_goods"])
    as_of = require_timestamp(as_of, "as_of")
    large_share = require_rate(large_share, "large_share")
    long_term_days = require_positive_int(long_term_days, "long_term_days")
    facts = _order_facts(order_lines, as_of)
    info = customers.set_index("customer_id").reindex(facts.index)
    n_large = int(np.ceil(large_share * len(facts)))
    large = facts.index.isin(facts["revenue"].nlargest(n_large).index)
    business_type = info["business_type"].astype("string").fillna("")
    segment = info["segment"].astype("string").fillna("")
    span = (facts["last"] - facts["first"]).dt.days
    classes = pd.DataFrame(
        {
            "old_new": np.where(info["signup_date"].dt.year < as_of.year, "old", "new"),
            "large_small": np.where(large, "large", "small"),
            "good_poor": np.where(facts["margin"] >= facts["margin"].median(), "good", "poor"),
            "route": np.select(
                [segment.eq("consumer"), business_type.eq("shop")], ["final", "reseller"], "direct"
            ),
            "duration": np.select(
                [facts["orders"] <= 1, span >= long_term_days], ["temporary", "long_term"], "repeat"
            ),
            "commitment": np.select(
                [facts["quarters"] >= 4, facts["quarters"] > 0], ["loyal", "marginal"], "lapsed"
            ),
        },
        index=facts.index,
    ).astype("string")
    classes.index.name = "customer_id"
    return classes
