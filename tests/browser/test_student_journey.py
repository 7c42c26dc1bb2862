"""A student's journey through every chapter, in JupyterLab, in a real browser.

For the student edition of each chapter (whatever notebooks/ holds): open it,
Run All, wait for the kernel, then check what a student would see. No cell shows
an unexpected error, every figure renders as an image, every explorer renders
and redraws when its slider moves, a wrong answer typed into an exercise cell
gets the rich feedback box, ``hint(...)`` gives a hint and ``progress()`` a
table. Screenshots of each chapter go to the folder printed at the end of the
run (``browser-screenshots/`` at the top of the repository, or
``$CRMKIT_SCREENSHOTS``) for people to look at.

The browser is the system's Chromium (Debian's ``chromium`` package, which
``make setup`` installs where it can) driven by the ``playwright`` package
through ``executable_path``: nothing is downloaded. Where no Chromium can be
found the test skips, saying why and how to install one.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser.browser_support import (
    CELL_STATES_JS,
    ExerciseCell,
    browser_or_skip,
    code_cells,
    figure_cells,
    first_exercise,
    screenshot_folder,
    type_into_cell,
)
from tests.browser.lab_server import notebook_url, start_lab
from tests.test_lab_smoke import Lab

pytestmark = [pytest.mark.slow, pytest.mark.browser]

REPO_ROOT = Path(__file__).resolve().parents[2]
STUDENT_NOTEBOOKS = sorted(
    path.name for path in (REPO_ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb")
)
RUN_ALL_SECONDS = 300
OUTPUT_SECONDS = 30


@pytest.fixture(scope="module")
def lab(
    repo_root: Path, env_bin: Path, makefile_text: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Lab]:
    server = start_lab(repo_root, env_bin, makefile_text, tmp_path_factory.mktemp("lab"))
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    executable = browser_or_skip()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(executable),
            # The sandbox needs user namespaces, which containers and root often lack.
            args=["--no-sandbox", "--disable-dev-shm-usage"],
        )
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture(scope="module")
def shots(repo_root: Path) -> Path:
    return screenshot_folder(repo_root)


def test_every_chapter_is_covered() -> None:
    assert STUDENT_NOTEBOOKS, "notebooks/ has no chapter notebooks"
    assert STUDENT_NOTEBOOKS[0].startswith("00-")


@pytest.mark.parametrize("name", STUDENT_NOTEBOOKS)
def test_student_notebook_in_the_browser(
    name: str, lab: Lab, browser: Any, shots: Path, notebooks_dir: Path, solutions_dir: Path
) -> None:
    started = time.monotonic()
    chapter = name[:2]
    notebook = json.loads((notebooks_dir / name).read_text(encoding="utf-8"))
    cells = code_cells(notebook)
    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    messages: list[str] = []
    page.on("pageerror", lambda error: messages.append(str(error)))
    try:
        page.goto(notebook_url(lab, name))
        wait_for_idle_kernel(page)
        run_all(page, len(cells))
        states = page.evaluate(CELL_STATES_JS)
        assert len(states) == len(cells), "JupyterLab shows another number of code cells"
        page.screenshot(path=str(shots / f"{chapter}-after-run-all.png"))

        check_no_unexpected_errors(states, cells, name)
        check_figures(states, figure_cells(solutions_dir / name), name)
        widget_cells = [i for i, state in enumerate(states) if state["sliders"]]
        explorers = [i for i, cell in enumerate(cells) if "explorer(" in cell["source"]]
        assert widget_cells == explorers, (
            f"{name}: the explorer cells {explorers} should each show sliders; "
            f"sliders were found in cells {widget_cells}"
        )
        for number, index in enumerate(widget_cells):
            move_slider_and_see_redraw(page, index, name)
            if number == 0:
                cell_shot(page, index, shots / f"{chapter}-widget-after-slider-move.png")

        exercise = first_exercise(cells)
        if exercise is not None:
            wrong_answer_feedback(page, exercise, name, shots / f"{chapter}-wrong-answer.png")
            hint_and_progress(page, exercise, name)
    except BaseException:
        page.screenshot(path=str(shots / f"{chapter}-failure.png"))
        raise
    finally:
        page.close()
    assert not messages, f"{name}: JavaScript errors on the page: {messages}"
    print(f"{name}: checked in the browser in {time.monotonic() - started:.0f} s")


# --------------------------------------------------------------------------- steps


#: True once the status bar says the kernel is connected and idle ("Python 3 (ipykernel) | Idle").
KERNEL_IDLE_JS = """() => [...document.querySelectorAll('.jp-StatusBar-TextItem')]
    .some(item => /\\| Idle$/.test(item.textContent.trim()))"""
#: True once some code cell has started running ([*]) or has run ([1]).
STARTED_JS = """() => [...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')]
    .some(prompt => /\\[(\\*|\\d+)\\]/.test(prompt.textContent))"""


def wait_for_idle_kernel(page: Any) -> None:
    page.wait_for_selector(".jp-NotebookPanel .jp-CodeCell", timeout=60_000)
    page.wait_for_function(KERNEL_IDLE_JS, timeout=60_000, polling=250)


def run_all(page: Any, count: int) -> None:
    """Run > Run All Cells, as a student would, then wait until every cell has run.

    A Run All given while the kernel is still connecting can be dropped; it is
    given again if no cell has started after a few seconds.
    """
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    for _attempt in range(3):
        page.click(".lm-MenuBar-itemLabel:text-is('Run')")
        page.click(".lm-Menu-itemLabel:text-is('Run All Cells')")
        try:
            page.wait_for_function(STARTED_JS, timeout=10_000, polling=250)
            break
        except PlaywrightTimeout:
            continue
    page.wait_for_function(
        """count => {
            const prompts = [...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')];
            return prompts.length === count && prompts.every(p => /\\[\\d+\\]/.test(p.textContent));
        }""",
        arg=count,
        timeout=RUN_ALL_SECONDS * 1000,
        polling=500,
    )
    page.wait_for_function(KERNEL_IDLE_JS, timeout=60_000, polling=250)


def check_no_unexpected_errors(states: list[dict], cells: list[dict], name: str) -> None:
    unexpected = [
        f"cell {index + 1} ({cells[index]['source'].splitlines()[0][:60]!r}): {state['error'][:300]}"
        for index, state in enumerate(states)
        if state["error"] and "raises-exception" not in cells[index]["tags"]
    ]
    assert not unexpected, f"{name}: error output after Run All:\n" + "\n".join(unexpected)


def check_figures(states: list[dict], expected: set[int], name: str) -> None:
    missing = sorted(index + 1 for index in expected if not states[index]["images"])
    assert not missing, f"{name}: code cells {missing} should show a figure but show no image"
    broken = [index + 1 for index, state in enumerate(states) if state["brokenImages"]]
    assert not broken, f"{name}: images that did not load in code cells {broken}"


def _cell(page: Any, index: int) -> Any:
    return page.locator(".jp-Notebook .jp-CodeCell").nth(index)


def cell_shot(page: Any, index: int, path: Path) -> None:
    cell = _cell(page, index)
    cell.scroll_into_view_if_needed()
    cell.screenshot(path=str(path))


def _figure_source(page: Any, index: int) -> str:
    images = _cell(page, index).locator(".jp-OutputArea-output img")
    return images.first.get_attribute("src") or "" if images.count() else ""


def move_slider_and_see_redraw(page: Any, index: int, name: str) -> None:
    """Move the cell's first slider one step with the keyboard (as a student can: click the
    handle, press an arrow key); its figure must change."""
    before = _figure_source(page, index)
    assert before, f"{name}: the explorer in code cell {index + 1} shows no figure"
    handle = _cell(page, index).locator(".widget-slider .noUi-handle").first
    handle.scroll_into_view_if_needed()
    handle.focus()
    at_max = handle.get_attribute("aria-valuenow") == handle.get_attribute("aria-valuemax")
    page.keyboard.press("ArrowLeft" if at_max else "ArrowRight")
    page.wait_for_function(
        """([index, before]) => {
            const cell = document.querySelectorAll('.jp-Notebook .jp-CodeCell')[index];
            const image = cell && cell.querySelector('.jp-OutputArea-output img');
            return image && image.getAttribute('src') !== before && image.naturalWidth > 0;
        }""",
        arg=[index, before],
        timeout=OUTPUT_SECONDS * 1000,
        polling=250,
    )


def _output_html(page: Any, index: int, pattern: str) -> str:
    """The cell's output HTML once it has run and matches ``pattern``; fails saying what it shows."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        _wait_for_output(page, index, pattern)
    except PlaywrightTimeout:
        shown = _cell(page, index).locator(".jp-OutputArea").inner_text()[-1500:]
        pytest.fail(
            f"code cell {index + 1} did not show /{pattern}/ within {OUTPUT_SECONDS} s; it shows:\n{shown}"
        )
    return _cell(page, index).locator(".jp-OutputArea").inner_html()


def _wait_for_output(page: Any, index: int, pattern: str) -> None:
    page.wait_for_function(
        """([index, pattern]) => {
            const cell = document.querySelectorAll('.jp-Notebook .jp-CodeCell')[index];
            const prompt = cell.querySelector('.jp-InputPrompt').textContent;
            const output = cell.querySelector('.jp-OutputArea');
            return /\\[\\d+\\]/.test(prompt) && output && new RegExp(pattern).test(output.innerHTML);
        }""",
        arg=[index, pattern],
        timeout=OUTPUT_SECONDS * 1000,
        polling=250,
    )


def wrong_answer_feedback(page: Any, exercise: ExerciseCell, name: str, shot: Path) -> None:
    """Type a wrong answer into the first exercise; check() must show its coloured box."""
    type_into_cell(page, _cell(page, exercise.index), exercise.with_answer("-1"))
    html = _output_html(page, exercise.index, "Not yet")
    assert "border-left:6px solid" in html, f"{name}: the feedback is not the rich HTML box"
    assert f"Exercise {exercise.exercise_id}" in html
    assert "\u2718" in html, f"{name}: the feedback box lacks its status icon"
    assert "`" not in re.sub(r"<[^>]+>", "", html), f"{name}: literal backticks in the feedback"
    cell_shot(page, exercise.index, shot)


def hint_and_progress(page: Any, exercise: ExerciseCell, name: str) -> None:
    """``hint(...)`` and ``progress()`` typed into a cell render their boxes."""
    cell = _cell(page, exercise.index)
    type_into_cell(page, cell, f'hint("{exercise.exercise_id}")')
    html = _output_html(page, exercise.index, r"Hint \d+ of \d+")
    assert f"for exercise {exercise.exercise_id}" in html, f"{name}: hint() shows no hint"
    type_into_cell(page, cell, "progress()")
    html = _output_html(page, exercise.index, "<table")
    assert exercise.exercise_id in html and "tried" in html, f"{name}: progress() table is wrong"
