"""The exercise machinery (check, hint, progress, evaluate, the registry) on a fake chapter."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import crmkit.exercises as exercises
import numpy as np
import pandas as pd
import pytest
from crmkit.exercises import (
    Exercise,
    Feedback,
    Hint,
    Progress,
    check,
    compare,
    core,
    evaluate,
    exercises_for_chapter,
    get_exercise,
    hint,
    progress,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

# --------------------------------------------------------------------------- a fake chapter 98

ORDERS = pd.Series([3, 1, 2], index=pd.Index(["C1", "C2", "C3"], name="customer_id"), name="orders")
CALLS = {"expected": 0}


def expected_share() -> float:
    CALLS["expected"] += 1
    return 0.25


def counted_everything(answer: Any, expected: Any) -> str | None:
    if answer == expected.sum():
        return "You counted the orders of all customers together: <group> by customer_id first."
    return None


def broken_diagnosis(answer: Any, expected: Any) -> str | None:
    raise RuntimeError("this diagnosis only understands Series")


def crashing_comparator(answer: Any, expected: Any) -> compare.Verdict:
    raise KeyError("boom")


def meddling_comparator(answer: Any, expected: Any) -> bool:
    """Tries to change the answer: the student's object must stay as it was."""
    answer["extra"] = 1
    answer.sort_values("x", inplace=True)
    return False


def make_fake_chapter() -> list[Exercise]:
    return [
        Exercise(
            id="98.1",
            chapter="98",
            title="Orders per customer",
            variable="orders",
            points=3,
            expected=lambda: ORDERS,
            compare=compare.series(),
            hints=("Group by customer_id.", "Count with .size()."),
            diagnoses=(broken_diagnosis, counted_everything),
            section="Counting orders",
        ),
        Exercise(
            id="98.2",
            chapter=98,
            title="Share of repeat buyers",
            variable="share",
            points=1,
            expected=expected_share,
            compare=compare.scalar(),
        ),
        Exercise(
            id="98.10",
            chapter="98-fake-chapter",
            title="Broken data",
            variable="broken",
            points=2,
            expected=lambda: 1 / 0,
            compare=compare.scalar(),
            hints=["Only one hint."],
        ),
        Exercise(
            id="97.1",
            chapter="97",
            title="Crashing check",
            variable="crash",
            points=1,
            expected=lambda: 1,
            compare=crashing_comparator,
        ),
        Exercise(
            id="97.2",
            chapter="97",
            title="Meddling check",
            variable="meddle",
            points=1,
            expected=lambda: 1,
            compare=meddling_comparator,
            diagnoses=(lambda answer, expected: answer.drop(columns="x", inplace=True),),
        ),
    ]


@pytest.fixture
def fake_chapter(monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, Exercise]]:
    """Only the fake exercises are known (the real chapters are not discovered)."""
    monkeypatch.setattr(core, "_DISCOVERED", {})
    core.reset_session()
    with core.registered(make_fake_chapter()) as added:
        yield {exercise.id: exercise for exercise in added}
    core.reset_session()


# --------------------------------------------------------------------------- check


def test_correct_answer_gets_the_points(fake_chapter: dict[str, Exercise]) -> None:
    feedback = check("98.1", ORDERS.sample(frac=1, random_state=0))
    assert feedback.status == "correct" and feedback.correct
    assert (feedback.points, feedback.max_points) == (3, 3)
    assert repr(feedback) == "Exercise 98.1 (Orders per customer): Correct! +3 points"


def test_placeholder_is_not_attempted(fake_chapter: dict[str, Exercise]) -> None:
    feedback = check("98.10", ...)  # its expected answer would fail: it is not even computed
    assert feedback.status == "not_attempted"
    assert (feedback.points, feedback.max_points) == (0, 2)
    assert repr(feedback) == (
        "Exercise 98.10 (Broken data): Not attempted yet: replace the `...` with your code, "
        "then run this cell again."
    )


def test_diagnosis_leads_and_comparator_problems_follow(fake_chapter: dict[str, Exercise]) -> None:
    feedback = check("98.1", 6)
    assert feedback.status == "incorrect" and feedback.points == 0
    assert feedback.message.startswith("You counted the orders of all customers together")
    assert any("expects a pandas Series" in detail for detail in feedback.details)
    assert repr(feedback).splitlines()[:2] == [
        "Exercise 98.1 (Orders per customer): not correct yet (0 of 3 points).",
        feedback.message,
    ]


def test_without_diagnosis_the_first_problem_leads(fake_chapter: dict[str, Exercise]) -> None:
    feedback = check("98.1", ORDERS.drop("C2") * 100)
    assert feedback.message.startswith("Your Series is missing 1 customer_id value")
    assert "C2" in feedback.message
    assert any("100 times" in detail for detail in feedback.details)


def test_unknown_or_badly_written_ids(fake_chapter: dict[str, Exercise]) -> None:
    feedback = check("98.3", 1)
    assert feedback.status == "error"
    assert "There is no exercise '98.3'" in feedback.message
    assert "97.1, 97.2, 98.1, 98.2, 98.10" in feedback.message
    assert check(98.1, 1).status == "error"  # type: ignore[arg-type]
    assert "in quotes" in check(98.1, 1).message  # type: ignore[arg-type]
    assert check(" 98.01 ", ORDERS).status == "correct"


def test_broken_expected_answer_is_an_error_not_a_crash(fake_chapter: dict[str, Exercise]) -> None:
    feedback = check("98.10", 1)
    assert feedback.status == "error"
    assert "ZeroDivisionError" in feedback.message
    assert "not with your answer" in feedback.message


def test_crashing_comparator_is_an_error(fake_chapter: dict[str, Exercise]) -> None:
    feedback = check("97.1", 1)
    assert feedback.status == "error"
    assert "KeyError" in feedback.message


def test_expected_answer_is_computed_once(fake_chapter: dict[str, Exercise]) -> None:
    before = CALLS["expected"]
    for answer in (0.25, 0.5, "x"):
        evaluate("98.2", answer)
    assert CALLS["expected"] == before + 1


def test_answers_are_never_changed(fake_chapter: dict[str, Exercise]) -> None:
    answer = pd.DataFrame({"x": [3, 1, 2]}, index=pd.Index(["a", "b", "c"], name="id"))
    before = answer.copy()
    check("97.2", answer)
    pd.testing.assert_frame_equal(answer, before)
    series = ORDERS.iloc[::-1].copy()
    check("98.1", series)
    pd.testing.assert_series_equal(series, ORDERS.iloc[::-1])


def test_text_is_deterministic_and_html_is_escaped(fake_chapter: dict[str, Exercise]) -> None:
    answer = object()
    first, second = repr(check("98.2", answer)), repr(check("98.2", answer))
    assert first == second and "0x" not in first
    feedback = check("98.1", 6)
    page = feedback._repr_html_()
    assert "&lt;group&gt;" in page and "<group>" not in page
    assert "not correct yet" in page
    assert str(feedback) == repr(feedback)


def test_to_dict_is_json_safe(fake_chapter: dict[str, Exercise]) -> None:
    for answer in (ORDERS, 6, ..., float("nan")):
        payload = check("98.1", answer).to_dict()
        assert json.loads(json.dumps(payload)) == payload
    assert set(payload) == {
        "exercise_id", "title", "status", "points", "max_points", "message", "details",
    }  # fmt: skip


def test_evaluate_records_nothing(fake_chapter: dict[str, Exercise]) -> None:
    assert evaluate("98.1", ORDERS).status == "correct"
    assert progress().to_frame().set_index("exercise").loc["98.1", "status"] == "not yet"


# --------------------------------------------------------------------------- hints


def test_hints_one_at_a_time_then_where_to_look(fake_chapter: dict[str, Exercise]) -> None:
    first, second, third = hint("98.1"), hint("98.1"), hint("98.1")
    assert (
        repr(first) == "Hint 1 of 2 for exercise 98.1 (Orders per customer): Group by customer_id."
    )
    assert (second.number, second.total, second.text) == (2, 2, "Count with .size().")
    assert third.number == 0
    assert repr(third).startswith("No more hints for exercise 98.1 (Orders per customer)")
    assert 'Re-read the section "Counting orders"' in third.text
    assert "1. Group by customer_id." in third.text
    assert repr(hint("98.1")) == repr(third)
    assert hint("98.10").number == 1  # each exercise counts its own hints
    assert "the only hint" in hint("98.10").text


def test_hints_for_unknown_ids_and_exercises_without_hints(
    fake_chapter: dict[str, Exercise],
) -> None:
    missing = hint("98.7")
    assert isinstance(missing, Hint) and missing.number == 0
    assert "There is no exercise '98.7'" in repr(missing)
    none = hint("98.2")
    assert "has no hints" in none.text and "Re-read the lesson section" in none.text
    assert "<strong>" in none._repr_html_()


# --------------------------------------------------------------------------- progress


def test_progress_follows_the_latest_check(fake_chapter: dict[str, Exercise]) -> None:
    check("98.1", ORDERS)
    check("98.2", 0.5)
    check("98.2", ...)  # a placeholder is not an attempt
    table = progress().to_frame().set_index("exercise")
    assert table.loc["98.1", "status"] == "correct" and table.loc["98.1", "points"] == 3
    assert table.loc["98.2", "status"] == "tried" and table.loc["98.2", "checks"] == 1
    assert table.loc["97.1", "status"] == "not yet"
    check("98.1", 6)
    assert progress().to_frame().set_index("exercise").loc["98.1", "status"] == "tried"


def test_progress_text_html_and_frame(fake_chapter: dict[str, Exercise]) -> None:
    check("98.1", ORDERS)
    report = progress(98)
    assert isinstance(report, Progress)
    assert repr(report) == textwrap.dedent("""\
        Progress in this session: 3 of 6 points, 1 of 3 exercises correct.
        Chapter 98: 3 of 6 points
          98.1  Orders per customer                       correct   3/3
          98.2  Share of repeat buyers                    not yet   0/1
          98.10 Broken data                               not yet   0/2""")
    assert (report.points, report.max_points) == (3, 6)
    page = report._repr_html_()
    assert page.count("<tr>") == 4 and "Orders per customer" in page
    frame = report.to_frame()
    assert frame.columns.tolist() == core.PROGRESS_COLUMNS
    assert frame["points"].dtype == "int64"
    assert "Chapter 97" in repr(progress()) and "Chapter 98" in repr(progress())


def test_progress_for_unknown_chapters(fake_chapter: dict[str, Exercise]) -> None:
    assert repr(progress(42)) == "No exercises in chapter 42."
    assert "is not a chapter" in repr(progress("intro"))


# --------------------------------------------------------------------------- registry


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


def test_registered_exercises_leave_no_trace(fake_chapter: dict[str, Exercise]) -> None:
    extra = Exercise("96.1", "96", "Temporary", "tmp", 1, lambda: 1, compare.scalar())
    with core.registered([extra]):
        check("96.1", 1)
        hint("96.1")
        with pytest.raises(core.ExerciseDefinitionError, match="Already registered"):
            with core.registered([extra]):
                pass
    assert check("96.1", 1).status == "error"
    assert "96.1" not in core._ATTEMPTS and "96.1" not in core._HINTS_SHOWN


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"id": "98"}, "id must look like"),
        ({"id": "97.1"}, "does not belong to chapter '98'"),
        ({"title": " "}, "title"),
        ({"variable": "my answer"}, "Python name"),
        ({"points": -1}, "points"),
        ({"points": True}, "points"),
        ({"expected": 3}, "functions"),
        ({"hints": ("ok", 3)}, "hints must be text"),
        ({"diagnoses": ("not callable",)}, "diagnoses"),
    ],
)
def test_bad_definitions_are_refused(changes: dict[str, Any], message: str) -> None:
    fields = dict(
        id="98.1", chapter="98", title="T", variable="x", points=1,
        expected=lambda: 1, compare=compare.scalar(),
    )  # fmt: skip
    with pytest.raises(core.ExerciseDefinitionError, match=message):
        Exercise(**{**fields, **changes})


def test_chapter_and_sequences_are_normalised() -> None:
    exercise = Exercise("1.2", 1, "T", "x", 1, lambda: 1, compare.scalar(), ["a"], [print])
    assert exercise.chapter == "01"
    assert exercise.hints == ("a",) and exercise.diagnoses == (print,)
    single = Exercise("1.3", "01", "T", "x", 1, lambda: 1, compare.scalar(), hints="One hint.")
    assert single.hints == ("One hint.",)
    with pytest.raises(ValueError, match="not a chapter"):
        Exercise("1.2", "one", "T", "x", 1, lambda: 1, compare.scalar())


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


def test_discovery_finds_chapter_modules_only(importable: Path) -> None:
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
    assert sorted(core.discover(name)) == ["11.1", "3.1"]


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
def test_discovery_refuses_bad_chapter_modules(
    importable: Path, package: str, module: str, source: str, message: str
) -> None:
    name = write_package(importable, package, {module: source})
    with pytest.raises(core.ExerciseDefinitionError, match=message):
        core.discover(name)


def test_a_broken_chapter_module_does_not_make_check_raise(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def broken_discovery(package: str = core.PACKAGE) -> dict[str, Exercise]:
        raise core.ExerciseDefinitionError("ch05 is broken")

    monkeypatch.setattr(core, "_DISCOVERED", None)
    monkeypatch.setattr(core, "discover", broken_discovery)
    feedback = check("5.1", 1)
    assert feedback.status == "error" and "ch05 is broken" in feedback.message
    assert "ch05 is broken" in hint("5.1").text


def test_import_is_light_and_discovery_lazy() -> None:
    code = textwrap.dedent("""
        import sys
        import crmkit.exercises as exercises
        heavy = [m for m in ("pandas", "matplotlib", "scipy", "ipywidgets") if m in sys.modules]
        chapters = [m for m in sys.modules if m.startswith("crmkit.exercises.ch")]
        print(heavy, chapters, exercises.core._DISCOVERED)
    """)
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[] [] None"


def test_public_api() -> None:
    assert set(exercises.__all__) >= {
        "check", "hint", "progress", "evaluate", "get_exercise", "exercises_for_chapter",
        "all_exercises", "Exercise", "Feedback",
    }  # fmt: skip
    assert exercises.compare is compare


# --------------------------------------------------------------------------- never raises


class Hostile:
    def __eq__(self, other: object) -> bool:
        raise RuntimeError("no comparing me")

    def __bool__(self) -> bool:
        raise RuntimeError("no truth in me")

    def __repr__(self) -> str:
        raise RuntimeError("no printing me")

    def __deepcopy__(self, memo: dict[int, Any]) -> Hostile:
        raise RuntimeError("no copying me")

    __hash__ = object.__hash__


scalars = st.one_of(
    st.none(),
    st.just(Ellipsis),
    st.booleans(),
    st.integers(),
    st.integers(min_value=10**300, max_value=10**400),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=8),
    st.builds(Hostile),
)
labels = st.one_of(st.sampled_from(["C1", "C2", "C3", "C4"]), st.integers(-2, 5))


@st.composite
def series_answers(draw: st.DrawFn) -> pd.Series:
    index = draw(st.lists(labels, max_size=5))
    values = draw(st.lists(scalars, min_size=len(index), max_size=len(index)))
    name = draw(st.sampled_from([None, "customer_id", "orders"]))
    return pd.Series(values, index=pd.Index(index, name=name), dtype=object).infer_objects()


@st.composite
def frame_answers(draw: st.DrawFn) -> pd.DataFrame:
    columns = draw(st.lists(st.sampled_from(["customer_id", "orders", "x", 7]), max_size=3))
    rows = draw(st.integers(0, 4))
    data = {column: draw(st.lists(scalars, min_size=rows, max_size=rows)) for column in columns}
    return pd.DataFrame(data, dtype=object).infer_objects()


answers = st.one_of(
    scalars,
    st.lists(scalars, max_size=5),
    st.tuples(scalars, scalars),
    st.sets(st.one_of(st.integers(), st.text(max_size=3)), max_size=5),
    st.dictionaries(st.text(max_size=3), scalars, max_size=4),
    series_answers(),
    frame_answers(),
    st.builds(lambda s: s.index, series_answers()),
    st.builds(np.array, st.lists(st.floats(allow_nan=True), max_size=4)),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    exercise_id=st.sampled_from(["98.1", "98.2", "98.10", "97.1", "97.2", "98.5", "x"]),
    answer=answers,
)
def test_check_never_raises(exercise_id: str, answer: Any) -> None:
    with core.registered(make_fake_chapter()):
        feedback = check(exercise_id, answer)
    assert isinstance(feedback, Feedback)
    assert feedback.status in core.STATUSES
    text = repr(feedback)
    assert isinstance(text, str) and " at 0x" not in text
    assert isinstance(feedback._repr_html_(), str)
    json.dumps(feedback.to_dict())
    assert isinstance(repr(hint(exercise_id)), str)
