"""crmkit.exercises.render: deterministic text (stored outputs compare it) and escaped HTML."""

from __future__ import annotations

import textwrap

from crmkit.exercises import Exercise, Progress, check, hint, progress
from crmkit.exercises.feedback import Feedback

from tests.exercises.fake_chapter import ORDERS


def test_text_is_deterministic_and_html_is_escaped(fake_chapter: dict[str, Exercise]) -> None:
    answer = object()
    first, second = repr(check("98.2", answer)), repr(check("98.2", answer))
    assert first == second and "0x" not in first
    feedback = check("98.1", 6)
    page = feedback._repr_html_()
    assert "&lt;group&gt;" in page and "<group>" not in page
    assert "Not yet" in page and 'role="status"' in page
    assert str(feedback) == repr(feedback)


def test_feedback_text_lists_the_details() -> None:
    feedback = Feedback("1.2", "T", "error", 0, 3, "Broken.", ("one", "two"))
    assert (
        repr(feedback)
        == "Exercise 1.2 (T): could not check your answer.\nBroken.\n  - one\n  - two"
    )
    assert feedback._repr_html_().count("<li>") == 2


def test_wrong_answer_feedback_ends_with_one_next_step(fake_chapter: dict[str, Exercise]) -> None:
    feedback = check("98.1", 6)
    lines = repr(feedback).splitlines()
    assert lines[0] == "Exercise 98.1 (Orders per customer): Not yet (0 of 3 points)."
    assert (
        lines[-1]
        == 'Next step: re-read "Counting orders" in the lesson, or run hint("98.1") for a hint.'
    )
    assert "<em>Next step: re-read" in feedback._repr_html_()
    correct = check("98.1", ORDERS)
    assert "Next step" not in repr(correct) and "Next step" not in correct._repr_html_()
    assert "Next step" not in repr(check("98.1", ...))


def test_hint_html(fake_chapter: dict[str, Exercise]) -> None:
    assert "<strong>Hint 1 of 2" in hint("98.1")._repr_html_()
    none = hint("98.2")
    assert "<strong>" in none._repr_html_()


def test_progress_text_html_and_frame(fake_chapter: dict[str, Exercise]) -> None:
    check("98.1", ORDERS)
    report = progress(98)
    assert isinstance(report, Progress)
    assert repr(report) == textwrap.dedent("""\
        Progress in this session: 3 of 6 points, 1 of 3 exercises correct.
        Chapter 98: 3 of 6 points
          98.1  Orders per customer                       correct   3/3
          98.2  Share of repeat buyers                    not yet   0/1
          98.10 Broken data                               not yet   0/2""")
    page = report._repr_html_()
    assert page.count("<tr>") == 4 and "Orders per customer" in page
    assert "Chapter 97" in repr(progress()) and "Chapter 98" in repr(progress())


def test_long_titles_are_cut_and_empty_progress_says_so() -> None:
    assert repr(Progress(())) == "No exercises found."
    assert Progress((), note="None here.")._repr_html_() == "<p>None here.</p>"


def test_code_spans_become_code_in_html_and_stay_in_text() -> None:
    feedback = Feedback(
        "1.2", "T", "incorrect", 0, 3, "Replace the `...` with `a < b`.", ("Try `x`.",)
    )
    page = feedback._repr_html_()
    assert "<code>...</code>" in page and "<code>a &lt; b</code>" in page
    assert "<li>Try <code>x</code>.</li>" in page and "`" not in page
    assert "Replace the `...` with `a < b`." in repr(feedback)


def test_progress_table_left_aligns_text_columns(fake_chapter: dict[str, Exercise]) -> None:
    check("98.1", ORDERS)
    page = progress("98")._repr_html_()
    assert '<th style="text-align:left">Title</th>' in page
    assert '<th style="text-align:right">Points</th>' in page
    assert page.count('<td style="text-align:left">') == 4 * page.count("<tr>") - 4
