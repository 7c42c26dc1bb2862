"""Grading the course's own chapters: the solution earns every point, the student edition none.

Shared by ``test_course_chapters_early.py`` and ``test_course_chapters_late.py``: two files so
that the parallel test run (one file per worker) grades the two halves of the course at once.
"""

from __future__ import annotations

import functools
import json
import shutil
from pathlib import Path

import nbformat
import pytest
from crmkit.exercises import exercises_for_chapter
from crmkit.grading.pipeline import GradeOptions, GradeRun, grade
from crmkit.grading.runner import Limits

REPO = Path(__file__).resolve().parents[2]


def chapters() -> list[str]:
    return sorted(p.name for p in (REPO / "solutions").glob("[0-9][0-9]-*.ipynb"))


def _mixed(
    solution: nbformat.NotebookNode, student: nbformat.NotebookNode
) -> nbformat.NotebookNode | None:
    """The solution's first half of answers and the student edition's second half."""
    if len(solution.cells) != len(student.cells):
        return None
    differing = [
        i
        for i, (a, b) in enumerate(zip(solution.cells, student.cells, strict=True))
        if a.cell_type == "code" and a.source != b.source
    ]
    if len(differing) < 2:
        return None
    cut = differing[len(differing) // 2]
    mixed = nbformat.from_dict(json.loads(nbformat.writes(student)))
    mixed.cells[:cut] = solution.cells[:cut]
    return mixed


@functools.cache
def _partial_chapter() -> str | None:
    """The first chapter whose solution and student edition mix into a partial notebook
    (one is enough to show partial marks on real exercises; each run costs time)."""
    for name in chapters():
        student = REPO / "notebooks" / name
        if (
            student.exists()
            and exercises_for_chapter(name[:2])
            and _mixed(
                nbformat.read(REPO / "solutions" / name, as_version=4),
                nbformat.read(student, as_version=4),
            )
            is not None
        ):
            return name
    return None


def grade_course_chapter(name: str, tmp_path: Path) -> None:
    """Grade the chapter's solution, student edition and (for one chapter) a partial mix."""
    chapter = name[:2]
    exercises = exercises_for_chapter(chapter)
    if not exercises:
        pytest.skip(f"chapter {chapter} has no exercises")
    submissions = tmp_path / "submissions"
    (submissions / "solution").mkdir(parents=True)
    shutil.copyfile(REPO / "solutions" / name, submissions / "solution" / name)
    student_path = REPO / "notebooks" / name
    mixed = None
    # The student edition (all placeholders) is graded for one chapter only: every edition
    # already runs top to bottom under nbval-lax and in the browser test.
    if student_path.exists() and name == _partial_chapter():
        (submissions / "student").mkdir()
        shutil.copyfile(student_path, submissions / "student" / name)
        if name == _partial_chapter():
            mixed = _mixed(
                nbformat.read(REPO / "solutions" / name, as_version=4),
                nbformat.read(student_path, as_version=4),
            )
        if mixed is not None:
            (submissions / "partial").mkdir()
            nbformat.write(mixed, submissions / "partial" / name)
    run: GradeRun = grade(
        submissions,
        tmp_path / "out",
        GradeOptions(jobs=2, limits=Limits(timeout=900, cell_timeout=600), progress=False),
    )
    results = {r.student: r for r in run.results}
    maximum = sum(e.points for e in exercises)
    solution = results["solution"]
    assert (solution.status, solution.points, solution.max_points) == ("ok", maximum, maximum), (
        solution.problems,
        [repr(f) for f in solution.feedback if f.status != "correct"],
    )
    if "student" in results:
        student = results["student"]
        assert student.points == 0 and student.status == "not attempted"
        assert {f.status for f in student.feedback} == {"not_attempted"}
    if "partial" in results:
        assert 0 < results["partial"].points < maximum
        assert {"correct", "not_attempted"} <= {f.status for f in results["partial"].feedback}
