"""crmkit.exercises' public API, and the core module that gathers the machinery in one import."""

from __future__ import annotations

import crmkit.exercises as exercises
from crmkit.exercises import compare, core, feedback, model, registry, session


def test_public_api() -> None:
    assert set(exercises.__all__) >= {
        "check", "hint", "progress", "evaluate", "get_exercise", "exercises_for_chapter",
        "all_exercises", "Exercise", "Feedback", "Hint", "Progress",
    }  # fmt: skip
    assert exercises.compare is compare
    assert all(callable(getattr(exercises, name)) for name in exercises.__all__)


def test_core_gathers_the_machinery() -> None:
    assert core.Exercise is model.Exercise and core.Feedback is feedback.Feedback
    assert core.registered is session.registered and core.reset_session is session.reset_session
    assert core.find_exercises is registry.find_exercises
    assert set(core.STATUSES) == {"correct", "incorrect", "not_attempted", "error"}
    assert not hasattr(core, "discover")  # renamed: it finds exercises, not submissions
