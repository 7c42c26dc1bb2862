"""Chapter 00, Getting started: warm-up exercises on the course company's tables."""

from __future__ import annotations

from typing import Any

import pandas as pd

from crmkit import data
from crmkit.exercises import compare
from crmkit.exercises.alternatives import close_to, same_series
from crmkit.exercises.lock import guard_expected
from crmkit.exercises.model import Exercise

CHAPTER = "00"


def _lines_2025() -> pd.DataFrame:
    lines = data.load_order_lines()
    return lines[lines["order_date"].dt.year == 2025]


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


def _expected_revenue_2025() -> float:
    return round(float(_lines_2025()["revenue"].sum()), 2)


def _revenue_used_list_price(answer: Any, expected: Any) -> str | None:
    lines = _lines_2025()
    if close_to(answer, (lines["quantity"] * lines["unit_price"]).sum(), rel=1e-4):
        return (
            "You multiplied quantity by list price, which ignores discounts. The revenue "
            "column already holds what customers paid, after discounts: sum that."
        )
    if close_to(answer, data.load_order_lines()["revenue"].sum(), rel=1e-4):
        return "That is revenue over all four years. Keep only orders dated in 2025."
    return None


def _expected_revenue_by_category() -> pd.Series:
    lines = data.load_order_lines().merge(
        data.load_products()[["product_id", "category"]], on="product_id"
    )
    totals = lines.groupby("category", observed=True)["revenue"].sum().round(2)
    return totals.sort_values(ascending=False)


def _category_counted_lines(answer: Any, expected: Any) -> str | None:
    lines = data.load_order_lines().merge(
        data.load_products()[["product_id", "category"]], on="product_id"
    )
    counts = lines.groupby("category", observed=True).size()
    if same_series(answer, counts):
        return "These are numbers of order lines per category. Sum the revenue column instead of counting rows."
    return None


def _expected_orders_2025() -> int:
    return int(_lines_2025()["order_id"].nunique())


def _orders_counted_lines(answer: Any, expected: Any) -> str | None:
    if close_to(answer, len(_lines_2025())):
        return (
            "That is the number of order lines (rows). One order can have several lines, "
            "one per product: count distinct order_id values with .nunique()."
        )
    return None


EXERCISES = [
    Exercise(
        id="0.1",
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
        diagnoses=(_n_business_counted_everyone,),
        section="A tour of the company",
    ),
    Exercise(
        id="0.2",
        chapter=CHAPTER,
        title="Revenue in 2025",
        variable="revenue_2025",
        points=1,
        expected=_expected_revenue_2025,
        compare=compare.scalar(rel_tol=1e-6),
        hints=(
            "Order lines have an order_date and a revenue column (after discounts).",
            "order_lines['order_date'].dt.year == 2025 selects the 2025 rows.",
            "Select those rows, then take ['revenue'].sum().",
        ),
        diagnoses=(_revenue_used_list_price,),
        section="The pandas you need",
    ),
    Exercise(
        id="0.3",
        chapter=CHAPTER,
        title="Revenue by product category",
        variable="revenue_by_category",
        points=2,
        expected=_expected_revenue_by_category,
        compare=compare.series(check_order=True, rel_tol=1e-6),
        hints=(
            "The category of a product is in the products table; join it to the order lines on product_id.",
            "order_lines.merge(products[['product_id', 'category']], on='product_id')",
            "Then .groupby('category')['revenue'].sum() and sort with .sort_values(ascending=False).",
        ),
        diagnoses=(_category_counted_lines,),
        section="The pandas you need",
    ),
    Exercise(
        id="0.4",
        chapter=CHAPTER,
        title="Orders placed in 2025",
        variable="orders_2025",
        points=1,
        expected=_expected_orders_2025,
        compare=compare.scalar(),
        hints=(
            "An order is identified by order_id; an order line is one product on it.",
            "Keep the 2025 rows, then count distinct order ids with .nunique().",
        ),
        diagnoses=(_orders_counted_lines,),
        section="The pandas you need",
    ),
]

# In a grading kernel the answer key is locked: the expected-answer functions above refuse
# to run there, whether called through an exercise or directly.
guard_expected(globals())
