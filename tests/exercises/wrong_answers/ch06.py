"""Chapter 06 (communicating with customers): realistic wrong answers to every exercise.

The chapter's planted mistakes (tests/exercises/test_ch06.py, computed with the
library the way a student making them would) and the slips of form any answer
invites (a share given as a percentage, 1 minus a share, a list for a Series...).
"""

from __future__ import annotations

from crmkit import communication, data
from crmkit.exercises import get_exercise

from tests.exercises import test_ch06 as chapter
from tests.exercises.wrong_answers.support import Wrong, form_slips, from_planted

KINDS = {
    "6.1": "concept",
    "6.2/0": "scope",
    "6.2/1": "aggregate",
    "6.2/2": "far_off",
    "6.3": "parameters",
    "6.4/0": "scope",
    "6.4/2": "aggregate",
    "6.5": "concept",
    "6.6/0": "inverted",
    "6.6/1": "parameters",
    "6.6/2": "concept",
    "6.6/3": "scope",
    "6.7/0": "aggregate",
    "6.7/1": "scope",
    "6.7/2": "aggregate",
    "6.8": "concept",
    "6.9": "concept",
}


def wrong_answers() -> dict[str, list[Wrong]]:
    planting = {
        **chapter.planted_channels(),
        **chapter.planted_complaints(),
        **chapter.planted_wording(),
    }
    suite = from_planted(planting, KINDS)
    complaints = data.load_complaints()
    last_year = complaints[complaints["complaint_date"].dt.year == 2024]
    silent = float(communication.iceberg_estimate(len(last_year))["silent"])
    suite["6.6"].append(Wrong(silent, "complaints of 2024", "scope"))
    suite["6.7"].append(Wrong(last_year["people_told"].sum() / 12, "complaints of 2024", "scope"))
    # fresh answers from the audit: every direction, the missing 'responded' skipped
    comms = data.load_communications()
    every_direction = comms.groupby("channel", observed=True)["responded"].mean()
    suite["6.2"].append(Wrong(every_direction, "inbound rows", "scope"))
    for exercise_id in suite:
        suite[exercise_id] += form_slips(get_exercise(exercise_id).expected_answer)
    return suite
