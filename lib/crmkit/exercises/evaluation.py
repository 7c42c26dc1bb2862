"""Checking one answer against one exercise: the steps from the answer to its :class:`Feedback`.

In order: a placeholder ``...`` is "not attempted"; the expected answer is
computed (once); the comparator compares; when the answer is wrong, it is
compared with the exercise's scope variants (another year, another segment...)
and then its diagnoses are asked, in order, for a conceptual explanation; the
first one found leads the feedback (the comparator's problems follow).
Nothing here raises: whatever goes wrong becomes feedback with status "error".
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from crmkit.exercises.feedback import Feedback
from crmkit.exercises.lock import AnswerKeyLocked
from crmkit.exercises.render import points_text
from crmkit.exercises.safety import exception_text, private_copy

if TYPE_CHECKING:
    from crmkit.exercises.model import Exercise

NOT_ATTEMPTED = "Not attempted yet: replace the `...` with your code, then run this cell again."


def evaluate_answer(exercise: Exercise, answer: Any) -> Feedback:
    """Check ``answer`` against ``exercise`` without recording anything; never raises.

    >>> from crmkit.exercises import Exercise, compare
    >>> demo = Exercise("99.1", "99", "Demo", "x", 1, lambda: 1.0, compare.scalar())
    >>> evaluate_answer(demo, ...).status, evaluate_answer(demo, 1).status
    ('not_attempted', 'correct')
    """
    try:
        return _evaluate(exercise, answer)
    except Exception as exc:  # the last line of defence: check() must never raise
        return error_feedback(exercise.id, exercise.title, exercise.points, checker_failed(exc))


def _evaluate(exercise: Exercise, answer: Any) -> Feedback:
    if answer is Ellipsis:
        return _feedback(exercise, "not_attempted", NOT_ATTEMPTED)
    try:
        expected = exercise.expected_answer
    except AnswerKeyLocked as exc:
        return _feedback(exercise, "error", str(exc))
    except Exception as exc:
        return _feedback(
            exercise,
            "error",
            f"The expected answer could not be computed ({exception_text(exc)}). This is a "
            "problem with the course setup (is the datasets/ folder there?), not with your answer.",
        )
    try:
        ok, problems = _run_comparator(exercise, answer, expected)
    except Exception as exc:  # comparators from compare never raise; hand-written ones might
        return _feedback(
            exercise,
            "error",
            f"Your answer could not be compared with the expected one ({exception_text(exc)}). "
            "Check that it has the kind of value the exercise asks for.",
        )
    if ok:
        return _feedback(exercise, "correct", f"Correct! +{points_text(exercise.points)}", problems)
    found = _matching_variant(exercise, answer) or _first_diagnosis(exercise, answer, expected)
    if found is not None:
        name, message = found
        return _feedback(exercise, "incorrect", message, problems, diagnosis=name)
    if problems:
        return _feedback(exercise, "incorrect", problems[0], problems[1:])
    return _feedback(exercise, "incorrect", "Your answer is not correct yet.")


def _feedback(
    exercise: Exercise,
    status: str,
    message: str,
    details: tuple[str, ...] = (),
    diagnosis: str = "",
) -> Feedback:
    points = exercise.points if status == "correct" else 0
    step = next_step(exercise) if status == "incorrect" else ""
    return Feedback(
        exercise.id,
        exercise.title,
        status,
        points,
        exercise.points,
        message,
        details,
        diagnosis,
        step,
    )


def next_step(exercise: Exercise) -> str:
    """One thing to do after a wrong answer: ask for a hint, or re-read the lesson's section.

    >>> from crmkit.exercises import Exercise, compare
    >>> next_step(Exercise("99.1", "99", "Demo", "x", 1, lambda: 1.0, compare.scalar(),
    ...                    hints=("Add them up.",), section="Totals"))
    'Next step: re-read "Totals" in the lesson, or run hint("99.1") for a hint.'
    """
    hint_call = f'run hint("{exercise.id}") for a hint'
    if exercise.section and exercise.hints:
        return f'Next step: re-read "{exercise.section}" in the lesson, or {hint_call}.'
    if exercise.hints:
        return f"Next step: {hint_call}."
    if exercise.section:
        return f'Next step: re-read "{exercise.section}" in the lesson.'
    return ""


def _run_comparator(exercise: Exercise, answer: Any, expected: Any) -> tuple[bool, tuple[str, ...]]:
    verdict = exercise.compare(private_copy(answer), private_copy(expected))
    if isinstance(verdict, bool):  # a hand-written comparator may just say yes or no
        return verdict, ()
    return bool(verdict.ok), tuple(str(problem) for problem in verdict.problems)


def _matching_variant(exercise: Exercise, answer: Any) -> tuple[str, str] | None:
    """(name, message) of the first declared scope variant the answer equals, if any."""
    for variant, computed in zip(exercise.variants, exercise.variant_answers, strict=True):
        if computed is None:
            continue
        try:
            ok, _ = _run_comparator(exercise, answer, computed)
        except Exception:  # a variant that cannot be compared is simply not this answer
            continue
        if ok:
            return variant.name, variant.says
    return None


def _first_diagnosis(exercise: Exercise, answer: Any, expected: Any) -> tuple[str, str] | None:
    """(the diagnosis function's name, its message) of the first diagnosis that recognises the answer."""
    for diagnose in exercise.diagnoses:
        try:
            message = diagnose(private_copy(answer), private_copy(expected))
        except Exception:  # diagnoses are written for plausible answers; others may break them
            continue
        if isinstance(message, str) and message:
            return getattr(diagnose, "__name__", type(diagnose).__name__), message
    return None


def error_feedback(exercise_id: str, title: str, max_points: int, message: str) -> Feedback:
    """Feedback with status "error": the check itself could not run.

    >>> error_feedback("1.2", "", 3, "There is no exercise '1.2'.").status
    'error'
    """
    return Feedback(exercise_id, title, "error", 0, max_points, message)


def checker_failed(exc: BaseException) -> str:
    """The message for a checker that crashed: not the student's fault.

    >>> checker_failed(KeyError("x"))  # doctest: +ELLIPSIS
    "The checker itself failed (KeyError: 'x'). This is not your fault: ..."
    """
    return (
        f"The checker itself failed ({exception_text(exc)}). This is not your fault: tell your "
        "instructor, and carry on with the chapter."
    )
