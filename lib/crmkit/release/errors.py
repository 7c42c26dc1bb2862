"""What goes wrong in a release, and where: :class:`ReleaseError` and :class:`CellLocation`."""

from __future__ import annotations

from dataclasses import dataclass


class ReleaseError(Exception):
    """A solution notebook cannot be turned into a student notebook.

    The message names the notebook, the cell (counted from 1, markdown cells
    included, as you see them in JupyterLab) and what is wrong.

    >>> str(ReleaseError("unclosed block", notebook="05-tiering.ipynb", cell=7))
    '05-tiering.ipynb, cell 7: unclosed block'
    """

    def __init__(self, problem: str, *, notebook: str | None = None, cell: int | None = None):
        self.problem = problem
        self.notebook = notebook
        self.cell = cell
        super().__init__(str(self))

    def __str__(self) -> str:
        where = ", ".join(
            part
            for part in (self.notebook, None if self.cell is None else f"cell {self.cell}")
            if part
        )
        return f"{where}: {self.problem}" if where else self.problem


@dataclass(frozen=True)
class CellLocation:
    """Where a problem is, for error messages: the notebook, the cell's number, kind and start.

    >>> where = CellLocation("05-tiering.ipynb", 7, "code", "x = 1  # BEGIN SOLUTION")
    >>> str(where.error("a problem"))
    "05-tiering.ipynb, cell 7: a problem (in the code cell that begins 'x = 1  # BEGIN SOLUTION')"
    """

    notebook: str
    number: int
    kind: str
    first_line: str

    def error(self, problem: str) -> ReleaseError:
        """A :class:`ReleaseError` for ``problem`` in this cell (its first line shortened)."""
        excerpt = self.first_line if len(self.first_line) <= 40 else self.first_line[:37] + "..."
        return ReleaseError(
            f"{problem} (in the {self.kind} cell that begins {excerpt!r})",
            notebook=self.notebook,
            cell=self.number,
        )
