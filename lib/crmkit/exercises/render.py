"""How feedback, hints and progress look: deterministic text, and HTML boxes for Jupyter.

The text form is what stored notebook outputs hold (nbval compares it byte for
byte), so it never contains memory addresses, times or anything else that
changes between runs. The HTML form escapes everything the student wrote and
is readable without colour (an icon and a heading say the status).
"""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from crmkit.exercises.feedback import Feedback, Hint, Progress, ProgressRow

_STYLE = {  # status: (icon, border colour, background), readable without colour too
    "correct": ("\u2714", "#1b5e20", "#e8f5e9"),
    "incorrect": ("\u2718", "#bf360c", "#fff3e0"),
    "not_attempted": ("\u2026", "#37474f", "#eceff1"),
    "error": ("\u26a0", "#b71c1c", "#ffebee"),
}
_BOX = (
    "border-left:6px solid {border};background:{background};color:#1a1a1a;"
    "padding:8px 12px;margin:4px 0;border-radius:4px;font-family:sans-serif;line-height:1.4"
)
_STATUS_ICONS = {"correct": "\u2714", "tried": "\u2718", "not yet": "\u00b7"}
_HTML_HEADER = ("Chapter", "Exercise", "Title", "Status", "Points", "Checks")
# Text columns read left-aligned (JupyterLab right-aligns table cells); numbers stay right.
_LEFT_COLUMNS = 4
_CELL_ALIGN = ("left",) * _LEFT_COLUMNS + ("right",) * (len(_HTML_HEADER) - _LEFT_COLUMNS)
# `code` in a message, as written in the exercise definitions (Markdown style).
_CODE_SPAN = re.compile(r"`([^`\n]+)`")


def text_html(text: str) -> str:
    """``text`` as HTML: escaped, with Markdown-style `code` spans set in <code>.

    The text form of feedback keeps the backticks (it is Markdown-friendly, as in
    the grader's feedback reports); in Jupyter they become code.

    >>> text_html("replace the `...` with <your> code")
    'replace the <code>...</code> with &lt;your&gt; code'
    """
    return _CODE_SPAN.sub(r"<code>\1</code>", html.escape(text))


def points_text(count: int) -> str:
    """'1 point', '3 points'.

    >>> points_text(1), points_text(3)
    ('1 point', '3 points')
    """
    return f"{count} point" if count == 1 else f"{count} points"


# --------------------------------------------------------------------------- feedback


def _status_line(feedback: Feedback) -> str:
    if feedback.status == "incorrect":
        return f"Not yet (0 of {points_text(feedback.max_points)})."
    if feedback.status == "error":
        return "could not check your answer."
    return feedback.message  # correct and not attempted: the message says it all


def _body(feedback: Feedback) -> list[str]:
    return [] if feedback.status in ("correct", "not_attempted") else [feedback.message]


def feedback_text(feedback: Feedback) -> str:
    """The text of a check's feedback: heading and status, the message, then the details.

    >>> from crmkit.exercises.feedback import Feedback
    >>> print(feedback_text(Feedback("1.2", "States", "incorrect", 0, 3, "Too few.", ("Extra.",))))
    Exercise 1.2 (States): Not yet (0 of 3 points).
    Too few.
      - Extra.
    """
    lines = [f"{feedback.heading}: {_status_line(feedback)}", *_body(feedback)]
    lines += [f"  - {detail}" for detail in feedback.details]
    lines.append(_next_step(feedback))
    return "\n".join(line for line in lines if line)


def _next_step(feedback: Feedback) -> str:
    return feedback.next_step if feedback.status == "incorrect" else ""


def feedback_html(feedback: Feedback) -> str:
    """The feedback as an HTML box (escaped), coloured by status.

    >>> from crmkit.exercises.feedback import Feedback
    >>> "&lt;b&gt;" in feedback_html(Feedback("1.2", "T", "incorrect", 0, 3, "<b>"))
    True
    """
    icon, border, background = _STYLE.get(feedback.status, _STYLE["error"])
    body = "".join(f"<div>{text_html(text)}</div>" for text in _body(feedback) if text)
    details = "".join(f"<li>{text_html(detail)}</li>" for detail in feedback.details)
    details = f'<ul style="margin:4px 0 0 0;padding-left:20px">{details}</ul>' if details else ""
    step = _next_step(feedback)
    step = f'<div style="margin-top:4px"><em>{text_html(step)}</em></div>' if step else ""
    # The status is said in words (and an icon) as well as colour: readable without colour.
    return (
        f'<div role="status" style="{_BOX.format(border=border, background=background)}">'
        f'<span aria-hidden="true">{icon}</span> <strong>{html.escape(feedback.heading)}</strong>: '
        f"{text_html(_status_line(feedback))}{body}{details}{step}</div>"
    )


# --------------------------------------------------------------------------- hints


def hint_html(hint: Hint) -> str:
    """A hint as an HTML box: blue for a hint, grey when there are no more.

    >>> from crmkit.exercises.feedback import Hint
    >>> "<strong>Hint 1 of 2" in hint_html(Hint("1.2", "", 1, 2, "Group by customer."))
    True
    """
    border, background = ("#0d47a1", "#e3f2fd") if hint.number else ("#37474f", "#eceff1")
    paragraphs = "".join(f"<div>{text_html(line)}</div>" for line in hint.text.splitlines())
    return (
        f'<div style="{_BOX.format(border=border, background=background)}">'
        f'<span aria-hidden="true">\U0001f4a1</span> <strong>{html.escape(hint.heading)}'
        f"</strong>{paragraphs}</div>"
    )


# --------------------------------------------------------------------------- progress


def _summary(progress: Progress) -> str:
    correct = sum(row.status == "correct" for row in progress.rows)
    exercises = "exercise" if len(progress.rows) == 1 else "exercises"
    return (
        f"Progress in this session: {progress.points} of {points_text(progress.max_points)}, "
        f"{correct} of {len(progress.rows)} {exercises} correct."
    )


def progress_text(progress: Progress) -> str:
    """The progress as text: a summary, then one line per exercise, grouped by chapter.

    >>> from crmkit.exercises.feedback import Progress
    >>> progress_text(Progress((), note="No exercises in chapter 42."))
    'No exercises in chapter 42.'
    """
    if not progress.rows:
        return progress.note or "No exercises found."
    lines = [_summary(progress)] + ([progress.note] if progress.note else [])
    for chapter, rows in progress.chapters().items():
        got, total = sum(r.points for r in rows), sum(r.max_points for r in rows)
        lines.append(f"Chapter {chapter}: {got} of {points_text(total)}")
        lines += [_text_row(row, progress.TITLE_WIDTH) for row in rows]
    return "\n".join(lines)


def _text_row(row: ProgressRow, width: int) -> str:
    title = row.title if len(row.title) <= width else row.title[: width - 3] + "..."
    return f"  {row.exercise:<5} {title:<{width}}  {row.status:<8}  {row.points}/{row.max_points}"


def progress_html(progress: Progress) -> str:
    """The progress as an HTML table, one row per exercise.

    >>> from crmkit.exercises.feedback import Progress, ProgressRow
    >>> progress_html(Progress((ProgressRow("1.1", "01", "T", "correct", 2, 2, 1),))).count("<tr>")
    2
    """
    if not progress.rows:
        return f"<p>{html.escape(progress_text(progress))}</p>"
    header = "".join(
        f'<th style="text-align:{align}">{name}</th>'
        for name, align in zip(_HTML_HEADER, _CELL_ALIGN, strict=True)
    )
    body = "".join(_html_row(row) for row in progress.rows)
    note = f"<p>{html.escape(progress.note)}</p>" if progress.note else ""
    return (
        f"<div><p><strong>{html.escape(_summary(progress))}</strong></p>{note}"
        f"<table><thead><tr>{header}</tr></thead><tbody>{body}</tbody></table></div>"
    )


def _html_row(row: ProgressRow) -> str:
    status = f"{_STATUS_ICONS.get(row.status, '')} {row.status}"
    values = (
        row.chapter,
        row.exercise,
        row.title,
        status,
        f"{row.points}/{row.max_points}",
        row.checks,
    )
    cells = (
        f'<td style="text-align:{align}">{html.escape(str(value))}</td>'
        for value, align in zip(values, _CELL_ALIGN, strict=True)
    )
    return "<tr>" + "".join(cells) + "</tr>"
