"""Chapter 06's exercises: the shared contract, with planted mistakes.

The planted answers are computed here with the library's public functions, the way a
student making that mistake would compute them.
"""

from __future__ import annotations

import pandas as pd
from crmkit import communication, data, selection
from crmkit.exercises import ch06

from tests.exercises.contract import ChapterContract, Planted, Planting


def changed(base: dict[str, str], **changes: str) -> dict[str, str]:
    return {**base, **changes}


def planted_channels() -> Planting:
    """6.1 to 6.3: contents, response rates, the channel plan."""
    comms = data.load_communications()
    rates = communication.response_rates(comms)
    every_row = (
        comms["responded"]
        .fillna(False)
        .astype(bool)
        .groupby(comms["channel"].astype("string"))
        .mean()
    )
    profit = selection.customer_profitability(
        data.load_customers(), data.load_order_lines(), data.load_service_events(),
        data.load_invoices(), data.load_payments(),
    )["profit"]  # fmt: skip
    groups = communication.value_groups(profit)
    mean_values = (profit / 4).groupby(groups, observed=True).mean() * 0.5
    mean_plan = communication.best_channel(
        communication.channel_economics(rates["rate"], mean_values)
    )
    contents = ch06.MESSAGE_CONTENTS
    return {
        "6.1": [
            Planted(changed(contents, delivery_threshold="information"), "rules of doing business"),
            Planted(changed(contents, mid_autumn_card="values"), "what the firm believes"),
            Planted(changed(contents, smaller_pack="information"), "opinion"),
            Planted(changed(contents, harvest_list="survey"), "Use only these labels"),
        ],
        "6.2": [
            Planted(every_row, "inbound rows"),
            Planted(rates["responded"].astype("float64"), "numbers of responses"),
            Planted(rates["rate"] * 100, "percentage"),
        ],
        "6.3": [
            Planted(dict.fromkeys(("high", "middle", "low"), "phone"), "answered most often"),
            Planted(dict.fromkeys(("high", "middle", "low"), "email"), "cheapest contact"),
            Planted(dict.fromkeys(("high", "middle", "low"), "wechat"), "lowest cost per response"),
            Planted(mean_plan.to_dict(), "median"),
        ],
    }


def planted_complaints() -> Planting:
    """6.4 to 6.7: retention after a complaint, the cited figures, the iceberg, word of mouth."""
    complaints = data.load_complaints()
    group = communication.handling_groups(complaints).astype("string")
    table = communication.retention_by_handling(complaints)
    clock = complaints.assign(
        resolution_hours=complaints["response_hours"].where(complaints["resolution"].eq("resolved"))
    )
    in_year = complaints["complaint_date"].dt.year.eq(2025)
    seen = int(in_year.sum())
    told = complaints.loc[in_year, "people_told"]
    return {
        "6.4": [
            Planted(complaints["outcome"].eq("stayed").groupby(group).mean(), "too early to tell"),
            Planted(communication.retention_by_handling(clock)["rate"], "response_hours"),
            Planted(table["stayed"].astype("float64"), "numbers of complainers"),
        ],
        "6.5": [
            Planted({"resolved": "above", "resolved_fast": "below"}, "point estimate"),
            Planted(
                {"resolved": "consistent", "resolved_fast": "consistent"}, "inside the 95% interval"
            ),
            Planted({"resolved": "higher", "resolved_fast": "consistent"}, "Use only these labels"),
        ],
        "6.6": [
            Planted(seen * 0.08, "multiplied by 8%"),
            Planted(seen / 0.67 - seen, "67%"),
            Planted(seen / 0.08, "take the complaints away"),
            Planted(len(complaints) / 0.08 - len(complaints), "every year"),
        ],
        "6.7": [
            Planted(told.mean(), "per complaint"),
            Planted(complaints["people_told"].sum() / 48, "every year"),
            Planted(told.sum(), "12 times"),
        ],
    }


def planted_wording() -> Planting:
    """6.8 and 6.9: internal communication rules and blame-free wording."""
    rules, phrases = ch06.INTERNAL_MESSAGES, ch06.PHRASES
    return {
        "6.8": [
            Planted(
                changed(
                    rules, told_at_month_end="report_unasked", waits_to_be_asked="report_early"
                ),
                "timing",
            ),
            Planted(changed(rules, director_calls_packer="report_unasked"), "another direction"),
            Planted({key: rules[key] for key in list(rules)[:6]}, "missing 2 of the 8"),
        ],
        "6.9": [
            Planted(changed(phrases, your_responsibility="positive"), "polite"),
            Planted(dict.fromkeys(phrases, "positive"), "same label"),
            Planted(changed(phrases, form_wrong="positive"), "1 of the 8 phrases"),
        ],
    }


class TestContract(ChapterContract):
    chapter = ch06
    min_diagnoses = 2

    def planted(self) -> Planting:
        return {**planted_channels(), **planted_complaints(), **planted_wording()}


def test_the_chapter_has_its_exercises() -> None:
    assert [exercise.id for exercise in ch06.EXERCISES] == [f"6.{k}" for k in range(1, 10)]
    decisions = {"6.1", "6.3", "6.5", "6.8", "6.9"}
    points = {exercise.id: exercise.points for exercise in ch06.EXERCISES}
    assert sum(points[k] for k in decisions) > sum(points.values()) / 2


def test_classification_feedback_never_names_the_expected_labels() -> None:
    from crmkit.exercises import evaluate

    answer = changed(ch06.PHRASES, form_wrong="positive", could_you_tell_me="blaming")
    message = str(evaluate("6.9", answer))
    assert "2 of the 8 phrases" in message and "form_wrong" not in message


def test_the_channel_plan_saves_phone_for_the_top_group() -> None:
    plan = ch06.EXERCISES[2].expected()
    assert plan["high"] == "phone" and plan["middle"] != "phone" and plan["low"] != "phone"
    assert isinstance(pd.Series(plan), pd.Series)
