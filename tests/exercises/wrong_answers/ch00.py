"""Realistic wrong answers to chapter 00's exercises, computed the way a student would."""

from __future__ import annotations

import pandas as pd
from crmkit import data

from tests.exercises.wrong_answers.support import Wrong


def _lines() -> pd.DataFrame:
    return data.load_order_lines()


def _year(year: int) -> pd.DataFrame:
    lines = _lines()
    return lines[lines["order_date"].dt.year == year]


def _weekday() -> list[Wrong]:
    today = data.AS_OF
    return [
        Wrong(today, "the date itself", "odd_type"),
        Wrong(today.day_of_week, "weekday as a number", "concept"),
        Wrong(today.day_name().lower(), "capitals", "concept"),
        Wrong(today.month_name(), "name of the month", "concept"),
        Wrong(str(today.date()), "the date itself", "odd_type"),
    ]


def _n_business() -> list[Wrong]:
    customers = data.load_customers()
    is_business = customers["segment"] == "business"
    return [
        Wrong(len(customers), "every customer", "scope"),
        Wrong(int((customers["segment"] == "consumer").sum()), "number of consumers", "scope"),
        Wrong(float(is_business.mean()), ".sum() instead of .mean()", "aggregate"),
        Wrong(customers["segment"].value_counts(), "Series", "odd_type"),
        Wrong(round(float(is_business.mean()) * 100, 1), "share", "aggregate"),
    ]


def _revenue_2025() -> list[Wrong]:
    lines, year = _lines(), _year(2025)
    return [
        Wrong(float(lines["revenue"].sum()), "all four years", "scope"),
        Wrong(float(_year(2024)["revenue"].sum()), "revenue of 2024", "scope"),
        Wrong(
            float(year.loc[year["order_date"] < "2025-12-31", "revenue"].sum()),
            "31 December",
            "scope",
        ),
        Wrong(float((year["quantity"] * year["unit_price"]).sum()), "list price", "concept"),
        Wrong(float(year["revenue"].mean()), "average revenue of one order line", "aggregate"),
        Wrong(round(float(year["revenue"].sum()) / 1000, 1), "1000", "far_off"),
    ]


def _revenue_by_category() -> list[Wrong]:
    products = data.load_products()[["product_id", "category"]]
    merged = _lines().merge(products, on="product_id")
    grouped = merged.groupby("category", observed=True)
    revenue = grouped["revenue"].sum()
    this_year = merged[merged["order_date"].dt.year == 2025]
    return [
        Wrong(grouped.size().sort_values(ascending=False), "order lines per category", "aggregate"),
        Wrong(grouped["quantity"].sum().sort_values(ascending=False), "quantities", "concept"),
        Wrong(revenue.sort_values(), "order", "parameters"),
        Wrong(revenue, "order", "parameters"),
        Wrong(
            this_year.groupby("category", observed=True)["revenue"]
            .sum()
            .sort_values(ascending=False),
            "2025 totals",
            "scope",
        ),
        Wrong(
            (revenue / revenue.sum()).sort_values(ascending=False),
            "shares",
            "aggregate",
        ),
    ]


def _orders_2025() -> list[Wrong]:
    year = _year(2025)
    return [
        Wrong(len(year), "number of order lines", "aggregate"),
        Wrong(int(year["order_id"].count()), "number of order lines", "aggregate"),
        Wrong(int(year["customer_id"].nunique()), "distinct customers", "concept"),
        Wrong(int(_lines()["order_id"].nunique()), "all four years", "scope"),
        Wrong(
            int(year.loc[year["order_date"] < "2025-12-31", "order_id"].nunique()),
            "31 December",
            "scope",
        ),
    ]


def _peak_months() -> list[Wrong]:
    lines = _year(2025).merge(data.load_customers()[["customer_id", "segment"]])
    business = lines[lines["segment"] == "business"]
    by_month = business.groupby(business["order_date"].dt.month)["revenue"].sum()
    values = by_month.to_numpy()
    last_year = _year(2024).merge(data.load_customers()[["customer_id", "segment"]])
    last_year = last_year[last_year["segment"] == "business"]
    by_month_2024 = last_year.groupby(last_year["order_date"].dt.month)["revenue"].sum()
    return [
        Wrong(
            {"highest": int(by_month.idxmin()), "lowest": int(by_month.idxmax())},
            "swapped",
            "parameters",
        ),
        Wrong(
            {"highest": int(values.argmax()), "lowest": int(values.argmin())},
            "counted from 0",
            "parameters",
        ),
        Wrong({"highest": "September", "lowest": "February"}, "its number", "dict"),
        Wrong(
            {"highest": float(by_month.max()), "lowest": float(by_month.min())},
            "revenue amounts",
            "concept",
        ),
        Wrong(
            {"highest": int(by_month_2024.idxmax()), "lowest": int(by_month_2024.idxmin())},
            "2024",
            "scope",
        ),
    ]


def wrong_answers() -> dict[str, list[Wrong]]:
    """Chapter 00: at least four realistic wrong answers per exercise."""
    answers = {
        "0.1": _weekday(),
        "0.2": _n_business(),
        "0.3": _revenue_2025(),
        "0.4": _revenue_by_category(),
        "0.5": _orders_2025(),
        "0.6": _peak_months(),
    }
    for exercise_id, more in _fresh_answers().items():
        answers[exercise_id] = [*answers[exercise_id], *more]
    return answers


# fresh answers from the audit
def _fresh_answers() -> dict[str, list[Wrong]]:
    """Answers written by an independent audit, without reading the suite above first."""
    lines, year = _lines(), _year(2025)
    after_new_year = year[year["order_date"] > pd.Timestamp("2025-01-01")]
    return {
        "0.1": [Wrong(data.AS_OF.strftime("%a"), "abbreviation", "odd_type")],
        "0.3": [
            Wrong(round(float(year["revenue"].sum()), -3), "rounded to thousands", "far_off"),
            Wrong(float(after_new_year["revenue"].sum()), "1 January", "scope"),
            Wrong(float(year["cost_of_goods"].sum()), "cost of goods", "concept"),
            Wrong(
                float((year["revenue"] - year["cost_of_goods"]).sum()), "gross profit", "concept"
            ),
            Wrong(float(_year(2023)["revenue"].sum()), "2023", "scope"),
        ],
        "0.5": [
            Wrong(int(lines["customer_id"].nunique()), "ever ordered", "concept"),
            Wrong(int(_year(2024)["order_id"].nunique()), "2024", "scope"),
        ],
    }
