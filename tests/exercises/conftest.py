"""Fixtures of the exercise machinery's tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from crmkit.exercises import Exercise
from crmkit.exercises.session import registered, reset_session

from tests.exercises.fake_chapter import make_fake_chapter


@pytest.fixture
def fake_chapter() -> Iterator[dict[str, Exercise]]:
    """Only the fake exercises are known (the real chapters are not even imported)."""
    reset_session()
    with registered(make_fake_chapter(), alone=True) as added:
        yield {exercise.id: exercise for exercise in added}
    reset_session()
