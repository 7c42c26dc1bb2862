"""Chapter 03's exercises: the shared contract, with planted mistakes (moved from test_acquisition.py)."""

from __future__ import annotations

import math

import pandas as pd
from crmkit import acquisition, data
from crmkit.exercises import ch03, get_exercise

from tests.exercises.contract import ChapterContract, Planted, Planting


def segment(name: str) -> pd.DataFrame:
    customers = data.load_customers()
    return customers[customers["segment"] == name]


def by_channel(table: pd.DataFrame, column: str) -> pd.Series:
    return table.groupby(table["acquisition_channel"].astype(str))[column].mean()


def swapped(**changes: str) -> dict[str, str]:
    return {**ch03.SCENARIOS, **changes}


def planted_methods_and_funnels() -> Planting:
    """3.1 to 3.3: prospecting methods and funnels."""
    leads = data.load_leads()
    decided = acquisition.decided_leads(leads)
    company = acquisition.funnel(leads, by=None).loc["all"]
    stuck = pd.crosstab(decided["prospecting_method"], decided["stage_reached"])
    steps = acquisition.stage_conversion(acquisition.funnel(leads, by=None)).loc["all"]
    return {
        "3.1": [
            Planted(swapped(association_chair="referral"), "centre of influence"),
            Planted(swapped(hotel_concierge="referral"), "PAID"),
            Planted(swapped(salesperson_cousin="referral"), "salesperson's own circle"),
            Planted(swapped(industry_report="records_search"), "Records search"),
            Planted(swapped(trade_fair_booth="Meetings and events"), "not one of the method codes"),
        ],
        "3.2": [
            Planted(stuck, "AT LEAST"),
            Planted(stuck.cumsum(axis=1), "from 'lead' towards 'won'"),
        ],
        "3.3": [
            Planted(
                pd.Series((company.iloc[1:] / company["lead"]).to_numpy(), index=acquisition.STEPS),
                "stage just before",
            ),
            Planted(1 / steps[acquisition.STEPS], "above 1"),
        ],
    }


def planted_uncertainty() -> Planting:
    """3.4 to 3.6: how sure are we, and many comparisons at once."""
    row = acquisition.conversion_rates(data.load_leads()).loc["referral"]
    p, n = float(row["rate"]), int(row["leads"])
    wald = 1.96 * math.sqrt(p * (1 - p) / n)
    centre = (row["lower"] + row["upper"]) / 2
    real = get_exercise("3.5").expected_answer
    holm = get_exercise("3.6").expected_answer
    return {
        "3.4": [
            Planted({"rate": p, "lower": p - wald, "upper": p + wald}, "Wald"),
            Planted({"rate": centre, "lower": row["lower"], "upper": row["upper"]}, "centre"),
        ],
        "3.5": [
            Planted(dict.fromkeys(real, True), "every pair"),
            Planted(dict.fromkeys(real, False), "no pair"),
            Planted({**real, "internet_vs_telephone": False}, "own intervals overlap"),
            Planted({**real, "referral_vs_centre_of_influence": True}, "chance alone"),
        ],
        "3.6": [
            Planted(dict.fromkeys(holm, False), "dropped every pair"),
            Planted(dict.fromkeys(holm, 0.03), "True or False"),
        ],
    }


def planted_cost_and_value() -> Planting:
    """3.7 and 3.8: what a customer costs and what it brings in its first year."""
    leads, lines = data.load_leads(), data.load_order_lines()
    won_cost = by_channel(segment("business"), "acquisition_cost")
    consumers = segment("consumer")
    full = acquisition.first_year_value(consumers, lines)
    full = full[full["full_year"]]
    mixed = acquisition.first_year_value(data.load_customers(), lines)
    mixed = by_channel(mixed[mixed["full_year"]], "gross_profit")
    lifetime = (lines["revenue"] - lines["cost_of_goods"]).groupby(lines["customer_id"]).sum()
    all_time = lifetime.reindex(full.index).groupby(
        full["acquisition_channel"].astype(str).to_numpy()
    )
    return {
        "3.7": [
            Planted(won_cost, "WON leads only"),
            Planted(acquisition.method_cac(leads)["cost_per_lead"], "cost per LEAD"),
        ],
        "3.8": [
            Planted(by_channel(full, "revenue"), "revenues"),
            Planted(all_time.mean(), "whole history"),
            Planted(
                mixed.reindex(acquisition.CONSUMER_CHANNELS),
                "consumer channel and a business prospecting method",
            ),
        ],
    }


def planted_payback_and_budget() -> Planting:
    """3.9 to 3.11: payback on profit, spending the budget, what profit changes."""
    expected = get_exercise("3.9").expected_answer
    business = segment("business")
    curves = acquisition.cumulative_profit(
        business,
        data.load_order_lines(),
        data.load_service_events(),
        data.load_invoices(),
        data.load_payments(),
        months=12,
    )
    plan = get_exercise("3.10").expected_answer
    with_zeros = pd.concat([plan, pd.Series({"club": 0.0, "events": 0.0})])
    profit_plan = set(plan.index)
    return {
        "3.9": [
            Planted(
                acquisition.payback_months(curves, by_channel(business, "acquisition_cost"), True),
                "won lead only",
            ),
            Planted(expected - 1, "one too small"),
            Planted(expected.fillna(1.0), "FIRST label"),
        ],
        "3.10": [
            Planted(pd.Series({"referral": float(ch03.BUDGET)}), "whole budget into one method"),
            Planted(pd.Series(ch03.BUDGET / 14, index=acquisition.METHODS), "even split"),
            Planted(with_zeros, "receive nothing"),
        ],
        "3.11": [
            Planted({"bird_dog"}, "ADDS"),
            Planted({"club", "events", "bird_dog"}, "mixes"),
            Planted(profit_plan, "one plan funds"),
            Planted(set(acquisition.METHODS) - profit_plan, "leaves unfunded"),
        ],
    }


class TestContract(ChapterContract):
    chapter = ch03
    min_diagnoses = 2

    def planted(self) -> Planting:
        return {
            **planted_methods_and_funnels(),
            **planted_uncertainty(),
            **planted_cost_and_value(),
            **planted_payback_and_budget(),
        }


def test_chapter_has_enough_graded_exercises() -> None:
    assert len(ch03.EXERCISES) >= 6
    assert [exercise.id for exercise in ch03.EXERCISES] == [f"3.{n}" for n in range(1, 12)]


def test_most_points_are_on_the_chapter_ideas() -> None:
    drills = {"3.2", "3.3", "3.8"}  # pandas mechanics: building tables
    points = {exercise.id: exercise.points for exercise in ch03.EXERCISES}
    assert sum(points[i] for i in drills) * 4 < sum(points.values())
