"""Where an answer came from: typed in from the published data, or taken from the answer key.

With twin data (:mod:`crmkit.grading.twin`), an answer that is wrong on the twin
but right on the published course data was almost certainly typed in (copied
from a classmate's or a stored output) rather than computed: :func:`recheck`
turns its feedback into a plain statement of that. An answer that the locked
answer key refused in the kernel (:mod:`crmkit.exercises.lock`) shows up as an
``AnswerKeyLocked`` error: :func:`outcome_flags` flags it. Neither earns points.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from crmkit.exercises import Exercise, Feedback
from crmkit.exercises.safety import private_copy

TYPED_IN = "typed_in_published_value"
TYPED_IN_MESSAGE = (
    "Your answer matches the published data, not the grading data: was the value typed in? "
    "The grader runs your notebook on a twin of the course data (same kind of company, other "
    "numbers), so only an answer computed by your code is right there."
)
TYPED_IN_FLAG = "answers match the published data, not the grading data (typed in?)"
LOCKED_FLAG = "asked for the answer key in the grading kernel (refused)"
LOCKED_ERROR = "AnswerKeyLocked"


def matches(exercise: Exercise, answer: Any, expected: Any) -> bool:
    """Whether the exercise's comparator accepts ``answer`` for ``expected`` (never raises).

    >>> from crmkit.exercises import compare
    >>> demo = Exercise("99.1", "99", "Demo", "x", 1, lambda: 1.0, compare.scalar())
    >>> matches(demo, 2.0, 2.0), matches(demo, 2.0, 3.0)
    (True, False)
    """
    try:
        verdict = exercise.compare(private_copy(answer), private_copy(expected))
    except Exception:  # a comparator that breaks on this answer does not accept it
        return False
    return bool(verdict) if isinstance(verdict, bool) else bool(getattr(verdict, "ok", False))


def recheck(
    exercise: Exercise, answer: Any, feedback: Feedback, published: dict[str, Any] | None
) -> Feedback:
    """``feedback`` for an answer checked on the twin; says so when it fits the published data.

    ``published`` maps exercise ids to their expected answers on the published
    course data (None: grading ran on the course data, nothing to recheck). Data-free
    exercises, correct answers and missing or unreadable ones are left as they are.

    >>> from crmkit.exercises import compare
    >>> demo = Exercise("99.1", "99", "Demo", "x", 1, lambda: 7.0, compare.scalar())
    >>> wrong = demo.evaluate(5.0)
    >>> recheck(demo, 5.0, wrong, {"99.1": 5.0}).diagnosis
    'typed_in_published_value'
    >>> recheck(demo, 4.0, wrong, {"99.1": 5.0}) is wrong
    True
    """
    if (
        published is None
        or exercise.data_free
        or feedback.status != "incorrect"
        or exercise.id not in published
        or not matches(exercise, answer, published[exercise.id])
    ):
        return feedback
    return replace(feedback, points=0, message=TYPED_IN_MESSAGE, details=(), diagnosis=TYPED_IN)


def typed_in(feedback: Sequence[Feedback]) -> list[str]:
    """The ids of the exercises whose answer matched the published data only.

    >>> typed_in([Feedback("1.2", "T", "incorrect", 0, 2, "m", diagnosis=TYPED_IN)])
    ['1.2']
    """
    return [f.exercise_id for f in feedback if f.diagnosis == TYPED_IN]


def outcome_flags(outcome: dict[str, Any], feedback: Sequence[Feedback]) -> list[str]:
    """Flags about the answers' origin: typed-in published values, a refused answer key.

    >>> outcome_flags({"errors": [{"cell": 3, "ename": "AnswerKeyLocked"}]}, [])
    ['asked for the answer key in the grading kernel (refused)']
    """
    found = []
    copied = typed_in(feedback)
    if copied:
        found.append(f"{TYPED_IN_FLAG}: {', '.join(copied)}")
    errors = outcome.get("errors") or [] if isinstance(outcome, dict) else []
    if any(str(error.get("ename", "")) == LOCKED_ERROR for error in errors):
        found.append(LOCKED_FLAG)
    return found


def expected_answers(exercises: Sequence[Exercise]) -> dict[str, Any]:
    """Each exercise's expected answer on the data in use now (those that can be computed).

    >>> from crmkit.exercises import compare
    >>> expected_answers([Exercise("99.1", "99", "Demo", "x", 1, lambda: 7.0, compare.scalar())])
    {'99.1': 7.0}
    """
    found = {}
    for exercise in exercises:
        try:
            found[exercise.id] = private_copy(exercise.expected_answer)
        except Exception:  # evaluate() reports the same problem per exercise
            continue
    return found
