"""Random draws and event frames shared by the parts of the simulation.

``pick`` draws labels by their shares; ``event_frame`` and ``spread_events``
build the internal event frames (customer position ``_pos``, day ``_day``,
type, cost) that service events and communications are made of, and
``numbered_events`` turns such a frame into a table.

>>> rng = np.random.default_rng(0)
>>> pick(rng, ["tea", "coffee"], [3, 1], 6).tolist()
['tea', 'tea', 'tea', 'tea', 'coffee', 'coffee']
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

import numpy as np
import pandas as pd

from crmkit.synth.calendar import TOTAL_DAYS, to_dates


def pick(
    rng: np.random.Generator, options: Sequence[str], shares: Sequence[float], size: int
) -> np.ndarray:
    """``size`` labels drawn from ``options`` with chances proportional to ``shares``.

    >>> pick(np.random.default_rng(1), ("a", "b"), [1, 0], 2).tolist()
    ['a', 'a']
    """
    shares = np.asarray(shares, dtype=float)
    return rng.choice(np.array(options, dtype=object), size=size, p=shares / shares.sum())


def event_frame(
    pos: np.ndarray,
    day: np.ndarray,
    kind: str,
    cost: np.ndarray,
    order_id: np.ndarray | None = None,
) -> pd.DataFrame:
    """Events of one kind: customer position, day number, type, cost and (maybe) order id.

    >>> event_frame(np.array([0]), np.array([5]), "delivery", np.array([30.0]))
       _pos  _day event_type  cost order_id
    0     0     5   delivery  30.0
    """
    return pd.DataFrame(
        {
            "_pos": pos,
            "_day": day,
            "event_type": kind,
            "cost": cost,
            "order_id": order_id if order_id is not None else "",
        }
    )


def spread_events(
    rng: np.random.Generator,
    start: np.ndarray,
    end: np.ndarray,
    counts: np.ndarray,
    kind: str,
    cost_range: tuple[float, float],
) -> pd.DataFrame:
    """``counts[i]`` events for customer i on days spread evenly over [start[i], end[i]).

    >>> rng = np.random.default_rng(0)
    >>> calls = spread_events(rng, np.array([0, 10]), np.array([5, 20]), np.array([1, 2]),
    ...                       "support_call", (18, 35))
    >>> calls["_pos"].tolist(), bool(calls["_day"].between(0, 19).all())
    ([0, 1, 1], True)
    """
    pos = np.repeat(np.arange(counts.size), counts)
    span = np.maximum(end - start, 1)[pos]
    day = start[pos] + np.floor(rng.random(pos.size) * span).astype(int)
    return event_frame(pos, day, kind, rng.uniform(*cost_range, pos.size))


class EventTable(NamedTuple):
    """How a frame of events becomes a table: its id and date columns, order and other columns."""

    id_column: str  # e.g. "event_id"
    id_prefix: str  # e.g. "E" for E000001, E000002, ...
    date_column: str  # e.g. "event_date"
    order_by: str  # sorts events of the same day and customer
    columns: dict[str, str]  # the table's other columns: {column: events' column}


def numbered_events(
    events: pd.DataFrame, customer_ids: np.ndarray, layout: EventTable
) -> pd.DataFrame:
    """The events inside the data as a table: sorted by day and customer, numbered, dated.

    ``customer_ids`` maps the events' ``_pos`` to customer ids.

    >>> events = event_frame(np.array([1, 0]), np.array([7, 7]), "repair", np.array([9.0, 8.0]))
    >>> layout = EventTable("event_id", "E", "event_date", "event_type", {"cost": "cost"})
    >>> numbered_events(events, np.array(["B001", "C0001"]), layout)
      event_id event_date customer_id  cost
    0  E000001 2022-01-08        B001   8.0
    1  E000002 2022-01-08       C0001   9.0
    """
    kept = (
        events[events["_day"] < TOTAL_DAYS]
        .sort_values(["_day", "_pos", layout.order_by], kind="stable")
        .reset_index(drop=True)
    )
    table = {
        layout.id_column: [f"{layout.id_prefix}{i:06d}" for i in range(1, len(kept) + 1)],
        layout.date_column: to_dates(kept["_day"].to_numpy()),
        "customer_id": customer_ids[kept["_pos"].to_numpy()],
    }
    table.update({name: kept[column].to_numpy() for name, column in layout.columns.items()})
    return pd.DataFrame(table)
