"""Early warnings (预警管理) for business accounts, as pandas functions.

Each rule has an SQL twin, a view in the database (:data:`VIEWS_SQL` in
:mod:`crmkit.database.schema`), that gives the same rows:

* receivables above the credit limit: :func:`credit_warnings` (with
  :func:`receivables`), view ``warn_credit``;
* orders behind the monthly plan: :func:`behind_plan_warnings` (with
  :func:`plan_progress`), view ``warn_behind_plan``;
* selling expenses above budget: :func:`expense_warnings`, view ``warn_over_budget``;
* a customer who stopped ordering, judged against their own usual buying
  interval: :func:`stopped_ordering_warnings` (with :func:`buying_intervals`),
  view ``warn_stopped``.

:func:`warning_list` and :func:`weekly_warnings` put the four together. The
history behind one account's flags is in :mod:`crmkit.database.history`.

Definitions the rules share (they are the same in pandas and in SQL):

* The **window** of the plan and expense rules is the ``window_months``
  calendar months that end with the month of ``as_of``. The plan and the
  budget of ``as_of``'s own month count pro rata: day of month / days in
  the month. Orders and sales visits count from the first day of the window
  to ``as_of``, inclusive.
* **Selling expenses** are the costs of ``sales_visit`` service events.
  Deliveries, support calls and repairs are costs of serving, and year-end
  rebates are price reductions: none of them is a selling expense.
* **Receivables** at ``as_of`` = invoices issued up to ``as_of`` minus
  payments received up to ``as_of``.
* A customer's **order days** are the distinct days with an order; the
  **usual buying interval** is the median number of days between
  consecutive order days (orders up to ``as_of``).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from crmkit._validate import (
    require_dates,
    require_frame,
    require_invoices_and_payments,
    require_number,
    require_numeric,
    require_positive_int,
    require_timestamp,
)
from crmkit.database.schema import DEFAULT_RULES, WARNINGS
from crmkit.vocabulary import AS_OF

# --------------------------------------------------------------------------- credit


def receivables(
    customers: pd.DataFrame,
    invoices: pd.DataFrame,
    payments: pd.DataFrame,
    as_of: object = AS_OF,
) -> pd.DataFrame:
    """What each account owes on ``as_of``: invoiced up to that day minus paid up to that day.

    One row per account with an invoice by ``as_of``, sorted by customer_id.
    Columns: ``customer_id``, ``credit_limit``, ``invoiced``, ``paid``,
    ``receivable`` (CNY) and ``oldest_overdue_days`` (days past the due date
    of the oldest invoice still open; missing when nothing is overdue).

    >>> customers = pd.DataFrame({"customer_id": ["B1"], "credit_limit": [1000]})
    >>> invoices = pd.DataFrame({"invoice_id": ["I1", "I2"], "customer_id": ["B1", "B1"],
    ...     "invoice_date": pd.to_datetime(["2025-10-01", "2025-12-01"]),
    ...     "due_date": pd.to_datetime(["2025-10-31", "2025-12-31"]), "amount": [800.0, 700.0]})
    >>> payments = pd.DataFrame({"invoice_id": ["I1"], "payment_date": pd.to_datetime(["2025-11-20"]),
    ...     "amount": [300.0]})
    >>> receivables(customers, invoices, payments, "2025-12-31")
      customer_id  credit_limit  invoiced  paid  receivable  oldest_overdue_days
    0          B1          1000    1500.0 300.0      1200.0                   61
    """
    require_frame(customers, "customers", ["customer_id", "credit_limit"])
    # The same two tables as chapter 02's late-payment costs, checked the same way.
    require_invoices_and_payments(invoices, payments)
    require_numeric(customers, "customers", ["credit_limit"])
    as_of = require_timestamp(as_of, "as_of")
    issued = invoices[invoices["invoice_date"] <= as_of]
    paid_per_invoice = (
        payments[payments["payment_date"] <= as_of].groupby("invoice_id")["amount"].sum()
    )
    open_amount = issued["amount"] - issued["invoice_id"].map(paid_per_invoice).fillna(0.0)
    overdue = issued[(open_amount > 0.005).to_numpy() & (issued["due_date"] < as_of).to_numpy()]
    oldest = (as_of - overdue.groupby("customer_id")["due_date"].min()).dt.days
    invoiced = issued.groupby("customer_id")["amount"].sum()
    paid = (
        paid_per_invoice.rename_axis("invoice_id")
        .reset_index()
        .assign(
            customer_id=lambda d: d["invoice_id"].map(issued.set_index("invoice_id")["customer_id"])
        )
        .groupby("customer_id")["amount"]
        .sum()
        .reindex(invoiced.index, fill_value=0.0)
    )
    limit = customers.drop_duplicates("customer_id").set_index("customer_id")["credit_limit"]
    result = pd.DataFrame(
        {
            "customer_id": invoiced.index.astype("string"),
            "credit_limit": limit.reindex(invoiced.index).astype("Int64").to_numpy(),
            "invoiced": invoiced.to_numpy(),
            "paid": paid.to_numpy(),
            "receivable": (invoiced - paid).to_numpy(),
            "oldest_overdue_days": oldest.reindex(invoiced.index).astype("Int64").to_numpy(),
        }
    )
    return result.sort_values("customer_id").reset_index(drop=True)


def credit_warnings(
    customers: pd.DataFrame,
    invoices: pd.DataFrame,
    payments: pd.DataFrame,
    as_of: object = AS_OF,
) -> pd.DataFrame:
    """Warning 1 (外欠款预警): accounts whose receivables exceed their credit limit on ``as_of``.

    Columns: ``customer_id``, ``receivable``, ``credit_limit``, ``excess``
    (receivable - limit) and ``oldest_overdue_days``; sorted by customer_id.
    The SQL view ``warn_credit`` gives the same rows.

    >>> customers = pd.DataFrame({"customer_id": ["B1"], "credit_limit": [1000]})
    >>> invoices = pd.DataFrame({"invoice_id": ["I1"], "customer_id": ["B1"],
    ...     "invoice_date": pd.to_datetime(["2025-12-01"]), "due_date": pd.to_datetime(["2025-12-31"]),
    ...     "amount": [1500.0]})
    >>> payments = pd.DataFrame({"invoice_id": pd.Series([], dtype="string"),
    ...     "payment_date": pd.to_datetime(pd.Series([], dtype="string")), "amount": pd.Series([], dtype=float)})
    >>> credit_warnings(customers, invoices, payments)[["customer_id", "excess"]]
      customer_id  excess
    0          B1   500.0
    """
    owed = receivables(customers, invoices, payments, as_of)
    flagged = owed[(owed["receivable"] > owed["credit_limit"]).fillna(False).to_numpy(dtype=bool)]
    result = flagged.assign(excess=flagged["receivable"] - flagged["credit_limit"].astype(float))
    return result[
        ["customer_id", "receivable", "credit_limit", "excess", "oldest_overdue_days"]
    ].reset_index(drop=True)


# --------------------------------------------------------------------------- plan and budget


def _window(as_of: pd.Timestamp, window_months: int) -> tuple[pd.Timestamp, pd.Timestamp, float]:
    month_start = as_of.to_period("M").to_timestamp()
    window_start = (as_of.to_period("M") - (window_months - 1)).to_timestamp()
    fraction = as_of.day / as_of.days_in_month
    return window_start, month_start, fraction


def plan_progress(
    account_plans: pd.DataFrame,
    order_lines: pd.DataFrame,
    service_events: pd.DataFrame,
    as_of: object = AS_OF,
    window_months: int = DEFAULT_RULES["window_months"],
) -> pd.DataFrame:
    """Plan against actual, and budget against selling expenses, in the window ending at ``as_of``.

    The window is the ``window_months`` calendar months ending with
    ``as_of``'s month; that month's plan and budget count pro rata (day of
    month / days in month). Revenue and sales-visit costs count from the
    window's first day to ``as_of``. One row per account with a plan in the
    window, sorted by customer_id. Columns: ``customer_id``, ``plan``,
    ``revenue``, ``progress`` (revenue / plan), ``budget``,
    ``selling_expenses`` and ``budget_used`` (selling_expenses / budget).
    The SQL view ``plan_progress`` gives the same rows.

    >>> plans = pd.DataFrame({"customer_id": ["B1", "B1"],
    ...     "month": pd.to_datetime(["2025-11-01", "2025-12-01"]),
    ...     "planned_revenue": [1000.0, 1000.0], "expense_budget": [50.0, 50.0]})
    >>> lines = pd.DataFrame({"customer_id": ["B1"], "order_date": pd.to_datetime(["2025-11-20"]),
    ...     "revenue": [600.0]})
    >>> events = pd.DataFrame({"customer_id": ["B1"], "event_date": pd.to_datetime(["2025-12-01"]),
    ...     "event_type": ["sales_visit"], "cost": [200.0]})
    >>> plan_progress(plans, lines, events, "2025-12-31", window_months=2).round(2)
      customer_id    plan  revenue  progress  budget  selling_expenses  budget_used
    0          B1  2000.0    600.0       0.3   100.0             200.0          2.0
    """
    require_frame(
        account_plans,
        "account_plans",
        ["customer_id", "month", "planned_revenue", "expense_budget"],
    )
    require_frame(order_lines, "order_lines", ["customer_id", "order_date", "revenue"])
    require_frame(
        service_events, "service_events", ["customer_id", "event_date", "event_type", "cost"]
    )
    require_dates(account_plans, "account_plans", ["month"])
    require_dates(order_lines, "order_lines", ["order_date"])
    require_dates(service_events, "service_events", ["event_date"])
    require_numeric(account_plans, "account_plans", ["planned_revenue", "expense_budget"])
    require_numeric(order_lines, "order_lines", ["revenue"])
    require_numeric(service_events, "service_events", ["cost"])
    as_of = require_timestamp(as_of, "as_of")
    window_months = require_positive_int(window_months, "window_months")
    start, month_start, fraction = _window(as_of, window_months)
    plans = account_plans[account_plans["month"].between(start, month_start)]
    weight = np.where(plans["month"] == month_start, fraction, 1.0)
    planned = (
        plans.assign(
            plan=plans["planned_revenue"] * weight, budget=plans["expense_budget"] * weight
        )
        .groupby("customer_id")[["plan", "budget"]]
        .sum()
    )
    lines = order_lines[order_lines["order_date"].between(start, as_of)]
    revenue = lines.groupby("customer_id")["revenue"].sum()
    visits = service_events[
        (service_events["event_type"].astype("string") == "sales_visit").to_numpy()
        & service_events["event_date"].between(start, as_of).to_numpy()
    ]
    spent = visits.groupby("customer_id")["cost"].sum()
    planned = planned[(planned["plan"] > 0) & (planned["budget"] > 0)]
    result = pd.DataFrame(
        {
            "customer_id": planned.index.astype("string"),
            "plan": planned["plan"].to_numpy(),
            "revenue": revenue.reindex(planned.index, fill_value=0.0).to_numpy(dtype=float),
            "budget": planned["budget"].to_numpy(),
            "selling_expenses": spent.reindex(planned.index, fill_value=0.0).to_numpy(dtype=float),
        }
    )
    result.insert(3, "progress", result["revenue"] / result["plan"])
    result["budget_used"] = result["selling_expenses"] / result["budget"]
    return result.sort_values("customer_id").reset_index(drop=True)


def behind_plan_warnings(
    account_plans: pd.DataFrame,
    order_lines: pd.DataFrame,
    service_events: pd.DataFrame,
    as_of: object = AS_OF,
    window_months: int = DEFAULT_RULES["window_months"],
    plan_share: float = DEFAULT_RULES["plan_share"],
) -> pd.DataFrame:
    """Warning 2 (销售进度预警): accounts whose revenue in the window is below ``plan_share`` of plan.

    Columns: ``customer_id``, ``plan``, ``revenue``, ``progress``. The SQL view
    ``warn_behind_plan`` gives the same rows. See :func:`plan_progress`.

    >>> plans = pd.DataFrame({"customer_id": ["B1", "B2"], "month": pd.to_datetime(["2025-12-01"] * 2),
    ...     "planned_revenue": [1000.0, 1000.0], "expense_budget": [50.0, 50.0]})
    >>> lines = pd.DataFrame({"customer_id": ["B1", "B2"], "order_date": pd.to_datetime(["2025-12-05"] * 2),
    ...     "revenue": [300.0, 900.0]})
    >>> events = pd.DataFrame({"customer_id": pd.Series([], dtype="string"),
    ...     "event_date": pd.to_datetime(pd.Series([], dtype="string")),
    ...     "event_type": pd.Series([], dtype="string"), "cost": pd.Series([], dtype=float)})
    >>> behind_plan_warnings(plans, lines, events, "2025-12-31", window_months=1)
      customer_id    plan  revenue  progress
    0          B1  1000.0    300.0       0.3
    """
    plan_share = require_number(plan_share, "plan_share", minimum=0.0, strict=True)
    progress = plan_progress(account_plans, order_lines, service_events, as_of, window_months)
    flagged = progress[progress["progress"] < plan_share]
    return flagged[["customer_id", "plan", "revenue", "progress"]].reset_index(drop=True)


def expense_warnings(
    account_plans: pd.DataFrame,
    order_lines: pd.DataFrame,
    service_events: pd.DataFrame,
    as_of: object = AS_OF,
    window_months: int = DEFAULT_RULES["window_months"],
    expense_tolerance: float = DEFAULT_RULES["expense_tolerance"],
) -> pd.DataFrame:
    """Warning 3 (销售费用预警): selling expenses in the window above budget x (1 + tolerance).

    Selling expenses are the costs of ``sales_visit`` events only (not
    deliveries, support calls, repairs or rebates). Columns: ``customer_id``,
    ``budget``, ``selling_expenses``, ``budget_used``. The SQL view
    ``warn_over_budget`` gives the same rows.

    >>> plans = pd.DataFrame({"customer_id": ["B1"], "month": pd.to_datetime(["2025-12-01"]),
    ...     "planned_revenue": [1000.0], "expense_budget": [50.0]})
    >>> lines = pd.DataFrame({"customer_id": ["B1"], "order_date": pd.to_datetime(["2025-12-05"]),
    ...     "revenue": [900.0]})
    >>> events = pd.DataFrame({"customer_id": ["B1", "B1"], "event_date": pd.to_datetime(["2025-12-02"] * 2),
    ...     "event_type": ["sales_visit", "delivery"], "cost": [80.0, 60.0]})
    >>> expense_warnings(plans, lines, events, "2025-12-31", window_months=1)
      customer_id  budget  selling_expenses  budget_used
    0          B1    50.0              80.0          1.6
    """
    expense_tolerance = require_number(expense_tolerance, "expense_tolerance", minimum=0.0)
    progress = plan_progress(account_plans, order_lines, service_events, as_of, window_months)
    flagged = progress[progress["selling_expenses"] > progress["budget"] * (1 + expense_tolerance)]
    return flagged[["customer_id", "budget", "selling_expenses", "budget_used"]].reset_index(
        drop=True
    )


# --------------------------------------------------------------------------- buying rhythm


def buying_intervals(order_lines: pd.DataFrame, as_of: object = AS_OF) -> pd.DataFrame:
    """Each customer's buying rhythm on ``as_of``: order days, usual interval and silence.

    Columns: ``customer_id``, ``order_days`` (distinct days with an order),
    ``last_order``, ``usual_interval`` (median days between consecutive order
    days; missing with a single order day), ``days_silent`` (days from the last
    order to ``as_of``) and ``silence_ratio`` (days_silent / usual_interval).
    Orders after ``as_of`` are ignored. The SQL view ``buying_intervals`` gives
    the same rows.

    >>> lines = pd.DataFrame({"customer_id": ["A"] * 5,
    ...     "order_date": pd.to_datetime(["2025-10-01", "2025-10-11", "2025-10-11", "2025-10-25", "2025-11-04"])})
    >>> buying_intervals(lines, "2025-12-31").iloc[0].to_dict()  # doctest: +NORMALIZE_WHITESPACE
    {'customer_id': 'A', 'order_days': 4, 'last_order': Timestamp('2025-11-04 00:00:00'),
     'usual_interval': 10.0, 'days_silent': 57, 'silence_ratio': 5.7}
    """
    require_frame(order_lines, "order_lines", ["customer_id", "order_date"])
    require_dates(order_lines, "order_lines", ["order_date"])
    as_of = require_timestamp(as_of, "as_of")
    seen = order_lines.loc[order_lines["order_date"] <= as_of, ["customer_id", "order_date"]]
    days = seen.drop_duplicates().sort_values(["customer_id", "order_date"])
    gaps = days.groupby("customer_id")["order_date"].diff().dt.days
    usual = gaps.groupby(days["customer_id"]).median()
    summary = days.groupby("customer_id")["order_date"].agg(order_days="size", last_order="max")
    silent = (as_of - summary["last_order"]).dt.days
    result = pd.DataFrame(
        {
            "customer_id": summary.index.astype("string"),
            "order_days": summary["order_days"].astype("int64").to_numpy(),
            "last_order": summary["last_order"].to_numpy(),
            "usual_interval": usual.reindex(summary.index).astype(float).to_numpy(),
            "days_silent": silent.astype("int64").to_numpy(),
        }
    )
    result["silence_ratio"] = result["days_silent"] / result["usual_interval"]
    return result.sort_values("customer_id").reset_index(drop=True)


def stopped_ordering_warnings(
    customers: pd.DataFrame,
    order_lines: pd.DataFrame,
    as_of: object = AS_OF,
    silence_factor: float = DEFAULT_RULES["silence_factor"],
    min_order_days: int = DEFAULT_RULES["min_order_days"],
    max_silence_days: int = DEFAULT_RULES["max_silence_days"],
) -> pd.DataFrame:
    """Warning 4 (客户流失预警): business accounts silent for longer than usual.

    An account is flagged when it has at least ``min_order_days`` order days
    and its days without an order exceed ``silence_factor`` times its own usual
    buying interval (:func:`buying_intervals`). A café that orders weekly is
    flagged after three silent weeks, an office that orders monthly after three
    months. After ``max_silence_days`` without an order the account is a lost
    customer (a case for winning back, chapter 09), no longer a warning.
    Columns as :func:`buying_intervals`; the SQL view ``warn_stopped`` gives
    the same rows.

    >>> customers = pd.DataFrame({"customer_id": ["B1", "B2"], "segment": ["business"] * 2})
    >>> lines = pd.DataFrame({"customer_id": ["B1"] * 4 + ["B2"] * 4,
    ...     "order_date": pd.to_datetime(["2025-09-01", "2025-09-08", "2025-09-15", "2025-09-22",
    ...         "2025-03-01", "2025-06-01", "2025-09-01", "2025-12-01"])})
    >>> stopped_ordering_warnings(customers, lines, "2025-12-31")[["customer_id", "usual_interval", "days_silent"]]
      customer_id  usual_interval  days_silent
    0          B1             7.0          100
    """
    require_frame(customers, "customers", ["customer_id", "segment"])
    silence_factor = require_number(silence_factor, "silence_factor", minimum=0.0, strict=True)
    min_order_days = require_positive_int(min_order_days, "min_order_days", minimum=2)
    max_silence_days = require_positive_int(max_silence_days, "max_silence_days")
    rhythm = buying_intervals(order_lines, as_of)
    business = set(
        customers.loc[customers["segment"].astype("string") == "business", "customer_id"].astype(
            "string"
        )
    )
    flagged = rhythm[
        rhythm["customer_id"].isin(business).to_numpy()
        & (rhythm["order_days"] >= min_order_days).to_numpy()
        & (rhythm["days_silent"] > silence_factor * rhythm["usual_interval"]).to_numpy()
        & (rhythm["days_silent"] <= max_silence_days).to_numpy()
    ]
    return flagged.reset_index(drop=True)


# --------------------------------------------------------------------------- the list


def warning_list(
    customers: pd.DataFrame,
    order_lines: pd.DataFrame,
    invoices: pd.DataFrame,
    payments: pd.DataFrame,
    account_plans: pd.DataFrame,
    service_events: pd.DataFrame,
    as_of: object = AS_OF,
    **rules: float,
) -> pd.DataFrame:
    """All four early warnings on ``as_of``: one row per flagged account.

    Columns: ``customer_id``, one True/False column per warning (``credit``,
    ``behind_plan``, ``over_budget``, ``stopped``) and ``warnings`` (how many),
    sorted by warnings (most first), then customer_id. ``rules`` overrides
    :data:`DEFAULT_RULES`. The SQL view ``warning_list`` gives the same rows
    (with 1/0 for True/False).

    >>> from crmkit import data
    >>> tables = dict(customers=data.load_customers(), order_lines=data.load_order_lines(),
    ...     invoices=data.load_invoices(), payments=data.load_payments(),
    ...     account_plans=data.load_account_plans(), service_events=data.load_service_events())
    >>> warning_list(**tables).columns.tolist()
    ['customer_id', 'credit', 'behind_plan', 'over_budget', 'stopped', 'warnings']
    """
    unknown = sorted(set(rules) - set(DEFAULT_RULES))
    if unknown:
        raise ValueError(
            f"Unknown rule parameter(s) {unknown}. The rules take: {', '.join(DEFAULT_RULES)}."
        )
    settings = {**DEFAULT_RULES, **rules}
    flags = {
        "credit": credit_warnings(customers, invoices, payments, as_of)["customer_id"],
        "behind_plan": behind_plan_warnings(
            account_plans,
            order_lines,
            service_events,
            as_of,
            settings["window_months"],
            settings["plan_share"],
        )["customer_id"],
        "over_budget": expense_warnings(
            account_plans,
            order_lines,
            service_events,
            as_of,
            settings["window_months"],
            settings["expense_tolerance"],
        )["customer_id"],
        "stopped": stopped_ordering_warnings(
            customers,
            order_lines,
            as_of,
            settings["silence_factor"],
            settings["min_order_days"],
            settings["max_silence_days"],
        )["customer_id"],
    }
    flagged = sorted(set().union(*(set(ids) for ids in flags.values())))
    result = pd.DataFrame({"customer_id": pd.array(flagged, dtype="string")})
    for name, ids in flags.items():
        result[name] = result["customer_id"].isin(set(ids)).to_numpy(dtype=bool)
    result["warnings"] = result[list(WARNINGS)].sum(axis=1).astype("int64")
    result = result.sort_values(["warnings", "customer_id"], ascending=[False, True])
    return result.reset_index(drop=True)


def weekly_warnings(
    customers: pd.DataFrame,
    order_lines: pd.DataFrame,
    invoices: pd.DataFrame,
    payments: pd.DataFrame,
    account_plans: pd.DataFrame,
    service_events: pd.DataFrame,
    as_of: object = AS_OF,
    **rules: float,
) -> pd.DataFrame:
    """The weekly warning list: :func:`warning_list` on ``as_of`` with what is new this week.

    Adds ``new_this_week``: True when the account has a warning on ``as_of``
    that it did not have seven days earlier, and the customer's ``name``.

    >>> from crmkit import data
    >>> tables = dict(customers=data.load_customers(), order_lines=data.load_order_lines(),
    ...     invoices=data.load_invoices(), payments=data.load_payments(),
    ...     account_plans=data.load_account_plans(), service_events=data.load_service_events())
    >>> "new_this_week" in weekly_warnings(**tables, as_of="2025-06-30").columns
    True
    """
    tables = (customers, order_lines, invoices, payments, account_plans, service_events)
    as_of = require_timestamp(as_of, "as_of")
    now = warning_list(*tables, as_of, **rules)
    before = warning_list(*tables, as_of - pd.Timedelta(days=7), **rules).set_index("customer_id")
    earlier = before.reindex(now["customer_id"])[list(WARNINGS)].fillna(False).astype(bool)
    new = (now[list(WARNINGS)].to_numpy() & ~earlier.to_numpy()).any(axis=1)
    names = customers.drop_duplicates("customer_id").set_index("customer_id")
    result = now.copy()
    if "name" in names.columns:
        result.insert(
            1, "name", names["name"].reindex(now["customer_id"]).astype("string").to_numpy()
        )
    result["new_this_week"] = new
    return result
