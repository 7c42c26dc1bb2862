"""The answer-key lock: in a grading kernel, expected answers are not available.

``crmkit grade`` starts each submission's kernel with the environment variable
:data:`LOCK_ENV_VAR` set to ``"locked"``. There, every path to an exercise's
expected answer (``Exercise.expected()``, ``Exercise.expected_answer``, and so
``check``/``evaluate``, which need it) raises :class:`AnswerKeyLocked` instead of
computing it, so a notebook cannot copy the answer key into its answers. The
library's teaching functions (the lessons' analysis functions, hints, progress)
are not affected. The grading process itself never sets the variable: it checks
the answers there.

>>> answer_key_locked({})
False
>>> answer_key_locked({LOCK_ENV_VAR: "locked"})
True
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Mapping
from typing import Any

LOCK_ENV_VAR = "CRMKIT_ANSWER_KEY"
LOCKED = "locked"
LOCKED_MESSAGE = (
    "The answer key is not available while grading: crmkit grade computes the expected "
    "answers itself, outside your notebook. Compute your answer with your own code."
)


class AnswerKeyLocked(RuntimeError):
    """An expected answer was asked for inside a grading kernel.

    >>> str(AnswerKeyLocked()).startswith("The answer key is not available while grading")
    True
    """

    def __init__(self, message: str = LOCKED_MESSAGE) -> None:
        super().__init__(message)


def answer_key_locked(environ: Mapping[str, str] | None = None) -> bool:
    """True inside a grading kernel (``CRMKIT_ANSWER_KEY=locked``), else False.

    >>> answer_key_locked({LOCK_ENV_VAR: "no"})
    False
    """
    environ = os.environ if environ is None else environ
    return environ.get(LOCK_ENV_VAR) == LOCKED


def locked_environment() -> dict[str, str]:
    """The environment variables that lock the answer key (for a grading kernel).

    >>> locked_environment()
    {'CRMKIT_ANSWER_KEY': 'locked'}
    """
    return {LOCK_ENV_VAR: LOCKED}


def guarded(expected: Callable[[], Any]) -> Callable[[], Any]:
    """``expected`` wrapped so that it raises :class:`AnswerKeyLocked` while the key is locked.

    Wrapping twice gives the same wrapper; the original stays at ``__wrapped__``.

    >>> key = guarded(lambda: 42)
    >>> key(), guarded(key) is key
    (42, True)
    """
    if not callable(expected):
        raise TypeError(f"expected must be a function, not {type(expected).__name__}.")
    if getattr(expected, "_crmkit_guarded", False):
        return expected

    @functools.wraps(expected)
    def locked_when_grading(*args: Any, **kwargs: Any) -> Any:
        if answer_key_locked():
            raise AnswerKeyLocked()
        return expected(*args, **kwargs)

    locked_when_grading._crmkit_guarded = True  # type: ignore[attr-defined]
    return locked_when_grading


def guard_expected(namespace: dict[str, Any]) -> None:
    """Guard every function in a chapter module's ``namespace`` whose name starts with
    ``expected`` or ``_expected``, so that calling it directly in a grading kernel raises
    :class:`AnswerKeyLocked` too. Each ``exercises/chNN.py`` ends with
    ``guard_expected(globals())``.

    >>> space = {"_expected_total": lambda: 42, "_helper": lambda: 1}
    >>> guard_expected(space)
    >>> getattr(space["_expected_total"], "_crmkit_guarded", False), space["_expected_total"]()
    (True, 42)
    >>> getattr(space["_helper"], "_crmkit_guarded", False)
    False
    """
    if not isinstance(namespace, dict):
        raise TypeError("namespace must be a module's globals(), a dict.")
    for name, value in list(namespace.items()):
        if (
            name.lstrip("_").startswith("expected")
            and callable(value)
            and not isinstance(value, type)
        ):
            namespace[name] = guarded(value)
