"""Chapter 05's exercises: the shared contract, with planted mistakes.

The planted answers are computed here with the library's public functions, the way a student
making that mistake would compute them.
"""

from __future__ import annotations

from functools import cache

import pandas as pd
from crmkit import data, selection, tiers
from crmkit.exercises import ch05, get_exercise

from tests.exercises.contract import ChapterContract, Planted, Planting


def tables() -> tuple[pd.DataFrame, ...]:
    return (
        data.load_customers(),
        data.load_order_lines(),
        data.load_service_events(),
        data.load_invoices(),
        data.load_payments(),
    )


@cache
def year(number: int = 2025) -> pd.DataFrame:
    return tiers.year_profitability(*tables(), number)


def key_share(table: pd.DataFrame, rank_by: str = "profit", share_of: str = "profit") -> float:
    groups = tiers.customer_groups(table[rank_by])
    return float(tiers.tier_summary(table, groups).loc["key", f"{share_of}_share"])


def expected(exercise_id: str) -> object:
    return get_exercise(exercise_id).expected_answer


def planted_groups() -> Planting:
    """5.1 and 5.2: key customers and class A."""
    everyone = selection.customer_profitability(*tables(), start="2025-01-01")
    whole = selection.customer_profitability(*tables())
    answer = expected("5.2")
    top20 = round(0.2 * len(year()))
    below = {
        key: int((tiers.pareto_curve(year()[key])["cumulative_share"] < 0.8).sum())
        for key in ("revenue", "profit")
    }
    return {
        "5.1": [
            Planted(key_share(year(), "revenue"), "ranked (or added up) by revenue"),
            Planted(key_share(year(), "revenue", "revenue"), "by revenue"),
            Planted(key_share(everyone), "bought nothing in 2025"),
            Planted(key_share(whole[whole["revenue"] > 0]), "whole 2022-2025 history"),
        ],
        "5.2": [
            Planted({"revenue": answer["profit"], "profit": answer["revenue"]}, "wrong way round"),
            Planted({"revenue": top20, "profit": top20}, "not a fixed 20%"),
            Planted(below, "past 80%"),
        ],
    }


def planted_rfm() -> Planting:
    """5.3 and 5.4: recency scores and what each segment gets."""
    rfm = tiers.rfm_table(data.load_order_lines(), start=ch05.RFM_START)
    right = tiers.rfm_scores(rfm)["r_score"]
    everyone = tiers.rfm_table(data.load_order_lines())
    padded = right.reindex(everyone.index, fill_value=1)
    actions = dict(ch05.SEGMENT_ACTIONS)
    return {
        "5.3": [
            Planted(6 - right, "wrong way"),
            Planted(
                tiers.rfm_scores(rfm.assign(recency_days=-rfm["recency_days"]))["r_score"], "5s"
            ),
            Planted(padded, "no order in 2024-2025"),
            Planted(tiers.rfm_scores(rfm, ties="first")["r_score"], "method='first'"),
        ],
        "5.4": [
            Planted({**actions, "lost": "reactivation_offer"}, "chapter 09"),
            Planted({**actions, "can't lose them": "no_spend"}, "personal call"),
            Planted({**actions, "new": "key_account_care"}, "second time"),
            Planted({**actions, "champions": "loyalty_programme"}, "key-account care"),
        ],
    }


def pyramid_shares(
    table: pd.DataFrame, column: str, cutoffs: tuple[float, ...], by: str = "profit"
) -> pd.Series:
    labels = tiers.pyramid_tiers(table[by], cutoffs)
    return tiers.tier_summary(table, labels)[column].rename("profit_share")


def planted_pyramid() -> Planting:
    """5.5 to 5.7: the pyramid, migration and moving it."""
    cut = ch05.EXERCISE_CUTOFFS
    before = tiers.pyramid_tiers(year(2024)["profit"])
    after = tiers.pyramid_tiers(year()["profit"])
    counts = tiers.migration_matrix(before, after)
    labels = after
    means = year()["profit"].groupby(labels, observed=True).mean()
    moved = round(0.1 * int((labels == "iron").sum()))
    effect = tiers.move_up_effect(year(), labels)
    return {
        "5.5": [
            Planted(pyramid_shares(year(), "profit", cut), "in CNY"),
            Planted(pyramid_shares(year(), "customer_share", cut), "count pyramid"),
            Planted(pyramid_shares(year(), "revenue_share", cut), "shares of revenue"),
            Planted(
                pyramid_shares(year(), "profit_share", cut, by="revenue"),
                "ranked customers by revenue",
            ),
            Planted(pyramid_shares(year(), "profit_share", (0.02, 0.08, 0.30)), "cumulative"),
        ],
        "5.6": [
            Planted(counts.astype(float), "counts of customers"),
            Planted(counts / counts.to_numpy().sum(), "grand total"),
            Planted(counts / counts.sum(axis=0), "came from"),
            Planted(tiers.migration_shares(counts).T, "transposed"),
        ],
        "5.7": [
            Planted(moved * (means["gold"] - means["iron"]), "medians"),
            Planted(effect["revenue_gain"], "revenue effect"),
            Planted(tiers.move_up_effect(year(), labels, share=1.0)["profit_gain"], "every iron"),
            Planted(effect["to_median_profit"] - effect["from_median_profit"], "one customer"),
        ],
    }


def visit_share(table: pd.DataFrame, rank_by: str = "profit", column: str = "time_share") -> float:
    groups = tiers.customer_groups(table[rank_by])
    visits = tiers.selling_time(data.load_service_events(), groups, start="2025-01-01")
    return float(visits.loc["key", column])


def planted_policy() -> Planting:
    """5.8 and 5.9: selling time and the policy per tier."""
    business = year()[year().index.str.startswith("B")]
    policy = dict(tiers.TIER_POLICY)
    return {
        "5.8": [
            Planted(visit_share(business, column="visits"), "number of visits"),
            Planted(0.6, "rule of thumb"),
            Planted(visit_share(year()), "ranked consumers too"),
            Planted(visit_share(business, rank_by="revenue"), "by revenue"),
        ],
        "5.9": [
            Planted({**policy, "gold": "key_account_team"}, "scarcest resource"),
            Planted({**policy, "lead": "reprice_or_drop"}, "Do not simply drop"),
            Planted({**policy, "heavy lead": "lean_service"}, "cost more than they bring"),
        ],
    }


class TestContract(ChapterContract):
    chapter = ch05
    min_diagnoses = 2

    def planted(self) -> Planting:
        return {**planted_groups(), **planted_rfm(), **planted_pyramid(), **planted_policy()}


def test_the_chapter_has_its_exercises() -> None:
    assert [exercise.id for exercise in ch05.EXERCISES] == [f"5.{k}" for k in range(1, 10)]
    decisions = sum(
        e.points for e in ch05.EXERCISES if e.id in {"5.1", "5.2", "5.4", "5.7", "5.8", "5.9"}
    )
    assert decisions >= sum(e.points for e in ch05.EXERCISES) / 2
