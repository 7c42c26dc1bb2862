"""Twin data, the locked answer key and the sandbox's view, on a real chapter (00).

One batch of chapter 00 notebooks, graded as ``crmkit grade`` does by default:

* ``computed``: the solution notebook (answers computed by code): full marks on the twin;
* ``typed``: the same notebook with its number answers replaced by the published
  course data's values: 0 on those, with the plain message, and flagged;
* ``key``: the student edition answering with the library's answer key: refused in the
  kernel, 0, flagged;
* ``reads_solutions``: finds the repository through ``crmkit.__file__`` and runs the
  solution notebook's code: inside the sandbox it cannot see solutions/.
"""

from __future__ import annotations

import csv
import shutil
from collections.abc import Iterator
from pathlib import Path

import nbformat
import pytest
from crmkit.exercises import exercises_for_chapter
from crmkit.grading.pipeline import GradeOptions, GradeRun, grade
from crmkit.grading.provenance import LOCKED_FLAG, TYPED_IN, TYPED_IN_MESSAGE
from crmkit.grading.runner import Limits
from nbformat.v4 import new_code_cell

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[2]
NAME = "00-getting-started.ipynb"
LIMITS = Limits(timeout=300, cell_timeout=120)

READ_SOLUTIONS = f"""\
import json, pathlib, crmkit
root = pathlib.Path(crmkit.__file__).resolve().parents[2]
solution = json.loads((root / "solutions" / {NAME!r}).read_text())
for cell in solution["cells"]:
    if cell["cell_type"] == "code":
        exec("".join(cell["source"]))
"""


def _published_scalars() -> dict[str, str]:
    """variable -> a Python literal of its expected answer on the published data (numbers only)."""
    typed = {}
    for exercise in exercises_for_chapter("00"):
        value = exercise.expected_answer
        if type(value).__module__ == "numpy":
            value = value.item()
        if isinstance(value, int | float) and not isinstance(value, bool):
            typed[exercise.variable] = repr(value)
    return typed


def _write(submissions: Path, student: str, notebook: nbformat.NotebookNode) -> None:
    (submissions / student).mkdir(parents=True)
    nbformat.write(notebook, submissions / student / NAME)


@pytest.fixture(scope="module")
def graded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[GradeRun, dict]]:
    root = tmp_path_factory.mktemp("twin-grading")
    submissions = root / "submissions"
    solution = nbformat.read(REPO / "solutions" / NAME, as_version=4)
    student = nbformat.read(REPO / "notebooks" / NAME, as_version=4)
    typed = _published_scalars()
    assert typed, "chapter 00 should have number answers"
    (submissions / "computed").mkdir(parents=True)
    shutil.copyfile(REPO / "solutions" / NAME, submissions / "computed" / NAME)
    copied = nbformat.from_dict(solution)
    copied.cells.append(new_code_cell("\n".join(f"{v} = {x}" for v, x in typed.items())))
    _write(submissions, "typed", copied)
    first, second = exercises_for_chapter("00")[:2]
    key = nbformat.from_dict(student)
    key.cells.append(
        new_code_cell(
            "from crmkit.exercises import get_exercise\n"
            f"{first.variable} = get_exercise({first.id!r}).expected_answer"
        )
    )
    key.cells.append(new_code_cell(f"{second.variable} = get_exercise({second.id!r}).expected()"))
    _write(submissions, "key", key)
    hostile = nbformat.from_dict(student)
    hostile.cells.append(new_code_cell(READ_SOLUTIONS))
    _write(submissions, "reads_solutions", hostile)
    run = grade(submissions, root / "out", GradeOptions(jobs=2, limits=LIMITS, progress=False))
    yield run, {"out": root / "out", "typed": typed, "key": (first, second)}


def _result(run: GradeRun, student: str):
    return next(r for r in run.results if r.student == student)


def test_computed_answers_score_full_marks_on_the_twin(graded: tuple[GradeRun, dict]) -> None:
    run, _ = graded
    assert run.notes.twin_seed is not None
    computed = _result(run, "computed")
    assert computed.status == "ok", computed.problems
    assert computed.points == computed.max_points > 0
    assert computed.flags == []


def test_typed_in_numbers_score_nothing_and_are_flagged(graded: tuple[GradeRun, dict]) -> None:
    run, info = graded
    typed = _result(run, "typed")
    variables = {e.id: e.variable for e in run.exercises}
    for feedback in typed.feedback:
        if variables[feedback.exercise_id] in info["typed"]:
            assert (feedback.points, feedback.diagnosis) == (0, TYPED_IN), feedback
            assert feedback.message == TYPED_IN_MESSAGE
            assert "matches the published data, not the grading data" in feedback.message
        else:
            assert feedback.status == "correct"
    assert any("match the published data" in flag for flag in typed.flags)
    with open(info["out"] / "gradebook.csv", newline="", encoding="utf-8") as handle:
        row = next(r for r in csv.DictReader(handle) if r["student"] == "typed")
    assert "typed in?" in row["flags"]
    with open(info["out"] / "class_summary.csv", newline="", encoding="utf-8") as handle:
        counts = {r["exercise"]: int(r["typed_in"]) for r in csv.DictReader(handle)}
    assert sum(counts.values()) == len(info["typed"])
    summary = (info["out"] / "summary.md").read_text(encoding="utf-8")
    assert f"Graded on twin data (seed {run.notes.twin_seed}" in summary
    assert "## What the class got wrong" in summary
    assert "matches the published data" in summary


def test_the_answer_key_is_refused_in_the_kernel(graded: tuple[GradeRun, dict]) -> None:
    run, info = graded
    key = _result(run, "key")
    first, second = info["key"]
    scored = {f.exercise_id: f.points for f in key.feedback}
    assert scored[first.id] == scored[second.id] == 0
    assert key.first_error is not None and key.first_error.ename == "AnswerKeyLocked"
    assert "not available while grading" in key.first_error.evalue
    assert LOCKED_FLAG in key.flags and "uses crmkit's expected answers" in key.flags


def test_sandboxed_kernel_cannot_see_the_solutions(graded: tuple[GradeRun, dict]) -> None:
    run, _ = graded
    hostile = _result(run, "reads_solutions")
    if not run.sandboxed:
        assert "WARNING: graded WITHOUT the sandbox" in run.notes.lines()[0]
        pytest.skip("bubblewrap does not work here: the summary warns instead")
    assert hostile.points == 0
    assert hostile.first_error is not None
    assert hostile.first_error.ename == "FileNotFoundError"
    assert "solutions" in hostile.first_error.evalue
