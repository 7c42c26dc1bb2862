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


def interval(won: int, n: int, confidence: float = 0.95) -> dict[str, float]:
    row = acquisition.wilson_interval(won, n, confidence).iloc[0]
    return {"rate": row["rate"], "lower": row["lower"], "upper": row["upper"]}


def planted_methods_and_funnels() -> Planting:
    """3.1 to 3.3: prospecting methods and funnels."""
    leads = data.load_leads()
    decided = acquisition.decided_leads(leads)
    company = acquisition.funnel(leads, by=None).loc["all"]
    with_open = acquisition.funnel(leads, by=None, exclude_open=False)
    return {
        "3.1": [
            Planted(swapped(association_chair="referral"), "centre of influence"),
            Planted(swapped(hotel_concierge="referral"), "bird-dog"),
            Planted(swapped(salesperson_cousin="referral"), "salesperson's own circle"),
            Planted(swapped(industry_report="records_search"), "Records search"),
            Planted(swapped(trade_fair_booth="Meetings and events"), "not one of the method codes"),
        ],
        "3.2": [
            Planted(
                pd.crosstab(decided["prospecting_method"], decided["stage_reached"]), "AT LEAST"
            ),
            Planted(acquisition.funnel(leads, exclude_open=False), "open leads"),
        ],
        "3.3": [
            Planted(
                pd.Series((company.iloc[1:] / company["lead"]).to_numpy(), index=acquisition.STEPS),
                "stage just before",
            ),
            Planted(
                acquisition.stage_conversion(with_open).loc["all", acquisition.STEPS], "open leads"
            ),
        ],
    }


def planted_uncertainty() -> Planting:
    """3.4 and 3.5: how sure are we?"""
    referral = acquisition.conversion_rates(data.load_leads(), exclude_open=False).loc["referral"]
    p = 48 / 179
    wald = 1.96 * math.sqrt(p * (1 - p) / 179)
    real = get_exercise("3.5").expected_answer
    return {
        "3.4": [
            Planted({"rate": p, "lower": p - wald, "upper": p + wald}, "Wald"),
            Planted(interval(int(referral["won"]), int(referral["leads"])), "open referral leads"),
            Planted(interval(48, 179, 0.90), "90%"),
        ],
        "3.5": [
            Planted(dict.fromkeys(real, True), "every pair"),
            Planted({**real, "internet_vs_telephone": False}, "Overlapping intervals"),
            Planted({**real, "referral_vs_centre_of_influence": True}, "cannot tell them apart"),
        ],
    }


def planted_cost_and_value() -> Planting:
    """3.6 and 3.7: what a customer costs and what it brings in its first year."""
    leads, lines = data.load_leads(), data.load_order_lines()
    won_cost = by_channel(segment("business"), "acquisition_cost")
    consumers = segment("consumer")
    full = acquisition.first_year_value(consumers, lines)
    full = full[full["full_year"]]
    everyone = acquisition.first_year_value(consumers, lines, as_of="2100-01-01")
    mixed = acquisition.first_year_value(data.load_customers(), lines)
    mixed = by_channel(mixed[mixed["full_year"]], "gross_profit")
    lifetime = (lines["revenue"] - lines["cost_of_goods"]).groupby(lines["customer_id"]).sum()
    all_time = lifetime.reindex(full.index).groupby(
        full["acquisition_channel"].astype(str).to_numpy()
    )
    return {
        "3.6": [
            Planted(won_cost, "WON leads only"),
            Planted(acquisition.method_cac(leads)["cost_per_lead"], "cost per LEAD"),
            Planted(acquisition.method_cac(leads, exclude_open=False)["cac"], "open leads"),
        ],
        "3.7": [
            Planted(by_channel(everyone, "gross_profit"), "first year is not over"),
            Planted(by_channel(full, "revenue"), "revenues"),
            Planted(all_time.mean(), "whole history"),
            Planted(
                mixed.reindex(acquisition.CONSUMER_CHANNELS),
                "consumer channel and a business prospecting method",
            ),
        ],
    }


def planted_payback_and_budget() -> Planting:
    """3.8 and 3.9: payback and spending the budget."""
    leads, customers, lines = data.load_leads(), data.load_customers(), data.load_order_lines()
    business = segment("business")
    cac = acquisition.method_cac(leads)
    curves = acquisition.cumulative_gross_profit(business, lines, months=12)
    revenue_curves = acquisition.cumulative_gross_profit(
        business, lines.assign(cost_of_goods=0.0), months=12
    )
    economics = acquisition.method_economics(leads, customers, lines)
    by_cac = acquisition.allocate_budget(economics, ch03.BUDGET, "cac", ascending=True)["spend"]
    by_lead = acquisition.allocate_budget(economics, ch03.BUDGET, "cost_per_lead", True)["spend"]
    return {
        "3.8": [
            Planted(
                acquisition.payback_months(curves, by_channel(business, "acquisition_cost")),
                "won lead only",
            ),
            Planted(get_exercise("3.8").expected_answer - 1, "one too small"),
            Planted(acquisition.payback_months(revenue_curves, cac), "REVENUE"),
        ],
        "3.9": [
            Planted(pd.Series({"referral": float(ch03.BUDGET)}), "whole budget into one method"),
            Planted(pd.Series(ch03.BUDGET / 14, index=economics.index), "even split"),
            Planted(by_cac[by_cac > 0], "lowest CAC first"),
            Planted(by_lead[by_lead > 0], "cheapest LEADS first"),
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
    assert [exercise.id for exercise in ch03.EXERCISES] == [f"3.{n}" for n in range(1, 10)]
