"""The course repository as a whole: notebooks in sync, no leaked solutions, house style.

These tests read the real solutions/ and notebooks/ folders.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from crmkit.release import ALLOWED_TAGS, check_release

REPO_ROOT = Path(__file__).resolve().parent.parent
SOLUTION_NOTEBOOKS = sorted((REPO_ROOT / "solutions").glob("*.ipynb"))
STUDENT_NOTEBOOKS = sorted((REPO_ROOT / "notebooks").glob("*.ipynb"))
# The markers, spelt out here independently of crmkit.release.
CODE_MARKER = re.compile(r"^\s*#\s*(?P<kind>BEGIN|END)\s+SOLUTION\s*$")
MD_MARKER = re.compile(r"^\s*<!--\s*(?P<kind>BEGIN|END)\s+SOLUTION\s*-->\s*$")
ONE_LINE = re.compile(r"^\s*(?P<code>\S.*?)\s*#\s*SOLUTION\s*$")
# Marker-like text in any spelling; none may be left in a student notebook.
LEFTOVER_MARKER = re.compile(r"(BEGIN|END)[ \t_-]*SOLUTION|#[ \t]*SOLUTION[ \t]*$", re.I | re.M)
WARNING_LINE = re.compile(r"\b\w*Warning: .{0,80}")
TIME_ESTIMATE = re.compile(r"\b\d+(\s*(-|–|to)\s*\d+)?\s*(min|mins|minutes|h|hours?)\b", re.I)


def cells(path: Path) -> list[dict]:
    """The cells of a notebook, as plain JSON (no nbformat upgrades)."""
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def source(cell: dict) -> str:
    text = cell["source"]
    return text if isinstance(text, str) else "".join(text)


def by_name(paths: list[Path]) -> list[Any]:
    return [pytest.param(path, id=path.stem) for path in paths]


# --------------------------------------------------------------------------
# (a) notebooks/ is exactly what release makes
# --------------------------------------------------------------------------


def test_student_notebooks_are_released(solutions_dir: Path, notebooks_dir: Path) -> None:
    problems = check_release(solutions_dir, notebooks_dir)
    assert not problems, (
        "notebooks/ is not what `crmkit release` makes from solutions/; run `make release`:\n"
        + "\n".join(problems)
    )


# --------------------------------------------------------------------------
# (b) cell tags
# --------------------------------------------------------------------------


@pytest.mark.parametrize("path", by_name(SOLUTION_NOTEBOOKS + STUDENT_NOTEBOOKS))
def test_cell_tags_allowed(path: Path) -> None:
    bad = [
        f"cell {number}: {tag!r}"
        for number, cell in enumerate(cells(path), start=1)
        for tag in cell.get("metadata", {}).get("tags", [])
        if tag not in ALLOWED_TAGS
    ]
    assert not bad, f"{path.parent.name}/{path.name} has tags outside {sorted(ALLOWED_TAGS)}: {bad}"


@pytest.mark.parametrize("path", by_name(SOLUTION_NOTEBOOKS))
def test_stored_outputs_have_no_warnings(path: Path) -> None:
    """A warning in a lesson's output is a bug to fix, not text to keep (or sanitize)."""
    warned = [
        f"cell {number}: {match.group(0)}"
        for number, cell in enumerate(cells(path), start=1)
        for output in cell.get("outputs", [])
        if output.get("output_type") == "stream" and output.get("name") == "stderr"
        for match in WARNING_LINE.finditer(source({"source": output.get("text", "")}))
    ]
    assert not warned, f"solutions/{path.name} stores warnings in its outputs: {warned[:5]}"


# --------------------------------------------------------------------------
# (c) no solution reaches a student
# --------------------------------------------------------------------------


def solution_lines(path: Path) -> set[str]:
    """Substantial lines that appear only inside solutions in a solution notebook."""
    inside: set[str] = set()
    outside: set[str] = set()
    for cell in cells(path):
        marker = CODE_MARKER if cell["cell_type"] == "code" else MD_MARKER
        in_block = False
        for line in source(cell).split("\n"):
            found = marker.match(line)
            one_line = ONE_LINE.match(line) if cell["cell_type"] == "code" else None
            if found:
                in_block = found["kind"] == "BEGIN"
            elif in_block:
                inside.add(line.strip())
            elif one_line:
                inside.add(one_line["code"].strip())
            else:
                outside.add(line.strip())
    return {line for line in inside - outside if len(line) >= 8 and re.search(r"\w{2}", line)}


@pytest.mark.parametrize("path", by_name(SOLUTION_NOTEBOOKS))
def test_no_solution_in_student_notebook(path: Path, notebooks_dir: Path) -> None:
    student = notebooks_dir / path.name
    if not student.exists():
        pytest.fail(f"notebooks/{path.name} is missing: run `make release`")
    student_lines = {line.strip() for cell in cells(student) for line in source(cell).split("\n")}
    leaked = sorted(solution_lines(path) & student_lines)
    assert not leaked, f"notebooks/{path.name} contains solution lines: {leaked[:5]}"


@pytest.mark.parametrize("path", by_name(STUDENT_NOTEBOOKS))
def test_no_marker_left(path: Path) -> None:
    left = [
        f"cell {number}: {match.group(0)!r}"
        for number, cell in enumerate(cells(path), start=1)
        if cell["cell_type"] != "raw"
        for match in LEFTOVER_MARKER.finditer(source(cell))
    ]
    assert not left, f"notebooks/{path.name} still has solution markers: {left}"


# --------------------------------------------------------------------------
# (d) chapters exist and follow the course's opening and closing
# --------------------------------------------------------------------------


def test_first_chapters_exist(solutions_dir: Path, chapters: tuple[str, ...]) -> None:
    missing = [
        f"solutions/{name}.ipynb"
        for name in chapters[:2]
        if not (solutions_dir / f"{name}.ipynb").is_file()
    ]
    assert not missing, f"the course needs its first chapters: {missing} do not exist yet"


@pytest.mark.parametrize("path", by_name(SOLUTION_NOTEBOOKS))
def test_notebook_is_a_chapter(path: Path, chapters: tuple[str, ...]) -> None:
    assert path.stem in chapters, f"solutions/{path.name} is not one of the chapters {chapters}"


def opening(path: Path) -> str:
    """The markdown before the first code cell."""
    text = []
    for cell in cells(path):
        if cell["cell_type"] == "code":
            break
        if cell["cell_type"] == "markdown":
            text.append(source(cell))
    return "\n".join(text)


@pytest.mark.parametrize("path", by_name(SOLUTION_NOTEBOOKS))
def test_chapter_opening(path: Path) -> None:
    first = cells(path)[0]
    assert first["cell_type"] == "markdown" and source(first).startswith("# "), (
        f"solutions/{path.name} must open with a markdown cell whose first line is a '# ' title"
    )
    text = opening(path)
    wanted = {
        "a 'Knowledge goals' section": "Knowledge goals" in text,
        "知识目标 beside it": "知识目标" in text,
        "an 'Ability goals' section": "Ability goals" in text,
        "能力目标 beside it": "能力目标" in text,
        "a time estimate (e.g. 'about 90 minutes')": bool(TIME_ESTIMATE.search(text)),
        "a 'How to run' section": "how to run" in text.lower(),
    }
    missing = [what for what, present in wanted.items() if not present]
    assert not missing, f"the opening of solutions/{path.name} lacks: {', '.join(missing)}"


def headings(path: Path) -> list[tuple[int, str]]:
    """(cell number, heading text) for every markdown heading in the notebook."""
    return [
        (number, line.lstrip("#").strip())
        for number, cell in enumerate(cells(path), start=1)
        if cell["cell_type"] == "markdown"
        for line in source(cell).split("\n")
        if re.match(r"#{1,6} ", line)
    ]


@pytest.mark.parametrize("path", by_name(SOLUTION_NOTEBOOKS))
def test_chapter_closing(path: Path) -> None:
    found = {}
    for number, text in headings(path):
        for wanted in ("Summary", "Key terms", "Discussion questions"):
            if text.lower().startswith(wanted.lower()):
                found[wanted] = number
    missing = [
        name for name in ("Summary", "Key terms", "Discussion questions") if name not in found
    ]
    assert not missing, f"solutions/{path.name} lacks closing sections: {missing}"
    order = [found["Summary"], found["Key terms"], found["Discussion questions"]]
    assert order == sorted(order), f"solutions/{path.name}: closing sections out of order"
    last_check = max(
        (
            number
            for number, cell in enumerate(cells(path), start=1)
            if cell["cell_type"] == "code" and re.search(r"\bcheck\(", source(cell))
        ),
        default=0,
    )
    assert found["Summary"] > last_check, (
        f"solutions/{path.name}: the Summary must come after the last exercise (cell {last_check})"
    )


# --------------------------------------------------------------------------
# (e) ruff
# --------------------------------------------------------------------------


def test_ruff(repo_root: Path) -> None:
    folders = ["conftest.py", "lib", "tests", "solutions", "notebooks", "benchmarks"]
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--no-cache", *folders],
        cwd=repo_root,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, f"ruff found problems:\n{result.stdout}{result.stderr}"
