"""Build submissions for the grading tests: a fake chapter 99 and notebooks made of cells.

The fake chapter has three exercises, each answered by a variable:

* 99.1 ``total``: the number 150.0 (2 points);
* 99.2 ``by_region``: a Series of revenue by region (3 points);
* 99.3 ``n_customers``: the number of rows of the course's customers.csv, so a
  notebook must be able to read the course data (1 point).

>>> notebook = make_notebook(GOOD)
>>> [cell.cell_type for cell in notebook.cells][:2]
['markdown', 'code']
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from pathlib import Path

import nbformat
import pandas as pd
from crmkit.exercises import Exercise, compare
from crmkit.paths import data_dir
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

CHAPTER = "99"
NOTEBOOK_NAME = "99-fake-chapter.ipynb"
POINTS = {"99.1": 2, "99.2": 3, "99.3": 1}
MAX_POINTS = sum(POINTS.values())

REGIONS = pd.Series([100.0, 50.0], index=pd.Index(["north", "south"], name="region"),
                    name="revenue")


def expected_customers() -> int:
    return len(pd.read_csv(data_dir() / "customers.csv"))


def fake_exercises() -> list[Exercise]:
    """The exercises of the fake chapter 99 (register them with ``core.registered``)."""
    return [
        Exercise(id="99.1", chapter=CHAPTER, title="Total revenue", variable="total",
                 points=POINTS["99.1"], expected=lambda: 150.0, compare=compare.scalar()),
        Exercise(id="99.2", chapter=CHAPTER, title="Revenue by region", variable="by_region",
                 points=POINTS["99.2"], expected=lambda: REGIONS.copy(),
                 compare=compare.series()),
        Exercise(id="99.3", chapter=CHAPTER, title="How many customers?",
                 variable="n_customers", points=POINTS["99.3"], expected=expected_customers,
                 compare=compare.scalar()),
    ]


SETUP = "import pandas as pd\nimport crmkit\nfrom crmkit.paths import data_dir"
ANSWER_TOTAL = "total = 100.0 + 50.0"
ANSWER_REGIONS = (
    "by_region = pd.Series([100.0, 50.0], index=pd.Index(['north', 'south'], name='region'),"
    " name='revenue')"
)
ANSWER_CUSTOMERS = "n_customers = len(pd.read_csv(data_dir() / 'customers.csv'))"
CHECKS = "crmkit.check('99.1', total)"

GOOD = [SETUP, ANSWER_TOTAL, ANSWER_REGIONS, ANSWER_CUSTOMERS, CHECKS]
UNTOUCHED = [SETUP, "total = ...  # YOUR CODE HERE", "by_region = ...  # YOUR CODE HERE",
             "n_customers = ...  # YOUR CODE HERE", CHECKS]


def make_notebook(cells: Iterable[str], title: str = "# Chapter 99") -> nbformat.NotebookNode:
    """A notebook: a title cell, then one code cell per string."""
    notebook = new_notebook(cells=[new_markdown_cell(title)]
                            + [new_code_cell(source) for source in cells])
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                       "language": "python"}
    return notebook


def write_submission(root: Path, student: str, cells: Iterable[str],
                     name: str = NOTEBOOK_NAME) -> Path:
    """Write ``root/student/name`` from code cells; returns the notebook's path."""
    folder = root / student
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    nbformat.write(make_notebook(cells), path)
    return path


def folder_fingerprint(root: Path) -> str:
    """A hash of every file and folder under ``root``: names, bytes, modes and times."""
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        info = path.lstat()
        digest.update(f"{path.relative_to(root)}|{info.st_mode}|{info.st_mtime_ns}|".encode())
        if path.is_file() and not path.is_symlink():
            digest.update(path.read_bytes())
    return digest.hexdigest()


def processes_mentioning(text: str) -> list[int]:
    """Ids of live processes whose command line or working folder mentions ``text`` (Linux)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="ignore")
            cwd = os.readlink(entry / "cwd")
            state = (entry / "stat").read_text().split(")")[-1].split()[0]
        except OSError:
            continue
        if state != "Z" and (text in command or text in cwd):
            found.append(int(entry.name))
    return found
