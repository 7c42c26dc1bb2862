"""Chapter 07, Satisfying customers: top box, gaps, NPS, IPA, repurchase, measures, cases, value."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Any

import pandas as pd

from crmkit import data, satisfaction
from crmkit.exercises import compare
from crmkit.exercises.alternatives import close_to, same_series
from crmkit.exercises.lock import guard_expected
from crmkit.exercises.model import Exercise, Variant
from crmkit.vocabulary import SURVEY_COMPONENTS

CHAPTER = "07"
SOURCES = ("survey", "order_lines", "complaints", "customers", "none")
LEVERS = ("expectation", *SURVEY_COMPONENTS)


# --------------------------------------------------------------------------- shared data


@cache
def _survey() -> pd.DataFrame:
    return data.load_survey()


@cache
def _order_lines() -> pd.DataFrame:
    return data.load_order_lines()


def _box() -> pd.Series:
    return _survey()["overall_satisfaction"]


def _is_mapping(answer: Any) -> bool:
    return isinstance(answer, Mapping)


# --------------------------------------------------------------------------- 7.1


def _expected_top_box() -> float:
    return round(float(_box().eq(5).mean()), 6)


def _top_two_box(answer: Any, expected: Any) -> str | None:
    if close_to(answer, _box().ge(4).mean(), rel=1e-4):
        return (
            "That is the top-two box (4 and 5 together). The question asks for the top box only: "
            "the respondents who chose 5, 'very satisfied'."
        )
    return None


def _mean_as_share(answer: Any, expected: Any) -> str | None:
    mean = _box().mean()
    if close_to(answer, mean, rel=1e-4) or close_to(answer, mean / 5, rel=1e-4):
        return (
            "That comes from the mean of the 1-5 scale. A mean score is not a share of people: "
            "a mean of 3.7 can hide many 5s or none. Count who chose 5 and divide by all respondents."
        )
    return None


# --------------------------------------------------------------------------- 7.2


def _expected_sources() -> dict[str, str]:
    return {name: source or "none" for name, (_, source, _) in satisfaction.MEASURES.items()}


def _recall_claimed(answer: Any, expected: Any) -> str | None:
    if _is_mapping(answer) and answer.get("aided_recall", "none") != "none":
        return (
            "Aided recall (指名度) asks the market whether people name or recognise the brand, "
            "customers and non-customers alike. Which table here asks anyone that?"
        )
    return None


def _reputation_survey(answer: Any, expected: Any) -> str | None:
    if _is_mapping(answer) and answer.get("reputation") == "survey":
        return (
            "Likelihood to recommend is an intention, asked of our own respondents. Reputation "
            "(美誉度) shows in what customers do: which table records who brought whom?"
        )
    return None


# --------------------------------------------------------------------------- 7.3


def _expected_gaps() -> pd.Series:
    # Unrounded: gap_table rounds for display, and a gap near 0 rounded to 4 decimals can
    # differ from the student's exact mean by more than the tolerance (it did on a twin).
    return satisfaction.satisfaction_gaps(_survey()).mean().rename(None)


def _gap_reversed(answer: Any, expected: Any) -> str | None:
    if same_series(answer, -_expected_gaps(), rel=1e-3):
        return (
            "Your gaps have the opposite sign: you took expectation - perception. The gap is "
            "perception - expectation, so a component that falls short has a negative gap."
        )
    return None


def _gap_half_done(answer: Any, expected: Any) -> str | None:
    survey = _survey()
    for side, word in (("perceive", "perceptions"), ("expect", "expectations")):
        means = pd.Series({k: survey[f"{side}_{k}"].mean() for k in expected.index})
        if same_series(answer, means, rel=1e-3):
            return (
                f"These are the mean {word} alone. A gap compares the two: perception - "
                "expectation for each respondent, then the mean."
            )
    if same_series(answer, satisfaction.satisfaction_gaps(survey).median(), rel=1e-3):
        return "These are median gaps. The question asks for the mean over the respondents."
    return None


def _costs_flipped(answer: Any, expected: Any) -> str | None:
    flipped = _expected_gaps().copy()
    flipped[list(satisfaction.COSTS)] *= -1
    if same_series(answer, flipped, rel=1e-3):
        return (
            "Your four cost gaps have the opposite sign. The survey already asks the costs so that "
            "a higher perception is better (the cost felt lower): do not turn the cost scores round."
        )
    return None


# --------------------------------------------------------------------------- 7.4


def _quadrants(performance: pd.Series, importance: pd.Series) -> dict[str, str]:
    return satisfaction.ipa_table(performance, importance)["quadrant"].to_dict()


def _expected_ipa() -> dict[str, str]:
    survey = _survey()
    derived = satisfaction.derived_importance(survey)["coefficient"]
    return _quadrants(satisfaction.gap_table(survey)["perception"], derived)


def _ipa_stated(answer: Any, expected: Any) -> str | None:
    survey = _survey()
    stated = _quadrants(
        satisfaction.gap_table(survey)["perception"], satisfaction.stated_importance(survey)
    )
    if _is_mapping(answer) and dict(answer) == stated:
        return (
            "These are the quadrants under stated importance (what respondents say matters). "
            "The question asks for derived importance: the regression coefficients of overall "
            "satisfaction on the eight perception scores."
        )
    return None


def _ipa_expectation_axis(answer: Any, expected: Any) -> str | None:
    survey = _survey()
    derived = satisfaction.derived_importance(survey)["coefficient"]
    wrong_axis = _quadrants(satisfaction.gap_table(survey)["expectation"], derived)
    if _is_mapping(answer) and dict(answer) == wrong_axis and wrong_axis != dict(expected):
        return (
            "Your performance axis is the mean expectation. Performance is what customers "
            "perceived: the mean of the perceive_ scores."
        )
    return None


# --------------------------------------------------------------------------- 7.5


def _recommend() -> pd.Series:
    return _survey()["likelihood_to_recommend"]


def _expected_nps() -> float:
    return satisfaction.net_promoter_score(_recommend())


def _nps_counts(answer: Any, expected: Any) -> str | None:
    scores = _recommend()
    if close_to(answer, int((scores >= 9).sum() - (scores <= 6).sum()), rel=1e-6):
        return (
            "You subtracted the number of detractors from the number of promoters. NPS is a "
            "difference of percentages: % promoters - % detractors, in points."
        )
    return None


def _nps_mean_score(answer: Any, expected: Any) -> str | None:
    if close_to(answer, float(_recommend().mean()), rel=1e-3):
        return (
            "That is the mean score on the 0-10 scale. NPS counts people: % promoters (9-10) "
            "- % detractors (0-6), in points."
        )
    return None


def _nps_with(promoter_from: int = 9, detractor_to: int = 6) -> float:
    scores = _recommend()
    return float(((scores >= promoter_from).mean() - (scores <= detractor_to).mean()) * 100)


def _nps_passives(answer: Any, expected: Any) -> str | None:
    scores = _recommend()
    variants = [
        ((scores >= 7).mean() - (scores <= 6).mean()) * 100,  # passives as promoters
        ((scores >= 9).mean() - (scores <= 8).mean()) * 100,  # passives as detractors
        ((scores >= 9).mean() - (scores <= 6).mean() - scores.between(7, 8).mean()) * 100,
    ]
    if any(close_to(answer, value, rel=1e-4) for value in variants):
        return (
            "Passives (7 and 8) count in neither group: they are only in the denominator. "
            "Promoters are 9-10, detractors 0-6."
        )
    return None


# --------------------------------------------------------------------------- 7.6


def _rates(start: int, end: int) -> pd.Series:
    table = satisfaction.repurchase_by_box(
        _survey(), _order_lines(), start_days=start, end_days=end
    )
    return table["rate"].rename(None)


def _expected_repurchase() -> pd.Series:
    return _rates(*satisfaction.REPURCHASE_WINDOW)


def _repurchase_before(answer: Any, expected: Any) -> str | None:
    if same_series(answer, _rates(-365, 0), rel=1e-3) or same_series(
        answer, _rates(-100_000, 0), rel=1e-3
    ):
        return (
            "You counted orders placed before the survey. What satisfaction leads to can only show "
            "after it: count orders 180 to 365 days after each respondent's own survey date."
        )
    return None


def _repurchase_window(answer: Any, expected: Any) -> str | None:
    if same_series(answer, _rates(0, 365), rel=1e-3) or same_series(
        answer, _rates(0, 100_000), rel=1e-3
    ):
        return (
            "Your window starts on the survey day. The lesson's repurchase starts 180 days after it, "
            "when orders already planned at survey time are done: (180, 365] days after."
        )
    return None


def _repurchase_counts(answer: Any, expected: Any) -> str | None:
    table = satisfaction.repurchase_by_box(_survey(), _order_lines())
    if same_series(answer, table["successes"].astype("float64"), rel=1e-9):
        return "These are numbers of respondents who ordered. The question asks for the share of each box."
    return None


# --------------------------------------------------------------------------- 7.7


def _lead(top_boxes: tuple[int, ...]) -> float:
    return float(satisfaction.top_box_lead(_survey(), _order_lines(), top_boxes)["lead"])


def _expected_lead() -> float:
    return _lead((5,))


def _lead_top_two(answer: Any, expected: Any) -> str | None:
    if close_to(answer, _lead((4, 5)), rel=1e-3):
        return (
            "You compared the top-two box (4 and 5) with 1-3. The question is about the top box: "
            "the respondents who chose 5 against everyone else (1-4)."
        )
    return None


def _lead_box_four(answer: Any, expected: Any) -> str | None:
    rates = _expected_repurchase()
    if close_to(answer, rates[5] - rates[4], rel=1e-3):
        return "You compared box 5 with box 4 only. 'Everyone else' is boxes 1-4 together."
    return None


# --------------------------------------------------------------------------- 7.8


def _expected_delivered_value() -> float:
    profile = satisfaction.survey_profile(_survey())
    return round(float(satisfaction.delivered_value(profile)["delivered_value"]), 4)


def _perceived_costs() -> tuple[float, float]:
    perception = satisfaction.scores(_survey(), "perceive").mean()
    value = float(perception[list(satisfaction.BENEFITS)].sum())
    return value, float(perception[list(satisfaction.COSTS)].sum())


def _costs_unconverted(answer: Any, expected: Any) -> str | None:
    value, perceived = _perceived_costs()
    if close_to(answer, value - perceived, rel=1e-3):
        return (
            "You subtracted the cost perception scores as they are. In the survey a high cost "
            "score means the cost felt low: turn each into how costly it felt, 8 - score, first."
        )
    return None


def _value_plus_cost(answer: Any, expected: Any) -> str | None:
    value, perceived = _perceived_costs()
    if close_to(answer, value + (32 - perceived), rel=1e-3) or close_to(
        answer, value + perceived, rel=1e-3
    ):
        return "Delivered value is total value minus total cost, not their sum."
    return None


# --------------------------------------------------------------------------- 7.9


def _expected_levers() -> dict[str, str]:
    return {case: lever for case, (lever, _) in satisfaction.CASES.items()}


def _mcdonalds_service(answer: Any, expected: Any) -> str | None:
    if _is_mapping(answer) and answer.get("mcdonalds_preorder") == "service":
        return (
            "Taking orders in the queue is a service, but what it lowers is a cost to the customer: "
            "which of the four costs does waiting belong to?"
        )
    return None


def _same_price_money(answer: Any, expected: Any) -> str | None:
    if _is_mapping(answer) and answer.get("same_price_all_month") == "money_cost":
        return (
            "The same price all month does not make anything cheaper. It removes a worry (buying "
            "the day before a price cut): which cost is that?"
        )
    return None


EXERCISES = [
    Exercise(
        id="7.1",
        chapter=CHAPTER,
        title="The top box",
        variable="top_box_share",
        points=2,
        expected=_expected_top_box,
        compare=compare.scalar(rel_tol=1e-4),
        hints=(
            "The top box is the highest answer of the 1-5 overall satisfaction scale: 5, 'very satisfied'.",
            "Share = respondents who chose 5 / all respondents, a fraction between 0 and 1.",
        ),
        diagnoses=(_top_two_box, _mean_as_share),
        section="How satisfied are the customers?",
    ),
    Exercise(
        id="7.2",
        chapter=CHAPTER,
        title="Which table gives which measure?",
        variable="measure_sources",
        points=2,
        expected=_expected_sources,
        data_free=True,
        compare=compare.classification("measures", SOURCES),
        hints=(
            "For each measure ask: what would I count, and which table records it? 'none' when no "
            "table can give it.",
            "Reputation shows in deeds (who brought whom), price sensitivity in what is bought at a discount.",
        ),
        diagnoses=(_recall_claimed, _reputation_survey),
        section="Measuring satisfaction",
    ),
    Exercise(
        id="7.3",
        chapter=CHAPTER,
        title="Gaps between perception and expectation",
        variable="component_gaps",
        points=2,
        expected=_expected_gaps,
        compare=compare.series(rel_tol=1e-3),
        hints=(
            "For each of the eight components, subtract the expect_ column from the perceive_ column.",
            "Take the mean over the respondents; index the Series by the component names "
            "(product, service, ..., physical_cost).",
        ),
        diagnoses=(_gap_reversed, _costs_flipped, _gap_half_done),
        section="Gap analysis",
    ),
    Exercise(
        id="7.4",
        chapter=CHAPTER,
        title="IPA quadrants under derived importance",
        variable="ipa_quadrants",
        points=3,
        expected=_expected_ipa,
        compare=compare.classification("components", tuple(satisfaction.QUADRANTS)),
        hints=(
            "Performance: each component's mean perception. Importance: its coefficient in the "
            "regression of overall satisfaction on the eight perception scores.",
            "Cross-hairs at the mean performance and the mean importance over the eight components; "
            "a point on a line counts as high. satisfaction.ipa_table does the sorting into quadrants.",
        ),
        diagnoses=(_ipa_stated, _ipa_expectation_axis),
        section="Importance-performance analysis",
    ),
    Exercise(
        id="7.5",
        chapter=CHAPTER,
        title="Net Promoter Score",
        variable="nps",
        points=2,
        expected=_expected_nps,
        compare=compare.scalar(rel_tol=1e-4),
        hints=(
            "Promoters answer 9 or 10, detractors 0 to 6; passives (7, 8) are in neither group.",
            "NPS = (share of promoters - share of detractors) x 100, in points between -100 and 100.",
        ),
        diagnoses=(_nps_counts, _nps_passives, _nps_mean_score),
        variants=(
            Variant(
                "Your detractors include the 7s. Detractors score 0 to 6; 7 and 8 are passives.",
                lambda: _nps_with(detractor_to=7),
                name="detractors_to_7",
            ),
            Variant(
                "Your promoters leave out the 9s (> 9 instead of >= 9). Promoters score 9 or 10.",
                lambda: _nps_with(promoter_from=10),
                name="promoters_from_10",
            ),
            Variant(
                "Your promoters include the 8s. Promoters score 9 or 10; 7 and 8 are passives.",
                lambda: _nps_with(promoter_from=8),
                name="promoters_from_8",
            ),
        ),
        section="Net Promoter Score",
    ),
    Exercise(
        id="7.6",
        chapter=CHAPTER,
        title="Repurchase by satisfaction box",
        variable="repurchase_rates",
        points=2,
        expected=_expected_repurchase,
        compare=compare.series(rel_tol=1e-4),
        hints=(
            "For every respondent, look for orders placed more than 180 and at most 365 days after "
            "their own survey_date.",
            "Per overall_satisfaction box, the share of respondents with at least one such order; "
            "index the Series by the box (1 to 5).",
        ),
        diagnoses=(_repurchase_before, _repurchase_window, _repurchase_counts),
        variants=(
            Variant(
                "Your window includes day 180 itself (>= 180); the lesson's window starts after "
                "it: more than 180 and at most 365 days after the survey.",
                lambda: _rates(
                    satisfaction.REPURCHASE_WINDOW[0] - 1, satisfaction.REPURCHASE_WINDOW[1]
                ),
                name="boundary_day_180",
            ),
        ),
        section="Satisfied is not loyal",
    ),
    Exercise(
        id="7.7",
        chapter=CHAPTER,
        title="How far ahead is the top box?",
        variable="top_box_lead",
        points=3,
        expected=_expected_lead,
        compare=compare.scalar(rel_tol=1e-3),
        hints=(
            "Split the respondents in two: the top box (5) and everyone else (1-4).",
            "Repurchase rate of each group (orders 180-365 days after the survey), then top minus rest, "
            "as a fraction. satisfaction.top_box_lead gives it with its interval.",
        ),
        diagnoses=(_lead_top_two, _lead_box_four),
        section="Satisfied is not loyal",
    ),
    Exercise(
        id="7.8",
        chapter=CHAPTER,
        title="The company's delivered value",
        variable="company_delivered_value",
        points=2,
        expected=_expected_delivered_value,
        compare=compare.scalar(rel_tol=1e-3),
        hints=(
            "Total value: the mean perception of product, service, personnel and image, added up.",
            "Total cost: for each cost, 8 - its mean perception (how costly it felt), added up. "
            "Delivered value = total value - total cost.",
        ),
        diagnoses=(_costs_unconverted, _value_plus_cost),
        section="Customer delivered value",
    ),
    Exercise(
        id="7.9",
        chapter=CHAPTER,
        title="Which lever does each case pull?",
        variable="case_levers",
        points=3,
        expected=_expected_levers,
        data_free=True,
        compare=compare.classification("cases", LEVERS),
        hints=(
            "Some cases manage what customers expect (promise less, guide the comparison); the others "
            "raise perception through one of the eight components.",
            "For a cost component, ask what the customer no longer has to spend: money, time, worry or effort.",
        ),
        diagnoses=(_mcdonalds_service, _same_price_money),
        section="Raising perception, managing expectation",
    ),
]

# In a grading kernel the answer key is locked: the expected-answer functions above refuse
# to run there, whether called through an exercise or directly.
guard_expected(globals())
