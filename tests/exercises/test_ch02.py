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
    """Trait scores of business accounts buying for at least two years (the lesson's table)."""
    lines = data.load_order_lines()
    first = lines.groupby("customer_id")["order_date"].min()
    old = first.index[
        (first <= data.AS_OF - pd.Timedelta(days=730)) & first.index.str.startswith("B")
    ]
    measures = selection.trait_measures(
        profitability().loc[old], lines, data.load_invoices(), data.load_payments()
    )
    return selection.trait_scores(measures)


def quadrant_counts(current: pd.Series, potential: pd.Series, mean: bool = False) -> pd.Series:
    splits = (current.mean(), potential.mean()) if mean else (None, None)
    matrix = selection.value_matrix(current, potential, *splits)
    counts = matrix["quadrant"].value_counts().reindex(list(selection.QUADRANTS), fill_value=0)
    return counts.rename("accounts").rename_axis("quadrant").astype("int64")


def matrix_inputs(all_accounts: bool = False, current: str = "profit") -> tuple[pd.Series, ...]:
    year = profitability(ch02.YEAR_START, business_only=True)
    headroom = selection.wallet_headroom(data.load_leads(), data.load_order_lines())
    accounts = year.index if all_accounts else year.index[year["revenue"] > 0]
    accounts = accounts.intersection(headroom.index, sort=False)
    return year.loc[accounts, current], headroom.loc[accounts, "headroom"]


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
    paid = payments.merge(invoices, on="invoice_id", suffixes=("", "_invoice"))
    every = invoices["customer_id"].unique()

    def late_cost(start: str) -> pd.Series:
        cost = paid["amount"] * 0.08 * (paid["payment_date"] - paid[start]).dt.days / 365
        return cost.groupby(paid["customer_id"]).sum().reindex(every, fill_value=0.0)

    return {
        "2.1": [
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
        ],
        "2.3": [
            Planted(late_cost("due_date"), "clip"),
            Planted(late_cost("invoice_date"), "due date"),
            Planted(get_exercise("2.3").expected_answer * 100, "0.08"),
        ],
    }


def planted_whales() -> Planting:
    """2.4 and 2.5: the whale curve and the losing giants."""
    profit = profitability()
    ranked = profit.sort_values("revenue", ascending=False)["profit"]
    top10 = profit.nlargest(10, "revenue")
    business = profit.loc[profit.index.str.startswith("B"), "profit"]
    return {
        "2.4": [
            Planted(ranked.iloc[:567].sum() / profit["profit"].sum(), "rank customers by revenue"),
            Planted(profit["profit"].nlargest(20).sum() / profit["profit"].sum(), "20 percent"),
            Planted(selection.top_share(business), "business accounts only"),
        ],
        "2.5": [
            Planted(set(), "gross profit"),
            Planted(set(profit.nsmallest(10, "profit").index), "biggest losses"),
            Planted(set(profit.nlargest(20, "revenue").query("profit < 0").index), "20 largest"),
            Planted(set(top10.index[top10["profit"] < 0]) - {"B032"}, "missing"),
        ],
    }


def planted_targets() -> Planting:
    """2.6 to 2.8: the good-customer score, the value matrix, look-alikes."""
    traits = established_traits()
    score = selection.good_customer_score(traits, ch02.PAYMENT_FIRST)
    outsider = [*get_exercise("2.6").expected_answer[:9], "C0001"]
    current, potential = matrix_inputs()
    _, _, evaluated, fair = lookalike()
    return {
        "2.6": [
            Planted(list(selection.top_customers(traits, None, 10).index), "equal weights"),
            Planted(list(score.sort_values(kind="stable").index[:10]), "lowest scores"),
            Planted(outsider, "not established accounts"),
        ],
        "2.7": [
            Planted(quadrant_counts(current, potential, mean=True), "means"),
            Planted(quadrant_counts(*matrix_inputs(all_accounts=True)), "every business account"),
            Planted(quadrant_counts(*matrix_inputs(current="revenue")), "revenue"),
        ],
        "2.8": [
            Planted(lift(evaluated), "own leads"),
            Planted(lift(fair, band=5), "band 5"),
            Planted(lift(fair, outcome="high_value"), "high-value"),
            Planted(lift(fair, column="rate"), "conversion rate"),
        ],
    }


class TestContract(ChapterContract):
    chapter = ch02
    min_diagnoses = 2

    def planted(self) -> Planting:
        return {**planted_costs(), **planted_whales(), **planted_targets()}


def test_the_chapter_has_its_exercises() -> None:
    assert len(ch02.EXERCISES) >= 6
    assert [exercise.id for exercise in ch02.EXERCISES] == [f"2.{k}" for k in range(1, 9)]
