"""Small hand-made tables for the chapter 08 tests, with answers worked out by hand.

Customers A, B, C (consumers) and X (business). Orders:

* A: 2024-01-10, 2024-02-05, 2025-03-01 (cohort 2024-01);
* B: 2024-01-20 only (cohort 2024-01);
* C: 2024-02-15, 2024-02-20, 2025-11-30 (cohort 2024-02);
* X: 2024-03-01, 2025-01-15 (cohort 2024-03).

Yearly retention 2025 (everyone): active in 2024 = A, B, C, X; ordered in 2025 = A, C, X -> 0.75.
"""

from __future__ import annotations

import pandas as pd

AS_OF = "2025-12-31"
ORDER_COLUMNS = ("order_id", "customer_id", "order_date")


def order_lines() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "order_id": ["O1", "O2", "O2", "O3", "O4", "O5", "O6", "O7", "O8", "O9"],
            "line_no": [1, 1, 2, 1, 1, 1, 1, 1, 1, 1],
            "customer_id": ["A", "A", "A", "A", "B", "C", "C", "C", "X", "X"],
            "product_id": ["P1", "P1", "P2", "P3", "P1", "P1", "P2", "P3", "P1", "P2"],
            "order_date": pd.to_datetime(
                ["2024-01-10", "2024-02-05", "2024-02-05", "2025-03-01", "2024-01-20",
                 "2024-02-15", "2024-02-20", "2025-11-30", "2024-03-01", "2025-01-15"]
            ),  # fmt: skip
            "revenue": [100.0, 50.0, 30.0, 80.0, 40.0, 60.0, 20.0, 90.0, 500.0, 700.0],
            "cost_of_goods": [60.0, 30.0, 20.0, 50.0, 30.0, 40.0, 10.0, 50.0, 300.0, 400.0],
        }
    )


def customers() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "customer_id": ["A", "B", "C", "X"],
            "segment": ["consumer", "consumer", "consumer", "business"],
            "signup_date": pd.to_datetime(["2024-01-10", "2024-01-20", "2024-02-15", "2024-03-01"]),
            "acquisition_cost": [40.0, 20.0, 60.0, 800.0],
            "team_id": ["T6", "T6", "T7", "T1"],
        }
    )


def products() -> pd.DataFrame:
    return pd.DataFrame(
        {"product_id": ["P1", "P2", "P3"], "category": ["green_tea", "coffee", "teaware"]}
    )


def teams() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "team_id": ["T1", "T6", "T7"],
            "serves": ["wholesale", "online", "online"],
            "staff_turnover_rate": [0.1, 0.2, 0.3],
            "employee_satisfaction": [4.0, 3.5, 3.0],
        }
    )


def profit_before() -> pd.Series:
    return pd.Series([-50.0, -10.0, 80.0, 20.0], index=["A", "B", "C", "X"])


def profit_after() -> pd.Series:
    return pd.Series([30.0, -5.0, 90.0], index=["A", "B", "C"])


def survival() -> pd.Series:
    return pd.Series([0.8, 0.6, 0.5], index=[1, 2, 3])
