"""``crmkit guide [--check]``: write the instructor guide (docs/) or check that it is current."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from crmkit.guide.build import stale_files, write_guide


def _default(name: str) -> Path:
    from crmkit.paths import repository_root

    root = repository_root()
    return (root if root is not None else Path.cwd()) / name


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of ``crmkit guide``."""
    parser.add_argument(
        "--solutions",
        metavar="DIR",
        type=Path,
        default=None,
        help="the solution notebooks (default: solutions/ of the course repository)",
    )
    parser.add_argument(
        "--docs",
        metavar="DIR",
        type=Path,
        default=None,
        help="where the guide goes (default: docs/ of the course repository)",
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="write nothing; exit 1 if docs/ is not what `crmkit guide` would write",
    )


def run(args: argparse.Namespace) -> int:
    """Write or check the guide; 0 = done or current, 1 = stale (--check), 2 = cannot build."""
    solutions = args.solutions or _default("solutions")
    docs = args.docs or _default("docs")
    try:
        if args.check:
            problems = stale_files(solutions, docs)
            for problem in problems:
                print(problem)
            if problems:
                print("The instructor guide is stale: run `crmkit guide` to regenerate it.")
                return 1
            print(f"{docs} is up to date with {solutions} and the exercise definitions.")
            return 0
        written = write_guide(solutions, docs)
    except (OSError, ValueError) as error:
        print(f"crmkit guide: {error}", file=sys.stderr)
        return 2
    for name in written:
        print(f"wrote {name}")
    print(f"{len(written)} file(s) written; the guide in {docs} is up to date.")
    return 0
