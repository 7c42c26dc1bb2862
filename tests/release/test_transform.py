"""crmkit.release.transform: outputs cleared, everything else kept, tags checked."""

from __future__ import annotations

import nbformat
from crmkit.release import notebook_bytes, release_notebook
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from tests.release.support import release_error, solution_notebook


def test_outputs_and_counts_cleared_rest_kept() -> None:
    nb = solution_notebook()
    student = release_notebook(nb)
    code = [cell for cell in student.cells if cell.cell_type == "code"]
    assert all(cell.outputs == [] and cell.execution_count is None for cell in code)
    assert [cell.id for cell in student.cells] == [cell.id for cell in nb.cells]
    assert [cell.metadata for cell in student.cells] == [cell.metadata for cell in nb.cells]
    assert student.metadata == nb.metadata
    assert student.cells[0].source == nb.cells[0].source
    assert student.cells[3] == nb.cells[3]


def test_input_not_changed() -> None:
    nb = solution_notebook()
    before = notebook_bytes(nb)
    release_notebook(nb)
    assert notebook_bytes(nb) == before


def test_output_bytes_deterministic() -> None:
    nb = solution_notebook()
    first = notebook_bytes(release_notebook(nb))
    second = notebook_bytes(release_notebook(nbformat.reads(notebook_bytes(nb), as_version=4)))
    assert first == second
    assert first.endswith(b"}\n") and not first.endswith(b"\n\n")
    assert b'"indent"' not in first and first.startswith(b'{\n "cells": [\n  {\n')


def test_disallowed_tag() -> None:
    cell = new_code_cell("x = 1", metadata={"tags": ["nbval-ignore-output", "solution"]})
    message = release_error(new_markdown_cell("# T"), cell)
    assert message.startswith("05-tiering-customers.ipynb, cell 2: ")
    assert "'solution'" in message and "nbval-ignore-output, raises-exception" in message


def test_allowed_tags_pass() -> None:
    tags = ["raises-exception", "nbval-ignore-output"]
    cell = new_code_cell("1 / 0", metadata={"tags": tags})
    assert release_notebook(new_notebook(cells=[cell])).cells[0].metadata.tags == tags
