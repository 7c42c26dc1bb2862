"""``crmkit grade``: run every student's notebook safely and grade the answers.

    crmkit grade SUBMISSIONS -o OUTDIR [--jobs N] [--timeout S] [--cell-timeout S]
                 [--memory MB] [--max-output MB] [--chapter NN] [--sandbox]

Each submission runs in its own kernel, in a scratch copy, with time, memory and
output limits (optionally inside bubblewrap); the answer variables are read out
of the kernel as plain JSON and checked here, against :mod:`crmkit.exercises`.
The modules, by topic:

* :mod:`~crmkit.grading.discover`: the SUBMISSIONS layout, which chapter;
* :mod:`~crmkit.grading.execute`, :mod:`~crmkit.grading.worker`,
  :mod:`~crmkit.grading.launcher`: running one submission under limits;
* :mod:`~crmkit.grading.sandbox`: bubblewrap, for ``--sandbox``;
* :mod:`~crmkit.grading.kernel_encoder`, :mod:`~crmkit.grading.answers`: the
  answers' trip out of the kernel (JSON, never pickle);
* :mod:`~crmkit.grading.scoring`: statuses and checked answers;
* :mod:`~crmkit.grading.report`: gradebook, feedback, summary, Gradescope files;
* :mod:`~crmkit.grading.pipeline`: :func:`grade`, tying them together.

This module imports nothing heavy: the kernel launcher and the worker import it.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

DEFAULT_OUTDIR = "grading-output"


def __getattr__(name: str) -> Any:
    if name in ("grade", "GradeOptions", "GradeRun", "GradingError"):
        from crmkit.grading import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module 'crmkit.grading' has no attribute {name!r}")


def _positive(kind: type) -> Any:
    def parse(text: str) -> Any:
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
        if value <= 0:
            raise argparse.ArgumentTypeError(f"must be more than 0, not {text}")
        return value

    return parse


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of ``crmkit grade``."""
    parser.add_argument("submissions", metavar="SUBMISSIONS", type=Path,
                        help="a folder with one sub-folder per student (holding their "
                             "notebook), or a single notebook file")
    parser.add_argument("-o", "--output", metavar="OUTDIR", type=Path,
                        default=Path(DEFAULT_OUTDIR),
                        help=f"where to write the gradebook and reports (default: "
                             f"{DEFAULT_OUTDIR}/)")
    parser.add_argument("-j", "--jobs", metavar="N", type=_positive(int),
                        default=os.cpu_count() or 1,
                        help="notebooks run at once, each in its own kernel (default: the "
                             "number of CPU cores, %(default)s here)")
    parser.add_argument("--timeout", metavar="SECONDS", type=_positive(float), default=600,
                        help="time limit for a whole notebook (default: %(default)g)")
    parser.add_argument("--cell-timeout", metavar="SECONDS", type=_positive(float), default=120,
                        help="time limit for one cell; a cell over it is interrupted and the "
                             "notebook goes on (default: %(default)g)")
    parser.add_argument("--memory", metavar="MB", type=_positive(int), default=2048,
                        help="memory limit of each notebook's kernel (default: %(default)s)")
    parser.add_argument("--max-output", metavar="MB", type=_positive(float), default=5,
                        help="output kept per notebook; more is dropped and reported as an "
                             "output flood (default: %(default)g)")
    parser.add_argument("--chapter", metavar="NN",
                        help="the chapter to grade, when the notebooks' file names do not "
                             "say it (e.g. 01)")
    parser.add_argument("--sandbox", action="store_true",
                        help="run each notebook inside bubblewrap: no network, nothing "
                             "writable but its scratch copy (needs the bwrap program)")


def run(args: argparse.Namespace) -> int:
    """Grade, print a one-screen summary; 0 when the batch completed, 2 when it could not start."""
    from crmkit.grading.discover import DiscoveryError
    from crmkit.grading.execute import Limits
    from crmkit.grading.pipeline import GradeOptions, GradingError, grade
    from crmkit.grading.report import terminal_summary
    from crmkit.grading.sandbox import SandboxUnavailable

    limits = Limits(timeout=args.timeout, cell_timeout=min(args.cell_timeout, args.timeout),
                    memory=args.memory * 1024**2, max_output=int(args.max_output * 1024**2))
    options = GradeOptions(jobs=args.jobs, limits=limits, chapter=args.chapter,
                           sandbox=args.sandbox)
    try:
        graded = grade(args.submissions, args.output, options)
    except (GradingError, DiscoveryError, SandboxUnavailable) as error:
        print(f"crmkit grade: {error}", file=sys.stderr)
        return 2
    print(terminal_summary(graded.chapter, graded.exercises, graded.results, graded.outdir,
                           graded.seconds, graded.jobs, graded.sandboxed))
    return 0
