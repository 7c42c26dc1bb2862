"""Make the student edition of the course: ``crmkit release``.

The complete notebooks in ``solutions/`` are the source of the course. The
student notebooks in ``notebooks/`` are made from them, never edited by hand:

* solution code between ``# BEGIN SOLUTION`` and ``# END SOLUTION`` becomes
  a runnable placeholder, ``NAME = ...  # YOUR CODE HERE``, where NAME is the
  variable the block assigns last (or just ``...  # YOUR CODE HERE`` when
  the block assigns no variable); a single line ending in ``# SOLUTION``
  becomes ``NAME = ...  # YOUR CODE HERE`` the same way;
* a written answer between ``<!-- BEGIN SOLUTION -->`` and
  ``<!-- END SOLUTION -->`` in a markdown cell becomes
  ``*Write your answer here.*``;
* outputs and execution counts are cleared; everything else is kept;
* the other files in ``solutions/`` (a glossary, images...) are copied.

The same input always gives the same bytes, so a test can check that
``notebooks/`` is exactly what release makes (:func:`check_release`).

>>> import nbformat
>>> cell = nbformat.v4.new_code_cell(
...     "# BEGIN SOLUTION\\nbest = orders.nlargest(5, 'revenue')\\n# END SOLUTION")
>>> student = release_notebook(nbformat.v4.new_notebook(cells=[cell]))
>>> print(student.cells[0].source)
best = ...  # YOUR CODE HERE
"""

from __future__ import annotations

import argparse
import ast
import copy
import fnmatch
import json
import os
import re
import sys
import tempfile
import textwrap
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = [
    "ALLOWED_TAGS",
    "ANSWER_PROMPT",
    "CODE_PLACEHOLDER",
    "ReleaseError",
    "add_arguments",
    "check_release",
    "notebook_bytes",
    "read_notebook",
    "release_all",
    "release_notebook",
    "run",
]

#: The only cell tags a course notebook may carry (nbval understands both).
ALLOWED_TAGS = frozenset({"nbval-ignore-output", "raises-exception"})
#: What a solution block without an assignment becomes.
CODE_PLACEHOLDER = "...  # YOUR CODE HERE"
#: What a written answer in a markdown cell becomes.
ANSWER_PROMPT = "*Write your answer here.*"
#: Files and folders that are never part of either edition (fnmatch patterns,
#: matched against each part of a path): hidden files such as
#: .ipynb_checkpoints, Python caches, and databases a notebook may create
#: when it runs.
IGNORED = (".*", "__pycache__", "*.pyc", "*.sqlite", "*.sqlite3", "*.db")

_CODE_MARKER = re.compile(r"^(?P<indent>[ \t]*)#[ \t]*(?P<kind>BEGIN|END)[ \t]+SOLUTION[ \t]*$")
_MD_MARKER = re.compile(
    r"^(?P<indent>[ \t]*)<!--[ \t]*(?P<kind>BEGIN|END)[ \t]+SOLUTION[ \t]*-->[ \t]*$"
)
_ONE_LINE = re.compile(r"^(?P<indent>[ \t]*)(?P<code>\S.*?)[ \t]*#[ \t]*SOLUTION[ \t]*$")
# Near misses: a marker that is misspelt, in lower case or not alone on its
# line would otherwise leak a solution into the student edition.
_LOOSE_CODE_MARKER = re.compile(r"#.*\b(BEGIN|END)[ \t_-]*SOLUTIONS?\b", re.IGNORECASE)
_LOOSE_ONE_LINE = re.compile(r"#[ \t]*SOLUTIONS?[ \t:.!]*$", re.IGNORECASE)
_LOOSE_MD_MARKER = re.compile(r"<!--.*\b(BEGIN|END)[ \t_-]*SOLUTIONS?\b", re.IGNORECASE)


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
class _Cell:
    """Where a problem is, for error messages."""

    notebook: str
    number: int
    kind: str
    first_line: str

    def error(self, problem: str) -> ReleaseError:
        excerpt = self.first_line if len(self.first_line) <= 40 else self.first_line[:37] + "..."
        return ReleaseError(
            f"{problem} (in the {self.kind} cell that begins {excerpt!r})",
            notebook=self.notebook,
            cell=self.number,
        )


# --------------------------------------------------------------------------
# One notebook
# --------------------------------------------------------------------------


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
    crmkit.release.ReleaseError: demo.ipynb, cell 1: the solution block opened on line 1 ...
    """
    student = copy.deepcopy(nb)
    for number, cell in enumerate(student.cells, start=1):
        where = _Cell(name, number, cell.cell_type, _first_line(cell.source))
        _check_tags(cell, where)
        if cell.cell_type == "code":
            cell.source = _release_code(cell.source, where)
            cell.outputs = []
            cell.execution_count = None
        elif cell.cell_type == "markdown":
            cell.source = _release_markdown(cell.source, where)
    return student


def _first_line(source: str) -> str:
    return next((line.strip() for line in source.splitlines() if line.strip()), "")


def _check_tags(cell: Any, where: _Cell) -> None:
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


def _release_code(source: str, where: _Cell) -> str:
    """Replace solution blocks and one-line solutions in a code cell's source."""
    out: list[str] = []
    opened: tuple[int, str] | None = None  # (line number, indentation) of BEGIN
    block: list[str] = []
    for number, line in enumerate(source.split("\n"), start=1):
        marker = _CODE_MARKER.match(line)
        if marker and marker["kind"] == "BEGIN":
            if opened is not None:
                raise where.error(
                    f"'# BEGIN SOLUTION' on line {number} comes before the '# END SOLUTION' of "
                    f"the block opened on line {opened[0]}; solution blocks cannot be nested"
                )
            opened, block = (number, marker["indent"]), []
        elif marker:
            if opened is None:
                raise where.error(
                    f"'# END SOLUTION' on line {number} has no '# BEGIN SOLUTION' before it"
                )
            out.append(opened[1] + _placeholder("\n".join(block)))
            opened = None
        elif opened is not None:
            block.append(line)
        else:
            out.append(_release_line(line, number, where))
    if opened is not None:
        raise where.error(
            f"the solution block opened on line {opened[0]} is never closed; "
            "add a '# END SOLUTION' line after the solution"
        )
    return "\n".join(out)


def _release_line(line: str, number: int, where: _Cell) -> str:
    """Replace a one-line solution (``x = expr  # SOLUTION``); check for near misses."""
    one_line = _ONE_LINE.match(line)
    if one_line:
        return one_line["indent"] + _placeholder(one_line["code"])
    if _LOOSE_CODE_MARKER.search(line) or _LOOSE_ONE_LINE.search(line):
        raise where.error(
            f"line {number} looks like a solution marker but is not one: {line.strip()!r}. "
            "Write '# BEGIN SOLUTION' and '# END SOLUTION' alone on their lines, or end a "
            "one-line solution with '# SOLUTION', exactly in these capitals"
        )
    return line


def _release_markdown(source: str, where: _Cell) -> str:
    """Replace written answers in a markdown cell's source with the prompt."""
    out: list[str] = []
    opened: int | None = None
    for number, line in enumerate(source.split("\n"), start=1):
        marker = _MD_MARKER.match(line)
        if marker and marker["kind"] == "BEGIN":
            if opened is not None:
                raise where.error(
                    f"'<!-- BEGIN SOLUTION -->' on line {number} comes before the "
                    f"'<!-- END SOLUTION -->' of the answer opened on line {opened}; "
                    "answers cannot be nested"
                )
            opened = number
            out.append(marker["indent"] + ANSWER_PROMPT)
        elif marker:
            if opened is None:
                raise where.error(
                    f"'<!-- END SOLUTION -->' on line {number} has no "
                    "'<!-- BEGIN SOLUTION -->' before it"
                )
            opened = None
        elif opened is None:
            if _LOOSE_MD_MARKER.search(line):
                raise where.error(
                    f"line {number} looks like an answer marker but is not one: "
                    f"{line.strip()!r}. Write '<!-- BEGIN SOLUTION -->' and "
                    "'<!-- END SOLUTION -->' alone on their lines"
                )
            out.append(line)
    if opened is not None:
        raise where.error(
            f"the written answer opened on line {opened} is never closed; "
            "add a '<!-- END SOLUTION -->' line after it"
        )
    return "\n".join(out)


# --------------------------------------------------------------------------
# Placeholders
# --------------------------------------------------------------------------


def _placeholder(code: str) -> str:
    """The student's line for a piece of solution code.

    It assigns ``...`` to the names of the last top-level assignment, in the
    same shape (so tuple unpacking still runs), or is a bare ``...``.

    >>> _placeholder("monthly = orders.groupby('month').sum()\\nmonthly['share'] = 1")
    'monthly = ...  # YOUR CODE HERE'
    >>> _placeholder("a = b = 1")
    'a = b = ...  # YOUR CODE HERE'
    >>> _placeholder("first, *rest = values")
    'first, *rest = ..., ...  # YOUR CODE HERE'
    >>> _placeholder("print('no assignment')")
    '...  # YOUR CODE HERE'
    """
    parsed = _parse(code)
    if parsed is not None:
        statements, text = parsed
        for statement in reversed(statements):
            targets = _name_targets(statement)
            if targets:
                names = " = ".join(_segment(text, target) for target in targets)
                return f"{names} = {_ellipses(targets[0], top=True)}  # YOUR CODE HERE"
    return CODE_PLACEHOLDER


def _parse(code: str) -> tuple[list[ast.stmt], str] | None:
    """Top-level statements of ``code``; code with ``return`` is parsed as a function body."""
    text = textwrap.dedent(code)
    try:
        return ast.parse(text).body, text
    except SyntaxError:
        pass
    wrapped = "def _solution():\n" + textwrap.indent(text or "pass", "    ")
    try:
        function = ast.parse(wrapped).body[0]
    except SyntaxError:
        return None  # e.g. IPython magics: fall back to a bare placeholder
    assert isinstance(function, ast.FunctionDef)
    return function.body, wrapped


def _name_targets(statement: ast.stmt) -> list[ast.expr]:
    """The targets of an assignment that bind plain names (or tuples of names)."""
    if isinstance(statement, ast.Assign):
        return [target for target in statement.targets if _binds_names(target)]
    if isinstance(statement, ast.AnnAssign) and statement.value is not None:
        return [statement.target] if isinstance(statement.target, ast.Name) else []
    if isinstance(statement, ast.AugAssign) and isinstance(statement.target, ast.Name):
        return [statement.target]
    return []


def _binds_names(target: ast.expr) -> bool:
    if isinstance(target, ast.Name):
        return True
    if isinstance(target, ast.Starred):
        return _binds_names(target.value)
    if isinstance(target, ast.Tuple | ast.List):
        return bool(target.elts) and all(_binds_names(element) for element in target.elts)
    return False


def _segment(text: str, node: ast.expr) -> str:
    """The source text of ``node`` as the author wrote it."""
    return ast.get_source_segment(text, node) or ast.unparse(node)


def _ellipses(target: ast.expr, *, top: bool = False) -> str:
    """``...`` shaped like ``target``: ``..., ...`` for ``a, b``."""
    if not isinstance(target, ast.Tuple | ast.List):
        return "..."
    parts = [_ellipses(element) for element in target.elts]
    inner = ", ".join(parts) + ("," if len(parts) == 1 else "")
    return inner if top else f"({inner})"


# --------------------------------------------------------------------------
# Files
# --------------------------------------------------------------------------


def read_notebook(path: Path) -> Any:
    """Read a notebook (format 4) as nbformat does, with errors that name the file.

    >>> import tempfile, pathlib
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     bad = pathlib.Path(folder, "bad.ipynb")
    ...     _ = bad.write_text("{not json")
    ...     read_notebook(bad)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    crmkit.release.ReleaseError: bad.ipynb: it is not a readable notebook (...)
    """
    import nbformat
    from nbformat.warnings import MissingIDFieldWarning

    path = Path(path)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", MissingIDFieldWarning)
            return nbformat.reads(path.read_text(encoding="utf-8"), as_version=4)
    except MissingIDFieldWarning:
        raise ReleaseError(
            "some cells have no id, so nbformat would invent random ones and the release "
            "would change on every run. Open the notebook in JupyterLab and save it: that "
            "gives every cell an id",
            notebook=path.name,
        ) from None
    except (ValueError, UnicodeDecodeError) as error:
        raise ReleaseError(f"it is not a readable notebook ({error})", notebook=path.name) from None


def notebook_bytes(nb: Any) -> bytes:
    """The bytes JupyterLab would save: nbformat JSON, indent 1, sorted keys, final newline.

    >>> import nbformat
    >>> notebook_bytes(nbformat.v4.new_notebook()).endswith(b"}\\n")
    True
    """
    import nbformat

    return (nbformat.writes(nb).rstrip("\n") + "\n").encode("utf-8")


def _is_ignored(relative: Path) -> bool:
    return any(fnmatch.fnmatch(part, pattern) for part in relative.parts for pattern in IGNORED)


def _course_files(folder: Path) -> list[Path]:
    """Files under ``folder`` (relative paths, sorted) that belong to the course."""
    return sorted(
        path.relative_to(folder)
        for path in folder.rglob("*")
        if path.is_file() and not _is_ignored(path.relative_to(folder))
    )


def _student_edition(solutions_dir: Path) -> dict[Path, bytes]:
    """Every file of the student edition: relative path -> bytes."""
    solutions_dir = Path(solutions_dir)
    if not solutions_dir.is_dir():
        raise ReleaseError(
            f"There is no solutions folder at {solutions_dir}. Run the command from the course "
            "repository's top folder, or pass --solutions DIR."
        )
    edition: dict[Path, bytes] = {}
    for relative in _course_files(solutions_dir):
        source = solutions_dir / relative
        if relative.suffix == ".ipynb":
            name = relative.as_posix()
            edition[relative] = notebook_bytes(release_notebook(read_notebook(source), name=name))
        else:
            edition[relative] = source.read_bytes()
    return edition


def _has_work(path: Path) -> bool:
    """True if a notebook in notebooks/ has outputs, i.e. someone ran it and saved it."""
    try:
        cells = json.loads(path.read_text(encoding="utf-8")).get("cells", [])
    except (ValueError, UnicodeDecodeError, AttributeError):
        return True
    return any(cell.get("outputs") or cell.get("execution_count") is not None for cell in cells)


def _write_atomically(path: Path, data: bytes) -> None:
    """Write via a temporary file and a rename, with the usual permissions (not mkstemp's 0600)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, path.stat().st_mode & 0o7777 if path.exists() else _default_mode())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _default_mode() -> int:
    """The permissions a new file gets here: 0o666 minus the umask."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def release_all(solutions_dir: Path, notebooks_dir: Path, *, force: bool = False) -> list[Path]:
    """Write the student edition of ``solutions_dir`` into ``notebooks_dir``.

    Returns the files written: those that were missing or out of date (files
    already right are left alone, so a second run returns ``[]``). Nothing is
    written if any notebook has a problem (:class:`ReleaseError`), or if a
    student notebook about to be replaced has outputs, i.e. holds someone's
    work, unless ``force=True``. Files in ``notebooks_dir`` that release does
    not make are left there; :func:`check_release` reports them.

    >>> import tempfile, pathlib, nbformat
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     root = pathlib.Path(folder)
    ...     (root / "solutions").mkdir()
    ...     nbformat.write(nbformat.v4.new_notebook(), root / "solutions" / "00-demo.ipynb")
    ...     _ = (root / "solutions" / "glossary.md").write_text("# Glossary\\n")
    ...     first = release_all(root / "solutions", root / "notebooks")
    ...     second = release_all(root / "solutions", root / "notebooks")
    >>> [path.name for path in first], second
    (['00-demo.ipynb', 'glossary.md'], [])
    """
    notebooks_dir = Path(notebooks_dir)
    stale = {
        notebooks_dir / relative: data
        for relative, data in _student_edition(solutions_dir).items()
        if not _same_bytes(notebooks_dir / relative, data)
    }
    worked_in = [path for path in stale if path.suffix == ".ipynb" and path.exists()]
    worked_in = [path for path in worked_in if _has_work(path)]
    if worked_in and not force:
        raise ReleaseError(
            "release would overwrite student notebooks that have outputs, so someone has "
            f"worked in them: {', '.join(path.name for path in worked_in)}. Save that work "
            "under another name first, or run `crmkit release --force` to overwrite it.",
            notebook=notebooks_dir.name,
        )
    for path, data in stale.items():
        _write_atomically(path, data)
    return sorted(stale)


def _same_bytes(path: Path, data: bytes) -> bool:
    return path.is_file() and path.read_bytes() == data


# --------------------------------------------------------------------------
# Checking for drift
# --------------------------------------------------------------------------


def check_release(solutions_dir: Path, notebooks_dir: Path) -> list[str]:
    """Ways in which ``notebooks_dir`` is not what release would make; ``[]`` if none.

    Each problem names the file and, for a notebook, the cells that differ
    and how. Raises :class:`ReleaseError` if the solutions cannot be released.

    >>> import tempfile, pathlib, nbformat
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     root = pathlib.Path(folder)
    ...     (root / "solutions").mkdir()
    ...     nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 1  # SOLUTION")])
    ...     nbformat.write(nb, root / "solutions" / "00-demo.ipynb")
    ...     missing = check_release(root / "solutions", root / "notebooks")
    ...     _ = release_all(root / "solutions", root / "notebooks")
    ...     fresh = check_release(root / "solutions", root / "notebooks")
    >>> missing
    ['notebooks/00-demo.ipynb is missing']
    >>> fresh
    []
    """
    solutions_dir, notebooks_dir = Path(solutions_dir), Path(notebooks_dir)
    expected = _student_edition(solutions_dir)
    problems = []
    for relative, data in expected.items():
        shown = f"{notebooks_dir.name}/{relative.as_posix()}"
        path = notebooks_dir / relative
        if not path.is_file():
            problems.append(f"{shown} is missing")
        elif path.read_bytes() != data:
            problems.append(f"{shown} is out of date: {_difference(relative, data, path)}")
    for relative in _extra_files(solutions_dir, notebooks_dir):
        problems.append(
            f"{notebooks_dir.name}/{relative.as_posix()} is extra: there is no "
            f"{solutions_dir.name}/{relative.as_posix()} to make it from (delete it, or add "
            "its source to solutions/)"
        )
    return problems


def _extra_files(solutions_dir: Path, notebooks_dir: Path) -> list[Path]:
    """Files in ``notebooks_dir`` that release does not make (relative paths)."""
    if not notebooks_dir.is_dir():
        return []
    return sorted(set(_course_files(notebooks_dir)) - set(_course_files(solutions_dir)))


def _difference(relative: Path, expected: bytes, path: Path) -> str:
    """Say in words how a file in notebooks/ differs from what release makes."""
    if relative.suffix != ".ipynb":
        return "its content differs from the file in solutions/"
    try:
        actual_nb = json.loads(path.read_text(encoding="utf-8"))
        actual_cells = list(actual_nb["cells"])
    except (ValueError, UnicodeDecodeError, KeyError, TypeError):
        return "it is not a readable notebook"
    expected_nb = json.loads(expected)
    expected_cells = expected_nb["cells"]
    changed = [
        f"cell {number} ({', '.join(_changed_fields(want, have))})"
        for number, (want, have) in enumerate(
            zip(expected_cells, actual_cells, strict=False), start=1
        )
        if want != have
    ]
    if len(actual_cells) != len(expected_cells):
        first = f"; the first difference is in {changed[0]}" if changed else ""
        return f"it has {len(actual_cells)} cells, release makes {len(expected_cells)}{first}"
    if changed:
        more = f" and {len(changed) - 5} more" if len(changed) > 5 else ""
        return "differs in " + ", ".join(changed[:5]) + more
    keys = sorted(
        key
        for key in set(expected_nb) | set(actual_nb)
        if expected_nb.get(key) != actual_nb.get(key)
    )
    return f"notebook {', '.join(keys)} differs" if keys else "same content, different formatting"


def _changed_fields(want: dict[str, Any], have: dict[str, Any]) -> list[str]:
    return sorted(key for key in set(want) | set(have) if want.get(key) != have.get(key))


# --------------------------------------------------------------------------
# Command line
# --------------------------------------------------------------------------


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the options of ``crmkit release`` to ``parser``.

    >>> parser = argparse.ArgumentParser()
    >>> add_arguments(parser)
    >>> parser.parse_args(["--check"]).check
    True
    """
    parser.add_argument(
        "--solutions",
        type=Path,
        default=None,
        metavar="DIR",
        help="the solution notebooks (default: solutions/ of the course repository)",
    )
    parser.add_argument(
        "--notebooks",
        type=Path,
        default=None,
        metavar="DIR",
        help="where the student notebooks go (default: notebooks/ of the course repository)",
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="change nothing; exit with status 1 if the student notebooks are not what "
        "release would make",
    )
    parser.add_argument(
        "--force",
        action="store_true",
        help="overwrite student notebooks even if they have outputs (someone's work)",
    )


def _default_folder(name: str) -> Path:
    from crmkit.paths import repository_root

    root = repository_root()
    return (root if root is not None else Path.cwd()) / name


def run(args: argparse.Namespace) -> int:
    """Run ``crmkit release``: 0 done or in sync, 1 out of sync (--check), 2 error."""
    solutions = args.solutions or _default_folder("solutions")
    notebooks = args.notebooks or _default_folder("notebooks")
    try:
        if args.check:
            return _report(check_release(solutions, notebooks), notebooks)
        written = release_all(solutions, notebooks, force=args.force)
        extra = _extra_files(solutions, notebooks)
    except ReleaseError as error:
        print(f"crmkit release: {error}", file=sys.stderr)
        return 2
    except OSError as error:
        print(f"crmkit release: cannot read or write a file: {error}", file=sys.stderr)
        return 2
    for path in written:
        print(f"wrote {notebooks.name}/{path.relative_to(notebooks).as_posix()}")
    print(f"{len(written)} file(s) written; {notebooks} is up to date with {solutions}.")
    for relative in extra:
        print(
            f"note: {notebooks.name}/{relative.as_posix()} is not made from the solutions; "
            "delete it if it is a leftover."
        )
    return 0


def _report(problems: list[str], notebooks: Path) -> int:
    if not problems:
        print(f"{notebooks} is what `crmkit release` makes from the solutions.")
        return 0
    print(f"{notebooks} is not what `crmkit release` makes from the solutions:")
    for problem in problems:
        print(f"  - {problem}")
    print(
        "Run `make release` (or `crmkit release`) to rewrite stale and missing files, "
        "delete extra ones, then commit the result."
    )
    return 1
