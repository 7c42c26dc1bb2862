"""Where the exercises are: the chapter modules ``chNN`` (found on first use) and temporary ones.

:func:`find_exercises` imports the chapter modules of a package and collects
their ``EXERCISES``; :func:`temporarily_known` makes more exercises known for a
while (tests and examples). :func:`get_exercise`, :func:`all_exercises` and
:func:`exercises_for_chapter` look exercises up. The chapter modules are only
imported on first use, so that ``import crmkit.exercises`` stays fast.
"""

from __future__ import annotations

import contextlib
import importlib
import pkgutil
import re
import threading
from collections.abc import Iterable, Iterator
from typing import Any

from crmkit.exercises.model import (
    Exercise,
    ExerciseDefinitionError,
    chapter_code,
    normalise_id,
    sort_key,
)

PACKAGE = "crmkit.exercises"
_MODULE_PATTERN = re.compile(r"^ch\d{2}$")

LOCK = threading.RLock()  # guards the registry and the session state
_FOUND: dict[str, Exercise] | None = None  # the chapter modules' exercises, once found
_TEMPORARY: dict[str, Exercise] = {}
_hiding = (
    0  # how many temporarily_known(..., alone=True) blocks hide the chapter modules' exercises
)


def find_exercises(package: str = PACKAGE) -> dict[str, Exercise]:
    """Import the chapter modules (``chNN``) of ``package`` and collect their EXERCISES, by id.

    Raises ExerciseDefinitionError when a module defines its exercises wrongly.

    >>> isinstance(find_exercises(), dict)
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


def known_exercises() -> dict[str, Exercise]:
    """All exercises by id: the chapter modules' (found on first use) and temporary ones.

    >>> "0.1" in known_exercises()
    True
    """
    global _FOUND
    with LOCK:
        if _hiding:
            return dict(_TEMPORARY)
        if _FOUND is None:
            _FOUND = find_exercises()
        return {**_FOUND, **_TEMPORARY}


def forget_found() -> None:
    """Find the chapter modules' exercises again on next use (after a module has changed).

    >>> forget_found()
    """
    global _FOUND
    with LOCK:
        _FOUND = None


def lookup(exercise_id: str) -> Exercise | None:
    """The exercise with this id (written "1.3", " 1.03 "...), or None; temporary ones first.

    >>> lookup("99.9") is None
    True
    """
    normalised = normalise_id(exercise_id)
    return _TEMPORARY.get(normalised) or known_exercises().get(normalised)


@contextlib.contextmanager
def temporarily_known(
    exercises: Iterable[Exercise], *, alone: bool = False
) -> Iterator[list[Exercise]]:
    """Make ``exercises`` known inside a ``with`` block; with ``alone=True``, only them.

    Alone, the chapter modules' exercises are neither imported nor shown in the
    block. (:func:`crmkit.exercises.session.registered` also forgets the
    exercises' session state afterwards: use that one in tests and examples.)

    >>> from crmkit.exercises import compare
    >>> demo = Exercise(id="99.1", chapter="99", title="Demo", variable="x", points=1,
    ...                 expected=lambda: 1, compare=compare.scalar())
    >>> with temporarily_known([demo], alone=True):
    ...     [exercise.id for exercise in all_exercises()]
    ['99.1']
    """
    global _hiding
    added = list(exercises)
    with LOCK:
        clashes = [exercise.id for exercise in added if exercise.id in _TEMPORARY]
        if clashes:
            raise ExerciseDefinitionError(f"Already registered: {', '.join(clashes)}.")
        _TEMPORARY.update({exercise.id: exercise for exercise in added})
        _hiding += alone
    try:
        yield added
    finally:
        with LOCK:
            _hiding -= alone
            for exercise in added:
                _TEMPORARY.pop(exercise.id, None)


def get_exercise(exercise_id: str) -> Exercise:
    """The exercise with this id, like "1.3". Unknown id: ValueError listing the known ids.

    >>> get_exercise("99.9")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: There is no exercise '99.9'. Known exercises: ...
    """
    exercise = lookup(exercise_id) if isinstance(exercise_id, str) else None
    if exercise is None:
        known = ", ".join(exercise.id for exercise in all_exercises()) or "none"
        raise ValueError(f"There is no exercise {exercise_id!r}. Known exercises: {known}.")
    return exercise


def all_exercises() -> list[Exercise]:
    """Every exercise of the course, in order (chapter, then number).

    >>> all(isinstance(exercise, Exercise) for exercise in all_exercises())
    True
    """
    return sorted(known_exercises().values(), key=sort_key)


def exercises_for_chapter(chapter: str | int) -> list[Exercise]:
    """The exercises of one chapter, in order: 1, "01" and "01-recognising-customers" all work.

    >>> exercises_for_chapter("99-no-such-chapter")
    []
    """
    code = chapter_code(chapter)
    return [exercise for exercise in all_exercises() if exercise.chapter == code]


def named_ids(chapter: str | int) -> tuple[str, ...]:
    """Customer and product ids that a chapter's exercises or lesson code name (``NAMED_IDS``).

    Grading on twin data (``crmkit grade``) only accepts a twin in which each of
    them exists and has orders, so that the exercise still makes sense there.

    >>> named_ids("01")
    ('B040', 'B204', 'B301', 'B001', 'C0001')
    >>> named_ids("99")
    ()
    """
    code = chapter_code(chapter)
    try:
        module = importlib.import_module(f"{PACKAGE}.ch{code}")
    except ModuleNotFoundError:
        return ()
    return tuple(str(name) for name in getattr(module, "NAMED_IDS", ()))
