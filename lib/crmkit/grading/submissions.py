"""Find the submissions to grade and tell which chapter they belong to.

Layout of the SUBMISSIONS argument of ``crmkit grade``:

* a folder with one sub-folder per student, named after the student, holding that
  student's notebook(s) and any files the notebook needs::

      submissions/
        alice/01-recognising-customers.ipynb
        bob/01-recognising-customers (1).ipynb
        carol/                     <- empty: row with status "no submission"

* notebooks directly inside the folder are students too, named after the file
  (``submissions/dave.ipynb``; give ``--chapter``, as the name says no chapter);
* a single notebook file: one student, named after the file.

The chapter comes from the notebook's file name: a leading ``NN-`` (as in the
course's ``01-recognising-customers.ipynb``), else the one two-digit number in it
that is a chapter with exercises (``alice_01.ipynb``). The batch is graded as the
chapter of more than half of the students' notebooks (a student who handed in
another chapter gets "no submission"); ``--chapter`` settles it when the names
do not.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

NO_SUBMISSION = "no submission"
INVALID = "invalid notebook"
MAX_NOTEBOOK_BYTES = 50 * 1024 * 1024
_PREFIX = re.compile(r"^(\d{2})-")
_NUMBER = re.compile(r"(?<!\d)(\d{2})(?!\d)")


class DiscoveryError(ValueError):
    """The submissions cannot be graded as asked (the message says what to do)."""


@dataclass(frozen=True)
class Submission:
    """One student's entry: the notebook to grade, or why there is none."""

    student: str
    notebook: Path | None = None
    folder: Path | None = None
    status: str | None = None
    problem: str | None = None

    @property
    def gradable(self) -> bool:
        return self.notebook is not None and self.status is None


def normalise_chapter(chapter: str | int) -> str:
    """The two-digit chapter number from ``1``, ``"1"``, ``"01"`` or ``"01-recognising-..."``.

    >>> normalise_chapter(1), normalise_chapter("01-recognising-customers"), normalise_chapter("7")
    ('01', '01', '07')
    """
    text = str(chapter).strip()
    match = re.match(r"^(\d{1,2})(?:-|$)", text)
    if match is None:
        raise DiscoveryError(
            f"{text!r} is not a chapter: give its number, like 1 or 01, or its notebook name, "
            f"like 01-recognising-customers."
        )
    return f"{int(match.group(1)):02d}"


def chapter_from_name(name: str, known: Iterable[str] = ()) -> str | None:
    """The chapter a notebook file name points to, or None when it does not say.

    >>> chapter_from_name("01-recognising-customers.ipynb")
    '01'
    >>> chapter_from_name("Copy of alice_01.ipynb", known={"00", "01"})
    '01'
    >>> chapter_from_name("alice 2024 v03.ipynb", known={"01"}) is None
    True
    """
    stem = name[: -len(".ipynb")] if name.endswith(".ipynb") else name
    match = _PREFIX.match(stem)
    if match:
        return match.group(1)
    found = {number for number in _NUMBER.findall(stem) if number in set(known)}
    return found.pop() if len(found) == 1 else None


def find_notebooks(folder: Path) -> list[Path]:
    """The notebooks under ``folder`` (any depth), skipping hidden and checkpoint folders.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     for name in ("alice/01-a.ipynb", "alice/.ipynb_checkpoints/01-a-checkpoint.ipynb"):
    ...         (Path(folder) / name).parent.mkdir(parents=True, exist_ok=True)
    ...         _ = (Path(folder) / name).write_text("{}")
    ...     found = [str(p.relative_to(folder)) for p in find_notebooks(Path(folder))]
    >>> found
    ['alice/01-a.ipynb']
    """
    notebooks = []
    for path in sorted(folder.rglob("*.ipynb")):
        parts = path.relative_to(folder).parts
        if any(part.startswith(".") for part in parts) or path.is_symlink():
            continue
        if path.is_file():
            notebooks.append(path)
    return notebooks


def find_submissions(
    path: Path, chapter: str | None, known: Iterable[str]
) -> tuple[str, list[Submission]]:
    """The chapter to grade and one :class:`Submission` per student, sorted by student.

    ``known`` are the chapters that have exercises; ``chapter`` (e.g. ``"01"``), when
    given, settles which chapter to grade.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     (Path(folder) / "bob").mkdir()
    ...     chapter, found = find_submissions(Path(folder), "01", known={"01"})
    >>> chapter, [(s.student, s.status) for s in found]
    ('01', [('bob', 'no submission')])
    """
    known = set(known)
    entries = _entries(path)
    if chapter is None:
        chapter = _chapter_of_batch(entries, known)
    else:
        chapter = normalise_chapter(chapter)
    submissions = [
        _pick(student, folder, notebooks, chapter, known) for student, folder, notebooks in entries
    ]
    return chapter, sorted(submissions, key=lambda s: (s.student.casefold(), s.student))


def _entries(path: Path) -> list[tuple[str, Path | None, list[Path]]]:
    """(student, folder or None, candidate notebooks) for each student found at ``path``."""
    if path.is_file():
        if path.suffix != ".ipynb":
            raise DiscoveryError(f"{path} is not a notebook (.ipynb) nor a folder of submissions.")
        return [(path.stem, None, [path])]
    if not path.is_dir():
        raise DiscoveryError(f"{path} does not exist.")
    entries: list[tuple[str, Path | None, list[Path]]] = []
    names: set[str] = set()
    for child in sorted(path.iterdir()):
        if child.name.startswith(".") or child.is_symlink():
            continue
        if child.is_dir():
            entries.append((child.name, child, find_notebooks(child)))
            names.add(child.name)
    for child in sorted(path.iterdir()):
        if child.is_file() and child.suffix == ".ipynb" and not child.name.startswith("."):
            student = child.stem if child.stem not in names else child.name
            entries.append((student, None, [child]))
    if not entries:
        raise DiscoveryError(
            f"{path} holds no student folders and no notebooks. Put one folder per student "
            f"in it, each with that student's notebook."
        )
    return entries


def _chapter_of_batch(entries: list[tuple[str, Path | None, list[Path]]], known: set[str]) -> str:
    """The chapter most students' notebooks are named after, if more than half of them are."""
    per_student = [
        {chapter_from_name(nb.name, known) for nb in notebooks} - {None}
        for _, _, notebooks in entries
    ]
    per_student = [chapters for chapters in per_student if chapters]
    votes = Counter(chapter for chapters in per_student for chapter in chapters)
    found = set(votes)
    if votes:
        chapter, count = votes.most_common(1)[0]
        if count * 2 > len(per_student) and list(votes.values()).count(count) == 1:
            return str(chapter)
    if not found:
        raise DiscoveryError(
            "Cannot tell the chapter from the notebooks' file names. Say which chapter "
            "to grade with --chapter, for example --chapter 01."
        )
    raise DiscoveryError(
        f"The submissions hold notebooks of several chapters ({', '.join(sorted(found))}). "
        f"Say which chapter to grade with --chapter."
    )


def _pick(
    student: str, folder: Path | None, notebooks: list[Path], chapter: str, known: set[str]
) -> Submission:
    if not notebooks:
        return Submission(
            student,
            folder=folder,
            status=NO_SUBMISSION,
            problem="The folder holds no notebook (.ipynb file).",
        )
    chapters = {nb: chapter_from_name(nb.name, known) for nb in notebooks}
    matching = [nb for nb in notebooks if chapters[nb] == chapter]
    unnamed = [nb for nb in notebooks if chapters[nb] is None]
    base = folder if folder is not None else notebooks[0].parent
    names = ", ".join(str(nb.relative_to(base)) for nb in (matching or notebooks))
    if len(matching) > 1:
        return Submission(
            student,
            folder=folder,
            status=INVALID,
            problem=f"Several notebooks for chapter {chapter} ({names}); "
            f"keep only the one to grade.",
        )
    if not matching and len(unnamed) != 1:
        what = (
            f"none of its notebooks is chapter {chapter}'s"
            if not unnamed
            else f"cannot tell which notebook is chapter {chapter}'s"
        )
        status = NO_SUBMISSION if not unnamed else INVALID
        return Submission(
            student,
            folder=folder,
            status=status,
            problem=f"The submission has {len(notebooks)} notebook(s) ({names}), but {what}.",
        )
    notebook = (matching or unnamed)[0]
    problem = notebook_problem(notebook)
    if problem is not None:
        return Submission(
            student, notebook=notebook, folder=folder, status=INVALID, problem=problem
        )
    return Submission(student, notebook=notebook, folder=folder)


def notebook_problem(path: Path) -> str | None:
    """Why ``path`` cannot be run as a notebook, or None if it can.

    Reading a notebook runs no code: this is plain JSON parsing and schema checks.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = Path(folder) / "01-a.ipynb"
    ...     _ = path.write_text('{"cells": [')
    ...     print(notebook_problem(path))
    The file is not a valid notebook: broken JSON at line 1, column 12 (Expecting value).
    """
    try:
        if path.stat().st_size > MAX_NOTEBOOK_BYTES:
            return f"The notebook is larger than {MAX_NOTEBOOK_BYTES // 2**20} MB."
        notebook = read_submitted_notebook(path)
    except UnicodeDecodeError:
        return "The file is not a text notebook (it is not UTF-8)."
    except json.JSONDecodeError as error:
        return (
            f"The file is not a valid notebook: broken JSON at line {error.lineno}, "
            f"column {error.colno} ({error.msg})."
        )
    except OSError as error:
        return f"The notebook cannot be read ({error.strerror})."
    except Exception as error:  # any other schema problem: parsing runs no code
        first_line = str(error).strip().splitlines()[0][:200] if str(error).strip() else ""
        return f"The file is not a valid Jupyter notebook ({first_line or type(error).__name__})."
    if not any(cell.cell_type == "code" for cell in notebook.cells):
        return "The notebook has no code cells."
    return None


def read_submitted_notebook(path: Path) -> Any:
    """The notebook at ``path`` as nbformat 4, validated; raises on anything broken.

    Old notebooks are upgraded quietly (nbformat's warnings about missing cell ids
    concern the student's file, not the grading).

    >>> import tempfile, nbformat
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = Path(folder) / "01-a.ipynb"
    ...     nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1")]), path)
    ...     print(read_submitted_notebook(path).cells[0].source)
    1
    """
    import warnings

    import nbformat

    text = path.read_text(encoding="utf-8")
    data = json.loads(text)
    if not isinstance(data, dict) or "cells" not in data and "worksheets" not in data:
        raise ValueError("it has no cells")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        notebook = nbformat.reads(text, as_version=4)
        nbformat.validate(notebook)
    return notebook
