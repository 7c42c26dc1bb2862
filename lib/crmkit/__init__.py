"""crmkit: the helper library of the hands-on CRM course.

Importing crmkit is cheap and changes no global state: no matplotlib style,
no pandas option. Submodules load when first used, so ``crmkit.data``,
``crmkit.value`` and the others work after a plain ``import crmkit``.

The names a notebook uses most are re-exported lazily:

>>> import crmkit
>>> callable(crmkit.check)
True
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

_SUBMODULES = {
    "data",
    "vocabulary",
    "synth",
    "value",
    "selection",
    "acquisition",
    "database",
    "style",
    "tiers",
    "communication",
    "satisfaction",
    "retention",
    "recovery",
    "plots",
    "widgets",
    "exercises",
    "release",
    "grading",
    "cli",
    "paths",
    "execute",
}
_SHORTCUTS = {
    "check": "crmkit.exercises",
    "hint": "crmkit.exercises",
    "progress": "crmkit.exercises",
}


def __getattr__(name: str) -> Any:
    if name in _SHORTCUTS:
        return getattr(importlib.import_module(_SHORTCUTS[name]), name)
    if name in _SUBMODULES:
        return importlib.import_module(f"crmkit.{name}")
    raise AttributeError(f"module 'crmkit' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | _SUBMODULES | set(_SHORTCUTS))
