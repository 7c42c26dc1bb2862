"""Helpers shared by the release tests: one cell's student edition, a release's error."""

from __future__ import annotations

import nbformat
import pytest
from crmkit.release import ReleaseError, release_notebook
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output


def student_code(source: str) -> str:
    """The student edition of one code cell's source."""
    return release_notebook(new_notebook(cells=[new_code_cell(source)])).cells[0].source


def student_markdown(source: str) -> str:
    """The student edition of one markdown cell's source."""
    return release_notebook(new_notebook(cells=[new_markdown_cell(source)])).cells[0].source


def release_error(*cells: object, name: str = "05-tiering-customers.ipynb") -> str:
    """The message of the ReleaseError that releasing these cells raises."""
    with pytest.raises(ReleaseError) as raised:
        release_notebook(new_notebook(cells=list(cells)), name=name)
    return str(raised.value)


def solution_notebook() -> nbformat.NotebookNode:
    """A small solution notebook with outputs, metadata and an answer."""
    nb = new_notebook(
        cells=[
            new_markdown_cell("# Chapter\n\n知识目标", metadata={"tags": []}),
            new_code_cell(
                "x = 40 + 2  # SOLUTION\nx",
                execution_count=3,
                outputs=[new_output("execute_result", {"text/plain": "42"}, execution_count=3)],
                metadata={"tags": ["nbval-ignore-output"], "scrolled": True},
            ),
            new_code_cell(
                "print('hi')",
                execution_count=4,
                outputs=[new_output("stream", name="stdout", text="hi\n")],
            ),
            nbformat.v4.new_raw_cell("raw # BEGIN SOLUTION stays"),
        ],
        metadata={"kernelspec": {"name": "python3", "display_name": "Python 3"}},
    )
    for number, cell in enumerate(nb.cells):
        cell.id = f"cell-{number}"
    return nb
