"""Early signals of leaving: chapter 04's warning rules, run as of earlier dates, judged honestly.

Chapter 04's four early warnings (``database.warning_list``: credit, behind plan, over budget,
stopped ordering) are run as of a series of past dates (:func:`warning_history`). What each
account did afterwards is known (:func:`leaving_outcomes`), so each rule can be judged as a
forecast of leaving (:func:`warning_accuracy`):

* **precision**: of the accounts a rule flagged, the share that left within the horizon;
* **recall**: of the accounts that left within the horizon, the share the rule had flagged;
* **false alarms**: flagged accounts that did not leave; and the accounts ever flagged that
  never left at all.

A rule that flags everyone has full recall and useless precision; counting only the hits
(the lost accounts that were flagged) hides the false alarms. :func:`warning_lead_times`
measures how long before a lost account's last order its first warning came.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from crmkit import database
from crmkit._validate import (
    require_dates,
    require_frame,
    require_numeric,
    require_positive_int,
    require_timestamp,
)
from crmkit.recovery._shared import _winback
from crmkit.vocabulary import AS_OF, SEGMENTS

RULES = ("credit", "behind_plan", "over_budget", "stopped")
"""Chapter 04's four warnings (columns of ``database.warning_list``)."""
_HISTORY_COLUMNS = ("as_of", "customer_id", *RULES)


def _dates(dates: object) -> list[pd.Timestamp]:
    if isinstance(dates, str) or not isinstance(dates, list | tuple | pd.Index | pd.Series):
        raise TypeError(
            "dates must be a list of dates, such as pd.date_range('2023-01-31', '2024-12-31', "
            f"freq='ME'), but got {type(dates).__name__}."
        )
    stamps = [require_timestamp(day, "dates") for day in dates]
    if not stamps:
        raise ValueError("dates is empty: give at least one date.")
    if len(set(stamps)) != len(stamps):
        raise ValueError("dates lists a date more than once.")
    return sorted(stamps)


def warning_history(
    customers: pd.DataFrame,
    order_lines: pd.DataFrame,
    invoices: pd.DataFrame,
    payments: pd.DataFrame,
    account_plans: pd.DataFrame,
    service_events: pd.DataFrame,
    dates: list[object],
) -> pd.DataFrame:
    """Chapter 04's warning list as of each of ``dates``: one row per (date, flagged account).

    Columns ``as_of``, ``customer_id``, one True/False column per rule (:data:`RULES`) and
    ``warnings`` (how many rules fired). Each date sees only the data up to that date, as the
    firm did then.

    >>> from crmkit import data
    >>> tables = (data.load_customers(), data.load_order_lines(), data.load_invoices(),
    ...     data.load_payments(), data.load_account_plans(), data.load_service_events())
    >>> history = warning_history(*tables, ["2024-06-30", "2024-12-31"])
    >>> history.columns.tolist()
    ['as_of', 'customer_id', 'credit', 'behind_plan', 'over_budget', 'stopped', 'warnings']
    """
    days = _dates(dates)
    tables = (customers, order_lines, invoices, payments, account_plans, service_events)
    parts = []
    for day in days:
        flags = database.warning_list(*tables, as_of=day)
        flags.insert(0, "as_of", day)
        parts.append(flags)
    history = pd.concat(parts, ignore_index=True)
    history["as_of"] = history["as_of"].astype("datetime64[us]")
    return history


def leaving_outcomes(
    customers: pd.DataFrame,
    order_lines: pd.DataFrame,
    dates: list[object],
    horizon_days: int = 180,
    lost_after_days: int = 180,
    as_of: object = AS_OF,
    segment: str | None = "business",
) -> pd.DataFrame:
    """Who was still a customer on each of ``dates``, and who left within the next ``horizon_days``.

    On each date, the customers of ``segment`` (None: all) who had ordered within
    ``lost_after_days`` before it (chapter 01's actual customers). ``left`` is True when the
    customer's final order came no later than ``horizon_days`` after the date and they are lost
    by ``as_of``; ``lost`` says whether they are lost by ``as_of`` at all. Dates too late to
    know (date + horizon after ``as_of`` - ``lost_after_days``) are refused.
    Columns ``as_of``, ``customer_id``, ``last_order`` (final), ``left``, ``lost``.

    >>> customers = pd.DataFrame({"customer_id": ["B1", "B2"], "segment": ["business"] * 2})
    >>> lines = pd.DataFrame({"customer_id": ["B1", "B1", "B2", "B2"],
    ...     "order_date": pd.to_datetime(["2024-01-10", "2024-03-01", "2024-02-01", "2025-11-01"])})
    >>> leaving_outcomes(customers, lines, ["2024-03-31"])[["customer_id", "left", "lost"]]
      customer_id   left   lost
    0          B1   True   True
    1          B2  False  False
    """
    require_frame(customers, "customers", ["customer_id", "segment"])
    require_frame(order_lines, "order_lines", ["customer_id", "order_date"])
    require_dates(order_lines, "order_lines", ["order_date"])
    days = _dates(dates)
    horizon_days = require_positive_int(horizon_days, "horizon_days")
    lost_after_days = require_positive_int(lost_after_days, "lost_after_days")
    as_of = require_timestamp(as_of, "as_of")
    if segment is not None and segment not in SEGMENTS:
        raise ValueError(f"segment must be None or one of {', '.join(SEGMENTS)}, not {segment!r}.")
    known = as_of - pd.Timedelta(days=lost_after_days)
    if days[-1] + pd.Timedelta(days=horizon_days) > known:
        raise ValueError(
            f"dates run too late: whether a customer left within {horizon_days} days of "
            f"{days[-1].date()} is not known by {as_of.date()}. Use dates up to "
            f"{(known - pd.Timedelta(days=horizon_days)).date()}."
        )
    if segment is not None:
        ids = customers.loc[customers["segment"].astype("string") == segment, "customer_id"]
        lines = order_lines[
            order_lines["customer_id"].astype("string").isin(set(ids.astype("string")))
        ]
    else:
        lines = order_lines
    lines = lines[lines["order_date"] <= as_of]
    owner = lines["customer_id"].astype("string").to_numpy()
    final = lines["order_date"].groupby(owner).max()
    parts = []
    for day in days:
        before = lines.loc[(lines["order_date"] <= day).to_numpy(), "order_date"]
        latest = before.groupby(owner[(lines["order_date"] <= day).to_numpy()]).max()
        active = latest.index[latest >= day - pd.Timedelta(days=lost_after_days)]
        last = final.reindex(active)
        parts.append(
            pd.DataFrame(
                {
                    "as_of": day,
                    "customer_id": pd.array(active, dtype="string"),
                    "last_order": last.to_numpy(),
                    "left": (
                        (last <= day + pd.Timedelta(days=horizon_days)) & (last < known)
                    ).to_numpy(),
                    "lost": (last < known).to_numpy(),
                }
            )
        )
    outcomes = pd.concat(parts, ignore_index=True)
    outcomes["as_of"] = outcomes["as_of"].astype("datetime64[us]")
    return outcomes


def _flag_table(history: object, outcomes: object) -> pd.DataFrame:
    require_frame(history, "history", _HISTORY_COLUMNS)
    require_dates(history, "history", ["as_of"])
    require_frame(outcomes, "outcomes", ["as_of", "customer_id", "left", "lost"])
    require_dates(outcomes, "outcomes", ["as_of"])
    for column in ("left", "lost"):
        if not pd.api.types.is_bool_dtype(outcomes[column]):
            raise TypeError(
                f"Column {column!r} of outcomes must hold True/False: use leaving_outcomes()."
            )
    keys = ["as_of", "customer_id"]
    flags = history[[*keys, *RULES]].astype({"customer_id": "string"})
    flags["as_of"] = flags["as_of"].astype("datetime64[us]")
    base = outcomes[[*keys, "left", "lost"]].astype({"customer_id": "string"})
    base["as_of"] = base["as_of"].astype("datetime64[us]")
    table = base.merge(flags, on=keys, how="left")
    for rule in RULES:
        table[rule] = table[rule].astype("boolean").fillna(False).astype(bool)
    table["any"] = table[list(RULES)].any(axis=1)
    return table


def warning_accuracy(history: pd.DataFrame, outcomes: pd.DataFrame) -> pd.DataFrame:
    """Each warning rule judged as a forecast of leaving, over every (date, account) pair.

    ``history`` is :func:`warning_history`, ``outcomes`` :func:`leaving_outcomes` (flags of
    accounts that are not in ``outcomes``, already lost on that date, are not counted). One
    row per rule and ``any``: ``flagged``, ``flagged_left``, ``false_alarms`` (flagged, did
    not leave), ``left``, ``missed``, ``precision`` (flagged_left / flagged), ``recall``
    (flagged_left / left), ``base_rate`` (the share of all pairs that left), ``lift``
    (precision / base_rate: above 1 the rule beats picking accounts at random) and
    ``flagged_never_lost`` (accounts the rule ever flagged that never left at all).

    >>> outcomes = pd.DataFrame({"as_of": pd.to_datetime(["2024-06-30"] * 4),
    ...     "customer_id": ["A", "B", "C", "D"], "left": [True, True, False, False],
    ...     "lost": [True, True, False, False]})
    >>> history = pd.DataFrame({"as_of": pd.to_datetime(["2024-06-30"] * 2), "customer_id": ["A", "C"],
    ...     "credit": [False, False], "behind_plan": [True, True], "over_budget": [False, False],
    ...     "stopped": [True, False]})
    >>> warning_accuracy(history, outcomes).loc[["stopped", "any"], ["flagged", "precision", "recall"]]
             flagged  precision  recall
    rule
    stopped        1        1.0     0.5
    any            2        0.5     0.5
    """
    table = _flag_table(history, outcomes)
    left = table["left"].to_numpy()
    rows = {}
    for rule in (*RULES, "any"):
        flagged = table[rule].to_numpy()
        hits = int((flagged & left).sum())
        ever = table.loc[flagged, ["customer_id", "lost"]].drop_duplicates("customer_id")
        rows[rule] = {
            "flagged": int(flagged.sum()),
            "flagged_left": hits,
            "false_alarms": int((flagged & ~left).sum()),
            "left": int(left.sum()),
            "missed": int((~flagged & left).sum()),
            "precision": hits / flagged.sum() if flagged.any() else np.nan,
            "recall": hits / left.sum() if left.any() else np.nan,
            "base_rate": left.mean() if len(left) else np.nan,
            "flagged_never_lost": int((~ever["lost"]).sum()),
        }
    result = pd.DataFrame.from_dict(rows, orient="index")
    result["lift"] = result["precision"] / result["base_rate"]
    result.index.name = "rule"
    order = ["flagged", "flagged_left", "false_alarms", "left", "missed", "precision", "recall"]
    return result[[*order, "base_rate", "lift", "flagged_never_lost"]].round(4)


def warning_lead_times(
    history: pd.DataFrame,
    outcomes: pd.DataFrame,
    lookback_days: int = 365,
    lost_after_days: int = 180,
) -> pd.DataFrame:
    """How many days before each lost account's last order its first warning came, per rule.

    The accounts are those of ``outcomes`` (:func:`leaving_outcomes`) that are lost, whose last
    order falls at least ``lookback_days`` after the first date of ``history``. A warning counts
    from ``lookback_days`` before the last order until the account counts as lost
    (``lost_after_days`` after it). One row per account: ``customer_id``, ``last_order``, and
    per rule and ``any`` the lead in days (last order - first warning: positive means before
    the last order, negative after it; missing when the rule never fired). The dates of
    ``history`` set the precision: with month ends, a lead is known to about a month.

    >>> outcomes = pd.DataFrame({"as_of": pd.to_datetime(["2023-01-31"]), "customer_id": ["A"],
    ...     "last_order": pd.to_datetime(["2024-03-15"]), "left": [False], "lost": [True]})
    >>> history = pd.DataFrame({"as_of": pd.to_datetime(["2023-01-31", "2024-01-31", "2024-04-30"]),
    ...     "customer_id": ["A"] * 3, "credit": [False] * 3, "behind_plan": [False, True, True],
    ...     "over_budget": [False] * 3, "stopped": [False, False, True]})
    >>> warning_lead_times(history, outcomes)[["customer_id", "behind_plan", "stopped", "any"]]
      customer_id  behind_plan  stopped   any
    0           A         44.0    -46.0  44.0
    """
    require_frame(history, "history", _HISTORY_COLUMNS)
    require_dates(history, "history", ["as_of"])
    require_frame(outcomes, "outcomes", ["customer_id", "last_order", "lost"])
    require_dates(outcomes, "outcomes", ["last_order"])
    lookback_days = require_positive_int(lookback_days, "lookback_days")
    lost_after_days = require_positive_int(lost_after_days, "lost_after_days")
    if history.empty:
        raise ValueError("history has no rows: run warning_history over some dates first.")
    start = history["as_of"].min() + pd.Timedelta(days=lookback_days)
    lost = outcomes[outcomes["lost"].astype(bool).to_numpy()]
    lost = lost.drop_duplicates("customer_id")[["customer_id", "last_order"]]
    lost = lost[lost["last_order"] >= start].astype({"customer_id": "string"})
    flags = history.astype({"customer_id": "string"}).merge(lost, on="customer_id")
    window = (flags["as_of"] >= flags["last_order"] - pd.Timedelta(days=lookback_days)) & (
        flags["as_of"] <= flags["last_order"] + pd.Timedelta(days=lost_after_days)
    )
    flags = flags[window.to_numpy()]
    result = lost.sort_values("customer_id").reset_index(drop=True)
    for rule in (*RULES, "any"):
        fired = flags if rule == "any" else flags[flags[rule].astype(bool).to_numpy()]
        first = fired.groupby("customer_id")["as_of"].min()
        lead = (
            result["last_order"] - first.reindex(result["customer_id"].to_numpy()).to_numpy()
        ).dt.days
        result[rule] = lead.astype("float64")
    return result


def lead_time_summary(lead_times: pd.DataFrame) -> pd.DataFrame:
    """Per rule: how many lost accounts it warned of, how often before the last order, how early.

    ``lead_times`` is :func:`warning_lead_times`. One row per rule: ``accounts`` (lost
    accounts), ``warned`` and ``warned_share`` (warned at all before counting as lost),
    ``before_last_order`` (share of accounts warned before their last order) and
    ``median_lead_days`` (among those warned).

    >>> never = [float("nan")] * 2
    >>> leads = pd.DataFrame({"customer_id": ["A", "B"], "credit": never,
    ...     "behind_plan": [60.0, None], "over_budget": never, "stopped": [-30.0, -10.0],
    ...     "any": [60.0, -10.0]})
    >>> lead_time_summary(leads).loc[["stopped", "any"]]
             accounts  warned  warned_share  before_last_order  median_lead_days
    rule
    stopped         2       2           1.0                0.0             -20.0
    any             2       2           1.0                0.5              25.0
    """
    require_frame(lead_times, "lead_times", ["customer_id", *RULES, "any"])
    require_numeric(lead_times, "lead_times", [*RULES, "any"])
    rows = {}
    for rule in (*RULES, "any"):
        lead = lead_times[rule].astype("float64")
        rows[rule] = {
            "accounts": len(lead),
            "warned": int(lead.notna().sum()),
            "warned_share": lead.notna().mean() if len(lead) else np.nan,
            "before_last_order": (lead > 0).mean() if len(lead) else np.nan,
            "median_lead_days": lead.median(),
        }
    result = pd.DataFrame.from_dict(rows, orient="index").round(4)
    result.index.name = "rule"
    return result


def _window_of(days: pd.Series, window_days: int, windows: int, earliest: int) -> pd.Series:
    """Window number 1 (the latest) to ``windows`` of each day count, or 0 outside them."""
    number = np.ceil(days.clip(lower=1) / window_days)
    inside = (days >= earliest) & (number <= windows)
    return number.where(inside, 0).astype("int64")


def signs_before_leaving(
    winback: pd.DataFrame,
    order_lines: pd.DataFrame,
    complaints: pd.DataFrame,
    communications: pd.DataFrame,
    window_days: int = 90,
    windows: int = 4,
) -> pd.DataFrame:
    """What lost customers did in the months before their last order: orders, complaints, replies.

    Takes the customers of ``winback`` who had bought for at least ``windows`` x
    ``window_days`` days before their last order, and cuts that time into windows counted back
    from the last order. Per window: ``orders_per_customer`` (the last order itself not
    counted), ``complained`` (share of customers with a complaint; complaints dated up to 30
    days after the last order count in the latest window, since they follow the order they are
    about), ``messages`` (outbound messages sent) and ``response_rate`` (the share answered).
    Rows run from the earliest window to the latest; ``attrs["customers"]`` is how many.

    >>> winback = pd.DataFrame({"customer_id": ["A"], "offer": ["none"],
    ...     "reason_for_leaving": ["poor_service"], "last_order_date": pd.to_datetime(["2024-12-31"])})
    >>> lines = pd.DataFrame({"customer_id": ["A"] * 4, "order_id": ["1", "2", "3", "4"],
    ...     "order_date": pd.to_datetime(["2024-01-01", "2024-03-01", "2024-11-01", "2024-12-31"])})
    >>> complaints = pd.DataFrame({"customer_id": ["A"], "complaint_date": pd.to_datetime(["2025-01-05"])})
    >>> comms = pd.DataFrame({"customer_id": ["A", "A"], "comm_date": pd.to_datetime(["2024-02-01", "2024-12-01"]),
    ...     "direction": ["outbound"] * 2, "responded": [True, False]})
    >>> signs_before_leaving(winback, lines, complaints, comms, window_days=180, windows=2)
    ... # doctest: +NORMALIZE_WHITESPACE
                  orders_per_customer  complained  messages  response_rate
    days before
    181-360 days                  1.0         0.0         1            1.0
    1-180 days                    1.0         1.0         1            0.0
    """
    table = _winback_dates(winback)
    require_frame(order_lines, "order_lines", ["customer_id", "order_id", "order_date"])
    require_dates(order_lines, "order_lines", ["order_date"])
    require_frame(complaints, "complaints", ["customer_id", "complaint_date"])
    require_dates(complaints, "complaints", ["complaint_date"])
    require_frame(
        communications, "communications", ["customer_id", "comm_date", "direction", "responded"]
    )
    require_dates(communications, "communications", ["comm_date"])
    window_days = require_positive_int(window_days, "window_days")
    windows = require_positive_int(windows, "windows")
    last = pd.Series(
        table["last_order_date"].to_numpy(), index=table["customer_id"].astype("string")
    )
    owner = order_lines["customer_id"].astype("string")
    first = order_lines["order_date"].groupby(owner.to_numpy()).min().reindex(last.index)
    kept = last.index[((last - first).dt.days >= window_days * windows).to_numpy()]

    def windows_of(frame: pd.DataFrame, column: str, earliest: int) -> pd.DataFrame:
        ids = frame["customer_id"].astype("string")
        frame = frame[ids.isin(set(kept)).to_numpy()]
        ids = frame["customer_id"].astype("string")
        days = pd.Series(last.reindex(ids.to_numpy()).to_numpy() - frame[column].to_numpy()).dt.days
        return frame.assign(window=_window_of(days, window_days, windows, earliest).to_numpy())

    orders = windows_of(order_lines.drop_duplicates("order_id"), "order_date", 1)
    said = windows_of(complaints, "complaint_date", -30)
    outbound = communications[communications["direction"].astype("string") == "outbound"]
    sent = windows_of(outbound, "comm_date", 1)
    numbers = range(windows, 0, -1)
    result = pd.DataFrame(
        {
            "orders_per_customer": [
                (orders["window"] == k).sum() / max(len(kept), 1) for k in numbers
            ],
            "complained": [
                said.loc[said["window"] == k, "customer_id"].nunique() / max(len(kept), 1)
                for k in numbers
            ],
            "messages": [int((sent["window"] == k).sum()) for k in numbers],
            "response_rate": [
                sent.loc[sent["window"] == k, "responded"].astype("float64").mean() for k in numbers
            ],
        },
        index=pd.Index(
            [f"{(k - 1) * window_days + 1}-{k * window_days} days" for k in numbers],
            name="days before",
        ),
    ).round(4)
    result.attrs["customers"] = len(kept)
    return result


def _winback_dates(winback: object) -> pd.DataFrame:
    table = _winback(winback, ("last_order_date",))
    require_dates(table, "winback", ["last_order_date"])
    return table
