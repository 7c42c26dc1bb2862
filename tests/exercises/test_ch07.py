"""Chapter 07's exercises: the shared contract, with planted mistakes.

The planted answers are computed here with the library's public functions, the way a
student making that mistake would compute them.
"""

from __future__ import annotations

from crmkit import data, satisfaction
from crmkit.exercises import ch07

from tests.exercises.contract import ChapterContract, Planted, Planting


def EXPECTED(exercise_id: str) -> object:  # noqa: N802 (reads like a constant lookup)
    return {item.id: item for item in ch07.EXERCISES}[exercise_id].expected()


def changed(base: dict[str, str], **changes: str) -> dict[str, str]:
    return {**base, **changes}


def planted_survey() -> Planting:
    """7.1 to 7.4: top box, gaps, NPS, IPA."""
    survey = data.load_survey()
    box, scores = survey["overall_satisfaction"], survey["likelihood_to_recommend"]
    gaps = satisfaction.gap_table(survey)
    flipped = gaps["gap"].copy()
    flipped[list(satisfaction.COSTS)] *= -1
    nps = satisfaction.net_promoter_score(scores)
    derived = satisfaction.derived_importance(survey)["coefficient"]
    stated = satisfaction.ipa_table(gaps["perception"], satisfaction.stated_importance(survey))
    by_expectation = satisfaction.ipa_table(gaps["expectation"], derived)
    return {
        "7.1": [
            Planted(box.ge(4).mean(), "top-two box"),
            Planted(box.mean() / 5, "mean score is not a share"),
            Planted(box.mean(), "mean score is not a share"),
        ],
        "7.3": [
            Planted(-gaps["gap"], "opposite sign"),
            Planted(flipped, "four cost gaps"),
            Planted(gaps["gap"].drop("image"), "missing 1"),
            Planted(
                survey[[f"perceive_{k}" for k in gaps.index]].mean().set_axis(gaps.index),
                "mean perceptions alone",
            ),
        ],
        "7.5": [
            Planted(int((scores >= 9).sum() - (scores <= 6).sum()), "difference of percentages"),
            Planted(((scores >= 7).mean() - (scores <= 6).mean()) * 100, "Passives"),
            Planted(((scores >= 9).mean() - (scores <= 8).mean()) * 100, "Passives"),
            Planted(nps / 100, "100 times smaller"),
            Planted(float(scores.mean()), "mean score on the 0-10 scale"),
        ],
        "7.4": [
            Planted(stated["quadrant"].to_dict(), "stated importance"),
            Planted(by_expectation["quadrant"].to_dict(), "mean expectation"),
            Planted(changed(EXPECTED("7.4"), image="concentrate here"), "Use only"),
        ],
    }


def planted_loyalty() -> Planting:
    """7.5 and 7.6: repurchase by box and the top box's lead."""
    survey, lines = data.load_survey(), data.load_order_lines()

    def rates(start: int, end: int) -> object:
        return satisfaction.repurchase_by_box(survey, lines, start_days=start, end_days=end)

    default = rates(180, 365)
    lead = satisfaction.top_box_lead
    return {
        "7.6": [
            Planted(rates(-365, 0)["rate"], "before the survey"),
            Planted(rates(0, 365)["rate"], "starts on the survey day"),
            Planted(default["successes"].astype("float64"), "numbers of respondents"),
        ],
        "7.7": [
            Planted(lead(survey, lines, (4, 5))["lead"], "top-two box"),
            Planted(default.loc[5, "rate"] - default.loc[4, "rate"], "box 4 only"),
            Planted(lead(survey, lines)["lead"] * 100, "percentage"),
        ],
    }


def planted_ideas() -> Planting:
    """7.7 to 7.9: measures, cases, delivered value."""
    sources = EXPECTED("7.2")
    levers = EXPECTED("7.9")
    perception = satisfaction.scores(data.load_survey(), "perceive").mean()
    value = perception[list(satisfaction.BENEFITS)].sum()
    perceived_costs = perception[list(satisfaction.COSTS)].sum()
    return {
        "7.2": [
            Planted(changed(sources, aided_recall="survey"), "Aided recall"),
            Planted(changed(sources, reputation="survey"), "intention"),
            Planted(changed(sources, price_sensitivity="survey"), "1 of the 6 measures"),
        ],
        "7.9": [
            Planted(changed(levers, mcdonalds_preorder="service"), "waiting"),
            Planted(changed(levers, same_price_all_month="money_cost"), "worry"),
            Planted(changed(levers, dell="service"), "1 of the 11 cases"),
        ],
        "7.8": [
            Planted(value - perceived_costs, "8 - score"),
            Planted(value + (32 - perceived_costs), "not their sum"),
        ],
    }


class TestContract(ChapterContract):
    chapter = ch07
    min_diagnoses = 2

    def planted(self) -> Planting:
        return {**planted_survey(), **planted_loyalty(), **planted_ideas()}


def test_the_chapter_has_its_exercises() -> None:
    assert [exercise.id for exercise in ch07.EXERCISES] == [f"7.{k}" for k in range(1, 10)]
    decisions = {"7.1", "7.2", "7.4", "7.7", "7.9"}
    points = {exercise.id: exercise.points for exercise in ch07.EXERCISES}
    assert sum(points[k] for k in decisions) > sum(points.values()) / 2


def test_classification_feedback_never_names_the_expected_labels() -> None:
    from crmkit.exercises import evaluate

    levers = EXPECTED("7.9")
    answer = changed(levers, intel="personnel", li_suli="product")
    message = str(evaluate("7.9", answer))
    assert "2 of the 11 cases" in message and "intel" not in message


def test_the_top_box_leads_clearly() -> None:
    assert EXPECTED("7.7") > 0.1
