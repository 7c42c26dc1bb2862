"""Two-way communication: what flows each way, the channel mix, outbound response rates and
which channel pays for which value group.

**Directions.** ``outbound`` rows are Jade Leaf -> customer (the firm makes itself and its offer
understood); ``inbound`` rows are customer -> Jade Leaf (enquiries, help with orders, feedback,
suggestions, complaints). **Response rate** of outbound messages = responded / sent, with a
Wilson interval (chapter 03's :func:`crmkit.acquisition.wilson_interval`).

**Channel economics** (assumptions stated in :data:`CHANNEL_COSTS` and by the caller's values)::

    net per contact   = response rate x value of a response - cost per contact
    cost per response = cost per contact / response rate

The best channel for a value group is the one with the highest positive net per contact.
"""

from __future__ import annotations

import pandas as pd

from crmkit._validate import (
    require_confidence,
    require_frame,
    require_labels,
    require_numeric,
    require_rate,
    require_series,
)
from crmkit.acquisition.conversion import wilson_interval

CONTENTS = {
    "information": "信息",
    "emotion": "情感",
    "values": "理念",
    "opinion": "意见",
    "policy": "政策",
}
"""The five contents of customer communication (English -> 中文)."""
DIRECTIONS = ("outbound", "inbound")
"""outbound = firm -> customer, inbound = customer -> firm."""
OUTBOUND_CHANNELS = ("email", "sms", "wechat", "phone", "letter")
"""How Jade Leaf reaches customers in the communications data."""
INBOUND_CHANNELS = (
    "hotline",
    "wechat",
    "web_form",
    "email",
    "suggestion_card",
    "sales_rep",
    "in_person",
)
"""How customers reach Jade Leaf in the communications data."""
CHANNEL_COSTS = {"email": 0.08, "wechat": 0.12, "sms": 0.15, "letter": 6.0, "phone": 12.0}
"""Assumed cost of one outbound contact in CNY, staff time included (a phone call takes a few
minutes of a salesperson's time; a letter is printed and posted)."""
VALUE_GROUPS = ("high", "middle", "low")
"""Simple value groups by profit rank (chapter 05 builds the full customer pyramid)."""


def channel_mix(communications: pd.DataFrame) -> pd.DataFrame:
    """Messages per direction and channel, with each channel's share of its direction.

    Returns a DataFrame indexed by (``direction``, ``channel``), only the pairs that occur,
    with ``messages`` and ``share`` (fraction of the direction's messages).

    >>> comms = pd.DataFrame({"direction": ["outbound", "outbound", "inbound"],
    ...     "channel": ["email", "sms", "hotline"]})
    >>> channel_mix(comms)
                        messages  share
    direction channel
    inbound   hotline          1    1.0
    outbound  email            1    0.5
              sms              1    0.5
    """
    require_frame(communications, "communications", ["direction", "channel"])
    direction = communications["direction"].astype("string")
    require_labels(direction, "communications", "direction", DIRECTIONS)
    channel = communications["channel"].astype("string").fillna("unknown")
    counts = (
        pd.DataFrame({"direction": direction, "channel": channel})
        .value_counts()
        .sort_index()
        .rename("messages")
        .astype("int64")
    )
    share = counts / counts.groupby(level="direction").transform("sum")
    return pd.DataFrame({"messages": counts, "share": share.round(4)})


def response_rates(
    communications: pd.DataFrame, by: str | list[str] = "channel", confidence: float = 0.95
) -> pd.DataFrame:
    """Outbound response rate per group (``by``: one column or a list), with a Wilson interval.

    Only outbound rows count (inbound rows have no ``responded``). Returns a DataFrame per
    group with ``sent``, ``responded``, ``rate``, ``lower`` and ``upper`` (fractions).

    >>> comms = pd.DataFrame({"direction": ["outbound"] * 4 + ["inbound"],
    ...     "channel": ["email", "email", "phone", "phone", "hotline"],
    ...     "responded": pd.array([False, True, True, True, None], dtype="boolean")})
    >>> response_rates(comms).round(3)
             sent  responded  rate  lower  upper
    channel
    email       2          1   0.5  0.095  0.905
    phone       2          2   1.0  0.342  1.000
    """
    columns = [by] if isinstance(by, str) else list(by) if isinstance(by, list | tuple) else None
    if not columns:
        raise TypeError(f"by must be a column name or a list of them, but got {by!r}.")
    require_frame(communications, "communications", ["direction", "responded", *columns])
    confidence = require_confidence(confidence)
    direction = communications["direction"].astype("string")
    require_labels(direction, "communications", "direction", DIRECTIONS)
    outbound = communications[direction.eq("outbound").to_numpy()]
    responded = outbound["responded"].astype("boolean")
    if responded.isna().any():
        raise ValueError(
            f"Column 'responded' of communications is missing for {int(responded.isna().sum())} "
            "outbound message(s): every outbound message needs True or False."
        )
    keys = [outbound[column].astype("string").fillna("unknown") for column in columns]
    counts = (
        pd.DataFrame({"sent": 1, "responded": responded.astype("int64")}, index=outbound.index)
        .groupby(keys, sort=True)
        .sum()
    )
    interval = wilson_interval(counts["responded"], counts["sent"], confidence)
    table = pd.concat([counts, interval[["rate", "lower", "upper"]]], axis=1)
    table.index = table.index.set_names(columns)
    return table


def value_groups(profit: pd.Series, high: float = 0.2, middle: float = 0.3) -> pd.Series:
    """Each customer's value group by profit rank: the top ``high`` share, the next ``middle``,
    then the rest ("high", "middle", "low"; ties keep the order given).

    A simple stand-in for chapter 05's customer pyramid. Returns a categorical Series indexed
    like ``profit``.

    >>> value_groups(pd.Series({"A": 50.0, "B": -5.0, "C": 20.0, "D": 1.0, "E": 9.0})).tolist()
    ['high', 'low', 'middle', 'low', 'low']
    """
    profit = require_series(profit, "profit", "one profit per customer", numeric=True,
                            allow_missing=False)  # fmt: skip
    high = require_rate(high, "high")
    middle = require_rate(middle, "middle")
    if high + middle > 1:
        raise ValueError(
            f"high + middle must be at most 1 (all customers), but got {high + middle:g}."
        )
    rank = profit.rank(ascending=False, method="first") / max(len(profit), 1)
    labels = pd.Series("low", index=profit.index, name="value_group")
    labels[rank <= high + middle] = "middle"
    labels[rank <= high] = "high"
    return labels.astype(pd.CategoricalDtype(list(VALUE_GROUPS), ordered=True))


def channel_economics(
    rates: pd.Series, response_values: pd.Series, costs: pd.Series | None = None
) -> pd.DataFrame:
    """Net value of one contact for each value group and channel (see the module docstring).

    ``rates``: response rate per channel (fractions); ``response_values``: what one response is
    worth per group, in CNY (an assumption the caller states); ``costs``: cost per contact per
    channel (default :data:`CHANNEL_COSTS`). Returns a DataFrame indexed by (``group``,
    ``channel``) with ``rate``, ``cost``, ``response_value``, ``cost_per_response`` and
    ``net_per_contact``.

    >>> table = channel_economics(pd.Series({"email": 0.02, "phone": 0.1}),
    ...     pd.Series({"high": 500.0, "low": 5.0}), pd.Series({"email": 0.1, "phone": 12.0}))
    >>> table["net_per_contact"].round(2).tolist()
    [9.9, 38.0, 0.0, -11.5]
    """
    rates = require_series(rates, "rates", "one response rate per channel", numeric=True,
                           allow_missing=False)  # fmt: skip
    if ((rates < 0) | (rates > 1)).any():
        raise ValueError("rates must be fractions between 0 and 1 (0.05 means 5%).")
    response_values = require_series(response_values, "response_values",
                                     "the value of one response per group", numeric=True,
                                     allow_missing=False)  # fmt: skip
    costs = pd.Series(CHANNEL_COSTS) if costs is None else costs
    costs = require_series(costs, "costs", "the cost of one contact per channel", numeric=True,
                           allow_missing=False)  # fmt: skip
    missing = [str(channel) for channel in rates.index if channel not in costs.index]
    if missing:
        raise ValueError(f"costs has no cost for the channel(s) {', '.join(missing)}.")
    index = pd.MultiIndex.from_product(
        [response_values.index.astype("str"), rates.index.astype("str")], names=["group", "channel"]
    )
    group, channel = index.get_level_values("group"), index.get_level_values("channel")
    rate = rates.set_axis(rates.index.astype("str")).reindex(channel).to_numpy()
    cost = costs.set_axis(costs.index.astype("str")).reindex(channel).to_numpy()
    value = response_values.set_axis(response_values.index.astype("str")).reindex(group).to_numpy()
    table = pd.DataFrame({"rate": rate, "cost": cost, "response_value": value}, index=index)
    table["cost_per_response"] = (table["cost"] / table["rate"].where(table["rate"] > 0)).round(2)
    table["net_per_contact"] = (table["rate"] * table["response_value"] - table["cost"]).round(4)
    return table


def best_channel(economics: pd.DataFrame) -> pd.Series:
    """Per group, the channel with the highest positive net per contact ("none" if no channel
    earns more than it costs). ``economics`` is the table of :func:`channel_economics`.

    >>> table = channel_economics(pd.Series({"email": 0.02, "phone": 0.1}),
    ...     pd.Series({"high": 500.0, "low": 1.0}), pd.Series({"email": 0.1, "phone": 12.0}))
    >>> best_channel(table).to_dict()
    {'high': 'phone', 'low': 'none'}
    """
    require_numeric(economics, "economics", ["net_per_contact"], allow_missing=False)
    if not isinstance(economics.index, pd.MultiIndex) or economics.index.nlevels != 2:
        raise ValueError("economics must be indexed by (group, channel): pass channel_economics().")
    if economics.empty:
        raise ValueError("economics has no rows: pass the table of channel_economics().")
    net = economics["net_per_contact"].astype("float64")
    groups = net.index.get_level_values(0)
    best = net.groupby(groups, sort=False).idxmax().map(lambda pair: pair[1])
    positive = net.groupby(groups, sort=False).max() > 0
    return best.where(positive, "none").rename("channel").rename_axis("group")
