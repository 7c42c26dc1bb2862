"""What runs inside Gradescope: grade the one submission, write ``results.json``.

Started by the autograder zip's ``run_autograder`` (see
:mod:`crmkit.grading.autograder`) as
``python -m crmkit.grading.gradescope --chapter 01 --submission DIR --results FILE``.
It grades ``DIR`` with :func:`crmkit.grading.pipeline.grade` (twin data, locked
answer key, sandbox where bubblewrap works) and writes Gradescope's format:
``score``, ``output``, one test per exercise (``name``, ``number``, ``score``,
``max_score``, ``status``, ``output``, ``visibility``). It always writes a
results file, also when the submission cannot be graded.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path
from typing import Any

from crmkit.grading.submissions import INVALID, NO_SUBMISSION


def failure_results(message: str) -> dict[str, Any]:
    """A results.json for a submission that could not be graded: 0 points and why.

    >>> failure_results("no notebook")["score"]
    0.0
    """
    return {
        "score": 0.0,
        "output": f"Your submission could not be graded: {message}",
        "visibility": "visible",
        "stdout_visibility": "hidden",
        "tests": [],
    }


def results_for(submission: Path, chapter: str, timeout: float) -> dict[str, Any]:
    """Grade ``submission`` (a folder) and return its results.json content."""
    from crmkit.grading.pipeline import GradeOptions, GradingError, grade
    from crmkit.grading.report import gradescope
    from crmkit.grading.runner import Limits
    from crmkit.grading.sandbox import SandboxUnavailable
    from crmkit.grading.submissions import DiscoveryError

    limits = Limits(timeout=timeout, cell_timeout=min(120, timeout))
    options = GradeOptions(jobs=1, limits=limits, chapter=chapter, progress=False)
    with tempfile.TemporaryDirectory(prefix="crmkit-gradescope-") as outdir:
        try:
            run = grade(Path(submission), Path(outdir) / "out", options)
        except (GradingError, DiscoveryError, SandboxUnavailable) as error:
            return failure_results(str(error))
    graded = [r for r in run.results if r.status not in (NO_SUBMISSION, INVALID)]
    result = max(graded or run.results, key=lambda r: r.points, default=None)
    if result is None:
        return failure_results(f"no notebook for chapter {run.chapter} was found.")
    results = gradescope(result)
    results["output"] = "\n".join([results["output"], *run.notes.lines()])
    return results


def main(argv: list[str] | None = None) -> int:
    """Grade and write the results file; 0 even when the submission could not be graded."""
    parser = argparse.ArgumentParser(prog="python -m crmkit.grading.gradescope")
    parser.add_argument("--chapter", required=True)
    parser.add_argument("--submission", type=Path, required=True)
    parser.add_argument("--results", type=Path, required=True)
    parser.add_argument("--timeout", type=float, default=480)
    args = parser.parse_args(argv)
    try:
        results = results_for(args.submission, args.chapter, args.timeout)
    except Exception as error:  # Gradescope must always get a results file
        results = failure_results(f"the grader failed ({type(error).__name__}: {error}).")
    args.results.parent.mkdir(parents=True, exist_ok=True)
    args.results.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"score {results['score']:g}; results written to {args.results}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
