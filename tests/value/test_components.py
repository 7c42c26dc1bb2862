"""crmkit.value.components on small tables worked out by hand."""

from __future__ import annotations

import pandas as pd
import pytest
from crmkit import value

from tests.value.tables import customer_table, lines

# --------------------------------------------------------------------------- value_components


@pytest.fixture
def small_value() -> pd.DataFrame:
    customers = customer_table("A", "B", "C", "D", referred_by=["", "A", "A", "NOT_A_CUSTOMER"])
    orders = pd.DataFrame(
        {
            "customer_id": ["A", "A", "B", "GHOST"],
            "revenue": [100.0, 50.5, 40.0, 999.0],
            "cost_of_goods": [60.0, 20.25, 45.0, 1.0],
        }
    )
    comms = pd.DataFrame(
        {
            "customer_id": ["A", "A", "A", "A", "B", "B", "B", "C", "GHOST"],
            "direction": ["inbound"] * 4
            + ["outbound", "outbound", "inbound", "inbound", "inbound"],
            "purpose": [
                "feedback",
                "suggestion",
                "complaint",
                "enquiry",  # inbound but no information about the offer: not counted
                "feedback",  # outbound: the firm talking, not the customer
                "survey",
                "order_help",
                "complaint",
                "feedback",  # not one of our customers
            ],
        }
    )
    return value.value_components(customers, orders, comms)


def test_value_components_known_values(small_value: pd.DataFrame) -> None:
    assert list(small_value.columns) == value.VALUE_COMPONENTS
    assert list(small_value.index) == ["A", "B", "C", "D"]
    assert small_value.index.name == "customer_id"
    assert small_value["revenue"].to_dict() == {"A": 150.5, "B": 40.0, "C": 0.0, "D": 0.0}
    # gross profit may be negative (B sells below cost)
    assert small_value["gross_profit"].to_dict() == {"A": 70.25, "B": -5.0, "C": 0.0, "D": 0.0}
    assert small_value["referrals"].to_dict() == {"A": 2, "B": 0, "C": 0, "D": 0}
    assert small_value["feedback"].to_dict() == {"A": 3, "B": 0, "C": 1, "D": 0}


def test_value_components_customers_without_orders_get_zeros(small_value: pd.DataFrame) -> None:
    assert not small_value.isna().any().any()
    assert (small_value.loc[["C", "D"], ["revenue", "gross_profit"]] == 0).all().all()
    assert small_value["referrals"].dtype == "int64"
    assert small_value["feedback"].dtype == "int64"


def test_value_components_feedback_purposes_are_exactly_the_informative_ones() -> None:
    purposes = ["feedback", "suggestion", "complaint", "enquiry", "order_help", "survey", "care"]
    comms = pd.DataFrame(
        {
            "customer_id": ["A"] * len(purposes) * 2,
            "direction": ["inbound", "outbound"] * len(purposes),
            "purpose": [p for p in purposes for _ in (0, 1)],
        }
    )
    result = value.value_components(customer_table("A"), lines(("A", "2025-01-01", 1)), comms)
    assert result.loc["A", "feedback"] == 3
    assert set(value.FEEDBACK_PURPOSES) == {"feedback", "suggestion", "complaint"}


def test_value_components_with_categorical_columns() -> None:
    """The course tables hold direction/purpose as categoricals: same answer as plain text."""
    comms = pd.DataFrame(
        {
            "customer_id": ["A", "A"],
            "direction": ["inbound", "outbound"],
            "purpose": ["complaint", "complaint"],
        }
    )
    orders = lines(("A", "2025-01-01", 10))
    plain = value.value_components(customer_table("A"), orders, comms)
    typed = value.value_components(customer_table("A"), orders, comms.astype("category"))
    pd.testing.assert_frame_equal(plain, typed)
    assert typed.loc["A", "feedback"] == 1


# --------------------------------------------------------------------------- value_ranks


def test_value_ranks_ties_share_the_best_rank() -> None:
    comp = pd.DataFrame(
        {"revenue": [50.0, 80.0, 80.0, 10.0], "referrals": [0, 0, 0, 0], "note": list("wxyz")},
        index=pd.Index(list("ABCD"), name="customer_id"),
    )
    ranks = value.value_ranks(comp)
    assert list(ranks.columns) == ["revenue", "referrals"]  # text columns are not ranked
    assert ranks["revenue"].to_dict() == {"A": 3, "B": 1, "C": 1, "D": 4}
    assert ranks["referrals"].tolist() == [1, 1, 1, 1]
    assert (ranks.dtypes == "int64").all()
    assert ranks.index.equals(comp.index)


def test_value_ranks_one_is_the_largest() -> None:
    comp = pd.DataFrame({"feedback": [0, 7, 3]}, index=["A", "B", "C"])
    assert value.value_ranks(comp)["feedback"].tolist() == [3, 1, 2]


# --------------------------------------------------------------------------- top_overlap


@pytest.fixture
def overlap_table() -> pd.DataFrame:
    return pd.DataFrame(
        {"revenue": [5, 4, 3, 2, 1], "feedback": [1, 5, 4, 0, 3]}, index=list("ABCDE")
    )


@pytest.mark.parametrize(("n", "expected"), [(1, 0), (2, 1), (3, 2), (4, 3), (5, 5), (50, 5)])
def test_top_overlap_by_hand(overlap_table: pd.DataFrame, n: int, expected: int) -> None:
    # top by revenue: A B C D E; by feedback: B C E A D
    assert value.top_overlap(overlap_table, "revenue", "feedback", n=n) == expected


def test_top_overlap_of_a_column_with_itself(overlap_table: pd.DataFrame) -> None:
    assert value.top_overlap(overlap_table, "revenue", "revenue", n=3) == 3
    assert value.top_overlap(overlap_table, "feedback", "revenue", n=2) == 1  # symmetric
