"""Chapter 02's exercises: definitions, diagnoses and hints (moved from test_selection.py)."""

from __future__ import annotations

from collections.abc import Iterator

import matplotlib
import pandas as pd
import pytest
from crmkit import data, selection
from crmkit.exercises import ch02, evaluate

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402  (after choosing the Agg backend)

AS_OF = pd.Timestamp("2025-12-31")


@pytest.fixture(autouse=True)
def close_figures() -> Iterator[None]:
    yield
    plt.close("all")


def dates(*days: str) -> pd.Series:
    return pd.Series(pd.to_datetime(list(days)))


# --------------------------------------------------------------------------- exercises


def test_every_exercise_has_hints_and_diagnoses() -> None:
    assert len(ch02.EXERCISES) >= 6
    assert [exercise.id for exercise in ch02.EXERCISES] == [f"2.{k}" for k in range(1, 9)]
    for exercise in ch02.EXERCISES:
        assert len(exercise.hints) >= 2, exercise.id
        assert len(exercise.diagnoses) >= 2, exercise.id


@pytest.mark.parametrize("exercise", ch02.EXERCISES, ids=lambda exercise: exercise.id)
def test_expected_answers_pass_their_own_check(exercise: object) -> None:
    assert evaluate(exercise.id, exercise.expected_answer).status == "correct"


def _wrong_answers() -> list[tuple[str, object, str]]:
    """(exercise, a likely wrong answer, a word its feedback must contain)."""
    customers_ = data.load_customers()
    events = data.load_service_events()
    invoices_, payments_ = data.load_invoices(), data.load_payments()
    profit = ch02._profitability()
    components = list(selection.SERVICE_COMPONENTS)
    counts = pd.crosstab(events["customer_id"], events["event_type"].astype("string"))
    means = events.pivot_table(
        index="customer_id", columns="event_type", values="cost", aggfunc="mean", observed=True
    ).fillna(0.0)
    paid = payments_.merge(invoices_, on="invoice_id", suffixes=("", "_invoice"))
    every = invoices_["customer_id"].unique()
    no_clip = paid["amount"] * 0.08 * (paid["payment_date"] - paid["due_date"]).dt.days / 365
    from_invoice = (
        paid["amount"] * 0.08 * (paid["payment_date"] - paid["invoice_date"]).dt.days / 365
    )
    ranked = profit.sort_values("revenue", ascending=False)["profit"]
    top10 = profit.nlargest(10, "revenue")
    traits = ch02._established_traits()
    score = selection.good_customer_score(traits, ch02.PAYMENT_FIRST)
    current, potential = ch02._matrix_inputs()
    similarity, outcomes, evaluated, fair = ch02._lookalike()
    return [
        ("2.1", {**ch02.BIG_CUSTOMER_RISKS, "ninety_day_terms": "profit"}, "Financial risk"),
        ("2.1", {**ch02.BIG_CUSTOMER_RISKS, "own_brand": "management"}, "management risks"),
        ("2.1", {**ch02.BIG_CUSTOMER_RISKS, "courted_by_rivals": "independence"}, "churn risk"),
        (
            "2.2",
            counts.reindex(index=customers_["customer_id"], columns=components, fill_value=0),
            "numbers of events",
        ),
        (
            "2.2",
            means.reindex(index=customers_["customer_id"], columns=components, fill_value=0.0),
            "average",
        ),
        ("2.3", no_clip.groupby(paid["customer_id"]).sum().reindex(every, fill_value=0.0), "clip"),
        (
            "2.3",
            from_invoice.groupby(paid["customer_id"]).sum().reindex(every, fill_value=0.0),
            "due date",
        ),
        ("2.3", ch02.expected_late_cost() * 100, "0.08"),
        ("2.4", ranked.iloc[:567].sum() / profit["profit"].sum(), "rank customers by revenue"),
        ("2.4", profit["profit"].nlargest(20).sum() / profit["profit"].sum(), "20 percent"),
        (
            "2.4",
            selection.top_share(profit.loc[profit.index.str.startswith("B"), "profit"]),
            "business accounts only",
        ),
        ("2.5", set(), "gross profit"),
        ("2.5", set(profit.nsmallest(10, "profit").index), "biggest losses"),
        (
            "2.5",
            set(profit.nlargest(20, "revenue").query("profit < 0").index) | set(),
            "20 largest",
        ),
        ("2.6", list(selection.top_customers(traits, None, 10).index), "equal weights"),
        ("2.6", list(score.sort_values(kind="stable").index[:10]), "lowest scores"),
        ("2.7", ch02._quadrant_counts(current, potential, mean=True), "means"),
        (
            "2.7",
            ch02._quadrant_counts(*ch02._matrix_inputs(all_accounts=True)),
            "every business account",
        ),
        (
            "2.7",
            ch02._quadrant_counts(
                ch02._year_profitability().loc[current.index, "revenue"], potential
            ),
            "revenue",
        ),
        ("2.8", ch02._lift(evaluated), "own leads"),
        ("2.8", ch02._lift(fair, band=5), "band 5"),
        ("2.8", ch02._lift(fair, outcome="high_value"), "high-value"),
        (
            "2.8",
            float(
                selection.lift_table(similarity.loc[fair], outcomes.loc[fair, "converted"]).loc[
                    1, "rate"
                ]
            ),
            "conversion rate",
        ),
        ("2.5", set(top10.index[top10["profit"] < 0]) - {"B032"}, "missing"),
    ]


def test_likely_mistakes_get_a_targeted_diagnosis() -> None:
    for exercise_id, answer, word in _wrong_answers():
        feedback = evaluate(exercise_id, answer)
        assert feedback.status == "incorrect", (exercise_id, word)
        assert word in feedback.message, (exercise_id, word, feedback.message)


def test_hints_are_staged() -> None:
    from crmkit.exercises import core, hint

    core.reset_session()
    texts = [hint("2.3").text for _ in range(3)]
    core.reset_session()
    assert len(set(texts)) == 3
    assert all(hint_text in " ".join(texts) for hint_text in ch02.EXERCISES[2].hints)
