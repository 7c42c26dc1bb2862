"""Chapter 02's exercises: the shared contract, with planted mistakes (moved from test_selection.py).

The planted answers are computed here with the library's public functions, the
way a student making that mistake would compute them.
"""

from __future__ import annotations

from functools import cache

import pandas as pd
from crmkit import data, selection
from crmkit.exercises import ch02, get_exercise

from tests.exercises.contract import ChapterContract, Planted, Planting


@cache
def profitability(start: str | None = None, business_only: bool = False) -> pd.DataFrame:
    customers = data.load_customers()
    if business_only:
        customers = customers[customers["segment"] == "business"]
    return selection.customer_profitability(
        customers,
        data.load_order_lines(),
        data.load_service_events(),
        data.load_invoices(),
        data.load_payments(),
        start=start,
    )


@cache
def established_traits() -> pd.DataFrame:
    """Trait scores of business accounts buying for at least two years (the lesson's table,
    purchase power counting the share of high-margin products)."""
    lines = data.load_order_lines()
    first = lines.groupby("customer_id")["order_date"].min()
    old = first.index[
        (first <= data.AS_OF - pd.Timedelta(days=730)) & first.index.str.startswith("B")
    ]
    measures = selection.trait_measures(
        profitability().loc[old],
        lines,
        data.load_invoices(),
        data.load_payments(),
        high_margin=selection.HIGH_MARGIN,
    )
    return selection.trait_scores(measures)


@cache
def lookalike() -> tuple[pd.Series, pd.DataFrame, pd.Index, pd.Index]:
    """Similarity of every lead, outcomes, the leads of 2022-2024, and those not of loyal accounts."""
    leads = data.load_leads()
    loyal = selection.loyal_accounts(data.load_order_lines())
    loyal_ids = loyal.index[loyal & loyal.index.str.startswith("B")]
    similarity = selection.lookalike_scores(leads, loyal_ids)
    outcomes = selection.lead_outcomes(leads, profitability()["profit"])
    evaluated = leads[leads["created_date"].dt.year.between(*ch02.EVALUATION_YEARS)]
    own = evaluated["customer_id"].isin(loyal_ids).fillna(False)
    return (
        similarity,
        outcomes,
        pd.Index(evaluated["lead_id"]),
        pd.Index(evaluated.loc[~own, "lead_id"]),
    )


def lift(ids: pd.Index, outcome: str = "converted", band: int = 1, column: str = "lift") -> float:
    similarity, outcomes, _, _ = lookalike()
    table = selection.lift_table(similarity.loc[ids], outcomes.loc[ids, outcome], bands=5)
    return float(table.loc[band, column])


def risks(**changes: str) -> dict[str, str]:
    return {**ch02.BIG_CUSTOMER_RISKS, **changes}


def planted_costs() -> Planting:
    """2.1 to 2.3: the risks of big customers, the cost to serve, late payment."""
    customers, events = data.load_customers(), data.load_service_events()
    invoices, payments = data.load_invoices(), data.load_payments()
    components = list(selection.SERVICE_COMPONENTS)
    counts = pd.crosstab(events["customer_id"], events["event_type"].astype("string"))
    means = events.pivot_table(
        index="customer_id", columns="event_type", values="cost", aggfunc="mean", observed=True
    ).fillna(0.0)
    long = events.groupby(["customer_id", "event_type"], observed=True)["cost"].sum()
    paid = payments.merge(invoices, on="invoice_id", suffixes=("", "_invoice"))
    every = invoices["customer_id"].unique()

    def late_cost(start: str) -> pd.Series:
        cost = paid["amount"] * 0.08 * (paid["payment_date"] - paid[start]).dt.days / 365
        return cost.groupby(paid["customer_id"]).sum().reindex(every, fill_value=0.0)

    expected = get_exercise("2.3").expected_answer
    return {
        "2.1": [
            Planted(risks(ninety_day_terms="Financial risk"), "exactly as given"),
            Planted(risks(own_brand="competitor"), "not one of the five risks"),
            Planted(risks(ninety_day_terms="profit"), "Financial risk"),
            Planted(risks(own_brand="management"), "management risks"),
            Planted(risks(courted_by_rivals="independence"), "churn risk"),
        ],
        "2.2": [
            Planted(
                counts.reindex(index=customers["customer_id"], columns=components, fill_value=0),
                "numbers of events",
            ),
            Planted(
                means.reindex(index=customers["customer_id"], columns=components, fill_value=0.0),
                "average",
            ),
            Planted(long, "long Series"),
        ],
        "2.3": [
            Planted(late_cost("due_date"), "clip"),
            Planted(late_cost("invoice_date"), "due date"),
            Planted(expected * 100, "0.08"),
            Planted(expected / 365, "365"),
        ],
    }


def planted_whales() -> Planting:
    """2.4 to 2.7: the whale curve, the headline without payment costs, giants, poor matches."""
    profit = profitability()
    ranked = profit.sort_values("revenue", ascending=False)["profit"]
    count = round(0.2 * len(profit))
    top10 = profit.nlargest(10, "revenue")
    twice = profit["profit"] - profit["late_payment_cost"] - profit["bad_debt"]
    simple = selection.profit_without(profit)
    top_cny = profit["profit"].nlargest(count).sum()
    match = selection.size_match(
        profit, data.load_customers(), data.load_invoices(), data.load_payments()
    )
    big = match[match["revenue_share"] > 0.01]
    return {
        "2.4": [
            Planted(
                ranked.iloc[:count].sum() / profit["profit"].sum(), "rank customers by revenue"
            ),
            Planted(selection.top_share(profit["profit"]) * 100, "percentage"),
            Planted(top_cny, "in CNY"),
            Planted(profit["profit"].nsmallest(count).sum() / profit["profit"].sum(), "bottom 20%"),
            Planted(selection.top_share(profit["revenue"], 0.2), "rank customers by revenue"),
            Planted(top_cny / profit["profit"].clip(lower=0).sum(), "profitable customers only"),
        ],
        "2.5": [
            Planted(selection.top_share(twice), "adding them back"),
            Planted(simple.nlargest(count).sum(), "in CNY"),
            Planted(selection.top_share(simple) * 100, "percentage"),
        ],
        "2.6": [
            Planted(set(), "gross profit"),
            Planted(set(profit.nsmallest(10, "profit").index), "biggest losses"),
            Planted(set(top10.index[top10["profit"] >= 0]), "profitable ones"),
            Planted(set(profit.nlargest(10, "profit").index), "ten most profitable"),
            Planted(set(top10.index[top10["profit"] < 0]) - {"B032"}, "missing"),
        ],
        "2.7": [
            Planted(set(match.index[(match["revenue_share"] > 1) & match["over_limit"]]), "0.01"),
            Planted(set(big.index[big["margin"] < 0]), "lose money"),
            Planted({"C0001", *list(big.index[:2])}, "credit terms"),
        ],
    }


def planted_targets() -> Planting:
    """2.8 to 2.10: the good-customer score, the value matrix, look-alikes."""
    traits = established_traits()
    score = selection.good_customer_score(traits, ch02.PAYMENT_FIRST)
    expected = get_exercise("2.8").expected_answer
    outsider = [*expected[:9], "C0001"]
    counts = get_exercise("2.9").expected_answer
    _, _, _, fair = lookalike()
    return {
        "2.8": [
            Planted(list(score.sort_values(kind="stable").index[:10]), "lowest scores"),
            Planted(outsider, "not established accounts"),
            Planted(list(reversed(expected)), "another order"),
            Planted(score.nlargest(10), "ids"),
        ],
        "2.9": [
            Planted(counts.rename({"marginal": "lead"}), "marginal"),
            Planted(counts / counts.sum(), "shares"),
        ],
        "2.10": [
            Planted(1 / lift(fair), "upside down"),
            Planted(lift(fair, column="rate") / lift(fair), "conversion rate of all the leads"),
        ],
    }


class TestContract(ChapterContract):
    chapter = ch02
    min_diagnoses = 2

    def planted(self) -> Planting:
        return {**planted_costs(), **planted_whales(), **planted_targets()}


def test_the_chapter_has_its_exercises() -> None:
    assert len(ch02.EXERCISES) >= 6
    assert [exercise.id for exercise in ch02.EXERCISES] == [f"2.{k}" for k in range(1, 11)]


def test_most_points_are_on_the_chapter_ideas() -> None:
    # Issue 9: the pandas drills (2.2, 2.4, 2.6) are worth little; most points are on ideas.
    points = {exercise.id: exercise.points for exercise in ch02.EXERCISES}
    drills = points["2.2"] + points["2.4"] + points["2.6"]
    assert drills <= 0.2 * sum(points.values())


def test_the_wrong_answer_suite_is_refused_and_named() -> None:
    # Issue 10: at least 4 realistic wrong answers per exercise, all refused, >= 90% named.
    from crmkit.exercises import evaluate

    from tests.exercises.wrong_answers.ch02 import wrong_answers

    suite = wrong_answers()
    assert set(suite) == {exercise.id for exercise in ch02.EXERCISES}
    assert all(len(items) >= 4 for items in suite.values())
    results = [
        (evaluate(key, wrong.answer), wrong) for key, items in suite.items() for wrong in items
    ]
    refused = [wrong.names for feedback, wrong in results if feedback.status != "incorrect"]
    assert not refused, f"accepted or errored: {refused}"
    named = sum(wrong.names.lower() in feedback.message.lower() for feedback, wrong in results)
    assert named >= 0.9 * len(results), f"named {named} of {len(results)}"
