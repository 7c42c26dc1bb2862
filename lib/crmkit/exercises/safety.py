"""Handling whatever a student passes: private copies, and error text without memory addresses.

Answers can be anything, and a check must neither change the student's object
nor print text that differs from run to run. Both the checking machinery and
the comparators use these two helpers. This module imports neither pandas nor
numpy, so that ``import crmkit.exercises`` stays fast.
"""

from __future__ import annotations

import copy
import re
import sys
from typing import Any

ADDRESS = re.compile(r" at 0x[0-9A-Fa-f]+")  # "<object at 0x7f...>" differs in every run


def private_copy(obj: Any) -> Any:
    """A copy to work on, so that a comparison never changes the student's object.

    pandas objects and numpy arrays get ``.copy()``, anything else a deep copy;
    an object that cannot be copied is returned as it is (checks only read it).

    >>> answer = [3, 1, 2]
    >>> mine = private_copy(answer)
    >>> mine.sort()
    >>> answer
    [3, 1, 2]
    """
    # pandas and numpy are only loaded when the answer could be one of theirs.
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


def exception_text(exc: BaseException, limit: int = 300) -> str:
    """``"KeyError: 'x'"``: the exception's type and message, at most ``limit`` characters.

    Memory addresses are left out, so the text is the same in every run.

    >>> exception_text(ValueError("bad <object at 0x7f3a2b>"))
    'ValueError: bad <object>'
    >>> exception_text(ZeroDivisionError())
    'ZeroDivisionError'
    """
    try:
        detail = ADDRESS.sub("", str(exc))[:limit]
    except Exception:
        detail = ""
    return f"{type(exc).__name__}: {detail}" if detail else type(exc).__name__
