"""Chapter 03's exercises: definitions, diagnoses and hints (moved from test_acquisition.py)."""

from __future__ import annotations

import math

import matplotlib
import pandas as pd
import pytest
from crmkit import acquisition, data
from crmkit.exercises import ch03, evaluate
from hypothesis import HealthCheck, settings

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402  (after choosing the Agg backend)

AS_OF = pd.Timestamp("2025-12-31")
FAST = settings(
    max_examples=30, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)


@pytest.fixture(autouse=True)
def close_figures() -> None:
    yield
    plt.close("all")


# --------------------------------------------------------------------------- exercises


def test_chapter_has_enough_graded_exercises() -> None:
    assert len(ch03.EXERCISES) >= 6
    assert [exercise.id for exercise in ch03.EXERCISES] == [f"3.{n}" for n in range(1, 10)]
    for exercise in ch03.EXERCISES:
        assert len(exercise.diagnoses) >= 2, exercise.id
        assert len(exercise.hints) >= 2, exercise.id


@pytest.mark.parametrize("exercise", ch03.EXERCISES, ids=lambda exercise: exercise.id)
def test_expected_answer_is_correct(exercise: object) -> None:
    assert evaluate(exercise.id, exercise.expected_answer).status == "correct"
    assert evaluate(exercise.id, ...).status == "not_attempted"


def _wrong_answers() -> list[tuple[str, object, str]]:
    """(exercise id, a plausible wrong answer, a phrase its feedback must contain)."""
    leads = data.load_leads()
    customers = data.load_customers()
    lines = data.load_order_lines()
    business = customers[customers["segment"] == "business"]
    consumers = customers[customers["segment"] == "consumer"]
    decided = acquisition.decided_leads(leads)
    won_cost = business.groupby("acquisition_channel", observed=True)["acquisition_cost"].mean()
    company = acquisition.funnel(leads, by=None).loc["all"]

    def swapped(**changes: str) -> dict[str, str]:
        return {**ch03.SCENARIOS, **changes}

    def interval(won: int, n: int, confidence: float = 0.95) -> dict[str, float]:
        row = acquisition.wilson_interval(won, n, confidence).iloc[0]
        return {"rate": row["rate"], "lower": row["lower"], "upper": row["upper"]}

    referral = acquisition.conversion_rates(leads, exclude_open=False).loc["referral"]
    p = 48 / 179
    wald = 1.96 * math.sqrt(p * (1 - p) / 179)
    full = acquisition.first_year_value(consumers, lines)
    full = full[full["full_year"]]
    everyone = acquisition.first_year_value(consumers, lines, as_of="2100-01-01")
    curves = acquisition.cumulative_gross_profit(business, lines, months=12)
    revenue_curves = acquisition.cumulative_gross_profit(
        business, lines.assign(cost_of_goods=0.0), months=12
    )
    cac = acquisition.method_cac(leads)
    real = ch03.expected_real_differences()
    economics = acquisition.method_economics(leads, customers, lines)
    by_cac = acquisition.allocate_budget(economics, ch03.BUDGET, "cac", ascending=True)["spend"]
    by_lead = acquisition.allocate_budget(economics, ch03.BUDGET, "cost_per_lead", True)["spend"]
    return [
        ("3.1", swapped(association_chair="referral"), "centre of influence"),
        ("3.1", swapped(hotel_concierge="referral"), "bird-dog"),
        ("3.1", swapped(salesperson_cousin="referral"), "salesperson's own circle"),
        ("3.1", swapped(industry_report="records_search"), "Records search"),
        ("3.1", swapped(trade_fair_booth="Meetings and events"), "not one of the method codes"),
        (
            "3.2",
            pd.crosstab(decided["prospecting_method"], decided["stage_reached"]),
            "AT LEAST",
        ),
        ("3.2", acquisition.funnel(leads, exclude_open=False), "open leads"),
        (
            "3.3",
            pd.Series((company.iloc[1:] / company["lead"]).to_numpy(), index=acquisition.STEPS),
            "stage just before",
        ),
        (
            "3.3",
            acquisition.stage_conversion(
                acquisition.funnel(leads, by=None, exclude_open=False)
            ).loc["all", acquisition.STEPS],
            "open leads",
        ),
        ("3.4", {"rate": p, "lower": p - wald, "upper": p + wald}, "Wald"),
        ("3.4", interval(int(referral["won"]), int(referral["leads"])), "open referral leads"),
        ("3.4", interval(48, 179, 0.90), "90%"),
        ("3.5", dict.fromkeys(real, True), "every pair"),
        ("3.5", {**real, "internet_vs_telephone": False}, "Overlapping intervals"),
        ("3.5", {**real, "referral_vs_centre_of_influence": True}, "cannot tell them apart"),
        ("3.6", won_cost, "WON leads only"),
        ("3.6", cac["cost_per_lead"], "cost per LEAD"),
        ("3.6", acquisition.method_cac(leads, exclude_open=False)["cac"], "open leads"),
        (
            "3.7",
            everyone.groupby(everyone["acquisition_channel"].astype(str))["gross_profit"].mean(),
            "first year is not over",
        ),
        (
            "3.7",
            full.groupby(full["acquisition_channel"].astype(str))["revenue"].mean(),
            "revenues",
        ),
        (
            "3.7",
            (lines["revenue"] - lines["cost_of_goods"])
            .groupby(lines["customer_id"])
            .sum()
            .reindex(full.index)
            .groupby(full["acquisition_channel"].astype(str).to_numpy())
            .mean(),
            "whole history",
        ),
        ("3.8", acquisition.payback_months(curves, won_cost), "won lead only"),
        ("3.8", ch03.expected_payback() - 1, "one too small"),
        ("3.8", acquisition.payback_months(revenue_curves, cac), "REVENUE"),
        ("3.9", pd.Series({"referral": float(ch03.BUDGET)}), "whole budget into one method"),
        ("3.9", pd.Series(ch03.BUDGET / 14, index=economics.index), "even split"),
        ("3.9", by_cac[by_cac > 0], "lowest CAC first"),
        ("3.9", by_lead[by_lead > 0], "cheapest LEADS first"),
    ]


@pytest.mark.parametrize(
    ("exercise_id", "answer", "phrase"),
    _wrong_answers(),
    ids=lambda value: value if isinstance(value, str) and len(value) < 30 else "",
)
def test_diagnosis_names_the_mistake(exercise_id: str, answer: object, phrase: str) -> None:
    feedback = evaluate(exercise_id, answer)
    assert feedback.status == "incorrect"
    assert phrase in feedback.message, feedback.message


def test_mixed_segments_diagnosis_for_first_year_value() -> None:
    first_year = acquisition.first_year_value(data.load_customers(), data.load_order_lines())
    full = first_year[first_year["full_year"]]
    mixed = full.groupby(full["acquisition_channel"].astype(str))["gross_profit"].mean()
    feedback = evaluate("3.7", mixed.reindex(acquisition.CONSUMER_CHANNELS))
    assert "consumer channel and a business prospecting method" in feedback.message


