"""Turn a worker's report into a student's result: status, problems, and checked answers.

The answers are checked here, in the grading process, with
:func:`crmkit.exercises.evaluate`: whatever the notebook did to ``check`` or to
crmkit inside its own kernel has no effect on the score. A missing, unreadable
or unsupported answer variable scores 0 with a diagnosis that says why.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from crmkit.exercises import Exercise, Feedback, evaluate
from crmkit.grading.answers import AnswerFormatError, Missing, Unsupported, decode
from crmkit.grading.provenance import outcome_flags, recheck
from crmkit.grading.runner import Limits, RawRun
from crmkit.grading.submissions import INVALID, NO_SUBMISSION

OK = "ok"
ERROR = "error"
NOT_ATTEMPTED = "not attempted"
OUTPUT_FLOOD = "output flood"
MEMORY = "memory limit"
TIMEOUT = "timeout"
CRASHED = "crashed"
GRADER_ERROR = "grader error"
STATUSES = (
    NO_SUBMISSION,
    INVALID,
    GRADER_ERROR,
    CRASHED,
    TIMEOUT,
    MEMORY,
    OUTPUT_FLOOD,
    NOT_ATTEMPTED,
    ERROR,
    OK,
)
"""Every status, the most serious first: a student's status is their most serious problem."""

CELL_NUMBERS = "Cell numbers count every cell from the top of the notebook, text cells included."
_HEX_ADDRESS = re.compile(r"0x[0-9a-fA-F]{6,}")
_LONG_HEX = re.compile(r"[0-9a-fA-F]{24,}")
_FLAGS = (
    (re.compile(r"^\s*def\s+check\s*\(|^\s*check\s*=(?!=)", re.M), "redefines check"),
    (
        re.compile(
            r"^\s*[\w.]+\.(?:check|evaluate|Feedback|Exercise|get_exercise|expected\w*|"
            r"compare|_\w+)\s*=(?!=)|\bsetattr\s*\(|\bmonkeypatch\b",
            re.M,
        ),
        "replaces crmkit functions",
    ),
    (
        re.compile(
            r"\.expected(?:_answer)?\b|\bget_exercise\b|\bevaluate\s*\(|\b_expected_\w+|"
            r"\bexercises\.ch\d\d\b|\bexercises\s+import\s+ch\d\d\b"
        ),
        "uses crmkit's expected answers",
    ),
)


@dataclass
class FirstError:
    """Where the first error of a notebook happened (cell counted from 1, like the feedback)."""

    cell: int
    line: int | None
    ename: str
    evalue: str
    source_line: str = ""

    def describe(self) -> str:
        """``cell 5, line 2: ZeroDivisionError: division by zero``."""
        where = f"cell {self.cell}" + (f", line {self.line}" if self.line else "")
        return f"{where}: {self.ename}: {self.evalue}".rstrip(": ")


@dataclass
class StudentResult:
    """One row of the gradebook, and everything the reports say about one student."""

    student: str
    notebook: str
    status: str
    problems: list[str] = field(default_factory=list)
    first_error: FirstError | None = None
    feedback: list[Feedback] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    seconds: float = 0.0
    memo: str | None = None  # written work graded by rubric (see crmkit.grading.rubric), if any

    @property
    def points(self) -> float:
        return sum(f.points for f in self.feedback)

    @property
    def max_points(self) -> float:
        return sum(f.max_points for f in self.feedback)


def clean(text: str, scratch: str = "") -> str:
    """Remove what would differ from run to run: scratch paths, addresses, random ids.

    >>> clean("cannot open /tmp/x1/submission/data.csv at 0x7f3a2b1c", "/tmp/x1/submission")
    'cannot open data.csv at 0x…'
    >>> clean("Duplicate Signature: b'46a0c28f50701d8e61901fd355095993e95e06b4'")
    "Duplicate Signature: b'…'"
    """
    if scratch:
        text = text.replace(scratch.rstrip("/") + "/", "").replace(scratch, ".")
    return _LONG_HEX.sub("…", _HEX_ADDRESS.sub("0x…", text))


def unanswered(
    student: str, notebook: str, status: str, problem: str, exercises: Sequence[Exercise]
) -> StudentResult:
    """The row of a student whose notebook could not be run at all."""
    feedback = [_zero(ex, "error", f"Not graded: {problem}") for ex in exercises]
    return StudentResult(student, notebook, status, [problem], feedback=feedback)


def score(
    student: str,
    notebook: str,
    cells: list[dict[str, Any]],
    raw: RawRun,
    exercises: Sequence[Exercise],
    limits: Limits,
    published: dict[str, Any] | None = None,
) -> StudentResult:
    """The full result of one executed submission.

    ``published``: the expected answers on the published course data when the
    answers are checked on twin data (an answer right only there is reported as
    typed in, see :mod:`crmkit.grading.provenance`); None when grading on the course data.
    """
    scratch = str(raw.scratch) + "/submission" if raw.scratch else ""
    outcome = raw.outcome or {}
    found = _problems(raw, outcome, limits, scratch)
    status = min((s for s, _ in found), key=STATUSES.index, default=OK)
    first = _first_error(outcome, cells, scratch)
    answers = outcome.get("answers")
    reason = _unread_reason(raw, outcome, scratch)
    context = _CellContext(cells, outcome, first)
    feedback = [_check(ex, answers, reason, context, published) for ex in exercises]
    if status in (OK, ERROR) and all(f.status == "not_attempted" for f in feedback):
        status = NOT_ATTEMPTED
        found.append((NOT_ATTEMPTED, "No exercise was attempted: every answer is still `...`."))
    return StudentResult(
        student,
        notebook,
        status,
        [text for _, text in found],
        first,
        feedback,
        flags(cells) + outcome_flags(outcome, feedback),
        raw.seconds,
    )


def flags(cells: list[dict[str, Any]]) -> list[str]:
    """Things in the code an instructor may want to look at (they never change the score).

    >>> flags([{"cell_type": "code", "source": "def check(*a):\\n    return 'Correct!'"}])
    ['redefines check']
    """
    code = "\n".join(c["source"] for c in cells if c.get("cell_type") == "code")
    return [label for pattern, label in _FLAGS if pattern.search(code)]


def _problems(
    raw: RawRun, outcome: dict[str, Any], limits: Limits, scratch: str
) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    if raw.failure:
        found.append(
            (
                GRADER_ERROR,
                "The grader failed on this notebook (a problem of crmkit "
                "grade, not of the notebook): " + _last_line(raw.failure),
            )
        )
    for problem in outcome.get("grader_problems") or []:
        found.append(
            (GRADER_ERROR, f"The grader failed on this notebook: {clean(str(problem), scratch)}.")
        )
    for broken in outcome.get("broken") or []:
        found.append(
            (
                CRASHED,
                f"After cell {broken['cell'] + 1}, the kernel no longer answered "
                f"the grader properly ({clean(str(broken['error']), scratch)}); "
                f"the notebook was run again without that cell. (A notebook that "
                f"replaces parts of Python the kernel uses, like json, does this.)",
            )
        )
    if raw.killed:
        running = "" if raw.last_cell is None else f" (it was running cell {raw.last_cell + 1})"
        found.append(
            (
                TIMEOUT,
                f"The notebook did not finish within its time limit of "
                f"{_seconds(limits.timeout)} and was stopped{running}.",
            )
        )
    if not outcome:
        return found
    if outcome.get("startup_problem"):
        found.append((CRASHED, clean(str(outcome["startup_problem"]), scratch)))
    found += _crash_and_time_problems(outcome, limits)
    found += _error_problems(outcome, limits)
    if outcome.get("answers_problem"):
        found.append(
            (
                ERROR,
                "The answers could not be read out of the notebook: "
                + clean(str(outcome["answers_problem"]), scratch)
                + ".",
            )
        )
    return found


def _last_line(text: str) -> str:
    """The last non-empty line of a traceback: the exception.

    >>> _last_line("Traceback...\\n  File x\\nKeyError: 'a'\\n")
    "KeyError: 'a'"
    """
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    return lines[-1][:300] if lines else "unknown error"


def _crash_and_time_problems(outcome: dict[str, Any], limits: Limits) -> list[tuple[str, str]]:
    found = []
    for cell in outcome.get("crashes", []):
        found.append(
            (
                CRASHED,
                f"The kernel died while running cell {cell + 1} (a crash, "
                f"os._exit, or exit()); the notebook was run again without it.",
            )
        )
    for cell in outcome.get("stuck", []):
        found.append(
            (
                TIMEOUT,
                f"Cell {cell + 1} kept running after the interrupt at its time "
                f"limit; the notebook was run again without it.",
            )
        )
    for timeout in outcome.get("timeouts", []):
        if timeout["cell"] in outcome.get("stuck", []):
            continue
        limit = (
            f"the notebook's time limit ({_seconds(limits.timeout)})"
            if timeout.get("limit") == "notebook"
            else f"the time limit per cell ({_seconds(limits.cell_timeout)})"
        )
        found.append((TIMEOUT, f"Cell {timeout['cell'] + 1} was interrupted: it reached {limit}."))
    not_run = outcome.get("not_run", [])
    if not_run:
        found.append(
            (
                TIMEOUT,
                f"{len(not_run)} code cell(s) from cell {not_run[0] + 1} on were "
                f"not run: the notebook reached its time limit "
                f"({_seconds(limits.timeout)}).",
            )
        )
    return found


def _error_problems(outcome: dict[str, Any], limits: Limits) -> list[tuple[str, str]]:
    found = []
    errors = outcome.get("errors", [])
    memory = [e for e in errors if "MemoryError" in str(e.get("ename", ""))]
    if memory:
        found.append(
            (
                MEMORY,
                f"Cell {memory[0]['cell'] + 1} ran out of memory (the limit is "
                f"{_size(limits.memory)}).",
            )
        )
    if outcome.get("flooded"):
        found.append(
            (
                OUTPUT_FLOOD,
                f"The notebook printed more than {_size(limits.max_output)} "
                f"of output; the rest was dropped.",
            )
        )
    if errors:
        first = errors[0]
        found.append(
            (
                ERROR,
                f"{len(errors)} cell(s) raised an error, the first in cell "
                f"{first['cell'] + 1} ({first.get('ename', 'Error')}).",
            )
        )
    return found


def _first_error(
    outcome: dict[str, Any], cells: list[dict[str, Any]], scratch: str
) -> FirstError | None:
    errors = outcome.get("errors") or []
    if not errors:
        return None
    error = errors[0]
    index = int(error["cell"])
    line = error.get("line")
    source_line = ""
    if line and 0 <= index < len(cells):
        lines = str(cells[index].get("source", "")).splitlines()
        if 0 < line <= len(lines):
            source_line = lines[line - 1].strip()[:160]
    return FirstError(
        index + 1,
        line,
        str(error.get("ename", "Error")),
        clean(str(error.get("evalue", "")), scratch)[:500],
        source_line,
    )


def _unread_reason(raw: RawRun, outcome: dict[str, Any], scratch: str) -> str:
    if outcome.get("answers") is not None:
        return ""
    if raw.killed:
        return "the notebook was stopped at its time limit, before its answers could be read"
    if outcome.get("startup_problem"):
        return "the notebook's kernel did not start"
    if outcome.get("answers_problem"):
        return clean(str(outcome["answers_problem"]), scratch)
    if outcome.get("crashes") or outcome.get("stuck") or outcome.get("broken"):
        return "the kernel kept dying or hanging, so its answers could not be read"
    return "the grader failed while running the notebook"


@dataclass
class _CellContext:
    """What the notebook's cells did, to explain a missing variable."""

    cells: list[dict[str, Any]]
    outcome: dict[str, Any]
    first: FirstError | None

    def explain_missing(self, variable: str) -> str:
        pattern = re.compile(rf"^[ \t]*{re.escape(variable)}\s*(?::[^=\n]*)?=(?!=)", re.M)
        setters = [
            i
            for i, cell in enumerate(self.cells)
            if cell.get("cell_type") == "code" and pattern.search(cell.get("source", ""))
        ]
        if not setters:
            return (
                f"No cell of the notebook assigns `{variable}`: keep the variable name "
                f"the exercise gives (check its spelling) and run the notebook again."
            )
        return f"The cell that sets it (cell {setters[-1] + 1}) {self._fate(setters[-1])}."

    def _fate(self, index: int) -> str:
        outcome = self.outcome
        for error in outcome.get("errors", []):
            if error["cell"] == index:
                return f"raised {error.get('ename', 'an error')}: {error.get('evalue', '')}"[:300]
        if index in outcome.get("crashes", []):
            return "made the kernel die, so it was skipped"
        if any(b["cell"] == index for b in outcome.get("broken", [])):
            return "broke the kernel's connection with the grader, so it was skipped"
        if index in outcome.get("stuck", []):
            return "ran past its time limit, so it was skipped"
        if index in outcome.get("not_run", []):
            return "was not run: the notebook reached its time limit"
        if any(t["cell"] == index for t in outcome.get("timeouts", [])):
            return "was interrupted at its time limit before it set the variable"
        return "ran, but the variable was not defined afterwards (was it deleted?)"


def _check(
    exercise: Exercise,
    answers: dict[str, Any] | None,
    reason: str,
    context: _CellContext,
    published: dict[str, Any] | None = None,
) -> Feedback:
    variable = exercise.variable
    if answers is None:
        return _zero(exercise, "error", f"The grader could not read `{variable}`: {reason}.")
    try:
        value = decode(answers.get(variable, {"type": "missing"}))
    except AnswerFormatError as problem:
        return _zero(exercise, "error", f"The grader could not read `{variable}` ({problem}).")
    if isinstance(value, Missing):
        return _zero(
            exercise,
            "error",
            f"The notebook does not define `{variable}`. " + context.explain_missing(variable),
        )
    if isinstance(value, Unsupported):
        return _zero(
            exercise,
            "error",
            (
                f"`{variable}` holds a {value.what}, which cannot be graded: answers are numbers, "
                f"text, True/False, lists, tuples, sets, dicts, or pandas Series, DataFrames and "
                f"Index objects. Set `{variable}` to the kind of value the exercise asks for."
            ),
        )
    return recheck(exercise, value, _evaluate(exercise, value), published)


def _evaluate(exercise: Exercise, value: Any) -> Feedback:
    try:
        return evaluate(exercise.id, value)
    except Exception as error:  # evaluate never raises, by contract; a score must still come
        return _zero(
            exercise,
            "error",
            f"The checker failed ({type(error).__name__}); tell the course authors.",
        )


def _zero(exercise: Exercise, status: str, message: str) -> Feedback:
    return Feedback(exercise.id, exercise.title, status, 0, exercise.points, message)


def _seconds(value: float) -> str:
    return f"{value:g} s"


def _size(value: int) -> str:
    """``1 GB``, ``5 MB``, ``512 KB`` (binary units, as the limits are given)."""
    for unit, factor in (("GB", 1024**3), ("MB", 1024**2), ("KB", 1024)):
        if value >= factor:
            return f"{value / factor:g} {unit}"
    return f"{value} bytes"
