"""The machinery behind the exercises, in one import (kept for code written against it).

Each piece lives in its own module; this one only gathers them:

* :mod:`~crmkit.exercises.model`: :class:`Exercise` and its definition checks;
* :mod:`~crmkit.exercises.evaluation`: checking one answer (never raises);
* :mod:`~crmkit.exercises.feedback` and :mod:`~crmkit.exercises.render`:
  :class:`Feedback`, :class:`Hint`, :class:`Progress`, as text and HTML;
* :mod:`~crmkit.exercises.registry`: finding the chapter modules' exercises
  (:func:`find_exercises`);
* :mod:`~crmkit.exercises.session`: check, hint, progress and their state
  (:func:`registered`, :func:`reset_session`).

>>> from crmkit.exercises import compare
>>> demo = Exercise("99.1", "99", "Demo", "x", 1, lambda: 1, compare.scalar())
>>> with registered([demo]):
...     demo.evaluate(1).status
'correct'
"""

from __future__ import annotations

from crmkit.exercises.evaluation import NOT_ATTEMPTED
from crmkit.exercises.feedback import PROGRESS_COLUMNS, STATUSES, Feedback, Hint, Progress
from crmkit.exercises.model import Diagnosis, Exercise, ExerciseDefinitionError, sort_key
from crmkit.exercises.registry import PACKAGE, find_exercises
from crmkit.exercises.session import make_hint, progress_rows, registered, reset_session

__all__ = [
    "NOT_ATTEMPTED",
    "PACKAGE",
    "PROGRESS_COLUMNS",
    "STATUSES",
    "Diagnosis",
    "Exercise",
    "ExerciseDefinitionError",
    "Feedback",
    "Hint",
    "Progress",
    "find_exercises",
    "make_hint",
    "progress_rows",
    "registered",
    "reset_session",
    "sort_key",
]
