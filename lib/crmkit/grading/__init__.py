"""``crmkit grade``: run every student's notebook safely and grade the answers.

    crmkit grade SUBMISSIONS -o OUTDIR [--jobs N] [--timeout S] [--cell-timeout S]
                 [--memory MB] [--max-output MB] [--chapter NN] [--sandbox | --no-sandbox]
                 [--twin-seed N | --no-twin]

Each submission runs in its own kernel, in a scratch copy, with time, memory and
output limits (inside bubblewrap wherever it works), on twin data with the answer
key locked; the answer variables are read out of the kernel as plain JSON and
checked here, against :mod:`crmkit.exercises`, on the same twin data.
The modules, by topic:

* :mod:`~crmkit.grading.submissions`: the SUBMISSIONS layout, which chapter;
* :mod:`~crmkit.grading.runner` (the grading process's side),
  :mod:`~crmkit.grading.job` (what it hands the worker),
  :mod:`~crmkit.grading.worker`, :mod:`~crmkit.grading.kernel_client`,
  :mod:`~crmkit.grading.worker_log` (the worker process),
  :mod:`~crmkit.grading.launcher` (the kernel): running one submission under limits;
* :mod:`~crmkit.grading.sandbox`: bubblewrap (the default where it works);
* :mod:`~crmkit.grading.twin`: the twin data; :mod:`~crmkit.grading.provenance`:
  typed-in and answer-key answers;
* :mod:`~crmkit.grading.kernel_encoder`, :mod:`~crmkit.grading.answers`: the
  answers' trip out of the kernel (JSON, never pickle);
* :mod:`~crmkit.grading.scoring`: statuses and checked answers;
* :mod:`~crmkit.grading.report`: gradebook, feedback, summary, Gradescope files;
  :mod:`~crmkit.grading.class_report`: the class's common mistakes, how it was graded;
* :mod:`~crmkit.grading.autograder`, :mod:`~crmkit.grading.gradescope`: the Gradescope
  autograder zip (``crmkit autograder``) and what runs inside it;
* :mod:`~crmkit.grading.progress_bar`: the progress display on stderr;
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
    """The options of ``crmkit grade``.

    >>> parser = argparse.ArgumentParser()
    >>> add_arguments(parser)
    >>> options = parser.parse_args(["submissions/", "--memory", "512"])
    >>> options.memory, options.timeout, options.sandbox, options.twin
    (512, 600, None, True)
    """
    parser.add_argument(
        "submissions",
        metavar="SUBMISSIONS",
        type=Path,
        help="a folder with one sub-folder per student (holding their "
        "notebook), or a single notebook file",
    )
    parser.add_argument(
        "-o",
        "--output",
        metavar="OUTDIR",
        type=Path,
        default=Path(DEFAULT_OUTDIR),
        help=f"where to write the gradebook and reports (default: {DEFAULT_OUTDIR}/)",
    )
    parser.add_argument(
        "-j",
        "--jobs",
        metavar="N",
        type=_positive(int),
        default=os.cpu_count() or 1,
        help="notebooks run at once, each in its own kernel (default: the "
        "number of CPU cores, %(default)s here)",
    )
    _add_limits(parser)
    parser.add_argument(
        "--chapter",
        metavar="NN",
        help="the chapter to grade, when the notebooks' file names do not say it (e.g. 01)",
    )
    _add_safety(parser)
    parser.add_argument(
        "--rubric-scores",
        metavar="FILLED.csv",
        type=Path,
        default=None,
        help="read the instructor's filled rubric_scores.csv into the gradebook of the "
        "grading output folder given as SUBMISSIONS (e.g. `crmkit grade --rubric-scores "
        "filled.csv grading-output`); runs no notebook",
    )


_LIMITS = (  # option, metavar, type, default, help
    ("--timeout", "SECONDS", float, 600, "time limit for a whole notebook (default: %(default)g)"),
    (
        "--cell-timeout",
        "SECONDS",
        float,
        120,
        "time limit for one cell; a cell over it is interrupted and the notebook goes on "
        "(default: %(default)g)",
    ),
    ("--memory", "MB", int, 2048, "memory limit of each notebook's kernel (default: %(default)s)"),
    (
        "--max-output",
        "MB",
        float,
        5,
        "output kept per notebook; more is dropped and reported as an output flood "
        "(default: %(default)g)",
    ),
)


def _add_safety(parser: argparse.ArgumentParser) -> None:
    """The sandbox and twin-data options (both on by default)."""
    sandbox = parser.add_mutually_exclusive_group()
    sandbox.add_argument(
        "--sandbox",
        action="store_const",
        const=True,
        default=None,
        help="require bubblewrap: stop if it cannot work here (default: use it wherever it "
        "works, with a loud warning where it does not)",
    )
    sandbox.add_argument(
        "--no-sandbox",
        action="store_const",
        const=False,
        dest="sandbox",
        help="run the notebooks without bubblewrap (they can read and change your files)",
    )
    twin = parser.add_mutually_exclusive_group()
    twin.add_argument(
        "--twin-seed",
        metavar="N",
        type=int,
        default=None,
        help="the seed of the twin data the notebooks run on (default: derived from the "
        "submissions, printed in the summary)",
    )
    twin.add_argument(
        "--no-twin",
        action="store_false",
        dest="twin",
        help="grade on the published course data (typed-in numbers then pass)",
    )


def _add_limits(parser: argparse.ArgumentParser) -> None:
    """The options for the limits on each notebook: time, memory, output."""
    for option, metavar, kind, default, help_text in _LIMITS:
        parser.add_argument(
            option, metavar=metavar, type=_positive(kind), default=default, help=help_text
        )


def run(args: argparse.Namespace) -> int:
    """Grade, print a one-screen summary; 0 when the batch completed, 2 when it could not start."""
    if getattr(args, "rubric_scores", None) is not None:
        from crmkit.grading.rubric_scores import run_rubric_scores

        return run_rubric_scores(args)
    from crmkit.grading.pipeline import GradeOptions, GradingError, grade
    from crmkit.grading.report import terminal_summary
    from crmkit.grading.runner import Limits
    from crmkit.grading.sandbox import SandboxUnavailable
    from crmkit.grading.submissions import DiscoveryError

    limits = Limits(
        timeout=args.timeout,
        cell_timeout=min(args.cell_timeout, args.timeout),
        memory=args.memory * 1024**2,
        max_output=int(args.max_output * 1024**2),
    )
    options = GradeOptions(
        jobs=args.jobs,
        limits=limits,
        chapter=args.chapter,
        sandbox=args.sandbox,
        twin=getattr(args, "twin", True),
        twin_seed=getattr(args, "twin_seed", None),
    )
    try:
        graded = grade(args.submissions, args.output, options)
    except (GradingError, DiscoveryError, SandboxUnavailable) as error:
        print(f"crmkit grade: {error}", file=sys.stderr)
        return 2
    print(
        terminal_summary(
            graded.chapter,
            graded.exercises,
            graded.results,
            graded.outdir,
            graded.seconds,
            graded.jobs,
            graded.sandboxed,
            graded.notes,
        )
    )
    from crmkit.grading.rubric import RUBRIC_SCORES, rubric_for_chapter

    if rubric_for_chapter(graded.chapter) is not None:
        print(
            f"The memo is graded by rubric: score it from the feedback files, fill in "
            f"{graded.outdir / RUBRIC_SCORES} and run `crmkit grade --rubric-scores FILLED.csv "
            f"{graded.outdir}`."
        )
    return 0
