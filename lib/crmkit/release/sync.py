"""The student edition on disk: write it (:func:`release_all`), or check it (:func:`check_release`).

Every file of ``solutions/`` that belongs to the course (not :data:`IGNORED`)
has its counterpart in ``notebooks/``: a notebook's student edition, the same
bytes for any other file. Writing is atomic and leaves files already right alone;
the check says, per file and per cell, how ``notebooks/`` differs.
"""

from __future__ import annotations

import fnmatch
import json
import os
import tempfile
import warnings
from pathlib import Path
from typing import Any

from crmkit.release.errors import ReleaseError
from crmkit.release.transform import release_notebook

#: Files and folders that are never part of either edition (fnmatch patterns,
#: matched against each part of a path): hidden files such as
#: .ipynb_checkpoints, Python caches, and databases a notebook may create
#: when it runs.
IGNORED = (".*", "__pycache__", "*.pyc", "*.sqlite", "*.sqlite3", "*.db")


def read_notebook(path: Path) -> Any:
    """Read a notebook (format 4) as nbformat does, with errors that name the file.

    >>> import tempfile, pathlib
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     bad = pathlib.Path(folder, "bad.ipynb")
    ...     _ = bad.write_text("{not json")
    ...     read_notebook(bad)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    crmkit.release.errors.ReleaseError: bad.ipynb: it is not a readable notebook (...)
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
    for relative in extra_files(solutions_dir, notebooks_dir):
        problems.append(
            f"{notebooks_dir.name}/{relative.as_posix()} is extra: there is no "
            f"{solutions_dir.name}/{relative.as_posix()} to make it from (delete it, or add "
            "its source to solutions/)"
        )
    return problems


def extra_files(solutions_dir: Path, notebooks_dir: Path) -> list[Path]:
    """Files in ``notebooks_dir`` that release does not make (relative paths).

    >>> import tempfile, pathlib
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     root = pathlib.Path(folder)
    ...     for name in ("solutions/glossary.md", "notebooks/glossary.md", "notebooks/old.md"):
    ...         (root / name).parent.mkdir(exist_ok=True)
    ...         _ = (root / name).write_text("# Notes\\n")
    ...     extra = extra_files(root / "solutions", root / "notebooks")
    >>> extra
    [PosixPath('old.md')]
    """
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
