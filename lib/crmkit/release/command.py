"""The command line: ``crmkit release [--check] [--force] [--solutions DIR] [--notebooks DIR]``,
and ``crmkit release --handout DIR`` (the student hand-out, see :mod:`crmkit.release.handout`).

Exit status: 0 done or in sync, 1 out of sync (``--check``), 2 error.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from crmkit.release.errors import ReleaseError
from crmkit.release.sync import check_release, extra_files, release_all


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
        "--handout",
        type=Path,
        default=None,
        metavar="DIR",
        help="write the student hand-out into DIR (a new folder): student notebooks, data, "
        "glossary, the library and a README, without solutions",
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
    """Run ``crmkit release``: 0 done or in sync, 1 out of sync (--check), 2 error.

    >>> import contextlib, io, tempfile
    >>> with tempfile.TemporaryDirectory() as folder, contextlib.redirect_stdout(io.StringIO()) as out:
    ...     (Path(folder) / "solutions").mkdir()
    ...     status = run(argparse.Namespace(solutions=Path(folder) / "solutions",
    ...                                     notebooks=Path(folder) / "notebooks",
    ...                                     check=True, force=False))
    >>> status, out.getvalue().endswith("is what `crmkit release` makes from the solutions.\\n")
    (0, True)
    """
    if getattr(args, "handout", None) is not None:
        return _handout(args.handout)
    solutions = args.solutions or _default_folder("solutions")
    notebooks = args.notebooks or _default_folder("notebooks")
    try:
        if args.check:
            return _report(check_release(solutions, notebooks), notebooks)
        written = release_all(solutions, notebooks, force=args.force)
        extra = extra_files(solutions, notebooks)
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


def _handout(destination: Path) -> int:
    from crmkit.release.handout import write_handout

    root = _default_folder("solutions").parent
    try:
        files = write_handout(root, destination)
    except ReleaseError as error:
        print(f"crmkit release: {error}", file=sys.stderr)
        return 2
    except OSError as error:
        print(f"crmkit release: cannot read or write a file: {error}", file=sys.stderr)
        return 2
    print(f"wrote the hand-out to {destination}: {len(files)} files, no solutions.")
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
