"""The student's session: ``check``, ``hint`` and ``progress``, and what they remember.

Session state (attempts, hints shown) lives in module-level dicts: it belongs
to one Python process, that is one notebook kernel. :func:`evaluate` checks
without remembering anything (the grader uses it); :func:`check` also records
the result for :func:`progress`; :func:`hint` shows the next hint each time.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator
from typing import Any

from crmkit.exercises.evaluation import checker_failed, error_feedback
from crmkit.exercises.feedback import Feedback, Hint, Progress, ProgressRow
from crmkit.exercises.model import Exercise, chapter_code, sort_key
from crmkit.exercises.registry import (
    LOCK,
    all_exercises,
    exercises_for_chapter,
    get_exercise,
    lookup,
    temporarily_known,
)

_ATTEMPTS: dict[str, list[str]] = {}  # exercise id -> statuses of its checks, in order
_HINTS_SHOWN: dict[str, int] = {}  # exercise id -> how many hints were shown


def evaluate(exercise_id: str, answer: Any) -> Feedback:
    """Check ``answer`` for exercise ``exercise_id`` without recording it. Never raises.

    >>> evaluate("99.9", 42).status
    'error'
    """
    if not isinstance(exercise_id, str):
        return error_feedback(
            str(exercise_id),
            "",
            0,
            'Write the exercise number as text in quotes, for example check("1.2", answer).',
        )
    try:
        exercise = get_exercise(exercise_id)
    except ValueError as exc:
        return error_feedback(exercise_id, "", 0, f"{exc} Check the number in this cell.")
    except Exception as exc:  # a broken chapter module must not break the student's check
        return error_feedback(exercise_id, "", 0, checker_failed(exc))
    return exercise.evaluate(answer)


def check(exercise_id: str, answer: Any) -> Feedback:
    """Check your answer to an exercise and remember the result for :func:`progress`.

    Never raises: an unknown id or a checker problem gives feedback with status "error".

    >>> check("99.9", ...).status
    'error'
    """
    feedback = evaluate(exercise_id, answer)
    record(feedback)
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
        return Hint(str(exercise_id), "", 0, 0, checker_failed(exc))
    return make_hint(exercise, next_hint_number(exercise.id))


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
        "" if exercises or chapter is None else f"No exercises in chapter {chapter_code(chapter)}."
    )
    return Progress(progress_rows(exercises), note=note)


# --------------------------------------------------------------------------- session state


def record(feedback: Feedback) -> None:
    """Remember a check for progress(); placeholders (...) and unknown ids are not attempts.

    >>> record(evaluate("99.9", 1))  # an unknown id: nothing to remember
    """
    if feedback.status == "not_attempted" or _lookup_quietly(feedback.exercise_id) is None:
        return
    with LOCK:
        _ATTEMPTS.setdefault(feedback.exercise_id, []).append(feedback.status)


def _lookup_quietly(exercise_id: str) -> Exercise | None:
    try:
        return lookup(exercise_id)
    except Exception:
        return None


def next_hint_number(exercise_id: str) -> int:
    """Count one more hint for ``exercise_id`` and return its number (1 for the first).

    >>> reset_session()
    >>> next_hint_number("99.1"), next_hint_number("99.1")
    (1, 2)
    >>> reset_session()
    """
    with LOCK:
        _HINTS_SHOWN[exercise_id] = _HINTS_SHOWN.get(exercise_id, 0) + 1
        return _HINTS_SHOWN[exercise_id]


def reset_session() -> None:
    """Forget all attempts and hints shown in this session.

    >>> reset_session()
    """
    with LOCK:
        _ATTEMPTS.clear()
        _HINTS_SHOWN.clear()


@contextlib.contextmanager
def registered(exercises: Iterable[Exercise], *, alone: bool = False) -> Iterator[list[Exercise]]:
    """Make ``exercises`` known inside a ``with`` block (for tests and examples).

    Their session state (attempts, hints) is forgotten when the block ends. With
    ``alone=True`` they are the only exercises known in the block (the chapter
    modules are neither imported nor shown).

    >>> from crmkit.exercises import compare
    >>> demo = Exercise(id="99.1", chapter="99", title="Demo", variable="x", points=1,
    ...                 expected=lambda: 1, compare=compare.scalar())
    >>> with registered([demo]):
    ...     get_exercise("99.1").title
    'Demo'
    """
    with temporarily_known(exercises, alone=alone) as added:
        try:
            yield added
        finally:
            with LOCK:
                for exercise in added:
                    _ATTEMPTS.pop(exercise.id, None)
                    _HINTS_SHOWN.pop(exercise.id, None)


# --------------------------------------------------------------------------- hints


def where_to_look(exercise: Exercise) -> str:
    """Where to look when the hints are used up: the lesson section before the exercise.

    >>> from crmkit.exercises import compare
    >>> demo = Exercise("99.1", "99", "Demo", "x", 1, lambda: 1, compare.scalar(), section="Totals")
    >>> where_to_look(demo)  # doctest: +ELLIPSIS
    'Re-read the section "Totals" just before this exercise in chapter 99, ...'
    """
    section = f'the section "{exercise.section}"' if exercise.section else "the lesson section"
    return (
        f"Re-read {section} just before this exercise in chapter {exercise.chapter}, try the "
        "examples there on a few rows, then check again. (Worked solutions are kept for "
        "instructors.)"
    )


def make_hint(exercise: Exercise, number: int) -> Hint:
    """Hint ``number`` (1-based) of ``exercise``, or the 'no more hints' message.

    >>> from crmkit.exercises import compare
    >>> demo = Exercise("99.1", "99", "Demo", "x", 1, lambda: 1, compare.scalar(), ["Sum it."])
    >>> make_hint(demo, 1)
    Hint 1 of 1 for exercise 99.1 (Demo): Sum it.
    >>> make_hint(demo, 2).heading
    'No more hints for exercise 99.1 (Demo)'
    """
    total = len(exercise.hints)
    if 1 <= number <= total:
        return Hint(exercise.id, exercise.title, number, total, exercise.hints[number - 1])
    if total == 0:
        return Hint(
            exercise.id,
            exercise.title,
            0,
            0,
            f"This exercise has no hints. {where_to_look(exercise)}",
        )
    recap = "\n".join(f"{i}. {text}" for i, text in enumerate(exercise.hints, start=1))
    seen = "You have seen the only hint." if total == 1 else f"You have seen all {total} hints."
    text = f"{seen} {where_to_look(exercise)}\nThe hints again:\n{recap}"
    return Hint(exercise.id, exercise.title, 0, total, text)


# --------------------------------------------------------------------------- progress


def progress_rows(exercises: Iterable[Exercise]) -> tuple[ProgressRow, ...]:
    """A progress row per exercise, from this session's checks (the latest check counts).

    >>> from crmkit.exercises import compare
    >>> demo = Exercise("99.1", "99", "Demo", "x", 1, lambda: 1, compare.scalar())
    >>> with registered([demo]):
    ...     _ = check("99.1", 1)
    ...     progress_rows([demo])[0].status
    'correct'
    """
    with LOCK:
        attempts = {key: list(value) for key, value in _ATTEMPTS.items()}
    rows = []
    for exercise in sorted(exercises, key=sort_key):
        statuses = attempts.get(exercise.id, [])
        status = (
            "not yet" if not statuses else ("correct" if statuses[-1] == "correct" else "tried")
        )
        points = exercise.points if status == "correct" else 0
        rows.append(
            ProgressRow(
                exercise.id,
                exercise.chapter,
                exercise.title,
                status,
                points,
                exercise.points,
                len(statuses),
            )
        )
    return tuple(rows)
