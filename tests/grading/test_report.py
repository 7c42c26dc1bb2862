"""crmkit.grading.report: gradebook, class summary, Gradescope results, atomic writes."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from crmkit.exercises import Feedback
from crmkit.grading import report
from crmkit.grading.scoring import StudentResult

from tests.grading.fixtures.builders import MAX_POINTS, NOTEBOOK_NAME


def make_result(student: str, statuses: list[str], status: str = "ok") -> StudentResult:
    feedback = [
        Feedback(
            f"99.{i}",
            f"Exercise {i}",
            s,
            2 if s == "correct" else 0,
            2,
            "Correct! +2 points" if s == "correct" else "Not yet.",
        )
        for i, s in enumerate(statuses, start=1)
    ]
    return StudentResult(student, f"{student}/{NOTEBOOK_NAME}", status, feedback=feedback)


def test_atomic_write_never_leaves_half_a_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "gradebook.csv"
    target.write_text("old\n")

    def fail(*args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError, match="disk full"):
        report.atomic_write(target, "new\n" * 1000)
    assert target.read_text() == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["gradebook.csv"]


def test_reports_from_results(tmp_path: Path, chapter99_exercises: list) -> None:
    results = [
        make_result("ann", ["correct", "incorrect", "not_attempted"]),
        make_result("bob", ["correct", "correct", "correct"]),
        make_result("cy", ["error"] * 3, status="no submission"),
    ]
    written = report.write_reports(tmp_path, "99", chapter99_exercises, results)
    assert written[-1].name == "gradebook.csv"
    rows = report.gradebook_rows(chapter99_exercises, results)
    assert rows[1][:7] == ["ann", f"ann/{NOTEBOOK_NAME}", "ok", "2", "0", "0", "2"]
    summary = report.class_summary(chapter99_exercises, results)
    assert summary[1][3:7] == ["2", "2", "0", "1.00"]  # cy did not submit
    gradescope = json.loads((tmp_path / "gradescope" / "ann" / "results.json").read_text())
    assert gradescope["score"] == 2.0
    assert [t["status"] for t in gradescope["tests"]] == ["passed", "failed", "failed"]
    text = report.terminal_summary("99", chapter99_exercises, results, tmp_path, 75, 2, False)
    assert text.splitlines()[0] == "Graded 3 submission(s) of chapter 99 in 1:15 (2 jobs)."
    assert len(text.splitlines()) < 25
    assert MAX_POINTS == sum(e.points for e in chapter99_exercises)
