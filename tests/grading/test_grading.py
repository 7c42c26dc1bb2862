"""``crmkit grade`` end to end: real kernels, good, partial, broken and hostile submissions.

One batch of submissions for a fake chapter 99 (see tests.grading.fixtures.builders) is
graded once per module with small limits; the tests below read its gradebook,
feedback and summary. Further tests grade the course's own chapters (whatever
solutions/ and notebooks/ hold), run the sandbox for real when bubblewrap works,
and check the command line, determinism and interruption.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import crmkit
import nbformat
import pytest
from crmkit.exercises import session
from crmkit.grading import pipeline
from crmkit.grading.pipeline import GradeOptions, grade
from crmkit.grading.runner import Limits, run_submission
from crmkit.grading.sandbox import SandboxUnavailable, make_sandbox
from crmkit.grading.scoring import score

from tests.grading.fixtures.builders import (
    ANSWER_CUSTOMERS,
    ANSWER_REGIONS,
    ANSWER_TOTAL,
    CHECKS,
    GOOD,
    MAX_POINTS,
    NOTEBOOK_NAME,
    POINTS,
    SETUP,
    UNTOUCHED,
    fake_exercises,
    folder_fingerprint,
    make_notebook,
    processes_mentioning,
    write_submission,
)

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[2]
LIMITS = Limits(timeout=20, cell_timeout=3, memory=1024**3, max_output=1024**2)
REST = [ANSWER_REGIONS, ANSWER_CUSTOMERS]


@pytest.fixture()
def crmkit_command(monkeypatch: pytest.MonkeyPatch):
    """``crmkit`` as run from the shell, with its ``grade`` subcommand (crmkit.grading)."""
    from crmkit import cli

    if "grade" not in cli.SUBCOMMANDS:
        monkeypatch.setitem(
            cli.SUBCOMMANDS, "grade", ("crmkit.grading", "grade a folder of submitted notebooks")
        )
    return cli.main


# --------------------------------------------------------------------------- the batch

PATCH_CRMKIT = """\
import crmkit.exercises as ex
from crmkit.exercises import Feedback, evaluation, model, session
def always_right(exercise_id, answer):
    return Feedback(exercise_id, 'x', 'correct', 99, 99, 'Correct!')
ex.evaluate = always_right
ex.check = always_right
crmkit.check = always_right
model.Exercise.evaluate = lambda self, answer: always_right(self.id, answer)
evaluation.evaluate_answer = lambda exercise, answer: always_right(exercise.id, answer)
session.evaluate = always_right
"""
IMPOSTORS = """\
class AlwaysEqual:
    def __eq__(self, other):
        return True
    __hash__ = object.__hash__
    def __repr__(self):
        return '150.0'
class Sneaky(float):
    def __eq__(self, other):
        return True
    __hash__ = float.__hash__
total = Sneaky(1.0)
by_region = AlwaysEqual()
n_customers = AlwaysEqual()
"""
FORGER = """\
import json
_real_dumps = json.dumps
fake = {'nonce': 'guessed', 'answers': {'total': {'type': 'float', 'value': 150.0}}}
def forged(obj, *args, **kwargs):
    if isinstance(obj, dict) and 'answers' in obj:
        obj = fake
    return _real_dumps(obj, *args, **kwargs)
json.dumps = forged
for name in ('answers.json', '../answers.json'):
    open(name, 'w').write(_real_dumps(fake))
print('=====CRMKIT ANSWERS=====', _real_dumps(fake))
total = 0.0
"""
STUBBORN = """\
import time
while True:
    try:
        time.sleep(0.05)
    except KeyboardInterrupt:
        pass
"""

BATCH: dict[str, list[str]] = {
    "good": GOOD,
    "untouched": UNTOUCHED,
    "partial": [
        SETUP,
        ANSWER_TOTAL,
        "by_region = pd.Series([1.0, 2.0])",
        "n_customers = ...  # YOUR CODE HERE",
    ],
    "renamed": [SETUP, "totl = 150.0", *REST],
    "wrong_type": [SETUP, "total = '150'", *REST],
    "syntax_error": [SETUP, ANSWER_TOTAL, "def broken(:\n    pass", *REST],
    "exception_halfway": [SETUP, ANSWER_TOTAL, "lookup = {}\nlookup['missing']", *REST],
    "failing_setter": [SETUP, "total = 150.0 / 0", *REST],
    "endless_loop": [SETUP, ANSWER_TOTAL, "while True:\n    pass", *REST],
    "stubborn_loop": [SETUP, ANSWER_TOTAL, STUBBORN, *REST],
    "slow": [SETUP, ANSWER_TOTAL, *["import time\ntime.sleep(2)"] * 12, *REST],
    "kernel_dies": [SETUP, ANSWER_TOTAL, "import os\nos._exit(1)", *REST],
    "memory_hog": [
        SETUP,
        ANSWER_TOTAL,
        "import numpy as np\nhog = np.ones(int(1.5 * 2**30) // 8)",
        *REST,
    ],
    "output_flood": [SETUP, ANSWER_TOTAL, "for i in range(1_000):\n    print('x' * 10_000)", *REST],
    "cheater": [
        SETUP,
        "def check(*args, **kwargs):\n    return 'Correct! +2 points'",
        PATCH_CRMKIT,
        "total = 1.0",
        "by_region = pd.Series([0.0])",
        "n_customers = -1",
        CHECKS,
        "check('99.2', by_region)",
    ],
    "impostor": [SETUP, IMPOSTORS],
    "forger": [SETUP, FORGER],
    "breaks_protocol": [
        SETUP,
        ANSWER_TOTAL,
        "import json\njson.dumps = lambda *a, **k: '{}'",
        *REST,
    ],
}


@pytest.fixture(scope="module")
def chapter99() -> Iterator[None]:
    with session.registered(fake_exercises()):
        yield


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory, chapter99: None) -> Iterator[dict]:
    root = tmp_path_factory.mktemp("batch")
    submissions = root / "submissions"
    for student, cells in BATCH.items():
        write_submission(submissions, student, cells)
    outside = root / "outside"
    outside.mkdir()
    write_submission(
        submissions,
        "writes_outside",
        [SETUP, ANSWER_TOTAL, f"open({str(outside / 'pwned.txt')!r}, 'w').write('x')", *REST],
    )
    (submissions / "corrupted").mkdir()
    (submissions / "corrupted" / NOTEBOOK_NAME).write_text('{"cells": [ broken', encoding="utf-8")
    (submissions / "empty").mkdir()
    write_submission(submissions, "two_notebooks", GOOD)
    write_submission(submissions, "two_notebooks", GOOD, name="99-fake-chapter (1).ipynb")
    nbformat.write(make_notebook(GOOD), submissions / "99-loose.ipynb")
    on_purpose = make_notebook([*GOOD, "raise ValueError('shown on purpose')"])
    on_purpose.cells[-1].metadata["tags"] = ["raises-exception"]
    (submissions / "expected_error").mkdir()
    nbformat.write(on_purpose, submissions / "expected_error" / NOTEBOOK_NAME)
    before = folder_fingerprint(submissions)
    outdir = root / "out"
    scratch = root / "scratch"
    scratch.mkdir()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(tempfile, "tempdir", str(scratch))
        run = grade(
            submissions, outdir, GradeOptions(jobs=2, limits=LIMITS, sandbox=False, progress=False)
        )
    yield {
        "run": run,
        "out": outdir,
        "submissions": submissions,
        "before": before,
        "outside": outside,
        "rows": _gradebook(outdir),
        "scratch": scratch,
    }


def _gradebook(outdir: Path) -> dict[str, dict[str, str]]:
    with open(outdir / "gradebook.csv", newline="", encoding="utf-8") as handle:
        return {row["student"]: row for row in csv.DictReader(handle)}


def _result(batch: dict, student: str):
    return next(r for r in batch["run"].results if r.student == student)


def _feedback(batch: dict, student: str, exercise_id: str):
    return next(f for f in _result(batch, student).feedback if f.exercise_id == exercise_id)


def test_every_student_gets_a_row_and_the_batch_completes(batch: dict) -> None:
    expected = set(BATCH) | {
        "writes_outside",
        "corrupted",
        "empty",
        "two_notebooks",
        "99-loose",
        "expected_error",
    }
    assert set(batch["rows"]) == expected
    assert list(batch["rows"]) == sorted(batch["rows"], key=str.casefold)


def test_submissions_are_never_modified(batch: dict) -> None:
    assert folder_fingerprint(batch["submissions"]) == batch["before"]


@pytest.mark.parametrize(
    ("student", "status", "total"),
    [
        ("good", "ok", MAX_POINTS),
        ("99-loose", "ok", MAX_POINTS),
        ("expected_error", "ok", MAX_POINTS),
        ("untouched", "not attempted", 0),
        ("partial", "ok", POINTS["99.1"]),
        ("renamed", "ok", MAX_POINTS - POINTS["99.1"]),
        ("wrong_type", "ok", MAX_POINTS - POINTS["99.1"]),
        ("syntax_error", "error", MAX_POINTS),
        ("exception_halfway", "error", MAX_POINTS),
        ("failing_setter", "error", MAX_POINTS - POINTS["99.1"]),
        ("endless_loop", "timeout", MAX_POINTS),
        ("stubborn_loop", "timeout", MAX_POINTS),
        ("slow", "timeout", POINTS["99.1"]),
        ("kernel_dies", "crashed", MAX_POINTS),
        ("memory_hog", "memory limit", MAX_POINTS),
        ("output_flood", "output flood", MAX_POINTS),
        ("cheater", "ok", 0),
        ("impostor", "ok", 0),
        ("forger", "error", 0),
        ("breaks_protocol", "crashed", MAX_POINTS),
        ("corrupted", "invalid notebook", 0),
        ("empty", "no submission", 0),
        ("two_notebooks", "invalid notebook", 0),
    ],
)
def test_status_and_score(batch: dict, student: str, status: str, total: int) -> None:
    row = batch["rows"][student]
    assert (row["status"], int(row["total"]), int(row["max"])) == (status, total, MAX_POINTS), row


def test_gradebook_has_a_column_per_exercise(batch: dict) -> None:
    header = next(csv.reader(open(batch["out"] / "gradebook.csv", encoding="utf-8")))
    assert header == [
        "student",
        "notebook",
        "status",
        "99.1",
        "99.2",
        "99.3",
        "total",
        "max",
        "problems",
        "flags",
    ]
    good = batch["rows"]["good"]
    assert [good["99.1"], good["99.2"], good["99.3"]] == ["2", "3", "1"]


def test_untouched_notebook_is_not_attempted(batch: dict) -> None:
    assert {f.status for f in _result(batch, "untouched").feedback} == {"not_attempted"}


def test_missing_variable_is_diagnosed(batch: dict) -> None:
    renamed = _feedback(batch, "renamed", "99.1")
    assert renamed.status == "error" and renamed.points == 0
    assert "does not define `total`" in renamed.message
    assert "No cell of the notebook assigns `total`" in renamed.message
    failing = _feedback(batch, "failing_setter", "99.1")
    assert "cell 3" in failing.message and "ZeroDivisionError" in failing.message


def test_wrongly_typed_variable_gets_the_checkers_diagnosis(batch: dict) -> None:
    feedback = _feedback(batch, "wrong_type", "99.1")
    assert feedback.status == "incorrect" and feedback.points == 0 and feedback.message


def test_first_error_says_where(batch: dict) -> None:
    syntax = _result(batch, "syntax_error").first_error
    assert (syntax.cell, syntax.ename) == (4, "SyntaxError")
    halfway = _result(batch, "exception_halfway").first_error
    assert (halfway.cell, halfway.line, halfway.ename) == (4, 2, "KeyError")
    assert halfway.source_line == "lookup['missing']"
    report = (batch["out"] / "feedback" / "exception_halfway.md").read_text(encoding="utf-8")
    assert "In cell 4, line 2: KeyError: 'missing'" in report


def test_time_limits(batch: dict) -> None:
    assert "Cell 4 was interrupted" in _result(batch, "endless_loop").problems[0]
    stubborn = " ".join(_result(batch, "stubborn_loop").problems)
    assert "kept running after the interrupt" in stubborn
    slow = _result(batch, "slow")
    assert any("not run" in p and "time limit (20 s)" in p for p in slow.problems)
    by_region = _feedback(batch, "slow", "99.2")
    assert "was not run: the notebook reached its time limit" in by_region.message


def test_kernel_death_memory_and_output_flood(batch: dict) -> None:
    assert "kernel died while running cell 4" in _result(batch, "kernel_dies").problems[0]
    memory = " ".join(_result(batch, "memory_hog").problems)
    assert "ran out of memory (the limit is 1 GB)" in memory
    assert "more than 1 MB of output" in " ".join(_result(batch, "output_flood").problems)


def test_cheating_changes_nothing_but_is_flagged(batch: dict) -> None:
    cheater = _result(batch, "cheater")
    assert cheater.points == 0
    assert {f.status for f in cheater.feedback} == {"incorrect"}
    assert "redefines check" in cheater.flags
    assert "replaces crmkit functions" in cheater.flags
    impostor = _result(batch, "impostor")
    assert all("cannot be graded" in f.message for f in impostor.feedback)
    assert "Sneaky" in _feedback(batch, "impostor", "99.1").message
    forger = " ".join(_result(batch, "forger").problems)
    assert "could not be read" in forger and "nonce" in forger
    protocol = " ".join(_result(batch, "breaks_protocol").problems)
    assert "After cell 4, the kernel no longer answered the grader properly" in protocol


def test_invalid_and_missing_submissions_are_explained(batch: dict) -> None:
    assert "broken JSON at line 1" in batch["rows"]["corrupted"]["problems"]
    assert "no notebook" in batch["rows"]["empty"]["problems"]
    assert "Several notebooks for chapter 99" in batch["rows"]["two_notebooks"]["problems"]


def test_without_sandbox_a_notebook_can_write_outside(batch: dict) -> None:
    """What the README says: only --sandbox stops this."""
    assert (batch["outside"] / "pwned.txt").exists()


def test_feedback_reports(batch: dict) -> None:
    files = sorted(p.name for p in (batch["out"] / "feedback").iterdir())
    assert files == sorted(f"{name}.md" for name in batch["rows"])
    good = (batch["out"] / "feedback" / "good.md").read_text(encoding="utf-8")
    assert "Score: **6 of 6 points**" in good
    assert "Exercise 99.2 (Revenue by region): Correct! +3 points" in good
    assert not list(batch["out"].rglob(".*.tmp"))


def test_gradescope_results(batch: dict) -> None:
    data = json.loads((batch["out"] / "gradescope" / "partial" / "results.json").read_text())
    assert data["score"] == POINTS["99.1"]
    assert [t["status"] for t in data["tests"]] == ["passed", "failed", "failed"]
    assert {"name", "score", "max_score", "output", "status"} <= set(data["tests"][0])
    assert sum(t["max_score"] for t in data["tests"]) == MAX_POINTS


def test_class_summary(batch: dict) -> None:
    with open(batch["out"] / "class_summary.csv", newline="", encoding="utf-8") as handle:
        rows = {row["exercise"]: row for row in csv.DictReader(handle)}
    assert set(rows) == {"99.1", "99.2", "99.3"}
    submitted = len(batch["rows"]) - 3  # corrupted, empty, two_notebooks
    assert int(rows["99.1"]["submitted"]) == submitted
    assert 0 < float(rows["99.1"]["pass_rate"]) < 1
    summary = (batch["out"] / "summary.md").read_text(encoding="utf-8")
    assert "![Score distribution](score_distribution.png)" in summary
    assert (batch["out"] / "score_distribution.png").read_bytes().startswith(b"\x89PNG")


def test_no_process_or_scratch_file_is_left_behind(batch: dict) -> None:
    assert processes_mentioning(str(batch["scratch"])) == []
    assert list(batch["scratch"].iterdir()) == []


# --------------------------------------------------------------------------- determinism


def test_rerun_gives_identical_files(tmp_path: Path, chapter99: None) -> None:
    submissions = tmp_path / "submissions"
    write_submission(submissions, "ana", GOOD)
    write_submission(
        submissions,
        "ben",
        [SETUP, "import os\nopen(os.path.join(os.getcwd(), 'missing.csv'))", ANSWER_TOTAL],
    )
    options = GradeOptions(jobs=2, limits=LIMITS, progress=False)
    grade(submissions, tmp_path / "out", options)
    first = {
        p.relative_to(tmp_path / "out"): p.read_bytes()
        for p in sorted((tmp_path / "out").rglob("*"))
        if p.is_file()
    }
    grade(submissions, tmp_path / "out", options)
    second = {
        p.relative_to(tmp_path / "out"): p.read_bytes()
        for p in sorted((tmp_path / "out").rglob("*"))
        if p.is_file()
    }
    assert first == second
    ben = (tmp_path / "out" / "feedback" / "ben.md").read_text(encoding="utf-8")
    assert "'missing.csv'" in ben and "crmkit-grade-" not in ben


def test_interrupted_run_keeps_the_old_gradebook_and_kills_workers(
    tmp_path: Path, chapter99: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    submissions = tmp_path / "submissions"
    write_submission(submissions, "fast", GOOD)
    write_submission(submissions, "slow", [SETUP, "import time\ntime.sleep(60)"])
    outdir = tmp_path / "out"
    outdir.mkdir()
    (outdir / "gradebook.csv").write_text("the previous gradebook\n", encoding="utf-8")

    def interrupt(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(pipeline, "score", interrupt)
    with pytest.raises(KeyboardInterrupt):
        grade(
            submissions,
            outdir,
            GradeOptions(jobs=2, limits=Limits(cell_timeout=120), progress=False),
        )
    assert (outdir / "gradebook.csv").read_text(encoding="utf-8") == "the previous gradebook\n"
    assert sorted(p.name for p in outdir.iterdir()) == ["gradebook.csv"]
    assert _eventually(lambda: processes_mentioning(str(scratch)) == [])


def _eventually(condition, seconds: float = 10) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return condition()


def test_a_worker_over_its_hard_limit_is_killed(tmp_path: Path, chapter99: None) -> None:
    notebook = write_submission(
        tmp_path / "subs", "sleepy", [SETUP, ANSWER_TOTAL, "import time\ntime.sleep(120)"]
    )
    jobdir = tmp_path / "job"
    jobdir.mkdir()
    limits = Limits(timeout=300, cell_timeout=300, kill_after=8)
    raw = run_submission(notebook, notebook.parent, jobdir, ["total"], limits)
    assert raw.killed and raw.outcome is None and raw.last_cell == 3
    assert _eventually(lambda: processes_mentioning(str(jobdir)) == [])
    cells = [dict(c) for c in nbformat.read(notebook, as_version=4).cells]
    result = score("sleepy", NOTEBOOK_NAME, cells, raw, fake_exercises(), limits)
    assert result.status == "timeout" and result.points == 0
    assert "was stopped (it was running cell 4)" in result.problems[0]


# --------------------------------------------------------------------------- sandbox


def _sandbox_works() -> str | None:
    try:
        make_sandbox([], [])
    except SandboxUnavailable as error:
        return str(error)
    return None


SANDBOX_PROBLEM = _sandbox_works() if shutil.which("bwrap") else "bwrap is not installed"


@pytest.mark.skipif(SANDBOX_PROBLEM is not None, reason=f"no sandbox: {SANDBOX_PROBLEM}")
def test_sandbox_blocks_writes_network_and_other_submissions(
    tmp_path: Path, chapter99: None
) -> None:
    submissions = tmp_path / "submissions"
    outside = tmp_path / "outside"
    outside.mkdir()
    good = write_submission(submissions, "good", GOOD)
    write_submission(
        submissions,
        "writes_outside",
        [SETUP, ANSWER_TOTAL, f"open({str(outside / 'pwned.txt')!r}, 'w').write('x')", *REST],
    )
    write_submission(
        submissions,
        "network",
        [
            SETUP,
            ANSWER_TOTAL,
            "import socket\nsocket.create_connection(('1.1.1.1', 80), timeout=5)",
            *REST,
        ],
    )
    write_submission(
        submissions, "peeks", [SETUP, ANSWER_TOTAL, f"open({str(good)!r}).read()", *REST]
    )
    library = Path(crmkit.__file__).parent / "pwned-by-test.txt"
    write_submission(
        submissions,
        "writes_library",
        [SETUP, ANSWER_TOTAL, f"open({str(library)!r}, 'w').write('x')", *REST],
    )
    before = folder_fingerprint(submissions)
    try:
        run = grade(
            submissions,
            tmp_path / "out",
            GradeOptions(jobs=2, limits=LIMITS, sandbox=True, progress=False),
        )
        assert not library.exists()
    finally:
        library.unlink(missing_ok=True)
    results = {r.student: r for r in run.results}
    assert run.sandboxed
    assert (results["good"].status, results["good"].points) == ("ok", MAX_POINTS)
    assert not (outside / "pwned.txt").exists()
    assert results["writes_outside"].first_error.ename in ("FileNotFoundError", "OSError")
    assert "[Errno 30] Read-only file system" in results["writes_library"].first_error.evalue
    assert results["network"].first_error.ename in ("OSError", "ConnectionError", "TimeoutError")
    assert results["peeks"].first_error.ename == "FileNotFoundError"
    for student in ("writes_outside", "writes_library", "network", "peeks"):
        assert (results[student].status, results[student].points) == ("error", MAX_POINTS)
    assert folder_fingerprint(submissions) == before


def test_sandbox_without_bwrap_fails_clearly(
    tmp_path: Path,
    chapter99: None,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    crmkit_command,
) -> None:
    write_submission(tmp_path / "submissions", "good", GOOD)
    monkeypatch.setattr(shutil, "which", lambda name, *args, **kwargs: None)
    status = crmkit_command(
        ["grade", str(tmp_path / "submissions"), "-o", str(tmp_path / "out"), "--sandbox"]
    )
    assert status == 2
    error = capsys.readouterr().err
    assert "--sandbox needs bubblewrap" in error and "apt-get install bubblewrap" in error
    assert not (tmp_path / "out").exists()


# --------------------------------------------------------------------------- command line


def test_command_line(
    tmp_path: Path, chapter99: None, capsys: pytest.CaptureFixture[str], crmkit_command
) -> None:
    notebook = write_submission(tmp_path / "submissions", "solo", GOOD)
    status = crmkit_command(
        [
            "grade",
            str(notebook),
            "-o",
            str(tmp_path / "out"),
            "--jobs",
            "1",
            "--timeout",
            "60",
            "--cell-timeout",
            "30",
        ]
    )
    captured = capsys.readouterr()
    assert status == 0, captured.err
    assert "Graded 1 submission(s) of chapter 99" in captured.out
    assert "[1/1] 99-fake-chapter: ok, 6 of 6 points" in captured.err
    assert _gradebook(tmp_path / "out")["99-fake-chapter"]["total"] == "6"


@pytest.mark.parametrize(
    ("layout", "arguments", "message"),
    [
        ("missing", [], "does not exist"),
        ("inside", [], "inside the submissions folder"),
        ("two_chapters", [], "several chapters (01, 99)"),
        ("no_chapter", [], "Cannot tell the chapter"),
        ("good", ["--chapter", "42"], "Chapter 42 has no exercises"),
    ],
)
def test_command_line_errors(
    tmp_path: Path,
    chapter99: None,
    capsys: pytest.CaptureFixture[str],
    layout: str,
    arguments: list[str],
    message: str,
    crmkit_command,
) -> None:
    submissions = tmp_path / "submissions"
    outdir = tmp_path / "out"
    if layout != "missing":
        write_submission(submissions, "a", GOOD)
    if layout == "inside":
        outdir = submissions / "grades"
    if layout == "two_chapters":
        write_submission(submissions, "b", GOOD, name="01-recognising-customers.ipynb")
    if layout == "no_chapter":
        (submissions / "a" / NOTEBOOK_NAME).rename(submissions / "a" / "homework.ipynb")
    status = crmkit_command(["grade", str(submissions), "-o", str(outdir), *arguments])
    assert status == 2
    assert message in capsys.readouterr().err
    assert not outdir.exists()


def test_grading_runs_on_this_machine_with_os_cores() -> None:
    """--jobs defaults to the number of cores."""
    assert GradeOptions().jobs == (os.cpu_count() or 1)
