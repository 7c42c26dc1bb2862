"""What an exercise is: :class:`Exercise`, its id and chapter, and the checks on its definition.

An exercise says what answer is expected and how to compare an answer with it;
:meth:`Exercise.evaluate` checks one answer (see :mod:`crmkit.exercises.evaluation`).
This module imports neither pandas nor numpy, so that ``import crmkit.exercises``
stays fast.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any

from crmkit.exercises.evaluation import evaluate_answer
from crmkit.exercises.lock import guarded

if TYPE_CHECKING:
    from crmkit.exercises.compare import Comparator
    from crmkit.exercises.feedback import Feedback

Diagnosis = Callable[[Any, Any], "str | None"]


@dataclass(frozen=True)
class Variant:
    """A plausible wrong scope of an exercise: its expected answer computed another way.

    ``expected`` computes the answer a student would get with the wrong scope (another
    year, the other segment, a boundary that drops the last day, records that should
    have been excluded), usually the exercise's own expected-answer function called
    with changed arguments. ``says`` is the feedback when an answer matches it; it
    names the scope, never the expected answer. ``name`` names it in
    :attr:`Feedback.diagnosis` (default: ``"variant: "`` and the start of ``says``).

    >>> all_years = Variant("This is the figure for all years; the question asks for 2025.",
    ...                     lambda: 300.0, name="all_years")
    >>> all_years.name
    'all_years'
    """

    says: str
    expected: Callable[[], Any]
    name: str = ""

    def __post_init__(self) -> None:
        if not isinstance(self.says, str) or not self.says.strip():
            raise ExerciseDefinitionError("Variant: says must be non-empty text.")
        if not callable(self.expected):
            raise ExerciseDefinitionError("Variant: expected must be a function.")
        if not self.name:
            object.__setattr__(self, "name", "variant: " + self.says[:40])
        object.__setattr__(self, "expected", guarded(self.expected))

_ID_PATTERN = re.compile(r"^\s*0*(\d+)\.0*(\d+)\s*$")
_CHAPTER_PATTERN = re.compile(r"^\s*(?:ch)?0*(\d+)(?:[-_ ].*)?$", re.IGNORECASE)


class ExerciseDefinitionError(RuntimeError):
    """A chapter module defines its exercises wrongly (an author's mistake, not a student's).

    >>> issubclass(ExerciseDefinitionError, RuntimeError)
    True
    """


@dataclass(frozen=True)
class Exercise:
    """One exercise: what answer is expected and how to compare an answer with it.

    ``expected`` is a function without arguments that computes the expected
    answer (from the course data, with crmkit's own functions); it runs once, on
    first use. ``compare`` is a comparator from :mod:`crmkit.exercises.compare`.
    ``diagnoses`` are functions ``(answer, expected) -> message or None`` that
    name a likely conceptual mistake; the first message found leads the feedback.
    ``section`` (optional) names the lesson section to re-read.
    ``data_free`` says the expected answer does not depend on the course data
    (a classification, a definition): grading on twin data changes nothing for it.
    ``variants`` are the plausible wrong scopes (:class:`Variant`); an answer equal to
    one of them is told which scope it used, before any diagnosis is asked.

    In a grading kernel the answer key is locked (:mod:`crmkit.exercises.lock`):
    ``expected()`` and ``expected_answer`` raise ``AnswerKeyLocked`` there.

    >>> from crmkit.exercises import compare
    >>> total = Exercise(id="99.1", chapter="99", title="Total revenue", variable="total",
    ...                  points=2, expected=lambda: 150.0, compare=compare.scalar())
    >>> total.evaluate(150)
    Exercise 99.1 (Total revenue): Correct! +2 points
    """

    id: str
    chapter: str
    title: str
    variable: str
    points: int
    expected: Callable[[], Any]
    compare: Comparator
    hints: tuple[str, ...] = ()
    diagnoses: tuple[Diagnosis, ...] = ()
    section: str = ""
    data_free: bool = False
    variants: tuple[Variant, ...] = ()

    def __post_init__(self) -> None:
        # Coerce friendly spellings (chapter 1, lists of hints) once, then validate.
        object.__setattr__(self, "chapter", chapter_code(self.chapter))
        hints = (self.hints,) if isinstance(self.hints, str) else tuple(self.hints)
        object.__setattr__(self, "hints", hints)
        object.__setattr__(self, "diagnoses", tuple(self.diagnoses))
        object.__setattr__(self, "variants", tuple(self.variants))
        if callable(self.expected):
            object.__setattr__(self, "expected", guarded(self.expected))
        problems = _definition_problems(self)
        if problems:
            raise ExerciseDefinitionError(f"Exercise {self.id!r}: " + "; ".join(problems) + ".")

    @cached_property
    def expected_answer(self) -> Any:
        """The expected answer, computed on first use and then kept (see :meth:`forget_expected`)."""
        return self.expected()

    def forget_expected(self) -> None:
        """Compute the expected answer again on next use (after the data folder changed).

        >>> from crmkit.exercises import compare
        >>> demo = Exercise("99.1", "99", "Demo", "x", 1, lambda: 1.0, compare.scalar())
        >>> demo.expected_answer, demo.forget_expected(), "expected_answer" in vars(demo)
        (1.0, None, False)
        """
        self.__dict__.pop("expected_answer", None)
        self.__dict__.pop("variant_answers", None)

    @cached_property
    def variant_answers(self) -> tuple[Any, ...]:
        """Each variant's answer, computed on first use; ``None`` for one that could not be."""
        answers = []
        for variant in self.variants:
            try:
                answers.append(variant.expected())
            except Exception:  # a variant is a courtesy: one that breaks is skipped
                answers.append(None)
        return tuple(answers)

    @property
    def number(self) -> tuple[int, int]:
        """(chapter, exercise) as numbers, for sorting: "1.10" comes after "1.9"."""
        chapter, exercise = self.id.split(".")
        return int(chapter), int(exercise)

    def evaluate(self, answer: Any) -> Feedback:
        """Check ``answer`` against this exercise without recording anything; never raises."""
        return evaluate_answer(self, answer)


def _definition_problems(exercise: Exercise) -> list[str]:
    problems = []
    match = _ID_PATTERN.match(str(exercise.id))
    if not isinstance(exercise.id, str) or not match or exercise.id != normalise_id(exercise.id):
        problems.append('id must look like "1.3" (chapter number, dot, exercise number)')
    elif int(match.group(1)) != int(exercise.chapter):
        problems.append(f"id {exercise.id!r} does not belong to chapter {exercise.chapter!r}")
    if not isinstance(exercise.title, str) or not exercise.title.strip():
        problems.append("title must be non-empty text")
    if not isinstance(exercise.variable, str) or not exercise.variable.isidentifier():
        problems.append("variable must be a Python name, like 'state_counts'")
    if (
        isinstance(exercise.points, bool)
        or not isinstance(exercise.points, int)
        or exercise.points < 0
    ):
        problems.append("points must be a whole number, 0 or more")
    if not callable(exercise.expected) or not callable(exercise.compare):
        problems.append("expected and compare must be functions")
    if not all(isinstance(text, str) for text in exercise.hints):
        problems.append("hints must be text")
    if not isinstance(exercise.data_free, bool):
        problems.append("data_free must be True or False")
    if not all(isinstance(variant, Variant) for variant in exercise.variants):
        problems.append("variants must be Variant(says, expected) objects")
    if not all(callable(diagnose) for diagnose in exercise.diagnoses):
        problems.append("diagnoses must be functions (answer, expected) -> message or None")
    return problems


def chapter_code(chapter: str | int) -> str:
    """'01' for 1, '1', '01', 'ch01' or '01-recognising-customers'; ValueError for others.

    >>> chapter_code(1), chapter_code("ch01"), chapter_code("01-recognising-customers")
    ('01', '01', '01')
    >>> chapter_code("intro")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: 'intro' is not a chapter: write its number, like 1, '01' or ...
    """
    match = _CHAPTER_PATTERN.match(str(chapter)) if not isinstance(chapter, bool) else None
    if match is None:
        raise ValueError(
            f"{chapter!r} is not a chapter: write its number, like 1, '01' or "
            "'01-recognising-customers'."
        )
    return f"{int(match.group(1)):02d}"


def normalise_id(exercise_id: str) -> str:
    """'1.3' for '1.3', ' 1.03 ' or '01.3'; unchanged when it does not look like an id.

    >>> normalise_id(" 01.03 "), normalise_id("one")
    ('1.3', 'one')
    """
    match = _ID_PATTERN.match(exercise_id)
    return f"{int(match.group(1))}.{int(match.group(2))}" if match else exercise_id


def sort_key(exercise: Exercise) -> tuple[int, int]:
    """The order of exercises: by chapter, then by number ("1.10" after "1.9").

    >>> from crmkit.exercises import compare
    >>> first, tenth = (Exercise(f"1.{n}", "01", "T", "x", 1, lambda: 1, compare.scalar())
    ...                 for n in (9, 10))
    >>> [exercise.id for exercise in sorted([tenth, first], key=sort_key)]
    ['1.9', '1.10']
    """
    return exercise.number
