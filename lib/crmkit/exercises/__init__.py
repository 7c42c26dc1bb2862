"""Exercise checks and hints for the course notebooks.

In a notebook, write your answer, then check it:

    answer = ...            # your code here
    check("1.2", answer)    # Correct! / what differs / not attempted yet
    hint("1.2")             # the next hint, one at a time
    progress()              # what you have checked so far

Each chapter's exercises live in a module ``ch00``, ``ch01``, ... of this package,
as a list ``EXERCISES``; they are found automatically on first use. The grader
uses :func:`evaluate`, which records nothing.

>>> from crmkit.exercises import Exercise, check, compare, core
>>> demo = Exercise(id="99.1", chapter="99", title="Total revenue", variable="total",
...                 points=2, expected=lambda: 150.0, compare=compare.scalar())
>>> with core.registered([demo]):
...     check("99.1", 1.5)  # doctest: +NORMALIZE_WHITESPACE
Exercise 99.1 (Total revenue): not correct yet (0 of 2 points).
Your answer is 100 times smaller than the expected value: it looks like a fraction
(like 0.25) where a percentage (like 25) is expected. Tip: multiply by 100.
"""

from __future__ import annotations

import importlib
from typing import Any

from crmkit.exercises import core
from crmkit.exercises.core import Exercise, Feedback, Hint, Progress

__all__ = [
    "Exercise",
    "Feedback",
    "Hint",
    "Progress",
    "all_exercises",
    "check",
    "evaluate",
    "exercises_for_chapter",
    "get_exercise",
    "hint",
    "progress",
]


def __getattr__(name: str) -> Any:
    # compare imports pandas; load it only when a chapter module or a user asks for it.
    if name == "compare":
        return importlib.import_module("crmkit.exercises.compare")
    raise AttributeError(f"module 'crmkit.exercises' has no attribute {name!r}")


def get_exercise(exercise_id: str) -> Exercise:
    """The exercise with this id, like "1.3". Unknown id: ValueError listing the known ids.

    >>> get_exercise("99.9")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: There is no exercise '99.9'. Known exercises: ...
    """
    exercise = core._lookup(exercise_id) if isinstance(exercise_id, str) else None
    if exercise is None:
        known = ", ".join(exercise.id for exercise in all_exercises()) or "none"
        raise ValueError(f"There is no exercise {exercise_id!r}. Known exercises: {known}.")
    return exercise


def all_exercises() -> list[Exercise]:
    """Every exercise of the course, in order (chapter, then number).

    >>> all(isinstance(exercise, Exercise) for exercise in all_exercises())
    True
    """
    return sorted(core._registry().values(), key=core.sort_key)


def exercises_for_chapter(chapter: str | int) -> list[Exercise]:
    """The exercises of one chapter, in order: 1, "01" and "01-recognising-customers" all work.

    >>> exercises_for_chapter("99-no-such-chapter")
    []
    """
    code = core._chapter_code(chapter)
    return [exercise for exercise in all_exercises() if exercise.chapter == code]


def evaluate(exercise_id: str, answer: Any) -> Feedback:
    """Check ``answer`` for exercise ``exercise_id`` without recording it. Never raises.

    >>> evaluate("99.9", 42).status
    'error'
    """
    if not isinstance(exercise_id, str):
        return core._error_feedback(
            str(exercise_id),
            "",
            0,
            'Write the exercise number as text in quotes, for example check("1.2", answer).',
        )
    try:
        exercise = get_exercise(exercise_id)
    except ValueError as exc:
        return core._error_feedback(exercise_id, "", 0, f"{exc} Check the number in this cell.")
    except Exception as exc:  # a broken chapter module must not break the student's check
        return core._error_feedback(exercise_id, "", 0, core._checker_failed(exc))
    return exercise.evaluate(answer)


def check(exercise_id: str, answer: Any) -> Feedback:
    """Check your answer to an exercise and remember the result for :func:`progress`.

    Never raises: an unknown id or a checker problem gives feedback with status "error".

    >>> check("99.9", ...).status
    'error'
    """
    feedback = evaluate(exercise_id, answer)
    core.record(feedback)
    return feedback


def hint(exercise_id: str) -> Hint:
    """The next hint for an exercise: the first call shows hint 1, the next call hint 2...

    After the last hint it says so and where to look. Never raises.

    >>> hint("99.9").text.startswith("There is no exercise '99.9'.")
    True
    """
    try:
        exercise = get_exercise(exercise_id)
    except ValueError as exc:
        return Hint(str(exercise_id), "", 0, 0, f"{exc} Check the number in this cell.")
    except Exception as exc:
        return Hint(str(exercise_id), "", 0, 0, core._checker_failed(exc))
    return core.make_hint(exercise, core.next_hint_number(exercise.id))


def progress(chapter: str | int | None = None) -> Progress:
    """Your progress in this session: every exercise (of one chapter, if given) and its status.

    Status is "correct" or "tried" after the latest check, else "not yet".
    ``.to_frame()`` gives the same as a DataFrame.

    >>> progress("99")
    No exercises in chapter 99.
    """
    try:
        exercises = all_exercises() if chapter is None else exercises_for_chapter(chapter)
    except ValueError as exc:
        return Progress((), note=str(exc))
    note = (
        ""
        if exercises or chapter is None
        else f"No exercises in chapter {core._chapter_code(chapter)}."
    )
    return Progress(core.progress_rows(exercises), note=note)
