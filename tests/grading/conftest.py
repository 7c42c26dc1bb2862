"""Fixtures shared by the grading tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from crmkit.exercises import Exercise, session

from tests.grading.fixtures.builders import fake_exercises


@pytest.fixture()
def chapter99_exercises() -> Iterator[list[Exercise]]:
    """The fake chapter 99's exercises, registered for the duration of one test."""
    with session.registered(fake_exercises()) as exercises:
        yield exercises
