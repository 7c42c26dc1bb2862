"""A small course for the guide's tests: one chapter notebook with goals, time and an exercise."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

OPENING = """# 98 Testing the guide

Why this chapter exists.

## Knowledge goals (知识目标)
- Know one thing,
  written on two lines.
- Know another.

## Ability goals (能力目标)
- Do one thing.

**Time:** about 60 minutes: 20 minutes of reading and running, 40 minutes of exercises.

## How to run this notebook
Run the cells."""


def chapter_notebook() -> nbformat.NotebookNode:
    return new_notebook(
        cells=[
            new_markdown_cell(OPENING),
            new_code_cell("from crmkit.exercises import check, hint, progress"),
            new_markdown_cell("## 1. The first idea\n\n" + "word " * 200),
            new_code_cell('check("98.1", ...)  # a demonstration, not the exercise'),
            new_code_cell('# BEGIN SOLUTION\norders = 1\n# END SOLUTION\ncheck("98.1", orders)'),
            new_markdown_cell("## 2. The second idea\n\n" + "word " * 100),
            new_code_cell('answer = 2  # SOLUTION\ncheck("98.2", answer)'),
            new_markdown_cell(
                "### Think about it\n\nWhy?\n\n<!-- BEGIN SOLUTION -->\nBecause.\n<!-- END SOLUTION -->"
            ),
            new_markdown_cell(
                "## Summary\n- Done.\n\n## Discussion questions\n1. First question,\n   continued.\n2. Second?"
            ),
            new_code_cell('progress("98")'),
        ]
    )


@pytest.fixture
def course(tmp_path: Path) -> Path:
    """tmp_path with solutions/98-testing-the-guide.ipynb and an empty docs/."""
    (tmp_path / "solutions").mkdir()
    (tmp_path / "docs").mkdir()
    nbformat.write(chapter_notebook(), tmp_path / "solutions" / "98-testing-the-guide.ipynb")
    return tmp_path
