"""Chapter 04, Customer information: SQL on the customer database, data quality, early warnings.

The exercises in lesson order. The SQL ones (4.1, 4.2, 4.4, 4.6, 4.7), whose answer is the text
of a query, take their expected tables and diagnoses from :mod:`crmkit.exercises.ch04_sql`;
the others are answered in pandas or, for 4.11, by applying the warning rules to situations.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from crmkit import data, database
from crmkit.exercises import compare
from crmkit.exercises.alternatives import agrees_with, as_text_set
from crmkit.exercises.ch04_sql import (
    TOP_YEAR,
    _business_ids,
    _crossings_already_above,
    _crossings_no_order,
    _crossings_no_partition,
    _crossings_weekly_spend,
    _dates_unquoted,
    _expected_crossings,
    _expected_orphan_referrers,
    _expected_receivables,
    _expected_referred,
    _expected_top_customers,
    _orphans_empty_text,
    _orphans_inner_join,
    _receivables_fan_out,
    _receivables_inner_join,
    _receivables_null,
    _receivables_sign,
    _referred_empty_text,
    _tables,
    _top_customers_ascending,
    _top_customers_average,
)
from crmkit.exercises.lock import guard_expected
from crmkit.exercises.model import Exercise, Variant

CHAPTER = "04"
TARGET_PRODUCT = "P023"
NAMED_IDS = (TARGET_PRODUCT, "P026")
"""Ids the exercises and the lesson's code name: grading's twin data must have them (with orders)."""
QUARTER_START = pd.Timestamp("2025-10-01")
PLAN_DATE = "2025-09-30"
"""The report date of the behind-plan exercise: the end of the third quarter of 2025."""


# --------------------------------------------------------------------------- 4.3 duplicates


def _expected_duplicates() -> set[str]:
    return set(database.find_duplicates(data.load_customers_raw())["record_id"])


def _duplicate_pairs() -> pd.DataFrame:
    return database.find_duplicates(data.load_customers_raw())


def _duplicates_by_name(answer: Any, expected: Any) -> str | None:
    members = as_text_set(answer)
    if members is not None and len(members) > 100:
        return (
            f"{len(members)} records is far too many: names are no key. Hundreds of different "
            "people share common names like 'Li Na'. A duplicate needs the same name AND the same "
            "phone or email."
        )
    return None


def _duplicates_both_records(answer: Any, expected: Any) -> str | None:
    members = as_text_set(answer)
    if members is None:
        return None
    found = _duplicate_pairs()
    pair_of = dict(zip(found["record_id"], found["duplicate_of"], strict=True))
    if {pair_of[record] for record in members & set(expected)} & members:
        return (
            "Your list holds both records of some pairs. Keep one record of each customer: list "
            "only the copies to merge away (the X records), not the originals they repeat."
        )
    return None


def _duplicates_exact_match(answer: Any, expected: Any) -> str | None:
    members = as_text_set(answer)
    if members is None or members == set(expected):
        return None
    survivors = set(_duplicate_pairs()["duplicate_of"])
    groups = len(members & set(expected)) + len(members & survivors)
    if members <= set(expected) | survivors and groups <= 35:
        return (
            "You found only some duplicates: the ones whose phone or email is written exactly "
            "the same way. Normalise first: phones to their 11 digits (no +86, spaces or dashes), "
            "emails to lower case."
        )
    return None


def _duplicates_originals(answer: Any, expected: Any) -> str | None:
    members = as_text_set(answer)
    if members is None:
        return None
    survivors = set(_duplicate_pairs()["duplicate_of"])
    if members & survivors and members <= set(expected) | survivors:
        return (
            "For some pairs you listed the original record (a B or C id) instead of the copy. "
            "The orders refer to the original ids, so those records stay: list the X copies."
        )
    return None


def _duplicates_one_contact(answer: Any, expected: Any) -> str | None:
    members = as_text_set(answer)
    if members is not None and members < set(expected):
        return (
            "Almost: a few duplicates are missing. Some records have no phone, others no email: "
            "match on the phone OR the email (each together with the name)."
        )
    return None


# --------------------------------------------------------------------------- 4.5 look-alikes


def _expected_targets(product_id: str = TARGET_PRODUCT, **options: Any) -> set[str]:
    tables = _tables()
    return set(
        database.lookalike_targets(
            tables["customers"], tables["order_lines"], data.load_products(), product_id, **options
        )["customer_id"]
    )


def _targets_include_buyers(answer: Any, expected: Any) -> str | None:
    members = as_text_set(answer)
    if members is None:
        return None
    lines = _tables()["order_lines"]
    buyers = set(lines.loc[lines["product_id"] == TARGET_PRODUCT, "customer_id"])
    if members & buyers:
        return (
            f"{len(members & buyers)} of your customers already bought {TARGET_PRODUCT}. "
            "One-to-one marketing aims at those with the buyers' profile who have NOT bought it yet."
        )
    return None


def _targets_profiles(answer: Any, expected: Any) -> str | None:
    items = list(answer) if isinstance(answer, list | set | tuple | pd.Index) else []
    if items and all(isinstance(item, tuple) for item in items):
        return (
            "Your answer lists profiles (customer type, favourite category), not customers. "
            "The sniper aims at people: list the ids of the customers in those profiles who have "
            "not bought the product."
        )
    return None


# --------------------------------------------------------------------------- 4.8 behind plan


def _expected_behind_plan(as_of: str = PLAN_DATE, months: int = 3, share: float = 0.5) -> set[str]:
    tables = _tables()
    flagged = database.behind_plan_warnings(
        tables["account_plans"],
        tables["order_lines"],
        tables["service_events"],
        as_of,
        window_months=months,
        plan_share=share,
    )
    return set(flagged["customer_id"])


def _quarter_progress() -> pd.DataFrame:
    tables = _tables()
    return database.plan_progress(
        tables["account_plans"], tables["order_lines"], tables["service_events"], PLAN_DATE
    )


def _behind_dropped_silent(answer: Any, expected: Any) -> str | None:
    members = as_text_set(answer)
    if members is None or not members < set(expected):
        return None
    progress = _quarter_progress()
    silent = set(progress.loc[progress["revenue"] == 0, "customer_id"])
    if set(expected) - members <= silent:
        return (
            "Your list misses the accounts that bought nothing in the quarter: they have no "
            "order lines, so a groupby of the orders never sees them, yet they are the furthest "
            "behind. Start from the plans and give missing revenue 0 (reindex with fill_value=0)."
        )
    return None


def _behind_on_track(answer: Any, expected: Any) -> str | None:
    members = as_text_set(answer)
    progress = _quarter_progress()
    on_track = set(progress.loc[progress["progress"] >= 0.5, "customer_id"])
    if members and members <= on_track and not members & set(expected):
        return (
            "These are the accounts ON track (revenue at least half of the plan). The warning "
            "lists the others: revenue below half of the plan."
        )
    return None


# --------------------------------------------------------------------------- 4.9 over budget


def _expected_over_budget() -> set[str]:
    tables = _tables()
    flagged = database.expense_warnings(
        tables["account_plans"], tables["order_lines"], tables["service_events"], window_months=3
    )
    return set(flagged["customer_id"])


def _over_budget_alternative(
    event_filter: str | None, budget_months: int, spend_start: pd.Timestamp = QUARTER_START
) -> set[str]:
    tables = _tables()
    events = tables["service_events"]
    in_quarter = events[events["event_date"].between(spend_start, database.AS_OF)]
    if event_filter is not None:
        in_quarter = in_quarter[in_quarter["event_type"] == event_filter]
    spent = in_quarter.groupby("customer_id")["cost"].sum()
    plans = tables["account_plans"]
    first_month = database.AS_OF.to_period("M").to_timestamp() - pd.DateOffset(
        months=budget_months - 1
    )
    budget = (
        plans[plans["month"].between(first_month, database.AS_OF)]
        .groupby("customer_id")["expense_budget"]
        .sum()
    )
    spent = spent.reindex(budget.index, fill_value=0.0)
    return set(budget.index[(spent > budget).to_numpy()])


def _over_budget_not_accounts(answer: Any, expected: Any) -> str | None:
    members = as_text_set(answer)
    if members is not None and members - _business_ids():
        return "Only business accounts have plans and budgets: your list has other ids."
    return None


# --------------------------------------------------------------------------- 4.10 usual interval


def _expected_usual_interval() -> pd.Series:
    rhythm = database.buying_intervals(_tables()["order_lines"])
    business = rhythm[rhythm["customer_id"].isin(_business_ids()) & (rhythm["order_days"] >= 2)]
    return pd.Series(
        business["usual_interval"].to_numpy(dtype=float),
        index=pd.Index(business["customer_id"].astype(str), name="customer_id"),
        name="usual_interval",
    )


def _interval_alternatives() -> dict[str, pd.Series]:
    lines = _tables()["order_lines"]
    business = lines[lines["customer_id"].isin(_business_ids())]
    per_line = business.sort_values(["customer_id", "order_date"])
    line_gaps = per_line.groupby("customer_id")["order_date"].diff().dt.days
    days = (
        business[["customer_id", "order_date"]]
        .drop_duplicates()
        .sort_values(["customer_id", "order_date"])
    )
    day_gaps = days.groupby("customer_id")["order_date"].diff().dt.days
    return {
        "lines": line_gaps.groupby(per_line["customer_id"]).median().dropna(),
        "mean": day_gaps.groupby(days["customer_id"]).mean().dropna(),
    }


def _interval_from_lines(answer: Any, expected: Any) -> str | None:
    if agrees_with(answer, _interval_alternatives()["lines"]):
        return (
            "Your intervals come from order LINES: an order with three lines gives gaps of 0 "
            "days between its own lines, which pulls the median down. Keep one row per customer "
            "and order day first (drop_duplicates), then take the gaps."
        )
    return None


def _interval_mean(answer: Any, expected: Any) -> str | None:
    if agrees_with(answer, _interval_alternatives()["mean"]):
        return (
            "These are mean gaps. One long pause (a holiday, a lost month) drags the mean up; "
            "the usual interval is the median gap."
        )
    return None


def _interval_timedelta(answer: Any, expected: Any) -> str | None:
    if isinstance(answer, pd.Series) and pd.api.types.is_timedelta64_dtype(answer.dtype):
        return (
            "Your intervals are time spans (like '7 days'), not numbers of days. Turn the gaps "
            "into days with .dt.days before taking the median."
        )
    return None


def _interval_too_many(answer: Any, expected: Any) -> str | None:
    if isinstance(answer, pd.Series) and len(answer) > len(expected):
        if set(expected.index) <= set(answer.index.astype(str)):
            return (
                "Your Series has more customers than expected: keep business accounts (ids "
                "starting with B) with at least two order days (a single order day has no "
                "interval: drop the missing values)."
            )
    return None


# --------------------------------------------------------------------------- 4.11 which warning


WARNING_LABELS = (*database.WARNINGS, "none")
SITUATIONS = {
    "hotel_owes_62k_limit_50k": "credit",
    "cafe_weekly_silent_25_days": "stopped",
    "office_every_30_days_silent_75_days": "none",
    "restaurant_quarter_18k_of_40k_plan": "behind_plan",
    "shop_quarter_25k_of_40k_plan": "none",
    "hotel_visits_2400_budget_1800": "over_budget",
    "cafe_deliveries_3000_visits_900_budget_1800": "none",
}
"""Seven situations at business accounts at the end of a quarter, and the warning each raises."""
MISREADINGS = {
    "office_every_30_days_silent_75_days": (
        "stopped",
        "A silence is judged against the account's own rhythm, 3 times its usual interval, not "
        "against a fixed number of days that merely feels long.",
    ),
    "cafe_deliveries_3000_visits_900_budget_1800": (
        "over_budget",
        "Deliveries are a cost of serving the account, not a selling expense: only sales visits "
        "count against the selling-expense budget.",
    ),
    "shop_quarter_25k_of_40k_plan": (
        "behind_plan",
        "The sales-progress warning fires below HALF of the plan, not below the plan itself.",
    ),
}
"""Situations that invite a misreading of a rule: the tempting label and what the rule says."""


def _which_rule_misread(answer: Any, expected: Any) -> str | None:
    if not isinstance(answer, dict):
        return None
    for key, (tempting, rule) in MISREADINGS.items():
        if answer.get(key) == tempting:
            return rule
    return None


# --------------------------------------------------------------------------- the exercises

_SQL_TOP = "The same question in SQL and in pandas"
_SCOPE_TOP = f"These are the top customers over all years; keep only orders dated in {TOP_YEAR}."

EXERCISES = [
    Exercise(
        id="4.1",
        chapter=CHAPTER,
        title="Referred customers per segment, in SQL",
        variable="sql_referred",
        points=1,
        expected=_expected_referred,
        compare=compare.sql_result(compare.frame(key="segment", columns=["referred"])),
        hints=(
            "One table: customers. A referred customer has a referred_by value (not NULL).",
            "WHERE referred_by IS NOT NULL, then GROUP BY segment.",
            "SELECT segment, COUNT(*) AS referred FROM customers WHERE ... GROUP BY segment",
        ),
        diagnoses=(_referred_empty_text,),
        variants=(
            Variant(
                "These count the customers WITHOUT a referrer. Keep those whose referred_by is "
                "not NULL.",
                lambda: _expected_referred("not_referred"),
                name="not_referred",
            ),
            Variant(
                "These count the referrers (COUNT(DISTINCT referred_by)): one referrer may bring "
                "several customers. Count the customers who were referred.",
                lambda: _expected_referred("referrers"),
                name="referrers",
            ),
            Variant(
                "This counts every customer of each segment: keep only those with a referrer.",
                lambda: _expected_referred("all"),
                name="all_customers",
            ),
        ),
        section=_SQL_TOP,
    ),
    Exercise(
        id="4.2",
        chapter=CHAPTER,
        title=f"Top 10 customers of {TOP_YEAR}, in SQL",
        variable="sql_top_customers",
        points=2,
        expected=_expected_top_customers,
        compare=compare.sql_result(
            compare.frame(key="customer_id", check_order=True, rel_tol=1e-6, abs_tol=0.01)
        ),
        hints=(
            "Three tables: order_lines (revenue) JOIN orders (customer_id, order_date) JOIN "
            "customers (name). Join on order_id and on customer_id.",
            f"Filter with WHERE o.order_date BETWEEN '{TOP_YEAR}-01-01' AND '{TOP_YEAR}-12-31', "
            "then GROUP BY c.customer_id, c.name.",
            "SELECT c.customer_id, c.name, SUM(l.revenue) AS revenue ... ORDER BY revenue DESC LIMIT 10",
        ),
        diagnoses=(_dates_unquoted, _top_customers_average, _top_customers_ascending),
        variants=(
            Variant(_SCOPE_TOP, lambda: _expected_top_customers(year=None), name="all_years"),
            Variant(
                f"These are the top customers of {TOP_YEAR - 1}; the question asks for {TOP_YEAR}.",
                lambda: _expected_top_customers(year=TOP_YEAR - 1),
                name="previous_year",
            ),
            Variant(
                "Your year stops before 31 December: BETWEEN includes both ends, so end it at "
                f"'{TOP_YEAR}-12-31' (or write order_date < '{TOP_YEAR + 1}-01-01').",
                lambda: _expected_top_customers(last_day="12-30"),
                name="last_day_dropped",
            ),
            Variant(
                "Your revenue is quantity x unit_price: the list price, before discounts. The "
                "revenue column of order_lines is what customers actually paid; sum that.",
                lambda: _expected_top_customers(list_price=True),
                name="list_price",
            ),
        ),
        section=_SQL_TOP,
    ),
    Exercise(
        id="4.3",
        chapter=CHAPTER,
        title="Duplicate records in the old customer file",
        variable="duplicate_ids",
        points=3,
        expected=_expected_duplicates,
        compare=compare.set_of(what="record ids", allow_duplicates=False),
        hints=(
            "Build matching keys: database.normalise_name, normalise_phone and normalise_email.",
            "Two records are the same customer when the name key matches AND the phone key or "
            "the email key matches. Try raw.duplicated(subset=['name_key', 'phone_key'], keep='first').",
            "Of each pair keep the original (B/C id) and list the other one: the X records.",
        ),
        diagnoses=(
            _duplicates_by_name,
            _duplicates_both_records,
            _duplicates_exact_match,
            _duplicates_originals,
            _duplicates_one_contact,
        ),
        section="Keeping the data current: a data-quality audit",
    ),
    Exercise(
        id="4.4",
        chapter=CHAPTER,
        title="Orphan referrers, in SQL",
        variable="sql_orphan_referrers",
        points=2,
        expected=_expected_orphan_referrers,
        compare=compare.sql_result(compare.frame(key="record_id")),
        hints=(
            "An orphan is a referred_by value that names no record_id of customers_raw.",
            "FROM customers_raw AS r LEFT JOIN customers_raw AS ref ON ref.record_id = r.referred_by",
            "WHERE r.referred_by <> '' AND ref.record_id IS NULL",
        ),
        diagnoses=(_orphans_empty_text, _orphans_inner_join),
        section="Keeping the data current: a data-quality audit",
    ),
    Exercise(
        id="4.5",
        chapter=CHAPTER,
        title=f"Who should hear about {TARGET_PRODUCT}?",
        variable="teapot_targets",
        points=3,
        expected=_expected_targets,
        compare=compare.set_of(what="customer ids", allow_duplicates=False),
        hints=(
            "database.customer_profiles gives each customer's type and favourite category; "
            f"mark who bought {TARGET_PRODUCT}.",
            "Per profile: customers and penetration (share who bought). Keep profiles with at least "
            "20 customers and penetration at least twice the overall share.",
            "The targets are the customers of those profiles who have not bought it.",
        ),
        # Variants come first: the P026 targets include P023 buyers, which would hide it.
        diagnoses=(_targets_profiles, _targets_include_buyers),
        variants=(
            Variant(
                f"These are the targets for P026, the lesson's example. The exercise asks about "
                f"{TARGET_PRODUCT}.",
                lambda: _expected_targets("P026"),
                name="lesson_product",
            ),
            Variant(
                "You kept profiles with only a handful of customers: one buyer out of two "
                "customers is a penetration of 50% by chance. Keep only profiles with at least "
                "20 customers.",
                lambda: _expected_targets(min_customers=1),
                name="small_profiles",
            ),
            Variant(
                "You kept every profile above the overall share. A sniper aims only where the "
                "product sells at least twice as well as overall.",
                lambda: _expected_targets(min_lift=1.0),
                name="lift_one",
            ),
        ),
        section="One-to-one marketing: a sniper, not a cannon",
    ),
    Exercise(
        id="4.6",
        chapter=CHAPTER,
        title="Who crossed 5,000 CNY that week? (SQL)",
        variable="sql_crossings",
        points=3,
        expected=_expected_crossings,
        compare=compare.sql_result(compare.frame(key="customer_id", columns=["crossed_on"])),
        hints=(
            "Start from the order_totals view (one row per order with its revenue).",
            "A running total: SUM(revenue) OVER (PARTITION BY customer_id ORDER BY order_date, "
            "order_id) AS spend_after; then spend_before = spend_after - revenue.",
            "Keep the orders dated in the week where spend_before < 5000 AND spend_after >= 5000.",
        ),
        diagnoses=(
            _crossings_no_partition,
            _crossings_no_order,
            _dates_unquoted,
            _crossings_already_above,
            _crossings_weekly_spend,
        ),
        variants=(
            Variant(
                "Your week stops a day early: from 1 to 7 December is seven days, and BETWEEN "
                "includes both ends ('2025-12-01' AND '2025-12-07').",
                lambda: _expected_crossings(last_day=6),
                name="six_days",
            ),
        ),
        section="Automating service: the trigger",
    ),
    Exercise(
        id="4.7",
        chapter=CHAPTER,
        title="Receivables per account, in SQL",
        variable="sql_receivables",
        points=2,
        expected=_expected_receivables,
        compare=compare.sql_result(compare.frame(key="customer_id", rel_tol=1e-6, abs_tol=0.01)),
        hints=(
            "Receivable = all invoice amounts of the account minus all payments on its invoices.",
            "Payments have no customer_id: reach it through invoices (JOIN on invoice_id).",
            "Sum invoices per customer in one subquery and payments per customer in another, "
            "LEFT JOIN them, and use COALESCE(paid, 0).",
        ),
        diagnoses=(
            _receivables_null,
            _receivables_inner_join,
            _receivables_fan_out,
            _receivables_sign,
        ),
        section="Warning 1: receivables above the credit limit",
    ),
    Exercise(
        id="4.8",
        chapter=CHAPTER,
        title="Behind plan at the end of September 2025",
        variable="behind_plan",
        points=3,
        expected=_expected_behind_plan,
        compare=compare.set_of(what="customer ids", allow_duplicates=False),
        hints=(
            "The window is July, August and September 2025: plans of the months 2025-07-01 to "
            "2025-09-01, order lines dated 2025-07-01 to 2025-09-30.",
            "Sum planned_revenue per account from plans and revenue per account from "
            "order_lines; start from the plans, and an account with no orders has revenue 0.",
            "Keep the accounts whose revenue is less than half (0.5 x) their plan.",
        ),
        diagnoses=(_behind_dropped_silent, _behind_on_track),
        variants=(
            Variant(
                "You compared revenue with the whole plan. The warning fires below HALF of the "
                "plan: an account at 80% is behind, but not in trouble.",
                lambda: _expected_behind_plan(share=1.0),
                name="full_plan",
            ),
            Variant(
                "You used September only. The window is the last three months: July to September.",
                lambda: _expected_behind_plan(months=1),
                name="one_month",
            ),
            Variant(
                "You used the year so far (January to September). The window is the last three "
                "months: July to September.",
                lambda: _expected_behind_plan(months=9),
                name="year_to_date",
            ),
            Variant(
                "This is the list at the end of December, the lesson's date. The question asks "
                "for the end of September 2025.",
                lambda: _expected_behind_plan(as_of="2025-12-31"),
                name="december",
            ),
        ),
        section="Warnings 2 and 3: behind plan, over budget",
    ),
    Exercise(
        id="4.9",
        chapter=CHAPTER,
        title="Selling expenses above budget in Q4 2025",
        variable="over_budget",
        points=2,
        expected=_expected_over_budget,
        compare=compare.set_of(what="customer ids", allow_duplicates=False),
        hints=(
            "Selling expenses are service_events with event_type == 'sales_visit'.",
            "Sum their cost per account from 2025-10-01 to 2025-12-31, and the expense_budget of "
            "the months 2025-10-01, 2025-11-01 and 2025-12-01 from account_plans.",
            "Keep the accounts with a budget whose expenses are greater than it.",
        ),
        diagnoses=(_over_budget_not_accounts,),
        variants=(
            Variant(
                "You counted every service event as a selling expense. Deliveries, support calls "
                "and repairs are costs of serving the customer; selling expenses are the sales "
                "visits (event_type == 'sales_visit').",
                lambda: _over_budget_alternative(None, 3),
                name="all_events",
            ),
            Variant(
                "You compared three months of sales visits with one month of budget. Sum the "
                "expense_budget of October, November and December 2025.",
                lambda: _over_budget_alternative("sales_visit", 1),
                name="one_month_budget",
            ),
            Variant(
                "You compared the whole year 2025. The question asks about the last quarter: "
                "October to December, for the visits and for the budget.",
                lambda: _over_budget_alternative("sales_visit", 12, pd.Timestamp("2025-01-01")),
                name="whole_year",
            ),
        ),
        section="Warnings 2 and 3: behind plan, over budget",
    ),
    Exercise(
        id="4.10",
        chapter=CHAPTER,
        title="Each account's usual buying interval",
        variable="usual_interval",
        points=2,
        expected=_expected_usual_interval,
        compare=compare.series(rel_tol=1e-9, abs_tol=1e-9),
        hints=(
            "Keep business accounts' order lines, then one row per customer and order day: "
            "[['customer_id', 'order_date']].drop_duplicates().",
            "Sort by customer and date; .groupby('customer_id')['order_date'].diff().dt.days "
            "gives the gaps.",
            "The usual interval is the median gap per customer; drop customers with no gap.",
        ),
        diagnoses=(_interval_timedelta, _interval_from_lines, _interval_mean, _interval_too_many),
        section="Warning 4: a customer who stopped ordering",
    ),
    Exercise(
        id="4.11",
        chapter=CHAPTER,
        title="Which warning does each situation raise?",
        variable="which_warning",
        points=3,
        expected=lambda: dict(SITUATIONS),
        data_free=True,
        compare=compare.classification("situations", WARNING_LABELS),
        hints=(
            "Apply the rules of the table in section 6 exactly: half of the plan, the budget of "
            "sales visits only, 3 times the account's own usual interval.",
            "Two situations look alarming but raise no warning; one is not what it seems.",
        ),
        diagnoses=(_which_rule_misread,),
        section="The weekly warning list",
    ),
]

# In a grading kernel the answer key is locked: the expected-answer functions above refuse
# to run there, whether called through an exercise or directly.
guard_expected(globals())
