"""``crmkit autograder CHAPTER -o autograder.zip``: the zip Gradescope's autograder expects.

Gradescope unpacks the zip into ``/autograder/source``, runs ``setup.sh`` once
(as root) to build its image, then, in a fresh container per submission, runs
``/autograder/run_autograder`` with the student's files in
``/autograder/submission`` and reads ``/autograder/results/results.json``.

The zip holds the two scripts and ``course/``: the library (``pyproject.toml``,
``constraints.txt``, ``lib/``) and the course data (``datasets/``), never the
solutions. ``setup.sh`` installs the library with the pinned versions of
``constraints.txt`` into ``/autograder/venv``; ``run_autograder`` grades the
submission with the same pipeline as ``crmkit grade`` (twin data, locked answer
key, sandbox where bubblewrap works; see :mod:`crmkit.grading.gradescope`).

For testing, both scripts read their paths from the environment:
``AUTOGRADER_ROOT`` (default ``/autograder``), ``CRMKIT_AUTOGRADER_PYTHON`` (the
Python to use) and ``CRMKIT_AUTOGRADER_SKIP_INSTALL=1`` (reuse that Python as it is).
"""

from __future__ import annotations

import argparse
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

COURSE = "course"
LIBRARY_FILES = ("pyproject.toml", "constraints.txt", "LICENSE")
DEFAULT_TIMEOUT = 480
ZIP_DATE = (2024, 1, 1, 0, 0, 0)

SETUP_SH = """\
#!/usr/bin/env bash
# Gradescope runs this once, as root, when it builds the autograder image.
# It installs the course library with the exact versions of constraints.txt.
set -euo pipefail
ROOT="${AUTOGRADER_ROOT:-/autograder}"
SOURCE="$ROOT/source"
PYTHON="${CRMKIT_AUTOGRADER_PYTHON:-$ROOT/venv/bin/python}"
if [ "${CRMKIT_AUTOGRADER_SKIP_INSTALL:-0}" = "1" ]; then
    echo "setup.sh: install skipped (CRMKIT_AUTOGRADER_SKIP_INSTALL=1), using $PYTHON"
else
    apt-get update
    apt-get install -y --no-install-recommends python3 python3-venv python3-pip bubblewrap
    python3 -m venv "$ROOT/venv"
    "$ROOT/venv/bin/python" -m pip install --upgrade pip
    "$ROOT/venv/bin/python" -m pip install -c "$SOURCE/course/constraints.txt" "$SOURCE/course"
fi
"$PYTHON" -c "import crmkit.grading.gradescope"
echo "setup.sh: the course library is ready"
"""

RUN_AUTOGRADER = """\
#!/usr/bin/env bash
# Gradescope runs this for each submission: grade it, write results/results.json.
set -euo pipefail
ROOT="${{AUTOGRADER_ROOT:-/autograder}}"
SOURCE="$ROOT/source"
PYTHON="${{CRMKIT_AUTOGRADER_PYTHON:-$ROOT/venv/bin/python}}"
export PYTHONPATH="$SOURCE/course/lib${{PYTHONPATH:+:$PYTHONPATH}}"
export CRMKIT_DATA="$SOURCE/course/datasets"
mkdir -p "$ROOT/results"
exec "$PYTHON" -m crmkit.grading.gradescope --chapter {chapter} --timeout {timeout} \\
    --submission "$ROOT/submission" --results "$ROOT/results/results.json"
"""

STUDENT_README = """\
# crmkit (grading copy)

The course library and data, as packed by `crmkit autograder` for Gradescope.
"""


class AutograderError(RuntimeError):
    """The autograder zip cannot be built as asked (the message says why)."""


def course_files(root: Path) -> Iterator[tuple[Path, str]]:
    """(file, name in the zip) for the library and the data of the course at ``root``.

    >>> from crmkit.paths import repository_root
    >>> names = [name for _, name in course_files(repository_root())]
    >>> "course/lib/crmkit/__init__.py" in names, any("solutions" in n for n in names)
    (True, False)
    """
    root = Path(root)
    for name in LIBRARY_FILES:
        if (root / name).is_file():
            yield root / name, f"{COURSE}/{name}"
    for folder in ("lib", "datasets"):
        for path in sorted((root / folder).rglob("*")):
            relative = path.relative_to(root)
            if path.is_file() and not _skipped(relative):
                yield path, f"{COURSE}/{relative.as_posix()}"


def _skipped(relative: Path) -> bool:
    return any(
        part == "__pycache__" or part.startswith(".") or part.endswith(".egg-info")
        for part in relative.parts
    ) or relative.suffix in (".pyc", ".tmp")


def build_autograder(chapter: str, output: Path, timeout: int = DEFAULT_TIMEOUT) -> list[str]:
    """Write the Gradescope autograder zip for ``chapter`` to ``output``; returns its file names."""
    from crmkit.exercises import exercises_for_chapter
    from crmkit.exercises.model import chapter_code
    from crmkit.paths import repository_root

    try:
        code = chapter_code(chapter)
    except ValueError as error:
        raise AutograderError(str(error)) from None
    if not exercises_for_chapter(code):
        raise AutograderError(f"Chapter {code} has no exercises to grade.")
    if isinstance(timeout, bool) or not isinstance(timeout, int) or timeout <= 0:
        raise AutograderError(f"The time limit must be a whole number of seconds, not {timeout!r}.")
    root = repository_root()
    if root is None:
        raise AutograderError("crmkit autograder runs from the course repository (with datasets/).")
    scripts = {
        "setup.sh": SETUP_SH,
        "run_autograder": RUN_AUTOGRADER.format(chapter=code, timeout=timeout),
        f"{COURSE}/README.md": STUDENT_README,
    }
    names = []
    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(output, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, text in scripts.items():
            _add(archive, name, text.encode("utf-8"), executable=not name.endswith(".md"))
            names.append(name)
        for path, name in course_files(root):
            _add(archive, name, path.read_bytes(), executable=False)
            names.append(name)
    return names


def _add(archive: zipfile.ZipFile, name: str, data: bytes, executable: bool) -> None:
    info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
    info.external_attr = (0o755 if executable else 0o644) << 16
    info.compress_type = zipfile.ZIP_DEFLATED
    archive.writestr(info, data)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of ``crmkit autograder``.

    >>> parser = argparse.ArgumentParser()
    >>> add_arguments(parser)
    >>> options = parser.parse_args(["01"])
    >>> options.chapter, options.output.name, options.timeout
    ('01', 'autograder.zip', 480)
    """
    parser.add_argument("chapter", metavar="CHAPTER", help="the chapter to grade, e.g. 01")
    parser.add_argument(
        "-o",
        "--output",
        metavar="ZIP",
        type=Path,
        default=Path("autograder.zip"),
        help="where to write the zip (default: autograder.zip)",
    )
    parser.add_argument(
        "--timeout",
        metavar="SECONDS",
        type=int,
        default=DEFAULT_TIMEOUT,
        help="time limit for the notebook (default: %(default)s; keep it under Gradescope's)",
    )


def run(args: argparse.Namespace) -> int:
    """Build the zip: 0 when written, 2 when it cannot be built."""
    try:
        names = build_autograder(args.chapter, args.output, args.timeout)
    except (AutograderError, OSError) as error:
        print(f"crmkit autograder: {error}", file=sys.stderr)
        return 2
    print(
        f"wrote {args.output} ({len(names)} files): upload it as the autograder of a Gradescope "
        "programming assignment (base image with Python 3.11 or later, e.g. Ubuntu 24.04)."
    )
    return 0
