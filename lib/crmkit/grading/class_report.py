"""The class report for instructors: what the class got wrong, and how the batch was graded.

:func:`common_mistakes` counts, per exercise, the diagnoses of the wrong answers
(a :class:`~crmkit.exercises.Feedback`'s ``diagnosis`` names the function that
recognised the mistake; its message says it in words), so the instructor sees what
to teach again. :class:`BatchNotes` records how the batch was graded (the twin's
seed, the sandbox) for the summary, with a loud warning when it ran unsandboxed.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from crmkit.grading.provenance import TYPED_IN

if TYPE_CHECKING:
    from crmkit.exercises import Exercise, Feedback
    from crmkit.grading.scoring import StudentResult

TOP_MISTAKES = 3
MAX_WORDS = 160
_FIRST_SENTENCE = re.compile(r"^(.+?[.!?])(?:\s|$)", re.S)


@dataclass
class BatchNotes:
    """How a batch was graded: twin seed (None: the course data) and sandbox problem ("" if none).

    >>> BatchNotes(twin_seed=7).lines()[0]
    'Graded on twin data (seed 7; reproduce with --twin-seed 7).'
    """

    twin_seed: int | None = None
    sandbox_warning: str = ""

    def lines(self) -> list[str]:
        """The notes as sentences, the sandbox warning first when there is one."""
        found = []
        if self.sandbox_warning:
            found.append(sandbox_warning(self.sandbox_warning))
        if self.twin_seed is None:
            found.append("Graded on the published course data (--no-twin): typed-in numbers pass.")
        else:
            found.append(
                f"Graded on twin data (seed {self.twin_seed}; reproduce with "
                f"--twin-seed {self.twin_seed})."
            )
        return found


def sandbox_warning(reason: str) -> str:
    """The loud warning for a batch graded without the sandbox.

    >>> sandbox_warning("--no-sandbox was given").startswith("WARNING: graded WITHOUT")
    True
    """
    return (
        f"WARNING: graded WITHOUT the sandbox ({reason.rstrip('.')}). The submitted code ran as "
        "your user: it could read and change your files, including the solutions, and copy "
        "answers from other submissions. See the README's instructor section."
    )


def mistake_label(feedback: Feedback) -> str:
    """A wrong answer's mistake in words: the first sentence of its message, shortened.

    >>> from crmkit.exercises import Feedback
    >>> mistake_label(Feedback("1.2", "T", "incorrect", 0, 2, "Sorted the wrong way. Tip: x."))
    'Sorted the wrong way.'
    """
    text = " ".join(str(feedback.message).split())
    match = _FIRST_SENTENCE.match(text)
    label = match.group(1) if match else text
    return label if len(label) <= MAX_WORDS else label[: MAX_WORDS - 3] + "..."


def common_mistakes(
    exercises: Sequence[Exercise], results: Sequence[StudentResult], top: int = TOP_MISTAKES
) -> dict[str, list[tuple[str, int]]]:
    """Per exercise id, the ``top`` most common mistakes of wrong answers: (words, students).

    Answers with a diagnosis are grouped by the diagnosis (worded as its first
    message); the others by their message. Ties keep the order first seen.
    """
    found: dict[str, list[tuple[str, int]]] = {}
    for exercise in exercises:
        counts: Counter[str] = Counter()
        words: dict[str, str] = {}
        for result in results:
            for feedback in result.feedback:
                if feedback.exercise_id != exercise.id or feedback.status != "incorrect":
                    continue
                key = feedback.diagnosis or mistake_label(feedback)
                words.setdefault(key, mistake_label(feedback))
                counts[key] += 1
        found[exercise.id] = [(words[key], n) for key, n in counts.most_common(top)]
    return found


def typed_in_counts(
    exercises: Sequence[Exercise], results: Sequence[StudentResult]
) -> dict[str, int]:
    """Per exercise id, how many answers matched the published data only (typed in?)."""
    return {
        exercise.id: sum(
            f.exercise_id == exercise.id and f.diagnosis == TYPED_IN
            for r in results
            for f in r.feedback
        )
        for exercise in exercises
    }


def mistakes_markdown(exercises: Sequence[Exercise], results: Sequence[StudentResult]) -> list[str]:
    """The summary's section "What the class got wrong" (empty when nobody was wrong)."""
    mistakes = common_mistakes(exercises, results)
    typed = typed_in_counts(exercises, results)
    lines = []
    for exercise in exercises:
        if not mistakes[exercise.id]:
            continue
        lines.append(f"- **{exercise.id} {exercise.title}**")
        lines += [f"  - {n} student(s): {label}" for label, n in mistakes[exercise.id]]
    if not lines:
        return []
    header = ["## What the class got wrong", "", "The most common mistakes per exercise:", ""]
    total = sum(typed.values())
    footer = (
        [
            "",
            f"Answers that match the published data but not the grading data (typed in?): {total}.",
        ]
        if total
        else []
    )
    return header + lines + footer + [""]


def mistakes_terminal(
    exercises: Sequence[Exercise], results: Sequence[StudentResult], width: int = 110
) -> list[str]:
    """A few lines for the terminal: each exercise's most common mistake."""
    lines = []
    for exercise_id, found in common_mistakes(exercises, results, top=1).items():
        if found:
            label, n = found[0]
            lines.append(f"  {exercise_id:<6} {n} x {label}"[:width])
    return ["Most common mistake per exercise:", *lines] if lines else []
