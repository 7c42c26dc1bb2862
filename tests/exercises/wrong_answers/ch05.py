"""Chapter 05 (tiering customers): realistic wrong answers to every exercise.

The chapter's planted mistakes (tests/exercises/test_ch05.py, computed with the
library the way a student making them would) and the slips of form any answer
invites (a share given as a percentage, 1 minus a share, a list for a Series...).
"""

from __future__ import annotations

from crmkit import data, tiers
from crmkit.exercises import ch05, get_exercise

from tests.exercises import test_ch05 as chapter
from tests.exercises.wrong_answers.support import Wrong, form_slips, from_planted

KINDS = {
    "5.1/0": "concept",
    "5.1/1": "aggregate",
    "5.1/2": "scope",
    "5.1/3": "scope",
    "5.2": "parameters",
    "5.3/0": "parameters",
    "5.3/2": "scope",
    "5.3/3": "parameters",
    "5.5/0": "aggregate",
    "5.5/1": "aggregate",
    "5.5/4": "parameters",
    "5.6/0": "aggregate",
    "5.6/1": "aggregate",
    "5.6/2": "aggregate",
    "5.7/0": "aggregate",
    "5.7/2": "scope",
    "5.8/0": "aggregate",
    "5.8/2": "scope",
}


def wrong_answers() -> dict[str, list[Wrong]]:
    planting = {
        **chapter.planted_groups(),
        **chapter.planted_rfm(),
        **chapter.planted_pyramid(),
        **chapter.planted_policy(),
    }
    suite = from_planted(planting, KINDS)
    for exercise_id, wrongs in scopes().items():
        suite[exercise_id] += wrongs
    for exercise_id in suite:
        suite[exercise_id] += form_slips(get_exercise(exercise_id).expected_answer)
    return suite


def scopes() -> dict[str, list[Wrong]]:
    """The same computations on the wrong year or period."""
    last_year = chapter.year(2024)
    labels = tiers.pyramid_tiers(last_year["profit"])
    business = chapter.year()[chapter.year().index.str.startswith("B")]
    groups = tiers.customer_groups(business["profit"])
    every_visit = tiers.selling_time(data.load_service_events(), groups)
    return {
        "5.5": [
            Wrong(
                chapter.pyramid_shares(last_year, "profit_share", ch05.EXERCISE_CUTOFFS),
                "2024",
                "scope",
            )
        ],
        "5.7": [Wrong(tiers.move_up_effect(last_year, labels)["profit_gain"], "2024", "scope")],
        "5.8": [Wrong(float(every_visit.loc["key", "time_share"]), "every year", "scope")],
    }
