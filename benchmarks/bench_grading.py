"""How long ``crmkit grade`` takes for a class: 40 copies of a chapter's solution notebook.

Prints the wall time of grading them with --jobs 1 and --jobs 2 (the speed-up),
and with --sandbox off and on (at --jobs 2). Each run must give every copy full
marks, or the benchmark fails. Everything happens in a temporary folder.

    python benchmarks/bench_grading.py [--copies 40] [--chapter 01-recognising-customers]
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from crmkit.grading.pipeline import GradeOptions, grade
from crmkit.grading.runner import Limits
from crmkit.grading.sandbox import SandboxUnavailable, make_sandbox

REPO = Path(__file__).resolve().parent.parent


def pick_solution(chapter: str | None) -> Path:
    solutions = sorted((REPO / "solutions").glob("[0-9][0-9]-*.ipynb"))
    if chapter:
        solutions = [s for s in solutions if s.stem.startswith(chapter)]
    if not solutions:
        sys.exit(f"No solution notebook{' for ' + chapter if chapter else ''} in solutions/.")
    # The first chapter with exercises beyond the getting-started one, if there is one.
    return solutions[1] if len(solutions) > 1 and not chapter else solutions[0]


def make_class(solution: Path, copies: int, root: Path) -> Path:
    submissions = root / "submissions"
    for number in range(1, copies + 1):
        folder = submissions / f"student{number:02d}"
        folder.mkdir(parents=True)
        shutil.copyfile(solution, folder / solution.name)
    return submissions


def timed_run(submissions: Path, root: Path, jobs: int, sandbox: bool) -> float:
    outdir = root / f"out-j{jobs}-{'sandbox' if sandbox else 'plain'}"
    options = GradeOptions(
        jobs=jobs, sandbox=sandbox, progress=False, limits=Limits(timeout=900, cell_timeout=600)
    )
    started = time.perf_counter()
    with open(os.devnull, "w", encoding="utf-8") as quiet:
        run = grade(submissions, outdir, options, stream=quiet)
    seconds = time.perf_counter() - started
    failed = [r for r in run.results if r.points != r.max_points or r.status != "ok"]
    if failed:
        details = "; ".join(
            f"{r.student}: {r.status}, {r.points:g} points, {r.problems[:1]}" for r in failed[:3]
        )
        sys.exit(
            f"--jobs {jobs}{' --sandbox' if sandbox else ''}: not every copy got full "
            f"marks ({len(failed)} did not: {details})."
        )
    return seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=40)
    parser.add_argument("--chapter", help="notebook name prefix, e.g. 01")
    args = parser.parse_args()
    solution = pick_solution(args.chapter)
    try:
        make_sandbox([], [])
        sandbox_problem = None
    except SandboxUnavailable as error:
        sandbox_problem = str(error)
    print(
        f"Grading {args.copies} copies of solutions/{solution.name} on {os.cpu_count()} "
        f"cores, Python {sys.version.split()[0]}."
    )
    with tempfile.TemporaryDirectory(prefix="crmkit-bench-") as folder:
        root = Path(folder)
        submissions = make_class(solution, args.copies, root)
        one = timed_run(submissions, root, 1, False)
        print(f"  --jobs 1             {one:7.1f} s  ({one / args.copies:.2f} s per notebook)")
        two = timed_run(submissions, root, 2, False)
        print(
            f"  --jobs 2             {two:7.1f} s  ({two / args.copies:.2f} s per notebook), "
            f"speed-up x{one / two:.2f}"
        )
        if sandbox_problem is None:
            boxed = timed_run(submissions, root, 2, True)
            print(
                f"  --jobs 2 --sandbox   {boxed:7.1f} s  ({boxed / args.copies:.2f} s per "
                f"notebook), {100 * (boxed / two - 1):+.0f}% against no sandbox"
            )
        else:
            print(f"  --sandbox: not measured ({sandbox_problem})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
