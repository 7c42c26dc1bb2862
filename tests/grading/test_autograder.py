"""``crmkit autograder``: the Gradescope zip, unpacked and run end to end as the platform would.

The zip is unpacked into a temporary root laid out like Gradescope's
(``source/``, ``submission/``, ``results/``); ``setup.sh`` runs with its install step
skipped (``CRMKIT_AUTOGRADER_SKIP_INSTALL=1``: the test reuses this environment
instead of installing from the network), then ``run_autograder`` grades the
submission and results.json is checked against Gradescope's documented fields.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from crmkit.exercises import exercises_for_chapter
from crmkit.grading.autograder import AutograderError, build_autograder

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[2]
NAME = "00-getting-started.ipynb"
# https://gradescope-autograders.readthedocs.io/en/latest/specs/ (results.json)
TOP_LEVEL = {
    "score",
    "execution_time",
    "output",
    "output_format",
    "test_output_format",
    "test_name_format",
    "visibility",
    "stdout_visibility",
    "extra_data",
    "tests",
    "leaderboard",
}
TEST_FIELDS = {
    "score",
    "max_score",
    "status",
    "name",
    "name_format",
    "number",
    "output",
    "output_format",
    "tags",
    "visibility",
    "extra_data",
}
VISIBILITY = {"hidden", "after_due_date", "after_published", "visible"}


def _run(script: Path, root: Path) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "AUTOGRADER_ROOT": str(root),
        "CRMKIT_AUTOGRADER_PYTHON": sys.executable,
        "CRMKIT_AUTOGRADER_SKIP_INSTALL": "1",
    }
    env.pop("CRMKIT_DATA", None)
    return subprocess.run(
        ["bash", str(script)], env=env, capture_output=True, text=True, timeout=600, check=False
    )


def test_gradescope_autograder_end_to_end(tmp_path: Path) -> None:
    archive = tmp_path / "autograder.zip"
    names = build_autograder("00", archive)
    assert {"setup.sh", "run_autograder"} <= set(names)
    assert not [n for n in names if "solutions" in n or "__pycache__" in n]
    assert "course/constraints.txt" in names and "course/datasets/customers.csv" in names
    root = tmp_path / "autograder"
    for folder in ("source", "submission", "results"):
        (root / folder).mkdir(parents=True)
    with zipfile.ZipFile(archive) as unpacked:
        unpacked.extractall(root / "source")
        modes = {i.filename: i.external_attr >> 16 for i in unpacked.infolist()}
    assert modes["setup.sh"] & 0o111 and modes["run_autograder"] & 0o111
    setup = (root / "source" / "setup.sh").read_text()
    assert 'pip install -c "$SOURCE/course/constraints.txt" "$SOURCE/course"' in setup
    assert "apt-get install" in setup and "bubblewrap" in setup
    shutil.copyfile(root / "source" / "run_autograder", root / "run_autograder")
    shutil.copyfile(REPO / "solutions" / NAME, root / "submission" / NAME)
    done = _run(root / "source" / "setup.sh", root)
    assert done.returncode == 0, done.stderr
    assert "install skipped" in done.stdout
    done = _run(root / "run_autograder", root)
    assert done.returncode == 0, done.stderr
    results = json.loads((root / "results" / "results.json").read_text())
    assert set(results) <= TOP_LEVEL and results["visibility"] in VISIBILITY
    exercises = exercises_for_chapter("00")
    assert results["score"] == sum(e.points for e in exercises)
    assert "Graded on twin data (seed" in results["output"]
    assert [t["number"] for t in results["tests"]] == [e.id for e in exercises]
    for test in results["tests"]:
        assert set(test) <= TEST_FIELDS
        assert isinstance(test["score"], int | float) and isinstance(test["max_score"], int | float)
        assert test["status"] in ("passed", "failed") and test["visibility"] in VISIBILITY
        assert isinstance(test["name"], str) and isinstance(test["output"], str)
        assert test["status"] == "passed"


def test_no_notebook_still_writes_results(tmp_path: Path) -> None:
    from crmkit.grading import gradescope

    (tmp_path / "submission").mkdir()
    (tmp_path / "submission" / "notes.txt").write_text("no notebook here")
    results = tmp_path / "results" / "results.json"
    status = gradescope.main(
        ["--chapter", "00", "--submission", str(tmp_path / "submission"), "--results", str(results)]
    )
    data = json.loads(results.read_text())
    assert status == 0 and data["score"] == 0 and "could not be graded" in data["output"]


@pytest.mark.parametrize(
    ("chapter", "timeout", "message"),
    [("42", 480, "no exercises"), ("intro", 480, "is not a chapter"), ("00", 0, "time limit")],
)
def test_bad_requests(tmp_path: Path, chapter: str, timeout: int, message: str) -> None:
    with pytest.raises(AutograderError, match=message):
        build_autograder(chapter, tmp_path / "a.zip", timeout)
    assert not (tmp_path / "a.zip").exists()


def test_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from crmkit import cli

    assert cli.main(["autograder", "42", "-o", str(tmp_path / "a.zip")]) == 2
    assert "no exercises" in capsys.readouterr().err
