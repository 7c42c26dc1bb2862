"""Chapter 07 (satisfying customers): realistic wrong answers to every exercise.

The chapter's planted mistakes (tests/exercises/test_ch07.py, computed with the
library the way a student making them would) and the slips of form any answer
invites (a share given as a percentage, 1 minus a share, a list for a Series...).
"""

from __future__ import annotations

from crmkit import data, satisfaction
from crmkit.exercises import get_exercise

from tests.exercises import test_ch07 as chapter
from tests.exercises.wrong_answers.support import Wrong, form_slips, from_planted

KINDS = {
    "7.1/0": "parameters",
    "7.1/1": "aggregate",
    "7.1/2": "aggregate",
    "7.3/0": "far_off",
    "7.3/2": "scope",
    "7.5/0": "aggregate",
    "7.5/1": "parameters",
    "7.5/2": "parameters",
    "7.5/3": "far_off",
    "7.6/0": "scope",
    "7.6/1": "scope",
    "7.6/2": "aggregate",
    "7.7/0": "parameters",
    "7.7/1": "parameters",
    "7.7/2": "far_off",
}


def wrong_answers() -> dict[str, list[Wrong]]:
    planting = {
        **chapter.planted_survey(),
        **chapter.planted_loyalty(),
        **chapter.planted_ideas(),
    }
    suite = from_planted(planting, KINDS)
    suite["7.6"].append(Wrong(from_day_180(), "includes day 180", "scope"))
    # fresh answers from the audit
    survey = data.load_survey()
    scores = survey["likelihood_to_recommend"]
    suite["7.3"].append(
        Wrong(satisfaction.satisfaction_gaps(survey).median(), "median gaps", "aggregate")
    )
    suite["7.5"] += [
        Wrong(((scores >= 9).mean() - (scores <= 7).mean()) * 100, "include the 7s", "parameters"),
        Wrong(((scores > 9).mean() - (scores <= 6).mean()) * 100, "leave out the 9s", "parameters"),
    ]
    for exercise_id in suite:
        suite[exercise_id] += form_slips(get_exercise(exercise_id).expected_answer)
    return suite


def from_day_180() -> object:
    """Repurchase rates with the window starting on day 180 itself (>= 180 for > 180)."""
    start, end = satisfaction.REPURCHASE_WINDOW
    survey = data.load_survey()
    table = satisfaction.repurchase_by_box(
        survey, data.load_order_lines(), start_days=start - 1, end_days=end
    )
    return table["rate"].rename(None)
