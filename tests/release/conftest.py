"""The release tests' fixture: a small course folder."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook

from tests.release.support import solution_notebook


@pytest.fixture
def course(tmp_path: Path) -> Path:
    """A small course folder: solutions/ with two notebooks, a glossary and an image."""
    solutions = tmp_path / "solutions"
    (solutions / "images").mkdir(parents=True)
    nbformat.write(solution_notebook(), solutions / "00-getting-started.ipynb")
    second = new_notebook(cells=[new_code_cell("# BEGIN SOLUTION\ny = 2\n# END SOLUTION")])
    second.cells[0].id = "only"
    nbformat.write(second, solutions / "01-recognising-customers.ipynb")
    (solutions / "glossary.md").write_text("# Glossary\n\n客户关系 customer relationship\n")
    (solutions / "images" / "pyramid.png").write_bytes(b"\x89PNG\r\n\x1a\nfake")
    (solutions / ".ipynb_checkpoints").mkdir()
    (solutions / ".ipynb_checkpoints" / "00-getting-started-checkpoint.ipynb").write_text("{}")
    (solutions / "crm.sqlite").write_bytes(b"made by running a notebook")
    return tmp_path
