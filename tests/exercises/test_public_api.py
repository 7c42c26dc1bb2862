"""crmkit.exercises' public API."""

from __future__ import annotations

import crmkit.exercises as exercises
from crmkit.exercises import compare, registry


def test_public_api() -> None:
    assert set(exercises.__all__) >= {
        "check", "hint", "progress", "evaluate", "get_exercise", "exercises_for_chapter",
        "all_exercises", "Exercise", "Feedback", "Hint", "Progress",
    }  # fmt: skip
    assert exercises.compare is compare
    assert all(callable(getattr(exercises, name)) for name in exercises.__all__)


def test_finding_exercises_has_its_own_name() -> None:
    """ "discover" also named the grading step that finds submissions; this one finds exercises."""
    assert callable(registry.find_exercises) and not hasattr(registry, "discover")
