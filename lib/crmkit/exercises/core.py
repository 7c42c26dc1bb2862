"""The machinery behind the exercises: definitions, feedback, hints, progress.

An :class:`Exercise` says what answer is expected and how to compare it. The
registry finds the chapter modules (``crmkit.exercises.ch00``, ``ch01``, ...) on
first use. Session state (attempts, hints shown) lives in module-level dicts:
it belongs to one Python process, that is one notebook kernel.

This module imports neither pandas nor numpy at import time, so that
``import crmkit.exercises`` stays fast.
"""

from __future__ import annotations

import contextlib
import copy
import html
import importlib
import pkgutil
import re
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

    from crmkit.exercises.compare import Comparator

Diagnosis = Callable[[Any, Any], "str | None"]

STATUSES = ("correct", "incorrect", "not_attempted", "error")
PACKAGE = "crmkit.exercises"
_ID_PATTERN = re.compile(r"^\s*0*(\d+)\.0*(\d+)\s*$")
_CHAPTER_PATTERN = re.compile(r"^\s*(?:ch)?0*(\d+)(?:[-_ ].*)?$", re.IGNORECASE)
_MODULE_PATTERN = re.compile(r"^ch\d{2}$")
_ADDRESS = re.compile(r" at 0x[0-9A-Fa-f]+")

NOT_ATTEMPTED = "Not attempted yet: replace the `...` with your code, then run this cell again."


class ExerciseDefinitionError(RuntimeError):
    """A chapter module defines its exercises wrongly (an author's mistake, not a student's)."""


# --------------------------------------------------------------------------- Exercise


@dataclass(frozen=True)
class Exercise:
    """One exercise: what answer is expected and how to compare an answer with it.

    ``expected`` is a function without arguments that computes the expected
    answer (from the course data, with crmkit's own functions); it runs once, on
    first use. ``compare`` is a comparator from :mod:`crmkit.exercises.compare`.
    ``diagnoses`` are functions ``(answer, expected) -> message or None`` that
    name a likely conceptual mistake; the first message found leads the feedback.
    ``section`` (optional) names the lesson section to re-read.

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

    def __post_init__(self) -> None:
        # Coerce friendly spellings (chapter 1, lists of hints) once, then validate.
        object.__setattr__(self, "chapter", _chapter_code(self.chapter))
        hints = (self.hints,) if isinstance(self.hints, str) else tuple(self.hints)
        object.__setattr__(self, "hints", hints)
        object.__setattr__(self, "diagnoses", tuple(self.diagnoses))
        problems = _definition_problems(self)
        if problems:
            raise ExerciseDefinitionError(f"Exercise {self.id!r}: " + "; ".join(problems) + ".")

    @cached_property
    def expected_answer(self) -> Any:
        """The expected answer, computed on first use and then kept."""
        return self.expected()

    @property
    def number(self) -> tuple[int, int]:
        """(chapter, exercise) as numbers, for sorting: "1.10" comes after "1.9"."""
        chapter, exercise = self.id.split(".")
        return int(chapter), int(exercise)

    def evaluate(self, answer: Any) -> Feedback:
        """Check ``answer`` against this exercise without recording anything; never raises."""
        try:
            return _evaluate(self, answer)
        except Exception as exc:  # the last line of defence: check() must never raise
            return _error_feedback(self.id, self.title, self.points, _checker_failed(exc))


def _definition_problems(exercise: Exercise) -> list[str]:
    problems = []
    match = _ID_PATTERN.match(str(exercise.id))
    if not isinstance(exercise.id, str) or not match or exercise.id != _normalise_id(exercise.id):
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
    if not all(callable(diagnose) for diagnose in exercise.diagnoses):
        problems.append("diagnoses must be functions (answer, expected) -> message or None")
    return problems


def _chapter_code(chapter: str | int) -> str:
    """'01' for 1, '1', '01', 'ch01' or '01-recognising-customers'."""
    match = _CHAPTER_PATTERN.match(str(chapter)) if not isinstance(chapter, bool) else None
    if match is None:
        raise ValueError(
            f"{chapter!r} is not a chapter: write its number, like 1, '01' or "
            "'01-recognising-customers'."
        )
    return f"{int(match.group(1)):02d}"


def _normalise_id(exercise_id: str) -> str:
    """'1.3' for '1.3', ' 1.03 ' or '01.3'; unchanged when it does not look like an id."""
    match = _ID_PATTERN.match(exercise_id)
    return f"{int(match.group(1))}.{int(match.group(2))}" if match else exercise_id


# --------------------------------------------------------------------------- Feedback


_STYLE = {  # status: (icon, border colour, background), readable without colour too
    "correct": ("\u2714", "#1b5e20", "#e8f5e9"),
    "incorrect": ("\u2718", "#bf360c", "#fff3e0"),
    "not_attempted": ("\u2026", "#37474f", "#eceff1"),
    "error": ("\u26a0", "#b71c1c", "#ffebee"),
}
_BOX = (
    "border-left:6px solid {border};background:{background};color:#1a1a1a;"
    "padding:8px 12px;margin:4px 0;border-radius:4px;font-family:sans-serif;line-height:1.4"
)


@dataclass(frozen=True)
class Feedback:
    """The result of checking an answer. Shows as a coloured box in Jupyter.

    >>> feedback = Feedback("1.2", "Customer states", "incorrect", 0, 3,
    ...                     "Your answer is a list, but a pandas Series is expected.")
    >>> feedback
    Exercise 1.2 (Customer states): not correct yet (0 of 3 points).
    Your answer is a list, but a pandas Series is expected.
    >>> feedback.to_dict()["status"]
    'incorrect'
    """

    exercise_id: str
    title: str
    status: str
    points: int
    max_points: int
    message: str
    details: tuple[str, ...] = ()

    @property
    def correct(self) -> bool:
        return self.status == "correct"

    @property
    def heading(self) -> str:
        title = f" ({self.title})" if self.title else ""
        return f"Exercise {self.exercise_id}{title}"

    def _status_line(self) -> str:
        if self.status == "incorrect":
            return f"not correct yet (0 of {_points(self.max_points)})."
        if self.status == "error":
            return "could not check your answer."
        return self.message  # correct and not attempted: the message says it all

    def _body(self) -> list[str]:
        return [] if self.status in ("correct", "not_attempted") else [self.message]

    def to_dict(self) -> dict[str, Any]:
        """A JSON-safe dict (for the grader's reports)."""
        return {
            "exercise_id": self.exercise_id,
            "title": self.title,
            "status": self.status,
            "points": self.points,
            "max_points": self.max_points,
            "message": self.message,
            "details": list(self.details),
        }

    def __repr__(self) -> str:
        lines = [f"{self.heading}: {self._status_line()}", *self._body()]
        lines += [f"  - {detail}" for detail in self.details]
        return "\n".join(line for line in lines if line)

    __str__ = __repr__

    def _repr_html_(self) -> str:
        icon, border, background = _STYLE.get(self.status, _STYLE["error"])
        body = "".join(f"<div>{html.escape(text)}</div>" for text in self._body() if text)
        details = "".join(f"<li>{html.escape(detail)}</li>" for detail in self.details)
        details = (
            f'<ul style="margin:4px 0 0 0;padding-left:20px">{details}</ul>' if details else ""
        )
        return (
            f'<div style="{_BOX.format(border=border, background=background)}">'
            f'<span aria-hidden="true">{icon}</span> <strong>{html.escape(self.heading)}</strong>: '
            f"{html.escape(self._status_line())}{body}{details}</div>"
        )


def _points(count: int) -> str:
    return f"{count} point" if count == 1 else f"{count} points"


def _error_feedback(exercise_id: str, title: str, max_points: int, message: str) -> Feedback:
    return Feedback(exercise_id, title, "error", 0, max_points, message)


def _checker_failed(exc: BaseException) -> str:
    return (
        f"The checker itself failed ({_exception_text(exc)}). This is not your fault: tell your "
        "instructor, and carry on with the chapter."
    )


def _exception_text(exc: BaseException) -> str:
    try:
        detail = _ADDRESS.sub("", str(exc))[:300]
    except Exception:
        detail = ""
    return f"{type(exc).__name__}: {detail}" if detail else type(exc).__name__


# --------------------------------------------------------------------------- evaluation


def _evaluate(exercise: Exercise, answer: Any) -> Feedback:
    if answer is Ellipsis:
        return _feedback(exercise, "not_attempted", NOT_ATTEMPTED)
    try:
        expected = exercise.expected_answer
    except Exception as exc:
        return _feedback(
            exercise,
            "error",
            f"The expected answer could not be computed ({_exception_text(exc)}). This is a "
            "problem with the course setup (is the datasets/ folder there?), not with your answer.",
        )
    try:
        ok, problems = _run_comparator(exercise, answer, expected)
    except Exception as exc:  # comparators from compare never raise; hand-written ones might
        return _feedback(
            exercise,
            "error",
            f"Your answer could not be compared with the expected one ({_exception_text(exc)}). "
            "Check that it has the kind of value the exercise asks for.",
        )
    if ok:
        return _feedback(exercise, "correct", f"Correct! +{_points(exercise.points)}", problems)
    diagnosis = _first_diagnosis(exercise, answer, expected)
    if diagnosis is not None:
        return _feedback(exercise, "incorrect", diagnosis, problems)
    if problems:
        return _feedback(exercise, "incorrect", problems[0], problems[1:])
    return _feedback(exercise, "incorrect", "Your answer is not correct yet.")


def _feedback(
    exercise: Exercise, status: str, message: str, details: tuple[str, ...] = ()
) -> Feedback:
    points = exercise.points if status == "correct" else 0
    return Feedback(exercise.id, exercise.title, status, points, exercise.points, message, details)


def _run_comparator(exercise: Exercise, answer: Any, expected: Any) -> tuple[bool, tuple[str, ...]]:
    verdict = exercise.compare(_private_copy(answer), _private_copy(expected))
    if isinstance(verdict, bool):  # a hand-written comparator may just say yes or no
        return verdict, ()
    return bool(verdict.ok), tuple(str(problem) for problem in verdict.problems)


def _first_diagnosis(exercise: Exercise, answer: Any, expected: Any) -> str | None:
    for diagnose in exercise.diagnoses:
        try:
            message = diagnose(_private_copy(answer), _private_copy(expected))
        except Exception:  # diagnoses are written for plausible answers; others may break them
            continue
        if isinstance(message, str) and message:
            return message
    return None


def _private_copy(obj: Any) -> Any:
    """A copy for a comparator or diagnosis to work on: the student's object stays untouched."""
    pandas = sys.modules.get("pandas")
    numpy = sys.modules.get("numpy")
    pandas_types = (pandas.DataFrame, pandas.Series, pandas.Index) if pandas else ()
    if (pandas_types and isinstance(obj, pandas_types)) or (
        numpy and isinstance(obj, numpy.ndarray)
    ):
        return obj.copy()
    try:
        return copy.deepcopy(obj)
    except Exception:  # uncopyable: comparators treat answers as read-only anyway
        return obj


# --------------------------------------------------------------------------- registry


_LOCK = threading.RLock()
_DISCOVERED: dict[str, Exercise] | None = None
_TEMPORARY: dict[str, Exercise] = {}


def discover(package: str = PACKAGE) -> dict[str, Exercise]:
    """Import the chapter modules (``chNN``) of ``package`` and collect their EXERCISES.

    Raises ExerciseDefinitionError when a module defines its exercises wrongly.

    >>> isinstance(discover(), dict)
    True
    """
    found: dict[str, Exercise] = {}
    module_package = importlib.import_module(package)
    names = sorted(info.name for info in pkgutil.iter_modules(module_package.__path__))
    for name in filter(_MODULE_PATTERN.match, names):
        module = importlib.import_module(f"{package}.{name}")
        for exercise in _module_exercises(module, name):
            if exercise.id in found:
                raise ExerciseDefinitionError(f"Exercise id {exercise.id!r} is defined twice.")
            found[exercise.id] = exercise
    return found


def _module_exercises(module: Any, name: str) -> list[Exercise]:
    exercises = getattr(module, "EXERCISES", None)
    if not isinstance(exercises, list | tuple) or not all(
        isinstance(exercise, Exercise) for exercise in exercises
    ):
        raise ExerciseDefinitionError(f"{module.__name__} must define EXERCISES: list[Exercise].")
    chapter = name[2:]
    strays = [exercise.id for exercise in exercises if exercise.chapter != chapter]
    if strays:
        raise ExerciseDefinitionError(
            f"{module.__name__} defines exercises of another chapter: {', '.join(strays)}."
        )
    return list(exercises)


def _registry() -> dict[str, Exercise]:
    """All exercises by id: the chapter modules' (found on first use) and temporary ones."""
    global _DISCOVERED
    with _LOCK:
        if _DISCOVERED is None:
            _DISCOVERED = discover()
        return {**_DISCOVERED, **_TEMPORARY}


def _lookup(exercise_id: str) -> Exercise | None:
    """Find an exercise; temporary ones first, so tests need no discovery."""
    normalised = _normalise_id(exercise_id)
    return _TEMPORARY.get(normalised) or _registry().get(normalised)


@contextlib.contextmanager
def registered(exercises: Iterable[Exercise]) -> Iterator[list[Exercise]]:
    """Make ``exercises`` known inside a ``with`` block (for tests and examples).

    Their session state (attempts, hints) is forgotten when the block ends.

    >>> from crmkit.exercises import compare, get_exercise
    >>> demo = Exercise(id="99.1", chapter="99", title="Demo", variable="x", points=1,
    ...                 expected=lambda: 1, compare=compare.scalar())
    >>> with registered([demo]):
    ...     get_exercise("99.1").title
    'Demo'
    """
    added = list(exercises)
    with _LOCK:
        clashes = [exercise.id for exercise in added if exercise.id in _TEMPORARY]
        if clashes:
            raise ExerciseDefinitionError(f"Already registered: {', '.join(clashes)}.")
        _TEMPORARY.update({exercise.id: exercise for exercise in added})
    try:
        yield added
    finally:
        with _LOCK:
            for exercise in added:
                _TEMPORARY.pop(exercise.id, None)
                _forget(exercise.id)


_register_for_tests = registered


def sort_key(exercise: Exercise) -> tuple[int, int]:
    return exercise.number


# --------------------------------------------------------------------------- session state


_ATTEMPTS: dict[str, list[str]] = {}  # exercise id -> statuses of its checks, in order
_HINTS_SHOWN: dict[str, int] = {}  # exercise id -> how many hints were shown


def record(feedback: Feedback) -> None:
    """Remember a check for progress(); placeholders (...) and unknown ids are not attempts."""
    if feedback.status == "not_attempted" or _lookup_quietly(feedback.exercise_id) is None:
        return
    with _LOCK:
        _ATTEMPTS.setdefault(feedback.exercise_id, []).append(feedback.status)


def _lookup_quietly(exercise_id: str) -> Exercise | None:
    try:
        return _lookup(exercise_id)
    except Exception:
        return None


def next_hint_number(exercise_id: str) -> int:
    """Count one more hint for ``exercise_id`` and return its number (1 for the first)."""
    with _LOCK:
        _HINTS_SHOWN[exercise_id] = _HINTS_SHOWN.get(exercise_id, 0) + 1
        return _HINTS_SHOWN[exercise_id]


def reset_session() -> None:
    """Forget all attempts and hints shown in this session.

    >>> reset_session()
    """
    with _LOCK:
        _ATTEMPTS.clear()
        _HINTS_SHOWN.clear()


def _forget(exercise_id: str) -> None:
    _ATTEMPTS.pop(exercise_id, None)
    _HINTS_SHOWN.pop(exercise_id, None)


# --------------------------------------------------------------------------- hints


@dataclass(frozen=True)
class Hint:
    """One hint (or the message that there are no more). Deterministic text.

    ``number`` is the hint's position (1 for the first), 0 when no hint is shown.

    >>> Hint("1.2", "Customer states", 1, 3, "Start from the last purchase date.")
    Hint 1 of 3 for exercise 1.2 (Customer states): Start from the last purchase date.
    """

    exercise_id: str
    title: str
    number: int
    total: int
    text: str

    @property
    def heading(self) -> str:
        title = f" ({self.title})" if self.title else ""
        if self.number:
            return f"Hint {self.number} of {self.total} for exercise {self.exercise_id}{title}"
        if self.total:
            return f"No more hints for exercise {self.exercise_id}{title}"
        return f"No hint for exercise {self.exercise_id}{title}"

    def __repr__(self) -> str:
        return f"{self.heading}: {self.text}"

    __str__ = __repr__

    def _repr_html_(self) -> str:
        border, background = ("#0d47a1", "#e3f2fd") if self.number else ("#37474f", "#eceff1")
        paragraphs = "".join(f"<div>{html.escape(line)}</div>" for line in self.text.splitlines())
        return (
            f'<div style="{_BOX.format(border=border, background=background)}">'
            f'<span aria-hidden="true">\U0001f4a1</span> <strong>{html.escape(self.heading)}'
            f"</strong>{paragraphs}</div>"
        )


def where_to_look(exercise: Exercise) -> str:
    section = f'the section "{exercise.section}"' if exercise.section else "the lesson section"
    return (
        f"Re-read {section} just before this exercise in chapter {exercise.chapter}, try the "
        "examples there on a few rows, then check again. (Worked solutions are kept for "
        "instructors.)"
    )


def make_hint(exercise: Exercise, number: int) -> Hint:
    """Hint ``number`` (1-based) of ``exercise``, or the 'no more hints' message."""
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


PROGRESS_COLUMNS = ["exercise", "chapter", "title", "status", "points", "max_points", "checks"]


@dataclass(frozen=True)
class ProgressRow:
    exercise: str
    chapter: str
    title: str
    status: str  # "correct", "tried" or "not yet"
    points: int
    max_points: int
    checks: int


@dataclass(frozen=True)
class Progress:
    """What was checked in this session: one row per exercise, grouped by chapter.

    >>> Progress((ProgressRow("1.1", "01", "Count states", "correct", 2, 2, 1),))
    Progress in this session: 2 of 2 points, 1 of 1 exercise correct.
    Chapter 01: 2 of 2 points
      1.1   Count states                              correct   2/2
    """

    rows: tuple[ProgressRow, ...]
    note: str = ""

    TITLE_WIDTH = 40  # characters of the title shown in the text table

    @property
    def points(self) -> int:
        return sum(row.points for row in self.rows)

    @property
    def max_points(self) -> int:
        return sum(row.max_points for row in self.rows)

    def _summary(self) -> str:
        correct = sum(row.status == "correct" for row in self.rows)
        exercises = "exercise" if len(self.rows) == 1 else "exercises"
        return (
            f"Progress in this session: {self.points} of {_points(self.max_points)}, "
            f"{correct} of {len(self.rows)} {exercises} correct."
        )

    def _chapters(self) -> dict[str, list[ProgressRow]]:
        chapters: dict[str, list[ProgressRow]] = {}
        for row in self.rows:
            chapters.setdefault(row.chapter, []).append(row)
        return chapters

    def __repr__(self) -> str:
        if not self.rows:
            return self.note or "No exercises found."
        lines = [self._summary()] + ([self.note] if self.note else [])
        for chapter, rows in self._chapters().items():
            got, total = sum(r.points for r in rows), sum(r.max_points for r in rows)
            lines.append(f"Chapter {chapter}: {got} of {_points(total)}")
            lines += [self._text_row(row) for row in rows]
        return "\n".join(lines)

    __str__ = __repr__

    def _text_row(self, row: ProgressRow) -> str:
        width = self.TITLE_WIDTH
        title = row.title if len(row.title) <= width else row.title[: width - 3] + "..."
        return (
            f"  {row.exercise:<5} {title:<{width}}  {row.status:<8}  {row.points}/{row.max_points}"
        )

    def _repr_html_(self) -> str:
        if not self.rows:
            return f"<p>{html.escape(repr(self))}</p>"
        header = "".join(f"<th>{name}</th>" for name in _HTML_HEADER)
        body = "".join(_html_row(row) for row in self.rows)
        note = f"<p>{html.escape(self.note)}</p>" if self.note else ""
        return (
            f"<div><p><strong>{html.escape(self._summary())}</strong></p>{note}"
            f"<table><thead><tr>{header}</tr></thead><tbody>{body}</tbody></table></div>"
        )

    def to_frame(self) -> pd.DataFrame:
        """The rows as a DataFrame, one row per exercise.

        >>> Progress(()).to_frame().columns.tolist()
        ['exercise', 'chapter', 'title', 'status', 'points', 'max_points', 'checks']
        """
        import pandas as pd  # lazily: importing the exercises must stay fast

        records = [[getattr(row, name) for name in PROGRESS_COLUMNS] for row in self.rows]
        table = pd.DataFrame(records, columns=PROGRESS_COLUMNS)
        return table.astype({"points": "int64", "max_points": "int64", "checks": "int64"})


_STATUS_ICONS = {"correct": "\u2714", "tried": "\u2718", "not yet": "\u00b7"}
_HTML_HEADER = ("Chapter", "Exercise", "Title", "Status", "Points", "Checks")


def _html_row(row: ProgressRow) -> str:
    status = f"{_STATUS_ICONS.get(row.status, '')} {row.status}"
    values = (
        row.chapter,
        row.exercise,
        row.title,
        status,
        f"{row.points}/{row.max_points}",
        row.checks,
    )
    return "<tr>" + "".join(f"<td>{html.escape(str(value))}</td>" for value in values) + "</tr>"


def progress_rows(exercises: Iterable[Exercise]) -> tuple[ProgressRow, ...]:
    """A progress row per exercise, from this session's checks (the latest check counts)."""
    with _LOCK:
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
