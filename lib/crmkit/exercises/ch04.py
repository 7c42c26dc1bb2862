"""Chapter 04, Customer information: SQL on the customer database, data quality, early warnings.

The SQL exercises' answer is the text of the query: :func:`crmkit.exercises.compare.sql_result`
runs it on a read-only copy of the course database and compares its result with
the table the library computes with pandas (see :mod:`crmkit.exercises.compare.sql`).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd

from crmkit import data, database
from crmkit.exercises import compare
from crmkit.exercises.alternatives import agrees_with, as_text_set, column_texts
from crmkit.exercises.compare import query_result
from crmkit.exercises.lock import guard_expected
from crmkit.exercises.model import Exercise

CHAPTER = "04"
TOP_YEAR = 2025
CROSSING_THRESHOLD = 5000.0
CROSSING_WEEK = "2025-12-01"
TARGET_PRODUCT = "P023"
NAMED_IDS = (TARGET_PRODUCT, "P026")
"""Ids the exercises and the lesson's code name: grading's twin data must have them (with orders)."""
QUARTER_START = pd.Timestamp("2025-10-01")


# --------------------------------------------------------------------------- shared data


@lru_cache(maxsize=1)
def _tables() -> dict[str, pd.DataFrame]:
    return {
        "customers": data.load_customers(),
        "order_lines": data.load_order_lines(),
        "invoices": data.load_invoices(),
        "payments": data.load_payments(),
        "account_plans": data.load_account_plans(),
        "service_events": data.load_service_events(),
    }


def _business_ids() -> set[str]:
    customers = _tables()["customers"]
    return set(customers.loc[customers["segment"] == "business", "customer_id"])


# --------------------------------------------------------------------------- 4.1 top customers


def _revenue_by_customer(lines: pd.DataFrame, value: pd.Series) -> pd.DataFrame:
    customers = _tables()["customers"].set_index("customer_id")["name"]
    totals = value.groupby(lines["customer_id"]).sum().nlargest(10)
    return pd.DataFrame(
        {
            "customer_id": totals.index.astype(str),
            "name": customers.reindex(totals.index).astype(str).to_numpy(),
            "revenue": totals.to_numpy(),
        }
    )


def _expected_top_customers() -> pd.DataFrame:
    lines = _tables()["order_lines"]
    in_year = lines[lines["order_date"].dt.year == TOP_YEAR]
    return _revenue_by_customer(in_year, in_year["revenue"])


def _top_customers_all_years(answer: Any, expected: Any) -> str | None:
    result = query_result(answer)
    got = column_texts(result)
    lines = _tables()["order_lines"]
    every_year = set(_revenue_by_customer(lines, lines["revenue"])["customer_id"])
    if got == every_year and got != set(expected["customer_id"]):
        return (
            f"These are the top customers over all years. Keep only orders dated in {TOP_YEAR}: "
            f"WHERE o.order_date BETWEEN '{TOP_YEAR}-01-01' AND '{TOP_YEAR}-12-31' (dates are "
            "text in SQLite, written YYYY-MM-DD, so they compare correctly as text)."
        )
    return None


def _top_customers_list_price(answer: Any, expected: Any) -> str | None:
    result = query_result(answer)
    if result is None or "revenue" not in result.columns:
        return None
    lines = _tables()["order_lines"]
    in_year = lines[lines["order_date"].dt.year == TOP_YEAR]
    list_value = _revenue_by_customer(in_year, in_year["quantity"] * in_year["unit_price"])
    values = pd.to_numeric(result["revenue"], errors="coerce").to_numpy(dtype=float)
    if len(values) == len(list_value) and np.allclose(
        np.sort(values), np.sort(list_value["revenue"].to_numpy()), rtol=1e-6
    ):
        return (
            "Your revenue is quantity x unit_price: the list price, before discounts. The "
            "revenue column of order_lines is what customers actually paid; sum that."
        )
    return None


def _top_customers_ascending(answer: Any, expected: Any) -> str | None:
    result = query_result(answer)
    if result is None or "revenue" not in result.columns or len(result) < 2:
        return None
    values = pd.to_numeric(result["revenue"], errors="coerce")
    if values.is_monotonic_increasing and not values.is_monotonic_decreasing:
        return "Your list runs from smallest to largest. Sort largest first: ORDER BY revenue DESC."
    return None


# --------------------------------------------------------------------------- 4.2 duplicates


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


# --------------------------------------------------------------------------- 4.3 orphan referrers


def _expected_orphan_referrers() -> pd.DataFrame:
    raw = data.load_customers_raw()
    orphans = raw[raw["referred_by"].ne("") & ~raw["referred_by"].isin(set(raw["record_id"]))]
    return pd.DataFrame(
        {
            "record_id": orphans["record_id"].astype(str).to_numpy(),
            "referred_by": orphans["referred_by"].astype(str).to_numpy(),
        }
    ).sort_values("record_id", ignore_index=True)


def _orphans_empty_text(answer: Any, expected: Any) -> str | None:
    result = query_result(answer)
    if result is None or "referred_by" not in result.columns:
        return None
    if result["referred_by"].astype("string").fillna("").eq("").any():
        return (
            "Your result includes records whose referred_by is empty. An empty text means 'no "
            "referrer', not a broken link: add WHERE r.referred_by <> ''."
        )
    return None


def _orphans_inner_join(answer: Any, expected: Any) -> str | None:
    got = column_texts(query_result(answer), "record_id")
    raw = data.load_customers_raw()
    valid = raw["referred_by"].ne("") & raw["referred_by"].isin(set(raw["record_id"]))
    if got and got <= set(raw.loc[valid, "record_id"]):
        return (
            "These are the records whose referrer DOES exist: an inner JOIN keeps the matches. "
            "Orphans are the rows without a match: LEFT JOIN customers_raw AS ref ON "
            "ref.record_id = r.referred_by, then keep WHERE ref.record_id IS NULL."
        )
    return None


# --------------------------------------------------------------------------- 4.4 look-alikes


def _lookalikes(product_id: str, **options: Any) -> set[str]:
    tables = _tables()
    return set(
        database.lookalike_targets(
            tables["customers"], tables["order_lines"], data.load_products(), product_id, **options
        )["customer_id"]
    )


def _expected_targets() -> set[str]:
    return _lookalikes(TARGET_PRODUCT)


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


def _targets_wrong_product(answer: Any, expected: Any) -> str | None:
    if as_text_set(answer) == _lookalikes("P026") != set(expected):
        return f"These are the targets for P026, the lesson's example. The exercise asks about {TARGET_PRODUCT}."
    return None


def _targets_small_profiles(answer: Any, expected: Any) -> str | None:
    members = as_text_set(answer)
    if members is not None and members > set(expected):
        if members == _lookalikes(TARGET_PRODUCT, min_customers=1):
            return (
                "You kept profiles with only a handful of customers: one buyer out of two "
                "customers is a penetration of 50% by chance. Keep only profiles with at least "
                "20 customers."
            )
    return None


# --------------------------------------------------------------------------- 4.5 spend crossings


def _expected_crossings() -> pd.DataFrame:
    crossings = database.spend_crossings(
        _tables()["order_lines"], CROSSING_THRESHOLD, CROSSING_WEEK
    )
    return pd.DataFrame(
        {
            "customer_id": crossings["customer_id"].astype(str).to_numpy(),
            "crossed_on": crossings["crossed_on"].dt.strftime("%Y-%m-%d").to_numpy(),
        }
    )


def _crossing_alternatives() -> dict[str, set[str]]:
    lines = _tables()["order_lines"]
    start = pd.Timestamp(CROSSING_WEEK)
    end = start + pd.Timedelta(days=6)
    upto = lines[lines["order_date"] <= end]
    total = upto.groupby("customer_id")["revenue"].sum()
    in_week = lines[lines["order_date"].between(start, end)]
    week = in_week.groupby("customer_id")["revenue"].sum()
    above = set(total[total >= CROSSING_THRESHOLD].index)
    return {
        "above_and_bought": above & set(week.index),
        "above": above,
        "week_spend": set(week[week >= CROSSING_THRESHOLD].index),
    }


def _crossings_already_above(answer: Any, expected: Any) -> str | None:
    got = column_texts(query_result(answer))
    options = _crossing_alternatives()
    if (
        got
        and got != set(expected["customer_id"])
        and got
        in (
            options["above_and_bought"],
            options["above"],
        )
    ):
        return (
            f"Your list holds customers who are above {CROSSING_THRESHOLD:,.0f} at the end of the "
            "week, including many who were above it before the week began. The trigger fires "
            "once: when the running total BEFORE the order is below the threshold and AFTER it is "
            "at or above it."
        )
    return None


def _crossings_weekly_spend(answer: Any, expected: Any) -> str | None:
    got = column_texts(query_result(answer))
    if got is not None and got != set(expected["customer_id"]):
        if got == _crossing_alternatives()["week_spend"]:
            return (
                "You compared one week's spending with the threshold. The trigger uses cumulative "
                "spend: everything the customer ever bought, as a running total (SUM(...) OVER "
                "(PARTITION BY customer_id ORDER BY order_date, order_id))."
            )
    return None


# --------------------------------------------------------------------------- 4.6 receivables


def _expected_receivables() -> pd.DataFrame:
    tables = _tables()
    owed = database.receivables(tables["customers"], tables["invoices"], tables["payments"])
    return pd.DataFrame(
        {
            "customer_id": owed["customer_id"].astype(str).to_numpy(),
            "receivable": owed["receivable"].to_numpy(dtype=float),
        }
    )


def _fan_out_receivables() -> pd.Series:
    invoices, payments = _tables()["invoices"], _tables()["payments"]
    joined = invoices.merge(payments, on="invoice_id", how="left", suffixes=("", "_paid"))
    sums = joined.groupby("customer_id")[["amount", "amount_paid"]].sum()
    return sums["amount"] - sums["amount_paid"]


def _receivables_columns(answer: Any) -> pd.Series | None:
    result = query_result(answer)
    if result is None or not {"customer_id", "receivable"} <= set(result.columns):
        return None
    values = pd.to_numeric(result["receivable"], errors="coerce")
    return values.set_axis(result["customer_id"].astype(str))


def _receivables_null(answer: Any, expected: Any) -> str | None:
    values = _receivables_columns(answer)
    if values is not None and values.isna().any():
        return (
            "Some receivables are NULL (NaN). An account with no payments gets NULL from "
            "SUM(amount) of no rows, and anything minus NULL is NULL. Use COALESCE(paid, 0)."
        )
    return None


def _receivables_inner_join(answer: Any, expected: Any) -> str | None:
    values = _receivables_columns(answer)
    if values is not None and 0 < len(values) < len(expected):
        return (
            f"Your result has {len(values)} accounts; {len(expected)} have invoices. An inner "
            "JOIN to payments drops the accounts (or invoices) with no payment, which are "
            "exactly the ones that owe the most. Use LEFT JOIN."
        )
    return None


def _receivables_fan_out(answer: Any, expected: Any) -> str | None:
    values = _receivables_columns(answer)
    if values is None or values.isna().any():
        return None
    fan_out = _fan_out_receivables().reindex(values.index)
    if np.allclose(values.to_numpy(), fan_out.to_numpy(), rtol=1e-6, atol=0.01):
        return (
            "Your receivables count some invoices twice. Joining invoices to payments gives one "
            "row per payment, so an invoice paid in two parts appears twice and its amount is "
            "summed twice. Sum invoices and payments separately (two subqueries), then subtract."
        )
    return None


# --------------------------------------------------------------------------- 4.7 over budget


def _expected_over_budget() -> set[str]:
    tables = _tables()
    flagged = database.expense_warnings(
        tables["account_plans"], tables["order_lines"], tables["service_events"], window_months=3
    )
    return set(flagged["customer_id"])


def _over_budget_alternative(event_filter: str | None, budget_months: int) -> set[str]:
    tables = _tables()
    events = tables["service_events"]
    in_quarter = events[events["event_date"].between(QUARTER_START, database.AS_OF)]
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


def _over_budget_all_events(answer: Any, expected: Any) -> str | None:
    members = as_text_set(answer)
    if members is not None and members != set(expected):
        if members == _over_budget_alternative(None, 3):
            return (
                "You counted every service event as a selling expense. Deliveries, support calls "
                "and repairs are costs of serving the customer; selling expenses are the sales "
                "visits (event_type == 'sales_visit')."
            )
    return None


def _over_budget_one_month(answer: Any, expected: Any) -> str | None:
    members = as_text_set(answer)
    if members is not None and members != set(expected):
        if members == _over_budget_alternative("sales_visit", 1):
            return (
                "You compared three months of sales visits with one month of budget. Sum the "
                "expense_budget of October, November and December 2025."
            )
    return None


def _over_budget_not_accounts(answer: Any, expected: Any) -> str | None:
    members = as_text_set(answer)
    if members is not None and members - _business_ids():
        return "Only business accounts have plans and budgets: your list has other ids."
    return None


# --------------------------------------------------------------------------- 4.8 usual interval


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


def _interval_too_many(answer: Any, expected: Any) -> str | None:
    if isinstance(answer, pd.Series) and len(answer) > len(expected):
        if set(expected.index) <= set(answer.index.astype(str)):
            return (
                "Your Series has more customers than expected: keep business accounts (ids "
                "starting with B) with at least two order days (a single order has no interval)."
            )
    return None


# --------------------------------------------------------------------------- the exercises


EXERCISES = [
    Exercise(
        id="4.1",
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
        diagnoses=(_top_customers_all_years, _top_customers_list_price, _top_customers_ascending),
        section="The same question in SQL and in pandas",
    ),
    Exercise(
        id="4.2",
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
        id="4.3",
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
        id="4.4",
        chapter=CHAPTER,
        title=f"Who should hear about {TARGET_PRODUCT}?",
        variable="teapot_targets",
        points=2,
        expected=_expected_targets,
        compare=compare.set_of(what="customer ids", allow_duplicates=False),
        hints=(
            "database.customer_profiles gives each customer's type and favourite category; "
            f"mark who bought {TARGET_PRODUCT}.",
            "Per profile: customers and penetration (share who bought). Keep profiles with at least "
            "20 customers and penetration at least twice the overall share.",
            "The targets are the customers of those profiles who have not bought it.",
        ),
        # The exact match first: the P026 targets include P023 buyers, which would hide it.
        diagnoses=(_targets_wrong_product, _targets_include_buyers, _targets_small_profiles),
        section="One-to-one marketing: a sniper, not a cannon",
    ),
    Exercise(
        id="4.5",
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
        diagnoses=(_crossings_already_above, _crossings_weekly_spend),
        section="Automating service: the trigger",
    ),
    Exercise(
        id="4.6",
        chapter=CHAPTER,
        title="Receivables per account, in SQL",
        variable="sql_receivables",
        points=3,
        expected=_expected_receivables,
        compare=compare.sql_result(compare.frame(key="customer_id", rel_tol=1e-6, abs_tol=0.01)),
        hints=(
            "Receivable = all invoice amounts of the account minus all payments on its invoices.",
            "Payments have no customer_id: reach it through invoices (JOIN on invoice_id).",
            "Sum invoices per customer in one subquery and payments per customer in another, "
            "LEFT JOIN them, and use COALESCE(paid, 0).",
        ),
        diagnoses=(_receivables_null, _receivables_inner_join, _receivables_fan_out),
        section="Warning 1: receivables above the credit limit",
    ),
    Exercise(
        id="4.7",
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
        diagnoses=(_over_budget_all_events, _over_budget_one_month, _over_budget_not_accounts),
        section="Warnings 2 and 3: behind plan, over budget",
    ),
    Exercise(
        id="4.8",
        chapter=CHAPTER,
        title="Each account's usual buying interval",
        variable="usual_interval",
        points=3,
        expected=_expected_usual_interval,
        compare=compare.series(rel_tol=1e-9, abs_tol=1e-9),
        hints=(
            "Keep business accounts' order lines, then one row per customer and order day: "
            "[['customer_id', 'order_date']].drop_duplicates().",
            "Sort by customer and date; .groupby('customer_id')['order_date'].diff().dt.days "
            "gives the gaps.",
            "The usual interval is the median gap per customer; drop customers with no gap.",
        ),
        diagnoses=(_interval_from_lines, _interval_mean, _interval_too_many),
        section="Warning 4: a customer who stopped ordering",
    ),
]

# In a grading kernel the answer key is locked: the expected-answer functions above refuse
# to run there, whether called through an exercise or directly.
guard_expected(globals())
