"""Exercise checks and hints for the course notebooks.

In a notebook, write your answer, then check it:

    answer = ...            # your code here
    check("1.2", answer)    # Correct! / what differs / not attempted yet
    hint("1.2")             # the next hint, one at a time
    progress()              # what you have checked so far

Each chapter's exercises live in a module ``ch00``, ``ch01``, ... of this package,
as a list ``EXERCISES``; they are found automatically on first use. The grader
uses :func:`evaluate`, which records nothing.

Which file holds what: ``model`` (:class:`Exercise`), ``evaluation`` (checking
one answer), ``feedback`` and ``render`` (:class:`Feedback`, :class:`Hint`,
:class:`Progress`, as text and HTML), ``registry`` (finding the chapter
modules' exercises), ``session`` (check, hint, progress and their state),
``compare`` (the comparators) and ``alternatives`` (what chapter diagnoses use
to recognise a likely wrong answer).

>>> from crmkit.exercises import Exercise, check, compare
>>> from crmkit.exercises.session import registered
>>> demo = Exercise(id="99.1", chapter="99", title="Total revenue", variable="total",
...                 points=2, expected=lambda: 150.0, compare=compare.scalar())
>>> with registered([demo]):
...     check("99.1", 1.5)  # doctest: +NORMALIZE_WHITESPACE
Exercise 99.1 (Total revenue): Not yet (0 of 2 points).
Your answer is 100 times smaller than the expected value: it looks like a fraction
(like 0.25) where a percentage (like 25) is expected. Tip: multiply by 100.
"""

from __future__ import annotations

import importlib
from typing import Any

from crmkit.exercises.feedback import Feedback, Hint, Progress
from crmkit.exercises.model import Exercise, Variant
from crmkit.exercises.registry import all_exercises, exercises_for_chapter, get_exercise
from crmkit.exercises.session import check, evaluate, hint, progress

__all__ = [
    "Exercise",
    "Variant",
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
