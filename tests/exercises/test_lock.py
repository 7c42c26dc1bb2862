"""crmkit.exercises.lock: in a grading kernel the answer key is refused, teaching stays."""

from __future__ import annotations

from typing import Any

import pytest
from crmkit.exercises import Exercise, compare, evaluate, get_exercise, hint
from crmkit.exercises.lock import (
    LOCK_ENV_VAR,
    AnswerKeyLocked,
    answer_key_locked,
    guard_expected,
    guarded,
    locked_environment,
)
from crmkit.exercises.session import registered


def demo() -> Exercise:
    return Exercise("99.1", "99", "Demo", "x", 2, lambda: 150.0, compare.scalar(), ["Sum it."])


@pytest.fixture()
def locked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(LOCK_ENV_VAR, "locked")


def test_expected_answers_are_refused_while_locked(locked: None) -> None:
    exercise = demo()
    with pytest.raises(AnswerKeyLocked, match="not available while grading"):
        exercise.expected()
    with pytest.raises(AnswerKeyLocked):
        exercise.expected_answer  # noqa: B018
    with registered([exercise]), pytest.raises(AnswerKeyLocked):
        get_exercise("99.1").expected_answer  # noqa: B018


def test_checks_say_so_instead_of_raising(locked: None) -> None:
    with registered([demo()]):
        feedback = evaluate("99.1", 150.0)
        assert feedback.status == "error" and feedback.points == 0
        assert "not available while grading" in feedback.message
        assert "Sum it." in hint("99.1").text  # hints are teaching: still there


def test_teaching_functions_stay_available(locked: None) -> None:
    from crmkit import data, value

    lines = data.load_order_lines().head(50)
    assert len(value.monthly_spend(lines)) > 0


def test_unlocked_everything_works(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(LOCK_ENV_VAR, raising=False)
    assert not answer_key_locked()
    assert demo().expected_answer == 150.0
    assert locked_environment() == {LOCK_ENV_VAR: "locked"}


def test_the_lock_is_checked_when_called_not_when_defined(monkeypatch: pytest.MonkeyPatch) -> None:
    exercise = demo()
    monkeypatch.setenv(LOCK_ENV_VAR, "locked")
    with pytest.raises(AnswerKeyLocked):
        exercise.expected()
    monkeypatch.setenv(LOCK_ENV_VAR, "")
    assert exercise.expected() == 150.0


@pytest.mark.parametrize("bad", [None, 3, "text"])
def test_guarded_refuses_what_is_not_a_function(bad: object) -> None:
    with pytest.raises(TypeError, match="expected must be a function"):
        guarded(bad)  # type: ignore[arg-type]


def test_data_free_must_be_a_bool() -> None:
    from crmkit.exercises.model import ExerciseDefinitionError

    with pytest.raises(ExerciseDefinitionError, match="data_free must be True or False"):
        Exercise("99.1", "99", "D", "x", 1, lambda: 1, compare.scalar(), data_free="yes")


def _chapter_modules() -> list[Any]:
    import importlib
    import pkgutil

    import crmkit.exercises as package

    return [
        importlib.import_module(f"crmkit.exercises.{info.name}")
        for info in pkgutil.iter_modules(package.__path__)
        if info.name.startswith("ch")
    ]


def test_every_chapter_guards_its_expected_answer_functions() -> None:
    """Calling a chapter's private _expected_... function directly is locked too."""
    modules = _chapter_modules()
    assert len(modules) >= 7
    found = 0
    for module in modules:
        for name, value in vars(module).items():
            if name.lstrip("_").startswith("expected") and callable(value):
                found += 1
                assert getattr(value, "_crmkit_guarded", False), f"{module.__name__}.{name}"
    assert found >= 40


def test_a_chapter_expected_function_refuses_when_locked(monkeypatch: pytest.MonkeyPatch) -> None:
    from crmkit.exercises import ch00

    functions = [v for k, v in vars(ch00).items() if k.startswith("_expected") and callable(v)]
    monkeypatch.setenv(LOCK_ENV_VAR, "locked")
    with pytest.raises(AnswerKeyLocked):
        functions[0]()


def test_guard_expected_needs_a_namespace() -> None:
    with pytest.raises(TypeError, match="namespace"):
        guard_expected(["_expected_total"])  # type: ignore[arg-type]
