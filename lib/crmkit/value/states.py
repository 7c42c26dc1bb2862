"""Customer states (客户的状态): who is a non-customer, potential, target, actual or lost customer.

The rules are the ones the lesson states, so a student can apply them by hand:

* ``non_customer`` (非客户): a lead that went cold (status ``lost``).
* ``potential`` (潜在客户): an open lead not yet qualified (stage lead or contacted).
* ``target`` (目标客户): an open lead qualified or with a proposal.
* ``actual`` (现实客户): a customer who bought within ``lost_after_days`` of ``as_of``.
* ``lost`` (流失客户): a customer whose last purchase is older than that.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from crmkit._validate import (
    require_dates,
    require_frame,
    require_labels,
    require_positive_int,
    require_timestamp,
)
from crmkit.vocabulary import AS_OF, FUNNEL_STAGES

STATES = ["non_customer", "potential", "target", "actual", "lost"]
LEAD_STATUSES = ["open", "lost", "won"]


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
