"""What the browser test needs besides the browser: the notebook's cells and the Chromium."""

from __future__ import annotations

import json
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

#: Where to find a Chromium: $CRMKIT_CHROMIUM, then these programs on PATH.
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
SCREENSHOTS_ENV_VAR = "CRMKIT_SCREENSHOTS"
#: The screenshot folders used in this run (printed at the end by tests/browser/conftest.py).
SCREENSHOT_FOLDERS: list[Path] = []
CHECK_CALL = re.compile(r'check\("(?P<id>[^"]+)",\s*(?P<variable>\w+)\)')

#: One dict per code cell, in order: its error text, images (and broken ones), sliders.
CELL_STATES_JS = """() => [...document.querySelectorAll('.jp-Notebook .jp-CodeCell')].map(cell => {
    const errors = [...cell.querySelectorAll(
        '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')];
    const images = [...cell.querySelectorAll('.jp-OutputArea-output img')];
    return {
        error: errors.map(e => e.textContent).join('\\n').trim(),
        images: images.length,
        brokenImages: images.filter(i => !(i.complete && i.naturalWidth > 0)).length,
        sliders: cell.querySelectorAll('.widget-slider').length,
    };
})"""


def find_chromium() -> Path | None:
    """The Chromium to drive: $CRMKIT_CHROMIUM, else the first of CHROMIUM_NAMES on PATH."""
    configured = os.environ.get("CRMKIT_CHROMIUM")
    if configured:
        return Path(configured)
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return Path(found)
    return None


def browser_or_skip() -> Path:
    """The Chromium executable; skips (loudly, saying how to fix it) when there is none.

    On CI as root with apt-get, ``make setup`` installs Chromium, so a missing one
    there is a failure, not a skip.
    """
    chromium = find_chromium()
    try:
        import playwright  # noqa: F401
    except ImportError:
        chromium_problem = "the playwright package is not installed (run `make setup`)"
    else:
        chromium_problem = "" if chromium else "no Chromium on PATH"
    if not chromium_problem:
        return chromium  # type: ignore[return-value]
    message = (
        f"BROWSER TEST SKIPPED: {chromium_problem}. The student's journey was NOT tested in a "
        "browser. Install Chromium (Debian/Ubuntu: `sudo apt-get install chromium "
        "fonts-noto-cjk`; `make setup` does it when run as root) or point CRMKIT_CHROMIUM "
        "at a Chrome/Chromium executable."
    )
    can_install = os.geteuid() == 0 and shutil.which("apt-get") is not None
    if os.environ.get("CI") and can_install:
        pytest.fail(message + " On this CI machine `make setup` should have installed it.")
    pytest.skip(message)


def screenshot_folder(repo_root: Path) -> Path:
    """Where the screenshots go: $CRMKIT_SCREENSHOTS or browser-screenshots/ (git-ignored)."""
    folder = Path(os.environ.get(SCREENSHOTS_ENV_VAR) or repo_root / "browser-screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    for stale in folder.glob("*.png"):  # only this run's pictures
        stale.unlink()
    SCREENSHOT_FOLDERS.append(folder)
    return folder


def code_cells(notebook: dict[str, Any]) -> list[dict[str, Any]]:
    """The notebook's code cells: source text and tags."""
    return [
        {
            "source": "".join(cell["source"]),
            "tags": cell.get("metadata", {}).get("tags", []),
        }
        for cell in notebook["cells"]
        if cell["cell_type"] == "code"
    ]


#: A solution marker in a code cell (``# BEGIN SOLUTION`` or the one-line ``... # SOLUTION``).
SOLUTION_MARKER = re.compile(r"#[ \t]*(BEGIN[ \t]+)?SOLUTION[ \t]*$", re.MULTILINE)


def figure_cells(solution: Path) -> set[int]:
    """Indexes (among code cells) of the solution notebook's cells that show a figure.

    A cell whose figure is the student's own work (drawn by solution code, which the
    student edition replaces with a placeholder) is left out: it has no figure until the
    student draws one.
    """
    notebook = json.loads(solution.read_text(encoding="utf-8"))
    cells = [cell for cell in notebook["cells"] if cell["cell_type"] == "code"]
    return {
        index
        for index, cell in enumerate(cells)
        if any("image/png" in output.get("data", {}) for output in cell.get("outputs", []))
        and not SOLUTION_MARKER.search("".join(cell["source"]))
    }


@dataclass(frozen=True)
class ExerciseCell:
    """A code cell that checks an exercise: ``answer = ...`` then ``check("1.2", answer)``."""

    index: int
    exercise_id: str
    variable: str

    def with_answer(self, expression: str) -> str:
        return f"{self.variable} = {expression}\ncheck({self.exercise_id!r}, {self.variable})"


def first_exercise(cells: list[dict[str, Any]]) -> ExerciseCell | None:
    """The first code cell with a ``check("N.M", variable)`` call."""
    for index, cell in enumerate(cells):
        match = CHECK_CALL.search(cell["source"])
        if match:
            return ExerciseCell(index, match["id"], match["variable"])
    return None


def type_into_cell(page: Any, cell: Any, text: str) -> None:
    """Replace the cell's code with ``text`` as typed, then run it with Shift+Enter."""
    editor = cell.locator(".cm-content")
    editor.scroll_into_view_if_needed()
    editor.click()
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    page.keyboard.insert_text(text)
    page.keyboard.press("Shift+Enter")
