"""Chapter 00, Getting started: a practice exercise, warm-ups on the tables, reading a figure."""

from __future__ import annotations

import numbers
from typing import Any

import pandas as pd

from crmkit import data
from crmkit.exercises import compare
from crmkit.exercises.alternatives import close_to, same_series
from crmkit.exercises.lock import guard_expected
from crmkit.exercises.model import Exercise, Variant

CHAPTER = "00"
MONTHS = tuple(str(month) for month in range(1, 13))


def _lines_in(
    year: int | None, last_day: str | None = None, first_day: str | None = None
) -> pd.DataFrame:
    lines = data.load_order_lines()
    if year is not None:
        lines = lines[lines["order_date"].dt.year == year]
    if last_day is not None:  # a boundary written as "before the last day"
        lines = lines[lines["order_date"] < pd.Timestamp(last_day)]
    if first_day is not None:  # a boundary written as "after the first day"
        lines = lines[lines["order_date"] > pd.Timestamp(first_day)]
    return lines


def _expected_weekday() -> str:
    return data.AS_OF.day_name()


def _weekday_not_a_name(answer: Any, expected: Any) -> str | None:
    if isinstance(answer, str) and answer.strip().casefold() == data.AS_OF.month_name().casefold():
        return "That is the name of the month. The question asks for the day of the week."
    if isinstance(answer, str) and answer.strip()[:10] == str(data.AS_OF.date()):
        return (
            "That is the date itself, as text. The question asks for the name of its day of "
            "the week: a Timestamp has a method that gives it."
        )
    if isinstance(answer, pd.Timestamp):
        return (
            "That is the date itself. The question asks for the name of its day of the week: "
            "a Timestamp has a method that gives it."
        )
    if isinstance(answer, numbers.Real) and not isinstance(answer, bool) and 0 <= answer <= 6:
        return (
            "That is the weekday as a number (Monday is 0). The question asks for its name, "
            "as text such as 'Monday'."
        )
    return None


def _expected_n_business() -> int:
    return int(data.load_customers()["segment"].eq("business").sum())


def _n_business_counted_everyone(answer: Any, expected: Any) -> str | None:
    customers = data.load_customers()
    if close_to(answer, len(customers)):
        return (
            "That is every customer, consumers included. Keep only the rows whose "
            "segment is 'business' before counting."
        )
    if close_to(answer, customers["segment"].eq("consumer").sum()):
        return "That is the number of consumers. The question asks for business accounts."
    return None


def _n_business_share(answer: Any, expected: Any) -> str | None:
    customers = data.load_customers()
    if close_to(answer, customers["segment"].eq("business").mean(), rel=1e-3):
        return (
            "That is the share of business accounts among all customers (a mean of True/False). "
            "The question asks how many: use .sum() instead of .mean()."
        )
    if close_to(answer, customers["segment"].eq("business").mean() * 100, rel=1e-2):
        return (
            "That is the percentage of customers who are business accounts, a share. The "
            "question asks how many there are: count them with .sum()."
        )
    return None


def _expected_revenue(
    year: int | None = 2025, last_day: str | None = None, first_day: str | None = None
) -> float:
    return round(float(_lines_in(year, last_day, first_day)["revenue"].sum()), 2)


def _revenue_used_list_price(answer: Any, expected: Any) -> str | None:
    lines = _lines_in(2025)
    if close_to(answer, (lines["quantity"] * lines["unit_price"]).sum(), rel=1e-4):
        return (
            "You multiplied quantity by list price, which ignores discounts. The revenue "
            "column already holds what customers paid, after discounts: sum that."
        )
    return None


def _revenue_summed_costs(answer: Any, expected: Any) -> str | None:
    lines = _lines_in(2025)
    if close_to(answer, lines["cost_of_goods"].sum(), rel=1e-4):
        return (
            "That is the cost of goods of 2025, what the tea cost Jade Leaf. The question asks "
            "for revenue, what customers paid: sum the revenue column."
        )
    if close_to(answer, (lines["revenue"] - lines["cost_of_goods"]).sum(), rel=1e-4):
        return (
            "That is gross profit (revenue - cost_of_goods). The question asks for revenue "
            "itself: do not subtract the cost."
        )
    return None


def _revenue_averaged(answer: Any, expected: Any) -> str | None:
    lines = _lines_in(2025)
    if close_to(answer, lines["revenue"].mean(), rel=1e-4):
        return (
            "That is the average revenue of one order line (.mean()). The question asks for "
            "the total: .sum()."
        )
    return None


def _expected_revenue_by_category(year: int | None = None) -> pd.Series:
    lines = _lines_in(year).merge(data.load_products()[["product_id", "category"]], on="product_id")
    totals = lines.groupby("category", observed=True)["revenue"].sum().round(2)
    return totals.sort_values(ascending=False)


def _category_counted_lines(answer: Any, expected: Any) -> str | None:
    lines = data.load_order_lines().merge(
        data.load_products()[["product_id", "category"]], on="product_id"
    )
    grouped = lines.groupby("category", observed=True)
    if same_series(answer, grouped.size()):
        return (
            "These are numbers of order lines per category. Sum the revenue column "
            "instead of counting rows."
        )
    if same_series(answer, grouped["quantity"].sum()):
        return (
            "These are quantities (units sold) per category. The question asks for revenue: "
            "sum the revenue column."
        )
    return None


def _expected_orders(
    year: int | None = 2025, last_day: str | None = None, first_day: str | None = None
) -> int:
    return int(_lines_in(year, last_day, first_day)["order_id"].nunique())


def _orders_counted_lines(answer: Any, expected: Any) -> str | None:
    if close_to(answer, len(_lines_in(2025))):
        return (
            "That is the number of order lines (rows). One order can have several lines, "
            "one per product: count distinct order_id values with .nunique()."
        )
    if close_to(answer, _lines_in(None)["customer_id"].nunique()):
        return (
            "That is the number of distinct customers who ever ordered. The question asks for "
            "orders placed in 2025: keep the 2025 rows and count distinct order_id values."
        )
    if close_to(answer, _lines_in(2025)["customer_id"].nunique()):
        return (
            "That is the number of distinct customers who ordered in 2025. The question "
            "asks for orders: count distinct order_id values."
        )
    return None


def _expected_peak_months(segment: str = "business", year: int = 2025) -> dict[str, int]:
    lines = _lines_in(year).merge(data.load_customers()[["customer_id", "segment"]])
    chosen = lines[lines["segment"] == segment]
    by_month = chosen.groupby(chosen["order_date"].dt.month)["revenue"].sum()
    return {"highest": int(by_month.idxmax()), "lowest": int(by_month.idxmin())}


def _peak_months_swapped(answer: Any, expected: Any) -> str | None:
    if not isinstance(answer, dict):
        return None
    if answer.get("highest") == expected["lowest"] and answer.get("lowest") == expected["highest"]:
        return "You swapped the two: the highest month is the tallest bar, the lowest the shortest."
    values = [answer.get("highest"), answer.get("lowest")]
    if any(isinstance(v, pd.Period | pd.Timestamp) for v in values):
        return "Give each month as its number, 1 for January to 12 for December, not a date."
    if all(isinstance(v, numbers.Real) and v > 12 for v in values):
        return (
            "These look like revenue amounts. The question asks WHICH month: give the month "
            "numbers (1 = January), read on the horizontal axis."
        )
    shifted = {key: expected[key] - 1 for key in expected}
    if all(close_to(answer.get(key), value) for key, value in shifted.items()):
        return (
            "Both months are one too early: did you take a position counted from 0 (argmax of a "
            "list or array)? Month numbers run from 1 (January) to 12 (December)."
        )
    values = [answer.get("highest"), answer.get("lowest")]
    if any(isinstance(v, str) and not v.strip().isdigit() for v in values):
        return "Give each month as its number, 1 for January to 12 for December (not its name)."
    return None


EXERCISES = [
    Exercise(
        id="0.1",
        chapter=CHAPTER,
        title="Practice: the weekday of 'today'",
        variable="today_weekday",
        points=0,
        expected=_expected_weekday,
        data_free=True,
        compare=compare.scalar(),
        hints=(
            "'Today' in the course is data.AS_OF, a pandas Timestamp.",
            "A Timestamp has a method .day_name() that gives the weekday as text.",
        ),
        diagnoses=(_weekday_not_a_name,),
        section="How the workbook works",
    ),
    Exercise(
        id="0.2",
        chapter=CHAPTER,
        title="How many business accounts?",
        variable="n_business",
        points=1,
        expected=_expected_n_business,
        compare=compare.scalar(),
        hints=(
            "The customers table has a segment column with two values.",
            "customers['segment'] == 'business' gives True/False per row; True counts as 1.",
            "(customers['segment'] == 'business').sum()",
        ),
        diagnoses=(_n_business_share, _n_business_counted_everyone),
        section="Selecting columns and filtering rows",
    ),
    Exercise(
        id="0.3",
        chapter=CHAPTER,
        title="Revenue in 2025",
        variable="revenue_2025",
        points=1,
        expected=_expected_revenue,
        compare=compare.scalar(rel_tol=1e-6),
        hints=(
            "Order lines have an order_date and a revenue column (after discounts).",
            "order_lines['order_date'].dt.year == 2025 selects the 2025 rows.",
            "Select those rows, then take ['revenue'].sum().",
        ),
        diagnoses=(_revenue_used_list_price, _revenue_averaged, _revenue_summed_costs),
        variants=(
            Variant(
                "That is revenue over all four years. Keep only orders dated in 2025.",
                lambda: _expected_revenue(year=None),
                name="all_years",
            ),
            Variant(
                "That is the revenue of 2024. The question asks for 2025.",
                lambda: _expected_revenue(year=2024),
                name="year_2024",
            ),
            Variant(
                "That is the revenue of 2023. The question asks for 2025.",
                lambda: _expected_revenue(year=2023),
                name="year_2023",
            ),
            Variant(
                "Your total leaves out 1 January: a condition such as order_date > '2025-01-01' "
                "drops the first day of the year (use >=, or the year itself).",
                lambda: _expected_revenue(year=2025, first_day="2025-01-01"),
                name="drops_first_day",
            ),
            Variant(
                "Your total leaves out 31 December: a condition such as "
                "order_date < '2025-12-31' drops the last day of the year. Use the year instead.",
                lambda: _expected_revenue(year=2025, last_day="2025-12-31"),
                name="drops_last_day",
            ),
        ),
        section="Dates: the .dt accessor",
    ),
    Exercise(
        id="0.4",
        chapter=CHAPTER,
        title="Revenue by product category",
        variable="revenue_by_category",
        points=2,
        expected=_expected_revenue_by_category,
        compare=compare.series(check_order=True, rel_tol=1e-6),
        hints=(
            "The category of a product is in the products table; join it to the order lines "
            "on product_id.",
            "order_lines.merge(products[['product_id', 'category']], on='product_id')",
            "Then .groupby('category')['revenue'].sum() and sort with "
            ".sort_values(ascending=False).",
        ),
        diagnoses=(_category_counted_lines,),
        variants=(
            Variant(
                "These are the 2025 totals. The question asks for the whole period, 2022 to 2025.",
                lambda: _expected_revenue_by_category(year=2025),
                name="year_2025",
            ),
        ),
        section="Joining tables: merge",
    ),
    Exercise(
        id="0.5",
        chapter=CHAPTER,
        title="Orders placed in 2025",
        variable="orders_2025",
        points=1,
        expected=_expected_orders,
        compare=compare.scalar(),
        hints=(
            "An order is identified by order_id; an order line is one product on it.",
            "Keep the 2025 rows, then count distinct order ids with .nunique().",
        ),
        diagnoses=(_orders_counted_lines,),
        variants=(
            Variant(
                "That counts the orders of all four years. Keep only orders dated in 2025.",
                lambda: _expected_orders(year=None),
                name="all_years",
            ),
            Variant(
                "Your count leaves out 31 December: order_date < '2025-12-31' drops the last day.",
                lambda: _expected_orders(year=2025, last_day="2025-12-31"),
                name="drops_last_day",
            ),
            Variant(
                "That counts the orders of 2024. The question asks for 2025.",
                lambda: _expected_orders(year=2024),
                name="year_2024",
            ),
        ),
        section="Counting and sorting",
    ),
    Exercise(
        id="0.6",
        chapter=CHAPTER,
        title="Read a figure: business revenue in 2025",
        variable="business_2025_months",
        points=1,
        expected=_expected_peak_months,
        compare=compare.classification("months", MONTHS),
        hints=(
            "Draw the bars first: one bar per month of 2025, business accounts only.",
            "The tallest bar is the highest month, the shortest the lowest; read their numbers "
            "on the horizontal axis (1 = January).",
            "Answer with a dict such as {'highest': 5, 'lowest': 11}, month numbers as whole numbers.",
        ),
        diagnoses=(_peak_months_swapped,),
        variants=(
            Variant(
                "Those are the months of 2024 (or a misread bar): keep only the orders of 2025.",
                lambda: _expected_peak_months(year=2024),
                name="year_2024",
            ),
        ),
        section="The matplotlib you need",
    ),
]

# In a grading kernel the answer key is locked: the expected-answer functions above refuse
# to run there, whether called through an exercise or directly.
guard_expected(globals())
