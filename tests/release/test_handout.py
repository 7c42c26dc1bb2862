"""``crmkit release --handout DIR``: the student hand-out holds no solution code or output."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from crmkit.release import ReleaseError
from crmkit.release.handout import write_handout

from tests.test_repository import SOLUTION_NOTEBOOKS, solution_lines

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def handout(tmp_path_factory: pytest.TempPathFactory) -> Path:
    destination = tmp_path_factory.mktemp("handout") / "course"
    write_handout(REPO, destination)
    return destination


def _notebooks(handout: Path) -> list[Path]:
    return sorted((handout / "notebooks").glob("*.ipynb"))


def test_layout(handout: Path) -> None:
    top = sorted(p.name for p in handout.iterdir())
    assert top == [
        "LICENSE",
        "README.md",
        "constraints.txt",
        "datasets",
        "lib",
        "notebooks",
        "pyproject.toml",
    ]
    assert [p.name for p in _notebooks(handout)] == [p.name for p in SOLUTION_NOTEBOOKS]
    assert (handout / "notebooks" / "glossary.md").is_file()
    assert (handout / "datasets" / "customers.csv").is_file()
    assert (handout / "datasets" / "cdnow" / "CDNOW_master.txt").is_file()
    assert "pip install -c constraints.txt -e ." in (handout / "README.md").read_text()


def test_no_solutions_folder_or_instructor_notes(handout: Path) -> None:
    assert not [p for p in handout.rglob("*") if "solutions" in p.relative_to(handout).parts]
    readme = (handout / "datasets" / "README.md").read_text(encoding="utf-8")
    assert "## For instructors" not in readme and "## Tables" in readme


@pytest.mark.parametrize("solution", SOLUTION_NOTEBOOKS, ids=lambda p: p.name)
def test_no_solution_code_or_output(handout: Path, solution: Path) -> None:
    notebook = json.loads((handout / "notebooks" / solution.name).read_text(encoding="utf-8"))
    code = [c for c in notebook["cells"] if c["cell_type"] == "code"]
    assert all(c["outputs"] == [] and c["execution_count"] is None for c in code)
    lines = {
        line.strip() for cell in notebook["cells"] for line in "".join(cell["source"]).split("\n")
    }
    assert not solution_lines(solution) & lines
    text = json.dumps(notebook)
    assert "BEGIN SOLUTION" not in text and "Correct! +" not in text


def test_the_library_and_data_work_from_the_handout(handout: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("CRMKIT_DATA", "PYTHONPATH")}
    env["PYTHONPATH"] = str(handout / "lib")
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "import crmkit, crmkit.paths as p; print(crmkit.__file__);"
            " print(p.data_dir()); print(len(crmkit.data.load_customers()))",
        ],
        cwd=handout,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    module, data, rows = done.stdout.split()
    assert Path(module).is_relative_to(handout) and Path(data) == handout / "datasets"
    assert int(rows) > 100


def test_refuses_a_folder_in_use(tmp_path: Path) -> None:
    (tmp_path / "someone.txt").write_text("work")
    with pytest.raises(ReleaseError, match="not an empty folder"):
        write_handout(REPO, tmp_path)
    with pytest.raises(ReleaseError, match="outside the course repository"):
        write_handout(REPO, REPO / "handout-inside")
    with pytest.raises(ReleaseError, match="not the course repository"):
        write_handout(tmp_path / "nowhere", tmp_path / "out")


def test_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from crmkit import cli

    assert cli.main(["release", "--handout", str(tmp_path / "h")]) == 0
    assert "no solutions" in capsys.readouterr().out
    assert cli.main(["release", "--handout", str(tmp_path / "h")]) == 2
