"""Is a data file the one the course ships? Checked against the ``SHA256SUMS`` beside it.

An interrupted copy or a stray edit can leave a CSV file that still loads, with
fewer or changed rows, so that every number in every chapter quietly differs
from the lessons. The loaders in :mod:`crmkit.data` call :func:`verify_file`
once per file and process (hashing the course data takes milliseconds).

Only files listed in a ``SHA256SUMS`` inside the folder being loaded are
checked: a deliberately different data folder (``CRMKIT_DATA`` pointing at the
grading twin or at an instructor's own data) is checked against its own list,
or not at all when it has none.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

from crmkit._validate import require_path

SUMS_FILE = "SHA256SUMS"
RESTORE = "Restore it with `git checkout datasets/` or regenerate the data with `make data`."


class DataChecksumError(ValueError):
    """A data file differs from the checksum listed for it in ``SHA256SUMS``."""


def sha256_of(path: str | Path) -> str:
    """The SHA-256 checksum of a file, as 64 hexadecimal digits.

    >>> from crmkit.paths import data_dir
    >>> len(sha256_of(data_dir() / "teams.csv"))
    64
    """
    path = Path(require_path(path, "path"))
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def listed_checksums(folder: str | Path) -> dict[str, str]:
    """File name -> checksum, from ``folder/SHA256SUMS`` (empty when there is none).

    >>> from crmkit.paths import data_dir
    >>> "customers.csv" in listed_checksums(data_dir())
    True
    """
    sums = Path(require_path(folder, "folder")) / SUMS_FILE
    if not sums.is_file():
        return {}
    listed = {}
    for line in sums.read_text(encoding="utf-8").splitlines():
        checksum, _, name = line.strip().partition(" ")
        name = name.strip().lstrip("*")  # "  name" (text mode) or " *name" (binary mode)
        if checksum and name:
            listed[name] = checksum.lower()
    return listed


def verify_file(path: str | Path) -> None:
    """Raise :class:`DataChecksumError` if ``path`` differs from its line in SHA256SUMS.

    A file not listed in a ``SHA256SUMS`` of its own folder is not checked.
    The answer is remembered for the rest of the process.

    >>> from crmkit.paths import data_dir
    >>> verify_file(data_dir() / "teams.csv")  # the course's own file: nothing to say
    """
    path = Path(require_path(path, "path")).resolve()
    problem = _problem(path, path.stat().st_size, path.stat().st_mtime_ns)
    if problem:
        raise DataChecksumError(problem)


@cache
def _problem(path: Path, size: int, modified_ns: int) -> str:
    """What is wrong with ``path`` ("" when nothing); cached per file version."""
    expected = listed_checksums(path.parent).get(path.name)
    if expected is None or sha256_of(path) == expected:
        return ""
    return (
        f"The course data file {path.name} in {path.parent} is not the one the course ships: "
        f"its checksum differs from the one listed in {SUMS_FILE} ({size:,} bytes now). It may "
        f"have been cut short by an interrupted copy or changed by an edit, and every number "
        f"computed from it would quietly differ from the lessons. {RESTORE}"
    )
