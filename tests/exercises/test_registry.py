"""crmkit.exercises.registry: finding the chapter modules' exercises, and looking them up."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import crmkit.exercises as exercises
import pytest
from crmkit.exercises import Exercise, check, exercises_for_chapter, get_exercise, hint, registry
from crmkit.exercises.model import ExerciseDefinitionError


def test_lookups(fake_chapter: dict[str, Exercise]) -> None:
    assert get_exercise("98.2") is fake_chapter["98.2"]
    ids = [exercise.id for exercise in exercises_for_chapter("98-fake-chapter")]
    assert ids == ["98.1", "98.2", "98.10"]
    for spelling in (98, "98", "ch98", "098"):
        assert exercises_for_chapter(spelling) == exercises_for_chapter("98")
    assert [exercise.id for exercise in exercises.all_exercises()][:2] == ["97.1", "97.2"]
    with pytest.raises(ValueError, match=r"There is no exercise '5\.5'\. Known exercises: 97\.1"):
        get_exercise("5.5")
    with pytest.raises(ValueError, match="not a chapter"):
        exercises_for_chapter("intro")


def test_alone_hides_the_chapter_modules(fake_chapter: dict[str, Exercise]) -> None:
    assert registry.lookup("0.1") is None
    assert {exercise.chapter for exercise in exercises.all_exercises()} == {"97", "98"}


def test_temporarily_known_exercises_leave_no_trace() -> None:
    extra = Exercise("96.1", "96", "Temporary", "tmp", 1, lambda: 1, exercises.compare.scalar())
    with registry.temporarily_known([extra]):
        assert get_exercise("96.1") is extra
        assert get_exercise("0.1").chapter == "00"  # the chapters are still known
        with pytest.raises(ExerciseDefinitionError, match="Already registered"):
            with registry.temporarily_known([extra]):
                pass
    assert registry.lookup("96.1") is None


def write_package(root: Path, name: str, modules: dict[str, str]) -> str:
    package = root / name
    package.mkdir()
    (package / "__init__.py").write_text("")
    for module, source in modules.items():
        (package / f"{module}.py").write_text(textwrap.dedent(source))
    return name


CHAPTER_SOURCE = textwrap.dedent("""
    from crmkit.exercises import Exercise, compare
    EXERCISES = [Exercise("{n}.1", "{n:02d}", "T", "x", 1, lambda: 1, compare.scalar())]
""")


@pytest.fixture
def importable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.syspath_prepend(str(tmp_path))
    return tmp_path


def test_finding_exercises_imports_chapter_modules_only(importable: Path) -> None:
    name = write_package(
        importable,
        "fake_course_a",
        {
            "ch03": CHAPTER_SOURCE.format(n=3),
            "ch11": CHAPTER_SOURCE.format(n=11),
            "helpers": "raise RuntimeError('helper modules are not imported')",
            "chapter_notes": "raise RuntimeError('nor modules with other names')",
        },
    )
    assert sorted(registry.find_exercises(name)) == ["11.1", "3.1"]


@pytest.mark.parametrize(
    ("package", "module", "source", "message"),
    [
        ("fake_course_b", "ch04", "EXERCISES = 'nope'", "must define EXERCISES"),
        ("fake_course_c", "ch05", CHAPTER_SOURCE.format(n=4), "another chapter: 4.1"),
        (
            "fake_course_d",
            "ch05",
            CHAPTER_SOURCE.format(n=5) + "EXERCISES = EXERCISES * 2",
            "defined twice",
        ),
    ],
)
def test_finding_exercises_refuses_bad_chapter_modules(
    importable: Path, package: str, module: str, source: str, message: str
) -> None:
    name = write_package(importable, package, {module: source})
    with pytest.raises(ExerciseDefinitionError, match=message):
        registry.find_exercises(name)


@pytest.fixture
def broken_chapter_module(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    def broken(package: str = registry.PACKAGE) -> dict[str, Exercise]:
        raise ExerciseDefinitionError("ch05 is broken")

    registry.forget_found()
    monkeypatch.setattr(registry, "find_exercises", broken)
    yield
    monkeypatch.undo()
    registry.forget_found()


@pytest.mark.usefixtures("broken_chapter_module")
def test_a_broken_chapter_module_does_not_make_check_raise() -> None:
    feedback = check("5.1", 1)
    assert feedback.status == "error" and "ch05 is broken" in feedback.message
    assert "ch05 is broken" in hint("5.1").text


def test_import_is_light_and_finding_lazy() -> None:
    code = textwrap.dedent("""
        import sys
        import crmkit.exercises as exercises
        heavy = [m for m in ("pandas", "matplotlib", "scipy", "ipywidgets") if m in sys.modules]
        chapters = [m for m in sys.modules if m.startswith("crmkit.exercises.ch")]
        print(heavy, chapters)
    """)
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[] []"
