"""One notebook's student edition: :func:`release_notebook`, cell by cell.

Code cells lose their solutions (:func:`~crmkit.release.markers.release_code`),
outputs and execution counts; markdown cells lose their written answers
(:func:`~crmkit.release.markers.release_markdown`); every cell's tags must be
among :data:`ALLOWED_TAGS`; everything else is kept.
"""

from __future__ import annotations

import copy
from typing import Any

from crmkit.release.errors import CellLocation
from crmkit.release.markers import release_code, release_markdown

#: The only cell tags a course notebook may carry (nbval understands both).
ALLOWED_TAGS = frozenset({"nbval-ignore-output", "raises-exception"})


def release_notebook(nb: Any, *, name: str = "notebook") -> Any:
    """Return the student edition of a solution notebook (the input is not changed).

    ``name`` is only used in error messages. Raises :class:`ReleaseError` for
    unbalanced or nested markers and for cell tags outside
    :data:`ALLOWED_TAGS`.

    >>> import nbformat
    >>> nb = nbformat.v4.new_notebook(cells=[
    ...     nbformat.v4.new_code_cell("top = 5  # SOLUTION", execution_count=1),
    ...     nbformat.v4.new_markdown_cell(
    ...         "Why?\\n<!-- BEGIN SOLUTION -->\\nBecause.\\n<!-- END SOLUTION -->"),
    ... ])
    >>> student = release_notebook(nb)
    >>> print(student.cells[0].source, student.cells[0].execution_count)
    top = ...  # YOUR CODE HERE None
    >>> print(student.cells[1].source)
    Why?
    *Write your answer here.*
    >>> unclosed = nbformat.v4.new_code_cell("# BEGIN SOLUTION\\nx = 1")
    >>> release_notebook(nbformat.v4.new_notebook(cells=[unclosed]), name="demo.ipynb")
    ... # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    crmkit.release.errors.ReleaseError: demo.ipynb, cell 1: the solution block opened on line 1 ...
    """
    student = copy.deepcopy(nb)
    for number, cell in enumerate(student.cells, start=1):
        where = CellLocation(name, number, cell.cell_type, _first_line(cell.source))
        _check_tags(cell, where)
        if cell.cell_type == "code":
            cell.source = release_code(cell.source, where)
            cell.outputs = []
            cell.execution_count = None
        elif cell.cell_type == "markdown":
            cell.source = release_markdown(cell.source, where)
    return student


def _first_line(source: str) -> str:
    return next((line.strip() for line in source.splitlines() if line.strip()), "")


def _check_tags(cell: Any, where: CellLocation) -> None:
    tags = cell.get("metadata", {}).get("tags", [])
    if not isinstance(tags, list):
        raise where.error(f"its tags must be a list of strings, not {tags!r}")
    unknown = sorted(set(tags) - ALLOWED_TAGS)
    if unknown:
        raise where.error(
            f"it has the cell tag(s) {', '.join(map(repr, unknown))}, which the course does not "
            f"allow (allowed: {', '.join(sorted(ALLOWED_TAGS))}). Remove the tag in JupyterLab's "
            "property inspector (the gear icon on the right); solutions are marked with "
            "comments, never with tags"
        )
