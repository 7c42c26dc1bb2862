"""A fake chapter 98 (and 97) for testing the exercise machinery without the course data."""

from __future__ import annotations

from typing import Any

import pandas as pd
from crmkit.exercises import Exercise, compare

ORDERS = pd.Series([3, 1, 2], index=pd.Index(["C1", "C2", "C3"], name="customer_id"), name="orders")
CALLS = {"expected": 0}


def expected_share() -> float:
    CALLS["expected"] += 1
    return 0.25


def counted_everything(answer: Any, expected: Any) -> str | None:
    if answer == expected.sum():
        return "You counted the orders of all customers together: <group> by customer_id first."
    return None


def broken_diagnosis(answer: Any, expected: Any) -> str | None:
    raise RuntimeError("this diagnosis only understands Series")


def crashing_comparator(answer: Any, expected: Any) -> compare.Verdict:
    raise KeyError("boom")


def meddling_comparator(answer: Any, expected: Any) -> bool:
    """Tries to change the answer: the student's object must stay as it was."""
    answer["extra"] = 1
    answer.sort_values("x", inplace=True)
    return False


def make_fake_chapter() -> list[Exercise]:
    return [
        Exercise(
            id="98.1",
            chapter="98",
            title="Orders per customer",
            variable="orders",
            points=3,
            expected=lambda: ORDERS,
            compare=compare.series(),
            hints=("Group by customer_id.", "Count with .size()."),
            diagnoses=(broken_diagnosis, counted_everything),
            section="Counting orders",
        ),
        Exercise(
            id="98.2",
            chapter=98,
            title="Share of repeat buyers",
            variable="share",
            points=1,
            expected=expected_share,
            compare=compare.scalar(),
        ),
        Exercise(
            id="98.10",
            chapter="98-fake-chapter",
            title="Broken data",
            variable="broken",
            points=2,
            expected=lambda: 1 / 0,
            compare=compare.scalar(),
            hints=["Only one hint."],
        ),
        Exercise(
            id="97.1",
            chapter="97",
            title="Crashing check",
            variable="crash",
            points=1,
            expected=lambda: 1,
            compare=crashing_comparator,
        ),
        Exercise(
            id="97.2",
            chapter="97",
            title="Meddling check",
            variable="meddle",
            points=1,
            expected=lambda: 1,
            compare=meddling_comparator,
            diagnoses=(lambda answer, expected: answer.drop(columns="x", inplace=True),),
        ),
    ]
