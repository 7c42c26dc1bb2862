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


def read(**changes: str) -> dict[str, str]:
    return {**get_exercise("1.11").expected_answer, **changes}


def planted_values() -> Planting:
    """1.1 to 1.5: why relationships matter, internal customers, what a customer is worth."""
    table, lines = components(), data.load_order_lines()
    list_value = (
        (lines["quantity"] * lines["unit_price"] - lines["cost_of_goods"])
        .groupby(lines["customer_id"])
        .sum()
    )
    customers = data.load_customers().set_index("customer_id")
    referrers = customers["referred_by"].value_counts()
    buyers = value.revenue_by_buyer(lines).query("year == 2025").set_index("group")
    return {
        "1.1": [
            Planted(buyers.loc["bought_last_year", "buyers"] / buyers["buyers"].sum(), "people"),
            Planted(buyers.loc["bought_last_year", "revenue"], "an amount in CNY"),
            Planted(
                buyers.loc["bought_last_year", "revenue"] / lines["revenue"].sum(),
                "all four years",
            ),
        ],
        "1.2": [
            Planted(mixed_up(packing_line="workflow"), "Process (工序) customers"),
            Planted(mixed_up(sales_team_for_it="hierarchical"), "not above or below each other"),
            Planted(mixed_up(sales_director="functional"), "above you in rank"),
        ],
        "1.3": [
            Planted(table["revenue"], "These are revenues"),
            Planted(list_value.reindex(table.index), "quantity x list price"),
            Planted(table["gross_profit"] / table["revenue"], "gross margins"),
            Planted(table["revenue"] - table["gross_profit"], "costs of goods"),
        ],
        "1.4": [
            Planted(referrers, "only customers who referred someone"),
            Planted(customers["referred_by"].notna().astype("int64"), "whether each customer"),
        ],
        "1.5": [
            Planted(value.top_overlap(table, "revenue", "gross_profit", n=20), "gross profit"),
            Planted(20, "identical"),
            Planted(
                len(
                    set(table["revenue"].nlargest(20).index)
                    | set(table["feedback"].nlargest(20).index)
                ),
                "union",
            ),
            Planted(
                len(
                    set(table["revenue"].nsmallest(20).index)
                    & set(table["feedback"].nsmallest(20).index)
                ),
                "20 smallest",
            ),
        ],
    }


def planted_states_and_lifecycle() -> Planting:
    """1.6 to 1.11: customer states and the lifecycle of an account."""
    lines = data.load_order_lines()
    spend = get_exercise("1.8").expected_answer
    earlier = pd.Series([0.0], index=[spend.index[0] - pd.DateOffset(months=1)])
    everyone = value.lifecycle_stages(lines)["stage"].value_counts()
    last = lines.groupby("customer_id")["order_date"].max()
    return {
        "1.6": [
            Planted(lines.groupby("customer_id")["order_date"].min(), "first purchases"),
            Planted((data.AS_OF - last).dt.days, "numbers of days"),
        ],
        "1.7": [
            Planted(state_counts(90), "'lost after 90 days' rule"),
            Planted(state_counts(365), "'lost after 365 days' rule"),
            Planted(state_counts(180)[["actual", "lost"]], "You counted customers only"),
            Planted(state_counts(120), "split between actual and lost"),
        ],
        "1.8": [
            Planted(spend[spend > 0], "Months without orders are missing"),
            Planted(pd.concat([earlier, spend]), "starts before the account's first order"),
        ],
        "1.9": [Planted(everyone.reindex(value.STAGES, fill_value=0), "You counted consumers too")],
        "1.10": [Planted(0, "every dormant account is also lost")],
        "1.11": [
            Planted(read(bakery="defence"), "no spend at all"),
            Planted(read(new_office="growth"), "rules apply in order"),
            Planted(read(hotel_bar="harvest"), "boundaries"),
        ],
    }


class TestContract(ChapterContract):
    chapter = ch01

    def planted(self) -> Planting:
        return {**planted_values(), **planted_states_and_lifecycle()}


def test_the_chapter_has_its_exercises() -> None:
    assert [exercise.id for exercise in ch01.EXERCISES] == [f"1.{k}" for k in range(1, 12)]


def test_the_stage_cases_cover_every_rule_and_both_boundaries() -> None:
    assert set(get_exercise("1.11").expected_answer.values()) == set(value.STAGES)
