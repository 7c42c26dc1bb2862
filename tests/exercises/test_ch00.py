"""Chapter 00's exercises keep the shared contract (tests/exercises/contract.py)."""

from __future__ import annotations

import pandas as pd
from crmkit import data
from crmkit.exercises import ch00

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
        lines, year = data.load_order_lines(), lines_2025()
        by_category = lines_with_category().groupby("category", observed=True)
        revenue = by_category["revenue"].sum().round(2).sort_values(ascending=False)
        return {
            "0.1": [
                Planted(len(customers), "every customer, consumers included"),
                Planted(int(customers["segment"].eq("consumer").sum()), "number of consumers"),
            ],
            "0.2": [
                Planted(float((year["quantity"] * year["unit_price"]).sum()), "list price"),
                Planted(float(lines["revenue"].sum()), "over all four years"),
                Planted(float(year["revenue"].sum()) * 100, "percentage"),
            ],
            "0.3": [
                Planted(by_category.size(), "numbers of order lines per category"),
                Planted(revenue.sort_values(), "wrong order"),
            ],
            "0.4": [Planted(len(year), "number of order lines (rows)")],
        }


def test_the_chapter_has_its_exercises() -> None:
    assert [exercise.id for exercise in ch00.EXERCISES] == ["0.1", "0.2", "0.3", "0.4"]
