"""Chapter 01's exercises keep the shared contract (tests/exercises/contract.py)."""

from __future__ import annotations

import pandas as pd
from crmkit import data, value
from crmkit.exercises import ch01, get_exercise

from tests.exercises.contract import ChapterContract, Planted, Planting


def components() -> pd.DataFrame:
    return value.value_components(
        data.load_customers(), data.load_order_lines(), data.load_communications()
    )


def state_counts(lost_after_days: int) -> pd.Series:
    states = value.classify_states(
        data.load_customers(),
        data.load_order_lines(),
        data.load_leads(),
        lost_after_days=lost_after_days,
    )
    return value.state_counts(states)


def mixed_up(**changes: str) -> dict[str, str]:
    return {**ch01.INTERNAL_SCENARIOS, **changes}


def planted_values() -> Planting:
    """1.1 to 1.4: internal customers and what a customer is worth."""
    table, lines = components(), data.load_order_lines()
    list_value = (
        (lines["quantity"] * lines["unit_price"] - lines["cost_of_goods"])
        .groupby(lines["customer_id"])
        .sum()
    )
    referrers = data.load_customers()["referred_by"].value_counts()
    return {
        "1.1": [
            Planted(mixed_up(packing_line="workflow"), "Process (工序) customers"),
            Planted(mixed_up(sales_team_for_it="hierarchical"), "serving each other's functions"),
        ],
        "1.2": [
            Planted(table["revenue"], "These are revenues"),
            Planted(list_value.reindex(table.index), "quantity x list price"),
        ],
        "1.3": [Planted(referrers, "only customers who referred someone")],
        "1.4": [
            Planted(value.top_overlap(table, "revenue", "gross_profit", n=20), "gross profit"),
            Planted(20, "identical"),
        ],
    }


def planted_states_and_lifecycle() -> Planting:
    """1.5 to 1.8: customer states and the lifecycle of an account."""
    lines = data.load_order_lines()
    spend = get_exercise("1.7").expected_answer
    earlier = pd.Series([0.0], index=[spend.index[0] - pd.DateOffset(months=1)])
    everyone = value.lifecycle_stages(lines)["stage"].value_counts()
    return {
        "1.5": [Planted(lines.groupby("customer_id")["order_date"].min(), "first purchases")],
        "1.6": [
            Planted(state_counts(90), "'lost after 90 days' rule"),
            Planted(state_counts(365), "'lost after 365 days' rule"),
            Planted(state_counts(180)[["actual", "lost"]], "You counted customers only"),
        ],
        "1.7": [
            Planted(spend[spend > 0], "Months without orders are missing"),
            Planted(pd.concat([earlier, spend]), "starts before the account's first order"),
        ],
        "1.8": [Planted(everyone.reindex(value.STAGES, fill_value=0), "You counted consumers too")],
    }


class TestContract(ChapterContract):
    chapter = ch01

    def planted(self) -> Planting:
        return {**planted_values(), **planted_states_and_lifecycle()}


def test_the_chapter_has_its_exercises() -> None:
    assert [exercise.id for exercise in ch01.EXERCISES] == [f"1.{k}" for k in range(1, 9)]
