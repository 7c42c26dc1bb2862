"""crmkit.grading.scoring: a worker's report becomes a status, points and flags."""

from __future__ import annotations

from typing import Any

import pytest
from crmkit.grading.runner import Limits, RawRun
from crmkit.grading.scoring import flags, score

from tests.grading.fixtures.builders import NOTEBOOK_NAME


def cells(*sources: str) -> list[dict[str, Any]]:
    return [{"cell_type": "markdown", "source": "# title"}] + [
        {"cell_type": "code", "source": source} for source in sources
    ]


def tagged(**values: Any) -> dict[str, Any]:
    return {name: {"type": "float", "value": value} for name, value in values.items()}


@pytest.mark.parametrize(
    ("outcome", "status"),
    [
        ({}, "ok"),
        ({"errors": [{"cell": 1, "line": 1, "ename": "KeyError", "evalue": "'x'"}]}, "error"),
        (
            {"errors": [{"cell": 1, "line": 1, "ename": "_ArrayMemoryError", "evalue": ""}]},
            "memory limit",
        ),
        ({"flooded": True, "errors": [{"cell": 1, "ename": "E", "evalue": ""}]}, "output flood"),
        ({"timeouts": [{"cell": 1, "limit": "cell"}], "flooded": True}, "timeout"),
        ({"crashes": [2], "timeouts": [{"cell": 1, "limit": "cell"}]}, "crashed"),
        ({"startup_problem": "the kernel did not start"}, "crashed"),
        ({"grader_problems": ["KeyError: 'x'"], "crashes": [1]}, "grader error"),
    ],
)
def test_status_is_the_most_serious_problem(
    outcome: dict, status: str, chapter99_exercises: list
) -> None:
    raw = RawRun(outcome={"answers": tagged(total=150.0), **outcome})
    result = score(
        "ann", NOTEBOOK_NAME, cells("total = 150.0", "x"), raw, chapter99_exercises, Limits()
    )
    assert result.status == status
    assert result.points == 2


def test_missing_answers_score_zero_with_a_reason(chapter99_exercises: list) -> None:
    killed = RawRun(outcome=None, killed=True, last_cell=2)
    result = score(
        "ann", NOTEBOOK_NAME, cells("a", "b"), killed, chapter99_exercises, Limits(timeout=5)
    )
    assert (result.status, result.points) == ("timeout", 0)
    assert "time limit of 5 s and was stopped (it was running cell 3)" in result.problems[0]
    assert all("stopped at its time limit" in f.message for f in result.feedback)


def test_flags_point_at_tampering() -> None:
    code = cells(
        "import crmkit.exercises as ex\nex.evaluate = lambda *a: None",
        "answer = get_exercise('1.1').expected()",
    )
    assert flags(code) == ["replaces crmkit functions", "uses crmkit's expected answers"]
    assert flags(cells("total = 1\ncheck('1.1', total)")) == []
