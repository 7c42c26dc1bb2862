"""Chapter 08's exercises: the shared contract, with planted mistakes.

The planted answers are computed here with the library's public functions, the way a
student making that mistake would compute them.
"""

from __future__ import annotations

import pandas as pd
from crmkit import data, retention, tiers, value
from crmkit.exercises import ch08
from crmkit.retention import models

from tests.exercises.contract import ChapterContract, Planted, Planting


def EXPECTED(exercise_id: str) -> object:  # noqa: N802 (reads like a constant lookup)
    return {item.id: item for item in ch08.EXERCISES}[exercise_id].expected()


def changed(base: dict[str, str], **changes: str) -> dict[str, str]:
    return {**base, **changes}


def planted_ideas() -> Planting:
    """8.1, 8.2 and 8.8: the lost shopper, kinds of loyalty, constant retention."""
    shopper = retention.lost_customer_value()
    kinds = EXPECTED("8.2")
    regular = data.load_contract_cohorts()["regular"]
    actual = regular / regular.iloc[0]
    constant = models.constant_retention_projection(regular, 7, 12)
    sbg = models.fit_sbg(regular, 7).projection(regular)["sbg"]
    return {
        "8.1": [
            Planted(shopper["direct"], "only her own spending"),
            Planted(shopper["direct"] * 11, "every person she tells"),
            Planted(shopper["word_of_mouth"], "Add her own spending"),
            Planted(shopper["total"] / 100, "100"),
        ],
        "8.2": [
            Planted(changed(kinds, satisfied_then_silent="true_loyalty"), "judges the past"),
            Planted(changed(kinds, double_points_only="true_loyalty"), "repayment for rewards"),
            Planted(changed(kinds, buys_when_stock_runs_out="true_loyalty"), "only when the need"),
            Planted(changed(kinds, student_fan="no_loyalty"), "1 of the 6 cases"),
        ],
        "8.8": [
            Planted(actual[12] - constant[12], "opposite sign"),
            Planted(sbg[12] - actual[12], "sBG model misses"),
            Planted(actual[1] ** 12 - actual[12], "first year's retention alone"),
        ],
    }


def planted_rates() -> Planting:
    """8.3 to 8.5: retention rate, the cohort reading, simple CLV."""
    customers, lines = data.load_customers(), data.load_order_lines()
    rates = retention.retention_rates(lines, customers, "business").loc["2025"]
    business = customers.loc[customers["segment"] == "business", "customer_id"]
    in_2025 = lines[lines["customer_id"].isin(business) & (lines["order_date"].dt.year == 2025)]
    args = (lines, customers, "consumer")
    surviving = retention.cohort_matrix(*args, kind="surviving")
    active = retention.cohort_matrix(*args, kind="active")
    sizes = retention.cohort_sizes(*args)
    walkout = retention.walkout_table(customers, lines).loc["business"]
    m, r = walkout["gross_profit_per_year"], walkout["retention_rate"]
    return {
        "8.3": [
            Planted(1 - rates["retention_rate"], "churn rate"),
            Planted(rates["retained"] / in_2025["customer_id"].nunique(), "denominator"),
            Planted(int(rates["retained"]), "number of accounts"),
            Planted(rates["retention_rate"] * 100, "100"),
        ],
        "8.4": [
            Planted((surviving[12].fillna(0) * sizes).sum() / sizes.sum(), "missing, not 0"),
            Planted(retention.average_curve(active, sizes)[12], "ordered in month 12 itself"),
            Planted(surviving[12].mean(), "same size"),
        ],
        "8.5": [
            Planted(m / (1 + 0.1 - r), "not yet earned"),
            Planted(m * r / (1 - r), "discount rate"),
            Planted(m * (1 + 0.1) / (1 + 0.1 - r), "not yet earned"),
        ],
    }


def planted_models_and_tiers() -> Planting:
    """8.6, 8.7 and 8.10: the elastic tier, breadth, resting consumers."""
    customers, lines = data.load_customers(), data.load_order_lines()
    consumers = lines[lines["customer_id"].isin(
        customers.loc[customers["segment"] == "consumer", "customer_id"])]  # fmt: skip
    summary = models.repeat_summary(consumers.drop_duplicates("order_id"), date="order_date",
                                    observation_end="2025-12-31")  # fmt: skip
    alive = models.fit_bgnbd(summary).p_alive(summary)
    days = (pd.Timestamp("2025-12-31") - value.last_purchase(consumers)).dt.days
    lost = days.reindex(alive.index) > 180
    repeat = summary["frequency"] > 0
    tables = (customers, lines, data.load_service_events(), data.load_invoices(),
              data.load_payments())  # fmt: skip
    counts = retention.profit_transitions(tiers.year_profitability(*tables, 2024)["profit"],
                                          tiers.year_profitability(*tables, 2025)["profit"],
                                          shares=False).loc["loss"]  # fmt: skip
    products = data.load_products()
    lifetime = retention.retention_by_breadth(lines, products, days=10_000)["rate"]
    young = retention.retention_by_breadth(lines, products, as_of="2027-12-31")["rate"]
    return {
        "8.10": [
            Planted(int((lost & (alive >= 0.5)).sum()), "blind spot"),
            Planted(int((alive >= 0.5).sum()), "active ones too"),
            Planted(int((lost & repeat & (alive < 0.5)).sum()), "agrees are gone"),
            Planted(int((lost & repeat).sum()), "agrees are gone"),
        ],
        "8.6": [
            Planted(counts["profit"] / (counts["profit"] + counts["loss"]), "bought nothing in 2025"),
            Planted(counts["gone"] / counts["customers"], "another cell"),
            Planted(counts["loss"] / counts["customers"], "another cell"),
        ],
        "8.7": [
            Planted(lifetime.iloc[-1] - lifetime.iloc[0], "whole life"),
            Planted(young.iloc[-1] - young.iloc[0], "second year is not over"),
        ],
    }


def planted_cdnow() -> Planting:
    """8.9: the CLV ranking against the holdout spending."""
    cdnow = data.load_cdnow_sample()
    summary = models.calibration_holdout_summary(cdnow, "1997-09-30", "1998-06-30", amount="amount")
    clv = models.customer_lifetime_value(models.fit_bgnbd(summary),
                                         models.fit_gamma_gamma(summary), summary)  # fmt: skip
    top = clv["clv"].nlargest(len(summary) // 10).index
    early = cdnow[cdnow["date"] <= "1997-09-30"].groupby("customer_id")["amount"].sum()
    early = early.reindex(summary.index).fillna(0)
    return {
        "8.9": [
            Planted(0.10, "share of customers"),
            Planted(early[top].sum() / early.sum(), "already seen"),
        ],
    }


class TestContract(ChapterContract):
    chapter = ch08
    min_diagnoses = 2

    def planted(self) -> Planting:
        return {**planted_ideas(), **planted_rates(), **planted_models_and_tiers(), **planted_cdnow()}


def test_the_chapter_has_its_exercises() -> None:
    assert [exercise.id for exercise in ch08.EXERCISES] == [f"8.{k}" for k in range(1, 11)]
    ideas = {"8.2", "8.4", "8.6", "8.8", "8.9", "8.10"}
    points = {exercise.id: exercise.points for exercise in ch08.EXERCISES}
    assert sum(points[k] for k in ideas) > sum(points.values()) / 2


def test_classification_feedback_never_names_the_expected_labels() -> None:
    from crmkit.exercises import evaluate

    answer = changed(EXPECTED("8.2"), student_fan="no_loyalty", cafe_turned_down_rival="no_loyalty")
    message = str(evaluate("8.2", answer))
    assert "2 of the 6 cases" in message and "latent" not in message


def test_the_planted_effects_behind_the_answers() -> None:
    assert EXPECTED("8.8") < -0.05  # constant retention projects far too low
    assert EXPECTED("8.10") > 50  # many "lost" consumers are only resting
    assert 0 < EXPECTED("8.6") < 0.5
    assert EXPECTED("8.7") > 0.15
