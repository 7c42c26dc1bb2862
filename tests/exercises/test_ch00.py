"""Chapter 00's exercises keep the shared contract (tests/exercises/contract.py)."""

from __future__ import annotations

import pandas as pd
from crmkit import data
from crmkit.exercises import ch00, get_exercise

from tests.exercises.contract import ChapterContract, Planted, Planting


def lines_2025() -> pd.DataFrame:
    lines = data.load_order_lines()
    return lines[lines["order_date"].dt.year == 2025]


def lines_with_category() -> pd.DataFrame:
    products = data.load_products()[["product_id", "category"]]
    return data.load_order_lines().merge(products, on="product_id")


class TestContract(ChapterContract):
    chapter = ch00

    def planted(self) -> Planting:
        customers = data.load_customers()
        year = lines_2025()
        by_category = lines_with_category().groupby("category", observed=True)
        revenue = by_category["revenue"].sum().round(2).sort_values(ascending=False)
        months = get_exercise("0.6").expected_answer
        return {
            "0.1": [
                Planted(data.AS_OF, "the date itself"),
                Planted(data.AS_OF.day_of_week, "weekday as a number"),
            ],
            "0.2": [
                Planted(len(customers), "every customer, consumers included"),
                Planted(int(customers["segment"].eq("consumer").sum()), "number of consumers"),
                Planted(float(customers["segment"].eq("business").mean()), "use .sum() instead"),
            ],
            "0.3": [
                Planted(float((year["quantity"] * year["unit_price"]).sum()), "list price"),
                Planted(float(year["revenue"].sum()) * 100, "percentage"),
                Planted(float(year["revenue"].mean()), "average revenue of one order line"),
                Planted(float(year["cost_of_goods"].sum()), "cost of goods"),
            ],
            "0.4": [
                Planted(by_category.size(), "numbers of order lines per category"),
                Planted(by_category["quantity"].sum(), "quantities (units sold)"),
                Planted(revenue.sort_values(), "order"),
            ],
            "0.5": [
                Planted(len(year), "number of order lines (rows)"),
                Planted(year["customer_id"].nunique(), "distinct customers"),
            ],
            "0.6": [
                Planted({"highest": months["lowest"], "lowest": months["highest"]}, "swapped"),
                Planted({k: v - 1 for k, v in months.items()}, "counted from 0"),
                Planted({"highest": "September", "lowest": "February"}, "its number"),
            ],
        }


def test_the_chapter_has_its_exercises() -> None:
    ids = [exercise.id for exercise in ch00.EXERCISES]
    assert ids == [f"0.{k}" for k in range(1, 7)]
    assert ch00.EXERCISES[0].points == 0  # the practice exercise used to show check and hint
