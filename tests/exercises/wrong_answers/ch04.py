"""Realistic wrong answers to chapter 04's exercises, computed the way a student would.

The SQL exercises' answers are query texts: each wrong query is the reference query of
tests/exercises/test_ch04.py with one slip a learner makes (a missing filter, ``= NULL``,
dates or numbers written as the wrong type, a window without PARTITION BY or ORDER BY,
a JOIN that repeats rows, an aggregate without GROUP BY). The pandas ones recompute the
answer with the slip made in the computation itself.
"""

from __future__ import annotations

import pandas as pd
from crmkit import data, database
from crmkit.exercises import ch04

from tests.exercises.test_ch04 import (
    FAN_OUT_SQL,
    WEEK_SPEND_SQL,
    interval_by_lines,
    mean_interval,
    reference,
)
from tests.exercises.wrong_answers.support import Wrong

YEAR_FILTER = "WHERE o.order_date BETWEEN '2025-01-01' AND '2025-12-31'"


def sql_answers() -> dict[str, list[Wrong]]:
    """4.1, 4.2, 4.4, 4.6 and 4.7: wrong queries."""
    return {
        "4.1": [
            Wrong(reference("4.1", "IS NOT NULL", "= NULL"), "IS NULL", "sql"),
            Wrong(reference("4.1", "IS NOT NULL", "!= NULL"), "IS NULL", "sql"),
            Wrong(reference("4.1", "IS NOT NULL", "IS NULL"), "WITHOUT a referrer", "inverted"),
            Wrong(
                "SELECT segment, COUNT(DISTINCT referred_by) AS referred FROM customers "
                "GROUP BY segment",
                "referrers",
                "concept",
            ),
            Wrong(
                "SELECT segment, COUNT(*) AS referred FROM customers GROUP BY segment",
                "every customer",
                "scope",
            ),
            Wrong(reference("4.1", " GROUP BY segment"), "GROUP BY", "sql"),
            Wrong(reference("4.1", "COUNT(*) AS referred", "COUNT(*)"), "column 'referred'", "sql"),
            Wrong(
                reference("4.1", "IS NOT NULL", "<> ''").replace("<>", "="), "empty text", "concept"
            ),
        ],
        "4.2": [
            Wrong(reference("4.2", YEAR_FILTER), "all years", "scope"),
            Wrong(reference("4.2", "2025-", "2024-"), "2024", "scope"),
            Wrong(reference("4.2", "'2025-12-31'", "'2025-12-30'"), "31 December", "scope"),
            Wrong(
                reference("4.2", "SUM(l.revenue)", "SUM(l.quantity * l.unit_price)"),
                "list price",
                "concept",
            ),
            Wrong(reference("4.2", "DESC", "ASC"), "DESC", "parameters"),
            Wrong(
                reference("4.2", "'2025-01-01' AND '2025-12-31'", "2025-01-01 AND 2025-12-31"),
                "quotes",
                "sql",
            ),
            Wrong(
                reference("4.2", "GROUP BY c.customer_id, c.name", "GROUP BY o.order_id"),
                "more than once",
                "sql",
            ),
            Wrong(reference("4.2", "SUM(l.revenue) AS revenue", "SUM(l.revenue)"), "column", "sql"),
            Wrong(reference("4.2", "SUM(l.revenue)", "AVG(l.revenue)"), "average", "aggregate"),
            Wrong(reference("4.2", " GROUP BY c.customer_id, c.name"), "GROUP BY", "sql"),
        ],
        "4.4": [
            Wrong(reference("4.4", "r.referred_by <> '' AND "), "empty", "scope"),
            Wrong(
                reference("4.4", "LEFT JOIN", "JOIN").replace("AND ref.record_id IS NULL", ""),
                "inner JOIN",
                "concept",
            ),
            Wrong(
                reference("4.4", "ref.record_id IS NULL", "ref.record_id = NULL"), "IS NULL", "sql"
            ),
            Wrong(
                reference("4.4", "r.referred_by <> ''", "r.referred_by IS NOT NULL"),
                "empty",
                "concept",
            ),
            Wrong(
                reference("4.4", "SELECT r.record_id, r.referred_by", "SELECT r.record_id"),
                "referred_by",
                "sql",
            ),
        ],
        "4.6": [
            Wrong(reference("4.6", "after - revenue < 5000 AND "), "fires once", "concept"),
            Wrong(WEEK_SPEND_SQL, "one week's spending", "concept"),
            Wrong(reference("4.6", "PARTITION BY customer_id "), "PARTITION BY", "sql"),
            Wrong(reference("4.6", " ORDER BY order_date, order_id"), "running total", "sql"),
            Wrong(
                reference("4.6", "< 5000 AND after >= 5000", "< '5000' AND after >= '5000'"),
                "quotes",
                "sql",
            ),
            Wrong(reference("4.6", "'2025-12-07'", "'2025-12-06'"), "a day early", "scope"),
            Wrong(
                reference("4.6", "'2025-12-01' AND '2025-12-07'", "2025-12-01 AND 2025-12-07"),
                "quotes",
                "sql",
            ),
        ],
        "4.7": [
            Wrong(FAN_OUT_SQL, "twice", "concept"),
            Wrong(reference("4.7", "COALESCE(p.paid, 0)", "p.paid"), "COALESCE", "sql"),
            Wrong(reference("4.7", "LEFT JOIN (SELECT i.", "JOIN (SELECT i."), "LEFT JOIN", "sql"),
            Wrong(
                reference(
                    "4.7", "v.invoiced - COALESCE(p.paid, 0)", "COALESCE(p.paid, 0) - v.invoiced"
                ),
                "wrong sign",
                "inverted",
            ),
            Wrong(
                "SELECT i.customer_id, i.amount - COALESCE(SUM(p.amount), 0) AS receivable "
                "FROM invoices AS i LEFT JOIN payments AS p ON p.invoice_id = i.invoice_id "
                "GROUP BY i.invoice_id",
                "more than once",
                "sql",
            ),
        ],
    }


def duplicate_answers() -> list[Wrong]:
    """4.3: the copies in the old customer file, found with a slip."""
    raw = data.load_customers_raw()
    pairs = database.find_duplicates(raw)
    keys = pd.DataFrame(
        {
            "record_id": raw["record_id"],
            "name": database.normalise_name(raw["name"]),
            "phone": database.normalise_phone(raw["phone"]),
            "email": database.normalise_email(raw["email"]),
        }
    ).sort_values("record_id")
    by_phone = keys["phone"].notna() & keys.duplicated(subset=["name", "phone"])
    by_email = keys["email"].notna() & keys.duplicated(subset=["name", "email"])
    as_written = raw[raw["phone"].ne("")].duplicated(subset=["name", "phone"])
    return [
        Wrong(
            sorted(keys.loc[keys["name"].duplicated(), "record_id"]), "names are no key", "concept"
        ),
        Wrong(sorted(keys.loc[by_phone, "record_id"]), "OR the email", "concept"),
        Wrong(sorted(keys.loc[by_email, "record_id"]), "OR the email", "concept"),
        Wrong(
            sorted(keys.loc[by_phone | by_email, "record_id"]) + pairs["duplicate_of"].tolist(),
            "both records",
            "concept",
        ),
        Wrong(
            sorted(raw.loc[raw["phone"].ne("")].loc[as_written, "record_id"]),
            "written exactly",
            "concept",
        ),
        Wrong(
            pairs["duplicate_of"].head(10).tolist() + sorted(pairs["record_id"])[10:],
            "original record",
            "concept",
        ),
    ]


def targeting_answers() -> list[Wrong]:
    """4.5: look-alike targets for the Yixing teapot, with a slip."""
    customers, lines, products = (
        data.load_customers(),
        data.load_order_lines(),
        data.load_products(),
    )
    profiles = database.customer_profiles(customers, lines, products)
    profiles["bought"] = profiles["customer_id"].isin(
        set(lines.loc[lines["product_id"] == "P023", "customer_id"])
    )
    cells = profiles.groupby(["customer_type", "favourite_category"])["bought"].agg(
        customers="size", penetration="mean"
    )
    good = cells[
        (cells["customers"] >= 20) & (cells["penetration"] >= 2 * profiles["bought"].mean())
    ]
    in_good = profiles.set_index(["customer_type", "favourite_category"]).index.isin(good.index)

    def targets(product_id: str, **options: float) -> list[str]:
        found = database.lookalike_targets(customers, lines, products, product_id, **options)
        return found["customer_id"].tolist()

    return [
        Wrong(sorted(profiles.loc[in_good, "customer_id"]), "NOT bought", "scope"),
        Wrong(targets("P026"), "P026", "scope"),
        Wrong(targets("P023", min_customers=1), "20 customers", "parameters"),
        Wrong(targets("P023", min_lift=1.0), "twice", "parameters"),
        Wrong(list(good.index), "profiles", "odd_type"),
    ]


def warning_answers() -> dict[str, list[Wrong]]:
    """4.8, 4.9 and 4.10: the warning rules applied with a slip."""
    lines, plans, events = (
        data.load_order_lines(),
        data.load_account_plans(),
        data.load_service_events(),
    )
    plan = (
        plans[plans["month"].between("2025-07-01", "2025-09-01")]
        .groupby("customer_id")["planned_revenue"]
        .sum()
    )
    revenue = (
        lines[lines["order_date"].between("2025-07-01", "2025-09-30")]
        .groupby("customer_id")["revenue"]
        .sum()
    )
    both = pd.concat([plan.rename("plan"), revenue.rename("revenue")], axis=1, join="inner")

    def behind(**options: object) -> list[str]:
        found = database.behind_plan_warnings(plans, lines, events, **options)
        return found["customer_id"].tolist()

    def over(visits: pd.DataFrame, budget_from: str, spend_from: str) -> list[str]:
        chosen = visits[visits["event_date"].between(spend_from, "2025-12-31")]
        spent = chosen.groupby("customer_id")["cost"].sum()
        budget = (
            plans[plans["month"].between(budget_from, "2025-12-01")]
            .groupby("customer_id")["expense_budget"]
            .sum()
        )
        return sorted(budget.index[spent.reindex(budget.index, fill_value=0) > budget])

    visits = events[events["event_type"] == "sales_visit"]
    right = over(visits, "2025-10-01", "2025-10-01")
    rhythm = database.buying_intervals(lines)
    business_days = lines[lines["customer_id"].str.startswith("B")][["customer_id", "order_date"]]
    days = business_days.drop_duplicates().sort_values(["customer_id", "order_date"])
    gaps = days.groupby("customer_id")["order_date"].diff()
    return {
        "4.8": [
            Wrong(
                both.index[both["revenue"] < 0.5 * both["plan"]].tolist(), "bought nothing", "scope"
            ),
            Wrong(behind(as_of="2025-09-30", plan_share=1.0), "HALF", "parameters"),
            Wrong(behind(as_of="2025-09-30", window_months=1), "September only", "scope"),
            Wrong(behind(as_of="2025-09-30", window_months=9), "year so far", "scope"),
            Wrong(behind(), "end of December", "scope"),
            Wrong(
                plan.index[revenue.reindex(plan.index, fill_value=0) >= 0.5 * plan].tolist(),
                "ON track",
                "inverted",
            ),
        ],
        "4.9": [
            Wrong(over(events, "2025-10-01", "2025-10-01"), "every service event", "concept"),
            Wrong(over(visits, "2025-12-01", "2025-10-01"), "one month of budget", "scope"),
            Wrong(over(visits, "2025-01-01", "2025-01-01"), "whole year", "scope"),
            Wrong([*right, "C0001"], "Only business accounts", "scope"),
        ],
        "4.10": [
            Wrong(interval_by_lines(), "LINES", "concept"),
            Wrong(mean_interval(), "mean gaps", "aggregate"),
            Wrong(
                rhythm[rhythm["order_days"] >= 2].set_index("customer_id")["usual_interval"],
                "more customers",
                "scope",
            ),
            Wrong(gaps.groupby(days["customer_id"]).median().dropna(), "time spans", "odd_type"),
            Wrong(gaps.dt.days.groupby(days["customer_id"]).median(), "drop the missing", "scope"),
        ],
    }


def situation_answers() -> list[Wrong]:
    """4.11: which warning each situation raises, with a rule misread."""
    right = dict(ch04.SITUATIONS)
    return [
        Wrong({**right, "office_every_30_days_silent_75_days": "stopped"}, "own rhythm", "concept"),
        Wrong(
            {**right, "cafe_deliveries_3000_visits_900_budget_1800": "over_budget"},
            "sales visits",
            "concept",
        ),
        Wrong({**right, "shop_quarter_25k_of_40k_plan": "behind_plan"}, "HALF", "concept"),
        Wrong({**right, "hotel_owes_62k_limit_50k": "Credit"}, "only these labels", "dict"),
        Wrong({**right, "hotel_owes_62k_limit_50k": "外欠款预警"}, "only these labels", "dict"),
        Wrong({key: value for key, value in right.items() if value != "none"}, "missing", "dict"),
    ]


def wrong_answers() -> dict[str, list[Wrong]]:
    """Chapter 04's wrong answers by exercise id (at least 4 each)."""
    answers = {
        **sql_answers(),
        "4.3": duplicate_answers(),
        "4.5": targeting_answers(),
        **warning_answers(),
        "4.11": situation_answers(),
    }
    for exercise_id, more in _fresh_answers().items():
        answers[exercise_id] = [*answers[exercise_id], *more]
    return answers


# fresh answers from the audit
def _fresh_answers() -> dict[str, list[Wrong]]:
    """Answers written by an independent audit, without reading the suite above first."""
    top = (
        "SELECT c.customer_id, c.name, SUM(l.revenue) AS revenue FROM order_lines l "
        "JOIN orders o ON o.order_id = l.order_id JOIN customers c ON c.customer_id = o.customer_id "
        "WHERE o.order_date BETWEEN '2025-01-01' AND '2025-12-31' "
        "GROUP BY c.customer_id, c.name ORDER BY revenue DESC LIMIT 5"
    )
    invoiced = "SELECT customer_id, SUM(amount) AS receivable FROM invoices GROUP BY customer_id"
    return {
        "4.2": [Wrong(top, "smaller N of a top-N", "parameters")],
        "4.7": [Wrong(invoiced, "invoiced amounts", "concept")],
    }
