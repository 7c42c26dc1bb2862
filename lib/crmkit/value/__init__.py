"""Chapter 01: customer states, customer value components and lifecycle stages.

The rules below are the ones the lesson states, so a student can apply them
by hand and compare with these functions.

Customer states (客户的状态), for every party the firm knows of:

* ``non_customer`` (非客户): a lead that went cold (status ``lost``).
* ``potential`` (潜在客户): an open lead not yet qualified (stage lead or contacted).
* ``target`` (目标客户): an open lead qualified or with a proposal.
* ``actual`` (现实客户): a customer who bought within ``lost_after_days`` of ``as_of``.
* ``lost`` (流失客户): a customer whose last purchase is older than that.

Lifecycle stages (突破期 成长期 收获期 防御期 冬眠期) of an account, from its
monthly spend: see :func:`lifecycle_stages`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from crmkit._validate import (
    require_dates,
    require_frame,
    require_labels,
    require_numeric,
    require_positive_int,
    require_timestamp,
)
from crmkit.data import AS_OF, FUNNEL_STAGES

STATES = ["non_customer", "potential", "target", "actual", "lost"]
LEAD_STATUSES = ["open", "lost", "won"]
STAGES = ["breakthrough", "growth", "harvest", "defence", "dormancy"]
VALUE_COMPONENTS = ["revenue", "gross_profit", "referrals", "feedback"]
FEEDBACK_PURPOSES = ("feedback", "suggestion", "complaint")


def last_purchase(order_lines: pd.DataFrame) -> pd.Series:
    """Each customer's most recent order date.

    Returns a Series indexed by customer_id, named ``last_purchase``.

    >>> lines = pd.DataFrame({"customer_id": ["A", "A", "B"],
    ...     "order_date": pd.to_datetime(["2025-01-05", "2025-03-01", "2024-07-09"])})
    >>> last_purchase(lines)
    customer_id
    A   2025-03-01
    B   2024-07-09
    Name: last_purchase, dtype: datetime64[us]
    """
    require_frame(order_lines, "order_lines", ["customer_id", "order_date"])
    require_dates(order_lines, "order_lines", ["order_date"])
    return order_lines.groupby("customer_id")["order_date"].max().rename("last_purchase")


def classify_states(
    customers: pd.DataFrame,
    order_lines: pd.DataFrame,
    leads: pd.DataFrame,
    as_of: object = AS_OF,
    lost_after_days: int = 180,
) -> pd.DataFrame:
    """The state of every known party (customers and not-won leads) on ``as_of``.

    Returns a DataFrame with columns ``party_id`` (customer_id, or lead_id for
    leads that did not become customers), ``source`` ("customer" or "lead")
    and ``state`` (ordered categorical, see the module docstring). Orders and
    leads created after ``as_of`` are ignored; a customer record with no order
    on or before ``as_of`` is not a customer yet and is left out. A lead's
    status and stage are taken as recorded (its latest), even for an earlier
    ``as_of``.

    >>> customers = pd.DataFrame({"customer_id": ["C1", "C2"]})
    >>> lines = pd.DataFrame({"customer_id": ["C1", "C2"],
    ...     "order_date": pd.to_datetime(["2025-12-01", "2025-01-15"])})
    >>> leads = pd.DataFrame({"lead_id": ["L1", "L2"], "created_date": pd.to_datetime(["2025-11-01"] * 2),
    ...     "stage_reached": ["contacted", "proposal"], "status": ["open", "lost"]})
    >>> classify_states(customers, lines, leads)
      party_id    source         state
    0       C1  customer        actual
    1       C2  customer          lost
    2       L1      lead     potential
    3       L2      lead  non_customer
    """
    require_frame(customers, "customers", ["customer_id"])
    require_frame(order_lines, "order_lines", ["customer_id", "order_date"])
    require_frame(leads, "leads", ["lead_id", "created_date", "stage_reached", "status"])
    require_dates(order_lines, "order_lines", ["order_date"])
    require_dates(leads, "leads", ["created_date"])
    as_of = require_timestamp(as_of, "as_of")
    lost_after_days = require_positive_int(lost_after_days, "lost_after_days")
    require_labels(leads["status"], "leads", "status", LEAD_STATUSES)
    require_labels(leads["stage_reached"], "leads", "stage_reached", FUNNEL_STAGES)

    seen = order_lines[order_lines["order_date"] <= as_of]
    last = seen.groupby("customer_id")["order_date"].max()
    known = customers[customers["customer_id"].isin(last.index)]
    # Align by id with a merge-free reindex (map() on an empty frame loses the date type).
    last_date = last.reindex(known["customer_id"].to_numpy())
    days_since = (as_of - last_date).dt.days.to_numpy()
    customer_state = np.where(days_since <= lost_after_days, "actual", "lost")
    customer_rows = pd.DataFrame(
        {"party_id": known["customer_id"].to_numpy(), "source": "customer", "state": customer_state}
    )

    open_leads = leads[
        (leads["created_date"] <= as_of) & (leads["status"].astype("string") != "won")
    ]
    stage = open_leads["stage_reached"].astype("string")
    lead_state = np.select(
        [
            open_leads["status"].astype("string") == "lost",
            stage.isin(["lead", "contacted"]).to_numpy(),
        ],
        ["non_customer", "potential"],
        default="target",
    )
    lead_rows = pd.DataFrame(
        {"party_id": open_leads["lead_id"].to_numpy(), "source": "lead", "state": lead_state}
    )
    states = pd.concat([customer_rows, lead_rows], ignore_index=True)
    states["party_id"] = states["party_id"].astype("string")
    states["source"] = states["source"].astype("string")
    states["state"] = pd.Categorical(states["state"], categories=STATES, ordered=True)
    return states


def state_counts(states: pd.DataFrame) -> pd.Series:
    """How many parties are in each state, in the order of the customer journey.

    >>> states = pd.DataFrame({"state": pd.Categorical(["actual", "lost", "actual"], categories=STATES)})
    >>> state_counts(states).tolist()
    [0, 0, 0, 2, 1]
    """
    require_frame(states, "states", ["state"])
    require_labels(states["state"], "states", "state", STATES)
    labels = states["state"].astype("string")
    counts = labels.value_counts().reindex(STATES, fill_value=0)
    counts.index = pd.Index(STATES, name="state")
    return counts.rename("parties").astype("int64")


def value_components(
    customers: pd.DataFrame, order_lines: pd.DataFrame, communications: pd.DataFrame
) -> pd.DataFrame:
    """Four components of each customer's value (客户价值), one row per customer.

    * ``revenue``: net revenue (after discounts), CNY — the profit source.
    * ``gross_profit``: revenue minus cost of goods, CNY.
    * ``referrals``: customers who name this customer in ``referred_by`` —
      word-of-mouth value.
    * ``feedback``: inbound messages that carry information (feedback,
      suggestions, complaints) — information value.

    >>> customers = pd.DataFrame({"customer_id": ["A", "B"], "referred_by": ["", "A"]})
    >>> lines = pd.DataFrame({"customer_id": ["A", "B"], "revenue": [100.0, 50.0],
    ...     "cost_of_goods": [60.0, 20.0]})
    >>> comms = pd.DataFrame({"customer_id": ["B"], "direction": ["inbound"], "purpose": ["feedback"]})
    >>> value_components(customers, lines, comms)
                 revenue  gross_profit  referrals  feedback
    customer_id
    A              100.0          40.0          1         0
    B               50.0          30.0          0         1
    """
    require_frame(customers, "customers", ["customer_id", "referred_by"])
    require_frame(order_lines, "order_lines", ["customer_id", "revenue", "cost_of_goods"])
    require_numeric(order_lines, "order_lines", ["revenue", "cost_of_goods"])
    require_frame(communications, "communications", ["customer_id", "direction", "purpose"])
    ids = pd.Index(customers["customer_id"], name="customer_id")
    sums = order_lines.groupby("customer_id")[["revenue", "cost_of_goods"]].sum()
    revenue = sums["revenue"].reindex(ids, fill_value=0.0)
    gross_profit = (sums["revenue"] - sums["cost_of_goods"]).reindex(ids, fill_value=0.0)
    referrals = customers["referred_by"].value_counts().reindex(ids, fill_value=0)
    informative = communications[
        communications["direction"].astype("string").eq("inbound")
        & communications["purpose"].astype("string").isin(FEEDBACK_PURPOSES)
    ]
    feedback = informative.groupby("customer_id").size().reindex(ids, fill_value=0)
    return pd.DataFrame(
        {
            "revenue": revenue.round(2).to_numpy(),
            "gross_profit": gross_profit.round(2).to_numpy(),
            "referrals": referrals.astype("int64").to_numpy(),
            "feedback": feedback.astype("int64").to_numpy(),
        },
        index=ids,
    )


def value_ranks(components: pd.DataFrame) -> pd.DataFrame:
    """Rank customers on each value component (1 = most valuable; ties share the best rank).

    >>> comp = pd.DataFrame({"revenue": [10.0, 30.0], "referrals": [2, 0]}, index=["A", "B"])
    >>> value_ranks(comp)
       revenue  referrals
    A        2          1
    B        1          2
    """
    require_frame(components, "components")
    numeric = components.select_dtypes("number")
    if numeric.empty:
        raise ValueError(
            "components has no numeric columns to rank. Pass the table from value_components()."
        )
    gaps = [column for column in numeric.columns if numeric[column].isna().any()]
    if gaps:
        raise ValueError(
            f"components has missing values in {', '.join(map(str, gaps))}; a missing value "
            "cannot be ranked. Fill them first, e.g. components.fillna(0)."
        )
    return numeric.rank(ascending=False, method="min").astype("int64")


def top_overlap(components: pd.DataFrame, first: str, second: str, n: int = 20) -> int:
    """How many customers are in the top ``n`` on both components.

    >>> comp = pd.DataFrame({"revenue": [3, 2, 1], "feedback": [0, 5, 4]}, index=list("ABC"))
    >>> top_overlap(comp, "revenue", "feedback", n=2)
    1
    """
    require_numeric(components, "components", [first, second])
    n = require_positive_int(n, "n")
    top_first = set(components[first].nlargest(n).index)
    top_second = set(components[second].nlargest(n).index)
    return len(top_first & top_second)


def monthly_spend(order_lines: pd.DataFrame, as_of: object = AS_OF) -> pd.DataFrame:
    """Revenue per customer per calendar month, with zeros for months without orders.

    Returns a DataFrame: one row per month (month-start Timestamps) from the
    first order month in the data to ``as_of``'s month, one column per
    customer. Months before a customer's first order are NaN (not yet a
    customer), later months without orders are 0.

    >>> lines = pd.DataFrame({"customer_id": ["A", "A", "B"], "revenue": [10.0, 5.0, 7.0],
    ...     "order_date": pd.to_datetime(["2025-10-03", "2025-12-09", "2025-11-20"])})
    >>> monthly_spend(lines)
    customer_id     A    B
    month
    2025-10-01   10.0  NaN
    2025-11-01    0.0  7.0
    2025-12-01    5.0  0.0
    """
    require_frame(order_lines, "order_lines", ["customer_id", "order_date", "revenue"])
    require_numeric(order_lines, "order_lines", ["revenue"])
    require_dates(order_lines, "order_lines", ["order_date"])
    as_of = require_timestamp(as_of, "as_of")
    seen = order_lines[order_lines["order_date"] <= as_of]
    if seen.empty:
        raise ValueError(f"order_lines has no orders on or before {as_of.date()}.")
    month = seen["order_date"].dt.to_period("M").dt.to_timestamp()
    table = seen.groupby([month.rename("month"), "customer_id"])["revenue"].sum().unstack()
    months = pd.date_range(
        table.index.min(), as_of.to_period("M").to_timestamp(), freq="MS", name="month"
    )
    table = table.reindex(months)
    started = table.notna().cummax()
    return table.fillna(0.0).where(started)


def lifecycle_stages(
    order_lines: pd.DataFrame, as_of: object = AS_OF, window_months: int = 3
) -> pd.DataFrame:
    """The lifecycle stage of every customer on ``as_of``, from monthly spend.

    With ``recent`` = spend in the last ``window_months`` months and
    ``previous`` = spend in the ``window_months`` months before those,
    the first rule that applies gives the stage:

    1. ``dormancy`` (冬眠期): no spend in the recent window.
    2. ``breakthrough`` (突破期): the first purchase is within the recent window.
    3. ``growth`` (成长期): recent >= 1.2 x previous.
    4. ``defence`` (防御期): recent <= 0.7 x previous.
    5. ``harvest`` (收获期): otherwise (steady spend).

    Returns a DataFrame indexed by customer_id with columns ``first_month``,
    ``recent``, ``previous`` and ``stage`` (ordered categorical).

    >>> lines = pd.DataFrame({"customer_id": ["A"] * 6 + ["B"],
    ...     "revenue": [10.0, 10.0, 10.0, 30.0, 30.0, 30.0, 5.0],
    ...     "order_date": pd.to_datetime(["2025-07-02", "2025-08-02", "2025-09-02",
    ...         "2025-10-02", "2025-11-02", "2025-12-02", "2025-12-20"])})
    >>> lifecycle_stages(lines)["stage"].tolist()
    ['growth', 'breakthrough']
    """
    window_months = require_positive_int(window_months, "window_months")
    spend = monthly_spend(order_lines, as_of)
    recent = spend.iloc[-window_months:].sum(min_count=1).fillna(0.0)
    previous = spend.iloc[-2 * window_months : -window_months].sum(min_count=1).fillna(0.0)
    first_month = spend.notna().idxmax()
    recent_start = spend.index[-window_months] if len(spend) >= window_months else spend.index[0]
    stage = np.select(
        [
            recent <= 0,
            first_month >= recent_start,
            # compared in whole fen (cents), so that exactly 1.2x or 0.7x counts
            np.round(recent * 100) >= np.round(previous * 120),
            np.round(recent * 100) <= np.round(previous * 70),
        ],
        ["dormancy", "breakthrough", "growth", "defence"],
        default="harvest",
    )
    result = pd.DataFrame(
        {
            "first_month": first_month,
            "recent": recent.round(2),
            "previous": previous.round(2),
            "stage": pd.Categorical(stage, categories=STAGES, ordered=True),
        }
    )
    result.index.name = "customer_id"
    return result
