"""``crmkit release --handout DIR``: what an instructor gives a class, without the solutions.

The hand-out holds the student notebooks (made afresh from ``solutions/`` by
:func:`~crmkit.release.sync.release_all`: solution code replaced by placeholders,
outputs cleared), the glossary, the course data (without the instructors' section
of its README, which names the planted effects), the library in a form that
installs (``pyproject.toml``, ``constraints.txt``, ``lib/``) and a README for
students. It holds no ``solutions/`` folder and no solution output.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from crmkit.release.errors import ReleaseError
from crmkit.release.sync import release_all

LIBRARY_FILES = ("pyproject.toml", "constraints.txt", "LICENSE")
INSTRUCTOR_SECTION = re.compile(r"^## For instructors.*?(?=^## |\Z)", re.M | re.S)

STUDENT_README = """\
# Customer Relationship Management: hands-on workbook

Jupyter notebooks about a tea company's customers (Jade Leaf Tea Co.), with the data and the
`crmkit` helper library they use.

## Set up (once)

You need Python 3.11 or later.

```bash
python -m venv .venv
.venv/bin/pip install -c constraints.txt -e .      # Windows: .venv\\Scripts\\pip ...
.venv/bin/jupyter lab notebooks/
```

## Work through a chapter

Open a notebook in `notebooks/` and run it from the top. Where a cell says
`... # YOUR CODE HERE`, replace the `...` with your code and run the cell:
`check("1.2", answer)` tells you whether the answer is right and, if not, what looks wrong;
`hint("1.2")` gives the next hint; `progress()` shows your points so far.

Compute every answer with code from the data: your notebook is graded by running it again on
other data of the same kind, so a number typed in from an output does not count.

## What is here

| folder | content |
|---|---|
| `notebooks/` | the chapters, and `glossary.md` (key terms in English and Chinese) |
| `datasets/` | the company's data (CSV) with its data dictionary, and the real CDNOW data |
| `lib/crmkit/` | the helper library the notebooks import |
"""


def _copy_tree(source: Path, destination: Path) -> None:
    shutil.copytree(
        source,
        destination,
        ignore=shutil.ignore_patterns("__pycache__", "*.pyc", ".*", "*.egg-info", "*.tmp"),
    )


def write_handout(root: Path, destination: Path) -> list[Path]:
    """Write the hand-out of the course at ``root`` into ``destination`` (new or empty).

    Returns the files written, sorted.
    """
    root, destination = Path(root), Path(destination)
    if destination.exists() and (not destination.is_dir() or any(destination.iterdir())):
        raise ReleaseError(f"{destination} exists and is not an empty folder: choose a new one.")
    if destination.resolve().is_relative_to(root.resolve()):
        raise ReleaseError(f"Write the hand-out outside the course repository, not in {root}.")
    if not (root / "solutions").is_dir() or not (root / "datasets").is_dir():
        raise ReleaseError(f"{root} is not the course repository (no solutions/ or datasets/).")
    destination.mkdir(parents=True, exist_ok=True)
    release_all(root / "solutions", destination / "notebooks", force=True)
    _copy_tree(root / "datasets", destination / "datasets")
    readme = destination / "datasets" / "README.md"
    if readme.is_file():
        readme.write_text(
            INSTRUCTOR_SECTION.sub("", readme.read_text(encoding="utf-8")), encoding="utf-8"
        )
    _copy_tree(root / "lib", destination / "lib")
    for name in LIBRARY_FILES:
        if (root / name).is_file():
            shutil.copyfile(root / name, destination / name)
    (destination / "README.md").write_text(STUDENT_README, encoding="utf-8")
    return sorted(p for p in destination.rglob("*") if p.is_file())
