"""Chapter 10's exercises (the capstone): the shared contract, with planted mistakes.

The planted answers are the capstone's likely mistakes, computed on the coworking data
the way a student making them would (the same steps with one step wrong).
"""

from __future__ import annotations

import pandas as pd
from crmkit import subscription_data as cw
from crmkit.exercises import ch10, get_exercise
from crmkit.grading.rubric import rubric_for_chapter
from crmkit.retention.models import constant_retention_projection

from tests.exercises.contract import ChapterContract, Planted, Planting


def expected(exercise_id: str) -> object:
    return get_exercise(exercise_id).expected_answer


def planted_money() -> Planting:
    """10.1-10.3: recurring revenue, losing accounts, the top fifth."""
    invoices = cw.load_invoices()
    december = invoices[invoices["invoice_date"] == "2025-12-01"]
    profit = ch10._expected_profit()
    return {
        "10.1": [
            Planted(float(december["amount"].sum()), "add-on"),
            Planted(float(december["plan_fee"].sum()), "list fees"),
        ],
        "10.2": [
            Planted(ch10._loss(profit, 1), "every member who loses money"),
            Planted(ch10._loss(ch10._expected_profit("acquisition_cost")), "acquisition cost"),
            Planted(ch10._loss(ch10._expected_profit("support_cost")), "ticket handling cost"),
        ],
        "10.3": [
            Planted(
                ch10._top_share(profit["revenue"], profit["profit"]),
                "ranked the members by revenue",
            ),
            Planted(ch10._top_share(profit["revenue"], profit["revenue"]), "share of revenue"),
            Planted(ch10._top_share(profit["profit"], profit["revenue"]), "added up revenue"),
        ],
    }


def planted_service() -> Planting:
    """10.4-10.6: slow tickets, the survey's gaps, satisfied vs loyal."""
    right = expected("10.4")
    gaps = ch10._expected_gaps()
    stayed = expected("10.6")
    survey = cw.load_survey()
    periods = cw.load_subscription_periods()
    paying = set(periods.loc[periods["month"] == "2025-12-01", "member_id"])
    counts = survey[survey["member_id"].isin(paying)].groupby("overall_satisfaction").size()
    return {
        "10.4": [
            Planted(ch10._expected_cancel_rates(lag_months=0), "month after"),
            Planted(ch10._expected_cancel_rates(include_open=True), "December 2025"),
            Planted({"slow": right["other"], "other": right["slow"]}, "wrong way round"),
        ],
        "10.5": [
            Planted(str(gaps.idxmax()), "most negative"),
            Planted(f"perceive_{gaps.idxmin()}", "not a column name"),
        ],
        "10.6": [
            Planted(
                {"very_satisfied": stayed["satisfied"], "satisfied": stayed["very_satisfied"]},
                "wrong way round",
            ),
            Planted(
                {"very_satisfied": float(counts[5]), "satisfied": float(counts[4])},
                "Divide by the respondents",
            ),
        ],
    }


def planted_retention() -> Planting:
    """10.7-10.9: the founders' survival, the sBG projection, the win-back."""
    founders = expected("10.7")
    assert isinstance(founders, pd.Series)
    constant = constant_retention_projection(founders, fit_years=12, horizon=35)
    winback = cw.load_winback()
    apology = winback[winback["offer"] == "apology_call"]
    service = winback[winback["reason_for_leaving"] == "service"]
    return {
        "10.7": [
            Planted(ch10._expected_founders(spell_one_only=False), "came back"),
            Planted(founders.shift(-1).dropna().astype("int64"), "one month off"),
            Planted(
                pd.Series(founders.to_numpy()[1:], index=founders.index[:-1], name="members"),
                "one month off",
            ),
        ],
        "10.8": [
            Planted(float(constant.iloc[-1]), "one constant retention rate"),
            Planted(float(founders.iloc[-1] / founders.iloc[0]), "observed share"),
        ],
        "10.9": [
            Planted(float(apology["returned"].mean()), "every apology call"),
            Planted(float(service["returned"].mean()), "every offer made to service leavers"),
        ],
    }


class TestContract(ChapterContract):
    chapter = ch10
    min_diagnoses = 2

    def planted(self) -> Planting:
        return {**planted_money(), **planted_service(), **planted_retention()}


def test_the_chapter_has_its_exercises_and_rubric() -> None:
    assert [exercise.id for exercise in ch10.EXERCISES] == [f"10.{k}" for k in range(1, 10)]
    assert rubric_for_chapter("10") is ch10.RUBRIC
    assert ch10.RUBRIC.max_points == 10
    assert sum(e.points for e in ch10.EXERCISES) >= 20


def test_the_planted_effects_show_in_the_answers() -> None:
    rates = expected("10.4")
    assert rates["slow"] > 2 * rates["other"]
    stayed = expected("10.6")
    assert stayed["very_satisfied"] > stayed["satisfied"] + 0.1
    founders = expected("10.7")
    constant = constant_retention_projection(founders, fit_years=12, horizon=35)
    actual = founders.iloc[-1] / founders.iloc[0]
    assert abs(expected("10.8") - actual) < abs(constant.iloc[-1] - actual)


def test_the_memo_is_found_in_both_editions() -> None:
    """The solution's model memo is the memo; the student edition's prompt is not."""
    import json
    from pathlib import Path

    from crmkit.grading.rubric import extract_memo

    root = Path(__file__).resolve().parents[2]
    solution = json.loads((root / "solutions" / "10-capstone.ipynb").read_text(encoding="utf-8"))
    student = json.loads((root / "notebooks" / "10-capstone.ipynb").read_text(encoding="utf-8"))
    memo = extract_memo(solution["cells"], ch10.RUBRIC)
    assert memo is not None and memo.startswith("*Model memo.*") and "BEGIN SOLUTION" not in memo
    assert extract_memo(student["cells"], ch10.RUBRIC) == ""
