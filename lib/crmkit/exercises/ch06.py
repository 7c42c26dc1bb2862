"""Chapter 06, Communicating with customers: contents, channels, complaints, word of mouth, wording."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Any

import pandas as pd

from crmkit import communication, data, selection
from crmkit.exercises import compare
from crmkit.exercises.alternatives import close_to, same_series
from crmkit.exercises.lock import guard_expected
from crmkit.exercises.model import Exercise, Variant

CHAPTER = "06"
YEAR = 2025
RESPONSE_VALUE_SHARE = 0.5  # a response is assumed to be worth half a typical year's profit
YEARS_OF_DATA = 4

MESSAGE_CONTENTS = {
    "harvest_list": "information",
    "mid_autumn_card": "emotion",
    "sourcing_story": "values",
    "smaller_pack": "opinion",
    "delivery_threshold": "policy",
}
INTERNAL_MESSAGES = {
    "told_at_month_end": "report_early",
    "waits_to_be_asked": "report_unasked",
    "what_should_i_do": "bring_options",
    "wrong_hotel_invoices": "confirm_instructions",
    "seven_tasks": "one_order_at_a_time",
    "director_calls_packer": "proper_channels",
    "no_questions_please": "ask_for_feedback",
    "district_pattern_kept": "cooperate",
}
PHRASES = {
    "form_wrong": "blaming",
    "form_details": "positive",
    "as_i_told_you": "blaming",
    "leaves_next_morning": "positive",
    "you_didnt_give": "blaming",
    "could_you_tell_me": "positive",
    "your_responsibility": "blaming",
    "thank_you_correct": "positive",
}


# --------------------------------------------------------------------------- shared data


@cache
def _communications() -> pd.DataFrame:
    return data.load_communications()


@cache
def _complaints() -> pd.DataFrame:
    return data.load_complaints()


@cache
def _profit() -> pd.Series:
    return selection.customer_profitability(
        data.load_customers(),
        data.load_order_lines(),
        data.load_service_events(),
        data.load_invoices(),
        data.load_payments(),
    )["profit"]


# --------------------------------------------------------------------------- 6.1


def _content_information_vs_policy(answer: Any, expected: Any) -> str | None:
    if not isinstance(answer, Mapping):
        return None
    if answer.get("delivery_threshold") == "information" or answer.get("harvest_list") == "policy":
        return (
            "Information tells customers about the offer (products, prices, dates); policy tells them "
            "the rules of doing business (delivery terms, returns, prices changing for everyone). "
            "Which one sets a rule?"
        )
    return None


def _content_emotion_vs_values(answer: Any, expected: Any) -> str | None:
    if not isinstance(answer, Mapping):
        return None
    if answer.get("mid_autumn_card") == "values" or answer.get("sourcing_story") == "emotion":
        return (
            "Emotion is about the relationship itself (greetings, thanks, care); values (理念) is "
            "about what the firm believes and stands for. Which message explains a belief?"
        )
    if answer.get("smaller_pack") not in (None, "opinion"):
        return "A suggestion sent by a customer is the customer's opinion (意见): communication flows both ways."
    return None


# --------------------------------------------------------------------------- 6.2


def _expected_rates() -> pd.Series:
    return communication.response_rates(_communications())["rate"]


def _rates_over_all_rows(answer: Any, expected: Any) -> str | None:
    comms = _communications()
    over_all = (
        comms["responded"]
        .fillna(False)
        .astype(bool)
        .groupby(comms["channel"].astype("string"))
        .mean()
    )
    skipped = comms.groupby(comms["channel"].astype("string"))["responded"].mean()
    if any(
        same_series(answer, x, rel=1e-4)
        for x in (over_all.reindex(expected.index), over_all, skipped)
    ):
        return (
            "Your rates include inbound rows (customers contacting Jade Leaf), which have no "
            "'responded' and were counted as no. A response rate is for outbound messages only: "
            "keep direction == 'outbound' first."
        )
    return None


def _rates_counts(answer: Any, expected: Any) -> str | None:
    counts = communication.response_rates(_communications())["responded"]
    if same_series(answer, counts.astype("float64"), rel=1e-9):
        return "These are numbers of responses. A rate is responses / messages sent: use mean, not sum."
    if (
        isinstance(answer, pd.Series)
        and pd.api.types.is_numeric_dtype(answer)
        and (answer > 1).any()
        and not (answer > 100).any()
    ):
        sent = communication.response_rates(_communications())["sent"]
        if same_series(answer, sent.astype("float64"), rel=1e-9):
            return "These are numbers of messages sent. A rate is responses / messages sent."
    return None


# --------------------------------------------------------------------------- 6.3


def _response_values(statistic: str = "median") -> pd.Series:
    profit = _profit()
    groups = communication.value_groups(profit)
    yearly = (profit / YEARS_OF_DATA).groupby(groups, observed=True).agg(statistic)
    return (yearly * RESPONSE_VALUE_SHARE).rename("response_value")


def _plan(statistic: str = "median") -> dict[str, str]:
    economics = communication.channel_economics(_expected_rates(), _response_values(statistic))
    return communication.best_channel(economics).to_dict()


def _plan_one_rule(answer: Any, expected: Any) -> str | None:
    if not isinstance(answer, Mapping) or len(set(answer.values())) != 1:
        return None
    channel = next(iter(answer.values()))
    rates = _expected_rates()
    costs = pd.Series(communication.CHANNEL_COSTS)
    if channel == rates.idxmax():
        return (
            "You chose the channel that is answered most often, for every group. It is also the "
            "most expensive: weigh the rate against the cost per contact and what a response of "
            "that group is worth (net per contact)."
        )
    if channel == costs.idxmin():
        return (
            "You chose the cheapest contact for every group. A cheap message that is rarely "
            "answered can still lose money: use the net per contact."
        )
    if channel == (costs.reindex(rates.index) / rates).idxmin():
        return (
            "You chose the lowest cost per response for every group. That ignores that a "
            "response from a high-value customer is worth much more: compare the net per contact "
            "(rate x value of a response - cost) group by group."
        )
    return None


def _plan_mean(answer: Any, expected: Any) -> str | None:
    if (
        isinstance(answer, Mapping)
        and dict(answer) == _plan("mean")
        and dict(answer) != dict(expected)
    ):
        return (
            "You valued a response with the group's mean profit. A few loss-making giants drag the "
            "low group's mean below zero; the lesson uses the median, the typical customer."
        )
    return None


# --------------------------------------------------------------------------- 6.4


def _expected_retention() -> pd.Series:
    return communication.retention_by_handling(_complaints())["rate"]


def _retention_open_as_left(answer: Any, expected: Any) -> str | None:
    complaints = _complaints()
    group = communication.handling_groups(complaints).astype("string")
    with_open = complaints["outcome"].eq("stayed").groupby(group).mean()
    if same_series(answer, with_open, rel=1e-4):
        return (
            "Your rates count the complaints that are too early to tell as lost. Their 365 days are "
            "not over: leave them out of the denominator."
        )
    return None


def _retention_response_clock(answer: Any, expected: Any) -> str | None:
    complaints = _complaints()
    by_response = complaints.assign(
        resolution_hours=complaints["response_hours"].where(complaints["resolution"].eq("resolved"))
    )
    if same_series(answer, communication.retention_by_handling(by_response)["rate"], rel=1e-4):
        return (
            "You split fast and slow by response_hours, the time to the first answer. 'Fast' here "
            "is about the fix: use resolution_hours (resolved within 48 hours)."
        )
    return None


def _retention_counts(answer: Any, expected: Any) -> str | None:
    table = communication.retention_by_handling(_complaints())
    if same_series(answer, table["stayed"].astype("float64"), rel=1e-9):
        return "These are numbers of complainers who stayed. Retention is a share: stayed / decided complaints in the group."
    return None


# --------------------------------------------------------------------------- 6.5


def _expected_verdicts() -> dict[str, str]:
    return communication.cited_pattern(_complaints())["verdict"].to_dict()


def _verdict_point_estimate(answer: Any, expected: Any) -> str | None:
    if (
        isinstance(answer, Mapping)
        and answer.get("resolved_fast") == "below"
        and expected.get("resolved_fast") != "below"
    ):
        return (
            "Your verdict for fast resolution follows the point estimate. The rate is an estimate "
            "from a few hundred complainers: a verdict compares the cited figure with the 95% "
            "interval (and leaves the complaints that are too early to tell out)."
        )
    return None


def _verdict_consistent_meaning(answer: Any, expected: Any) -> str | None:
    if (
        isinstance(answer, Mapping)
        and answer.get("resolved") == "consistent"
        and expected.get("resolved") != "consistent"
    ):
        return (
            "'consistent' means the cited figure lies inside the 95% interval. Is 75% inside the "
            "interval for all fully resolved complaints (fast and slow together)?"
        )
    return None


# --------------------------------------------------------------------------- 6.6


def _complaints_in(year: int | None = YEAR) -> int:
    complaints = _complaints()
    return (
        len(complaints)
        if year is None
        else int(complaints["complaint_date"].dt.year.eq(year).sum())
    )


def _expected_silent() -> float:
    return float(communication.iceberg_estimate(_complaints_in())["silent"])


def _iceberg_multiplied(answer: Any, expected: Any) -> str | None:
    seen = _complaints_in()
    if close_to(answer, seen * communication.COMPLAINT_SHARE, rel=1e-3):
        return "You multiplied by 8%. The complaints are the 8% of the problems: problems = complaints / 0.08."
    if close_to(answer, seen / 0.67 - seen, rel=1e-3):
        return "You used 67%, the share of dissatisfied customers who complain. The iceberg figure is 8% of problems."
    return None


def _iceberg_total_or_years(answer: Any, expected: Any) -> str | None:
    seen = _complaints_in()
    if close_to(answer, seen / communication.COMPLAINT_SHARE, rel=1e-3):
        return "That is every problem, the complaints included. The question asks for the silent ones: take the complaints away."
    every = _complaints_in(None)
    if close_to(answer, every / communication.COMPLAINT_SHARE - every, rel=1e-3):
        return f"You used the complaints of every year. The question is about {YEAR} only."
    return None


# --------------------------------------------------------------------------- 6.7


def _expected_monthly_told() -> float:
    complaints = _complaints()
    told = complaints.loc[complaints["complaint_date"].dt.year.eq(YEAR), "people_told"]
    return round(float(told.sum()) / 12, 4)


def _reach_per_complaint(answer: Any, expected: Any) -> str | None:
    complaints = _complaints()
    told = complaints.loc[complaints["complaint_date"].dt.year.eq(YEAR), "people_told"]
    if close_to(answer, told.mean(), rel=1e-3):
        return (
            "That is people told per complaint. The question asks per month: the year's total / 12."
        )
    return None


def _reach_all_years(answer: Any, expected: Any) -> str | None:
    told = _complaints()["people_told"].sum()
    if close_to(answer, told / 12, rel=1e-3) or close_to(answer, told / 48, rel=1e-3):
        return f"You used the complaints of every year. The question is about {YEAR}: its people told / 12 months."
    return None


def _monthly_told_in(year: int) -> float:
    complaints = _complaints()
    told = complaints.loc[complaints["complaint_date"].dt.year.eq(year), "people_told"]
    return round(float(told.sum()) / 12, 4)


LAST_YEAR = (
    f"These are the complaints of {YEAR - 1}; the question is about {YEAR}. Keep the "
    f"complaints dated in {YEAR}."
)


# --------------------------------------------------------------------------- 6.8


def _rules_early_vs_unasked(answer: Any, expected: Any) -> str | None:
    if isinstance(answer, Mapping) and (
        answer.get("told_at_month_end") == "report_unasked"
        or answer.get("waits_to_be_asked") == "report_early"
    ):
        return (
            "Report early is about timing (the news arrives while something can still be done); "
            "report unasked is about initiative (not waiting for the question). Which message is "
            "late, and which waits for the manager?"
        )
    return None


def _rules_wrong_direction(answer: Any, expected: Any) -> str | None:
    if not isinstance(answer, Mapping):
        return None
    direction = {rule: side for rule, (side, _) in communication.INTERNAL_RULES.items()}
    crossed = [
        key
        for key, rule in answer.items()
        if key in expected and rule in direction and direction[rule] != direction[expected[key]]
    ]
    if crossed:
        return (
            f"{len(crossed)} of your rules belong to another direction than the message. Decide "
            "first who speaks to whom: to a manager (upward), to a team (downward), or to "
            "another department (lateral); then pick the rule of that direction."
        )
    return None


# --------------------------------------------------------------------------- 6.9


def _wording_polite_blame(answer: Any, expected: Any) -> str | None:
    if isinstance(answer, Mapping) and answer.get("your_responsibility") == "positive":
        return (
            "'Please note' is polite, but a polite sentence can still put the blame on the customer. "
            "Ask of each phrase: does it say what the customer did wrong, or what happens next?"
        )
    return None


def _wording_one_label(answer: Any, expected: Any) -> str | None:
    if isinstance(answer, Mapping) and len(answer) > 1 and len(set(answer.values())) == 1:
        return "You gave every phrase the same label. Read each one from the customer's side: who is being corrected?"
    return None


EXERCISES = [
    Exercise(
        id="6.1",
        chapter=CHAPTER,
        title="The five contents of communication",
        variable="message_contents",
        points=2,
        expected=lambda: dict(MESSAGE_CONTENTS),
        data_free=True,
        compare=compare.classification("messages", tuple(communication.CONTENTS)),
        hints=(
            "The five contents: information (the offer), emotion (the relationship), values (what the "
            "firm believes), opinion (what someone thinks should change) and policy (the rules of doing business).",
            "Ask of each message: is it telling, feeling, believing, suggesting or ruling?",
        ),
        diagnoses=(_content_information_vs_policy, _content_emotion_vs_values),
        section="Communication runs both ways",
    ),
    Exercise(
        id="6.2",
        chapter=CHAPTER,
        title="Outbound response rate by channel",
        variable="channel_rates",
        points=2,
        expected=_expected_rates,
        compare=compare.series(rel_tol=1e-6),
        hints=(
            "Keep the outbound messages only (direction == 'outbound'): inbound rows have no 'responded'.",
            "Group them by channel (observed=True) and take the mean of 'responded' (True counts as 1).",
        ),
        diagnoses=(_rates_over_all_rows, _rates_counts),
        section="Which channels work",
    ),
    Exercise(
        id="6.3",
        chapter=CHAPTER,
        title="Which channel for which value group",
        variable="channel_plan",
        points=3,
        expected=_plan,
        compare=compare.classification("value groups", (*communication.OUTBOUND_CHANNELS, "none")),
        hints=(
            "For every group and channel: net per contact = response rate x value of a response - cost per contact.",
            "Value of a response = 0.5 x the group's median yearly profit (profit / 4). Costs: communication.CHANNEL_COSTS.",
            "Per group, keep the channel with the highest net per contact ('none' if no channel is above 0). "
            "communication.channel_economics and communication.best_channel do this.",
        ),
        diagnoses=(_plan_one_rule, _plan_mean),
        section="Which channel for which customers",
    ),
    Exercise(
        id="6.4",
        chapter=CHAPTER,
        title="Who stays after a complaint, by handling",
        variable="stayed_share",
        points=3,
        expected=_expected_retention,
        compare=compare.series(rel_tol=1e-6),
        hints=(
            "Leave out the complaints whose outcome is 'too_early_to_tell'.",
            "Handling group: unresolved, partially_resolved, or resolved; a resolved complaint is "
            "resolved_fast when resolution_hours <= 48, else resolved_slow.",
            "Per group: the share of outcome == 'stayed'. Index the Series by the four group names.",
        ),
        diagnoses=(_retention_open_as_left, _retention_response_clock, _retention_counts),
        section="Who stays after a complaint",
    ),
    Exercise(
        id="6.5",
        chapter=CHAPTER,
        title="Does the cited 75% / 95% pattern hold here?",
        variable="cited_verdicts",
        points=3,
        expected=_expected_verdicts,
        compare=compare.classification("claims", ("above", "below", "consistent")),
        hints=(
            "For each claim, take the 95% Wilson interval of the share who stayed: all fully resolved "
            "complaints for 'resolved', those resolved within 48 hours for 'resolved_fast'.",
            "'consistent' when the cited figure lies inside the interval; 'above' when the whole "
            "interval is above the figure; 'below' when it is below.",
        ),
        diagnoses=(_verdict_point_estimate, _verdict_consistent_meaning),
        section="Testing the commonly cited figures",
    ),
    Exercise(
        id="6.6",
        chapter=CHAPTER,
        title="The silent part of the iceberg",
        variable="silent_problems",
        points=2,
        expected=_expected_silent,
        compare=compare.scalar(rel_tol=1e-3),
        hints=(
            f"Count the complaints received in {YEAR}.",
            "If complaints are 8% of the problems, problems = complaints / 0.08; the silent ones "
            "are the problems that did not become complaints.",
        ),
        diagnoses=(_iceberg_multiplied, _iceberg_total_or_years),
        variants=(
            Variant(
                LAST_YEAR,
                lambda: float(communication.iceberg_estimate(_complaints_in(YEAR - 1))["silent"]),
                name="year_before",
            ),
        ),
        section="The iceberg",
    ),
    Exercise(
        id="6.7",
        chapter=CHAPTER,
        title="How many people hear about it each month",
        variable="told_per_month",
        points=2,
        expected=_expected_monthly_told,
        compare=compare.scalar(rel_tol=1e-3),
        hints=(
            f"Keep the complaints of {YEAR}.",
            "Add up people_told and divide by the number of months in the year.",
        ),
        diagnoses=(_reach_per_complaint, _reach_all_years),
        variants=(Variant(LAST_YEAR, lambda: _monthly_told_in(YEAR - 1), name="year_before"),),
        section="Word of mouth",
    ),
    Exercise(
        id="6.8",
        chapter=CHAPTER,
        title="Which rule of internal communication is broken?",
        variable="broken_rules",
        points=3,
        expected=lambda: dict(INTERNAL_MESSAGES),
        data_free=True,
        compare=compare.classification("messages", tuple(communication.INTERNAL_RULES)),
        hints=(
            "First decide the direction of each message: to a manager (upward), to a team "
            "(downward) or to another department (lateral).",
            "Then pick the rule of that direction that the sender ignored (communication.INTERNAL_RULES lists them).",
        ),
        diagnoses=(_rules_early_vs_unasked, _rules_wrong_direction),
        section="Inside the firm and beyond it",
    ),
    Exercise(
        id="6.9",
        chapter=CHAPTER,
        title="Blaming or positive wording?",
        variable="phrase_labels",
        points=2,
        expected=lambda: dict(PHRASES),
        data_free=True,
        compare=compare.classification("phrases", ("blaming", "positive")),
        hints=(
            "A blaming phrase tells the customer what they did wrong; a positive one says what is "
            "needed or what happens next.",
            "Politeness words ('please', 'note') do not decide it: who is being corrected?",
        ),
        diagnoses=(_wording_one_label, _wording_polite_blame),
        section="Words that keep customers",
    ),
]

# In a grading kernel the answer key is locked: the expected-answer functions above refuse
# to run there, whether called through an exercise or directly.
guard_expected(globals())
