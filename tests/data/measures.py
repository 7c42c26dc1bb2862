"""The measures behind the planted effects of the course data.

These are the definitions used for the figures quoted in the instructors' section of
datasets/README.md; test_planted_effects.py checks each effect with a margin.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

FIRST_DAY = pd.Timestamp("2022-01-01")
AS_OF = pd.Timestamp("2025-12-31")
COST_OF_CAPITAL = 0.08  # per year, on money paid after the due date
WRITE_OFF_AFTER_DAYS = 180  # unpaid this long after the due date: bad debt
CONSUMER_CHANNELS = [
    "coupon_site",
    "marketplace",
    "social_media",
    "search_ads",
    "referral",
    "tea_fair",
]


def late_payment_cost(t: dict[str, pd.DataFrame]) -> pd.Series:
    """Per customer: cost of capital on late money plus bad debt written off, CNY.

    Money paid after the due date costs COST_OF_CAPITAL per year for the days late.
    A balance still unpaid at AS_OF is written off if its due date is more than
    WRITE_OFF_AFTER_DAYS days past, otherwise it costs capital for the days overdue so far.
    """
    invoices, payments = t["invoices"], t["payments"]
    paid = payments.merge(invoices[["invoice_id", "customer_id", "due_date"]], on="invoice_id")
    days_late = (paid["payment_date"] - paid["due_date"]).dt.days.clip(lower=0)
    capital = paid["amount"] * COST_OF_CAPITAL * days_late / 365
    capital = capital.groupby(paid["customer_id"]).sum()
    paid_so_far = invoices["invoice_id"].map(payments.groupby("invoice_id")["amount"].sum())
    open_balance = (invoices["amount"] - paid_so_far.fillna(0.0)).round(2).clip(lower=0)
    overdue = (AS_OF - invoices["due_date"]).dt.days
    written_off = open_balance.where(overdue > WRITE_OFF_AFTER_DAYS, 0.0)
    open_capital = (open_balance * COST_OF_CAPITAL * overdue.clip(lower=0) / 365).where(
        overdue <= WRITE_OFF_AFTER_DAYS, 0.0
    )
    unpaid = (written_off + open_capital).groupby(invoices["customer_id"]).sum()
    return capital.add(unpaid, fill_value=0.0)


def customer_profit(t: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """One row per customer: revenue, cost of goods, cost to serve, late-payment cost, profit.

    ``profit`` = revenue - cost_of_goods - service_events cost (the simple definition);
    ``profit_with_late`` also subtracts late_payment_cost.
    """
    ids = pd.Index(t["customers"]["customer_id"], name="customer_id")
    lines = t["order_lines"].groupby("customer_id")[["revenue", "cost_of_goods"]].sum()
    out = lines.reindex(ids, fill_value=0.0)
    out["service_cost"] = (
        t["service_events"].groupby("customer_id")["cost"].sum().reindex(ids, fill_value=0.0)
    )
    out["late_cost"] = late_payment_cost(t).reindex(ids, fill_value=0.0)
    out["profit"] = out["revenue"] - out["cost_of_goods"] - out["service_cost"]
    out["profit_with_late"] = out["profit"] - out["late_cost"]
    return out


def top_share(values: pd.Series, fraction: float = 0.2) -> float:
    """Share of the total earned by the top ``fraction`` of rows (ranked by the value)."""
    ranked = values.sort_values(ascending=False)
    return float(ranked.iloc[: round(fraction * len(ranked))].sum() / ranked.sum())


def first_year_revenue(t: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Consumers whose first 365 days lie inside the data, with their first-year revenue."""
    customers = t["customers"]
    consumers = customers[
        customers["segment"].eq("consumer")
        & (customers["signup_date"] + pd.Timedelta(days=365) <= AS_OF + pd.Timedelta(days=1))
    ]
    lines = t["order_lines"].merge(consumers[["customer_id", "signup_date"]], on="customer_id")
    early = lines[lines["order_date"] < lines["signup_date"] + pd.Timedelta(days=365)]
    revenue = early.groupby("customer_id")["revenue"].sum()
    return consumers.assign(
        first_year_revenue=consumers["customer_id"].map(revenue).fillna(0.0),
        acquisition_channel=consumers["acquisition_channel"].astype(str),
    )


def win_rate_by_method(t: dict[str, pd.DataFrame]) -> pd.Series:
    """Share of decided leads (won or lost, not still open) that were won, per method."""
    leads = t["leads"]
    decided = leads[leads["status"].ne("open")]
    return decided["status"].eq("won").groupby(decided["prospecting_method"].astype(str)).mean()


def complaint_groups(t: dict[str, pd.DataFrame]) -> pd.Series:
    """Share of complainers who stayed (ordered again within 365 days), by handling.

    Complaints whose 365-day window is not over yet (too_early_to_tell) are left out;
    fast = resolved within 48 hours.
    """
    complaints = t["complaints"]
    known = complaints[complaints["outcome"].ne("too_early_to_tell")]
    resolution = known["resolution"].astype(str)
    group = np.select(
        [
            resolution.eq("unresolved"),
            resolution.eq("partially_resolved"),
            known["resolution_hours"] <= 48,
        ],
        ["unresolved", "partially_resolved", "resolved_fast"],
        default="resolved_slow",
    )
    return known["outcome"].eq("stayed").groupby(group).mean()


def retention_by_box(t: dict[str, pd.DataFrame]) -> pd.Series:
    """Share of survey respondents who ordered 2024-11-01..2025-04-30, by overall satisfaction."""
    lines = t["order_lines"]
    window = lines[lines["order_date"].between("2024-11-01", "2025-04-30")]
    survey = t["survey"]
    return (
        survey["customer_id"]
        .isin(window["customer_id"])
        .groupby(survey["overall_satisfaction"])
        .mean()
    )


def satisfaction_by_team(t: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Per team: employee satisfaction and the mean overall satisfaction of its respondents."""
    survey = t["survey"].merge(t["customers"][["customer_id", "team_id"]], on="customer_id")
    customer_sat = survey.groupby("team_id")["overall_satisfaction"].mean().rename("customers")
    teams = t["teams"].set_index("team_id")
    return teams[["employee_satisfaction"]].join(customer_sat)


def order_rate_before_last_order(t: dict[str, pd.DataFrame], prefix: str = "") -> dict[str, float]:
    """Orders per day in the 120 days before a customer's last order over the 245 days before.

    The last order itself is not counted. Only customers with at least 365 days between
    their first and last order, and whose id starts with ``prefix`` ("C" consumers, "B"
    business, "" all). "stopped": last order more than 180 days before AS_OF;
    "active": last order in the last 60 days of the data (no fall expected).
    """
    orders = t["order_lines"].drop_duplicates("order_id")[["customer_id", "order_date"]]
    orders = orders[orders["customer_id"].str.startswith(prefix)]
    span = orders.groupby("customer_id")["order_date"].agg(["min", "max"])
    span = span[(span["max"] - span["min"]).dt.days >= 365]
    groups = {
        "stopped": span.index[span["max"] < AS_OF - pd.Timedelta(days=180)],
        "active": span.index[span["max"] >= AS_OF - pd.Timedelta(days=60)],
    }
    out = {}
    for name, ids in groups.items():
        mine = orders[orders["customer_id"].isin(ids)]
        before = (mine["customer_id"].map(span["max"]) - mine["order_date"]).dt.days
        recent = before.between(1, 120).sum() / 120
        earlier = before.between(121, 365).sum() / 245
        out[name] = float(recent / earlier)
        out[f"{name}_customers"] = len(ids)
    return out


def tiers_by_year(t: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Each customer's tier per calendar year by revenue rank among that year's buyers.

    platinum = top 1%, gold = next 4%, iron = next 15%, lead = the rest; none = no purchase.
    """
    lines = t["order_lines"]
    yearly = lines.groupby([lines["customer_id"], lines["order_date"].dt.year])["revenue"].sum()
    yearly = yearly.unstack(fill_value=0.0)
    out = {}
    for year in yearly.columns:
        bought = yearly.loc[yearly[year] > 0, year]
        rank = bought.rank(ascending=False, pct=True, method="first")
        tier = pd.cut(rank, [0, 0.01, 0.05, 0.20, 1.0], labels=["platinum", "gold", "iron", "lead"])
        out[year] = tier.astype(str).reindex(yearly.index, fill_value="none")
    return pd.DataFrame(out)


TIER_LEVEL = {"none": 0, "lead": 1, "iron": 2, "gold": 3, "platinum": 4}


def daily_revenue(t: dict[str, pd.DataFrame]) -> pd.Series:
    lines = t["order_lines"]
    return (
        lines.groupby("order_date")["revenue"]
        .sum()
        .reindex(pd.date_range(FIRST_DAY, AS_OF, freq="D"), fill_value=0.0)
    )


def festival_lift(daily: pd.Series, festival: str) -> float:
    """Revenue in the 4 weeks before a festival over the mean 4-week revenue of the
    surrounding quarter (the 91 days centred on those 4 weeks)."""
    day = pd.Timestamp(festival)
    window = daily[day - pd.Timedelta(days=28) : day - pd.Timedelta(days=1)].sum()
    centre = day - pd.Timedelta(days=14)
    quarter = daily[centre - pd.Timedelta(days=45) : centre + pd.Timedelta(days=45)]
    return float(window / (quarter.sum() / len(quarter) * 28))


def receivables(t: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Per business account at AS_OF: open receivables, credit limit, days of the oldest
    overdue open invoice."""
    invoices, payments = t["invoices"], t["payments"]
    paid = invoices["invoice_id"].map(payments.groupby("invoice_id")["amount"].sum()).fillna(0.0)
    inv = invoices.assign(open=(invoices["amount"] - paid).round(2))
    inv = inv[inv["open"] > 0]
    per = inv.groupby("customer_id").agg(open=("open", "sum"), oldest_due=("due_date", "min"))
    per["days_overdue"] = (AS_OF - per["oldest_due"]).dt.days.clip(lower=0)
    limits = t["customers"].set_index("customer_id")["credit_limit"].astype("float64")
    per["credit_limit"] = limits.reindex(per.index)
    return per


def behind_plan(t: dict[str, pd.DataFrame]) -> pd.Series:
    """July-December 2025 revenue over plan, for accounts signed up before 2025 that still
    ordered in 2025-Q4 (established accounts, past their planned ramp-up)."""
    customers = t["customers"]
    established = customers.loc[customers["signup_date"] < "2025-01-01", "customer_id"]
    lines = t["order_lines"]
    b = lines[lines["customer_id"].str.startswith("B")]
    h2 = b[b["order_date"] >= "2025-07-01"]
    actual = h2.groupby("customer_id")["revenue"].sum()
    plans = t["account_plans"]
    plan = plans[plans["month"] >= "2025-07-01"].groupby("customer_id")["planned_revenue"].sum()
    q4 = b.loc[b["order_date"] >= "2025-10-01", "customer_id"].unique()
    ratio = actual.reindex(plan.index, fill_value=0.0) / plan
    return ratio[ratio.index.isin(q4) & ratio.index.isin(established)]


def normalised_phone(phone: pd.Series) -> pd.Series:
    digits = phone.str.replace(r"\D", "", regex=True)
    return digits.str.replace(r"^86(?=\d{11}$)", "", regex=True)


def raw_duplicates(raw: pd.DataFrame) -> int:
    """Records with an X id whose normalised phone or email matches another record's."""
    phone = normalised_phone(raw["phone"])
    email = raw["email"].str.strip().str.lower()
    original = ~raw["record_id"].str.startswith("X")
    known_phone = set(phone[original & phone.ne("")])
    known_email = set(email[original & email.ne("")])
    hit = (phone.ne("") & phone.isin(known_phone)) | (email.ne("") & email.isin(known_email))
    return int((hit & ~original).sum())
