"""What a student gets back: :class:`Feedback` for a check, a :class:`Hint`, their :class:`Progress`.

Each shows as deterministic text (nbval compares it in stored notebook outputs)
and as a coloured box in Jupyter; :mod:`crmkit.exercises.render` writes both.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from crmkit.exercises import render

if TYPE_CHECKING:
    import pandas as pd

STATUSES = ("correct", "incorrect", "not_attempted", "error")
PROGRESS_COLUMNS = ["exercise", "chapter", "title", "status", "points", "max_points", "checks"]


@dataclass(frozen=True)
class Feedback:
    """The result of checking an answer. Shows as a coloured box in Jupyter.

    ``diagnosis`` names the diagnosis function that wrote ``message`` ("" when the
    message comes from the comparator or the machinery); it is not shown.
    ``next_step`` is one thing to do next (ask for a hint, re-read a section), shown last.

    >>> feedback = Feedback("1.2", "Customer states", "incorrect", 0, 3,
    ...                     "Your answer is a list, but a pandas Series is expected.",
    ...                     next_step='Next step: hint("1.2") gives a hint.')
    >>> feedback
    Exercise 1.2 (Customer states): Not yet (0 of 3 points).
    Your answer is a list, but a pandas Series is expected.
    Next step: hint("1.2") gives a hint.
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
    diagnosis: str = ""
    next_step: str = ""

    @property
    def correct(self) -> bool:
        return self.status == "correct"

    @property
    def heading(self) -> str:
        title = f" ({self.title})" if self.title else ""
        return f"Exercise {self.exercise_id}{title}"

    def to_dict(self) -> dict[str, Any]:
        """A JSON-safe dict (for the grader's reports).

        >>> sorted(Feedback("1.2", "T", "correct", 3, 3, "Correct! +3 points").to_dict())
        ['details', 'exercise_id', 'max_points', 'message', 'points', 'status', 'title']
        """
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
        return render.feedback_text(self)

    __str__ = __repr__

    def _repr_html_(self) -> str:
        return render.feedback_html(self)


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
        return render.hint_html(self)


@dataclass(frozen=True)
class ProgressRow:
    """One exercise's line in :class:`Progress`.

    >>> ProgressRow("1.1", "01", "Count states", "tried", 0, 2, 3).status
    'tried'
    """

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

    def chapters(self) -> dict[str, list[ProgressRow]]:
        """The rows by chapter, in order.

        >>> list(Progress((ProgressRow("1.1", "01", "T", "correct", 2, 2, 1),)).chapters())
        ['01']
        """
        chapters: dict[str, list[ProgressRow]] = {}
        for row in self.rows:
            chapters.setdefault(row.chapter, []).append(row)
        return chapters

    def __repr__(self) -> str:
        return render.progress_text(self)

    __str__ = __repr__

    def _repr_html_(self) -> str:
        return render.progress_html(self)

    def to_frame(self) -> pd.DataFrame:
        """The rows as a DataFrame, one row per exercise.

        >>> Progress(()).to_frame().columns.tolist()
        ['exercise', 'chapter', 'title', 'status', 'points', 'max_points', 'checks']
        """
        import pandas as pd  # lazily: importing the exercises must stay fast

        records = [[getattr(row, name) for name in PROGRESS_COLUMNS] for row in self.rows]
        table = pd.DataFrame(records, columns=PROGRESS_COLUMNS)
        return table.astype({"points": "int64", "max_points": "int64", "checks": "int64"})
