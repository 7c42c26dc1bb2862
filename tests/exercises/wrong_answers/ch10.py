"""Chapter 10 (the capstone): realistic wrong answers to every exercise.

The chapter's planted mistakes (tests/exercises/test_ch10.py), the wrong scopes its
exercises declare, a few more, and the slips of form any answer invites.
"""

from __future__ import annotations

from crmkit.exercises import ch10, get_exercise

from tests.exercises import test_ch10 as chapter
from tests.exercises.wrong_answers.support import Wrong, form_slips, from_planted

KINDS = {
    "10.1": "aggregate",
    "10.2/0": "scope",
    "10.2/1": "aggregate",
    "10.2/2": "aggregate",
    "10.3/0": "parameters",
    "10.3/1": "concept",
    "10.3/2": "aggregate",
    "10.4/0": "parameters",
    "10.4/1": "scope",
    "10.4/2": "inverted",
    "10.5/0": "inverted",
    "10.5/1": "odd_type",
    "10.6/0": "inverted",
    "10.6/1": "aggregate",
    "10.7/0": "scope",
    "10.7/1": "parameters",
    "10.7/2": "parameters",
    "10.8": "concept",
    "10.9": "scope",
}


def wrong_answers() -> dict[str, list[Wrong]]:
    planting = {
        **chapter.planted_money(),
        **chapter.planted_service(),
        **chapter.planted_retention(),
    }
    suite = from_planted(planting, KINDS)
    for exercise_id, wrongs in scopes().items():
        suite[exercise_id] += wrongs
    for exercise_id in suite:
        suite[exercise_id] += form_slips(get_exercise(exercise_id).expected_answer)
    return suite


def scopes() -> dict[str, list[Wrong]]:
    """The declared wrong scopes, and a few answers of the wrong kind."""
    profit = ch10._expected_profit()
    return {
        "10.1": [
            Wrong(ch10._expected_mrr("2025-11-01"), "November", "scope"),
            Wrong(12 * ch10._expected_mrr(), "12", "far_off"),
        ],
        "10.2": [Wrong(-ch10._loss(profit), "sign", "far_off")],
        "10.5": [
            Wrong(str(ch10._expected_gaps().idxmin()).upper(), "capital", "odd_type"),
            Wrong(
                str(ch10._expected_gaps().drop(ch10._expected_gaps().idxmin()).idxmin()),
                "most negative",
                "concept",
            ),
        ],
        "10.6": [Wrong(ch10._expected_stayed("2025-06-01"), "June 2025", "scope")],
        "10.8": [Wrong(ch10._expected_sbg(ch10.HORIZON), "every month", "scope")],
    }
