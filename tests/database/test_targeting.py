"""crmkit.database.targeting: the spend trigger and look-alike targets, in pandas and SQL."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from crmkit import data, database

from tests.database.tables import days

# --------------------------------------------------------------------------- trigger


def test_spend_crossings_by_hand() -> None:
    lines = pd.DataFrame(
        {
            "order_id": ["O1", "O2", "O3", "O4", "O5", "O6", "O7"],
            "customer_id": ["A", "A", "B", "B", "C", "C", "D"],
            "order_date": days(
                "2025-11-01",
                "2025-12-01",
                "2025-11-01",
                "2025-12-03",
                "2025-12-07",
                "2025-12-07",
                "2025-12-08",
            ),
            "revenue": [400.0, 600.0, 1500.0, 10.0, 500.0, 600.0, 5000.0],
        }
    )
    crossed = database.spend_crossings(lines, 1000, "2025-12-01")
    # A reaches exactly 1000 (counts); B was above before the week; C crosses with its second
    # order of the day (O6); D orders on day 8, outside the week.
    assert crossed["customer_id"].tolist() == ["A", "C"]
    assert crossed["order_id"].tolist() == ["O2", "O6"]
    assert crossed["spend_before"].tolist() == [400.0, 500.0]


def test_spend_crossings_sql_matches_pandas(course_db: Path, course) -> None:
    connection = database.connect_readonly(course_db)
    for week in ["2025-12-01", "2024-01-15", "2023-09-25"]:
        in_sql = pd.read_sql(
            database.SPEND_CROSSINGS_SQL,
            connection,
            params={"threshold": 3000, "week_start": week},
            parse_dates=["crossed_on"],
        )
        in_pandas = database.spend_crossings(course["order_lines"], 3000, week)
        pd.testing.assert_frame_equal(in_sql, in_pandas, check_dtype=False)
    connection.close()


# --------------------------------------------------------------------------- one-to-one


def test_customer_profiles_and_ties() -> None:
    customers = pd.DataFrame({"customer_id": ["B1", "C1"], "business_type": ["cafe", None]})
    lines = pd.DataFrame(
        {
            "customer_id": ["B1", "B1", "C1"],
            "product_id": ["P2", "P1", "P1"],
            "revenue": [5.0, 5.0, 1.0],
        }
    )
    products = pd.DataFrame({"product_id": ["P1", "P2"], "category": ["teaware", "coffee"]})
    profiles = database.customer_profiles(customers, lines, products)
    assert profiles["favourite_category"].tolist() == ["coffee", "teaware"]  # tie: alphabetical
    assert profiles["customer_type"].tolist() == ["cafe", "consumer"]


def test_lookalike_targets_rules() -> None:
    ids = [f"K{k}" for k in range(6)]
    customers = pd.DataFrame({"customer_id": ids, "business_type": ["cafe"] * 4 + [None] * 2})
    lines = pd.DataFrame(
        {
            "customer_id": ids + ["K0", "K1", "K4"],
            "product_id": ["P1"] * 6 + ["P9", "P9", "P9"],
            "revenue": [10.0] * 6 + [1.0] * 3,
        }
    )
    products = pd.DataFrame({"product_id": ["P1", "P9"], "category": ["coffee", "teaware"]})
    # Overall penetration 3/6; cafés 2/4 (lift 1), consumers 1/2 (lift 1).
    assert database.lookalike_targets(customers, lines, products, "P9", 1, 1.0)[
        "customer_id"
    ].tolist() == ["K2", "K3", "K5"]
    assert database.lookalike_targets(customers, lines, products, "P9", 3, 1.0)[
        "customer_id"
    ].tolist() == ["K2", "K3"]
    assert database.lookalike_targets(customers, lines, products, "P9", 1, 1.5).empty
    with pytest.raises(ValueError, match="P404"):
        database.lookalike_targets(customers, lines, products, "P404")


def test_lookalike_sql_matches_pandas(course_db: Path, course) -> None:
    connection = database.connect_readonly(course_db)
    products = data.load_products()
    for product in ["P026", "P013"]:
        in_sql = pd.read_sql(
            database.LOOKALIKE_SQL,
            connection,
            params={"product_id": product, "min_customers": 20, "min_lift": 2.0},
        )
        in_pandas = database.lookalike_targets(
            course["customers"], course["order_lines"], products, product
        )
        pd.testing.assert_frame_equal(in_sql, in_pandas, check_dtype=False)
    connection.close()
