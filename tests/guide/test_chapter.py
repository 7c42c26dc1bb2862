"""crmkit.guide.chapter: what a solution notebook says about itself."""

from __future__ import annotations

from pathlib import Path

import pytest
from crmkit.guide import read_chapter

from tests.bad_input_support import expect_clear_error


def test_reads_goals_time_sections_and_questions(course: Path) -> None:
    facts = read_chapter(course / "solutions" / "98-testing-the-guide.ipynb")
    assert (facts.code, facts.name, facts.title) == (
        "98",
        "98-testing-the-guide",
        "98 Testing the guide",
    )
    assert facts.knowledge_goals == ["Know one thing, written on two lines.", "Know another."]
    assert facts.ability_goals == ["Do one thing."]
    assert (facts.minutes, facts.reading_minutes, facts.exercise_minutes) == (60, 20, 40)
    titles = [section.title for section in facts.sections]
    assert titles == [
        "Opening",
        "1. The first idea",
        "2. The second idea",
        "Summary and discussion",
    ]
    assert facts.sections[1].exercises == ["98.1"]  # the demonstration with ... is not counted
    assert facts.sections[2].exercises == ["98.2"]
    assert facts.discussion == ["First question, continued.", "Second?"]
    assert [(w.heading, w.answer) for w in facts.written] == [("Think about it", "Because.")]


def test_every_course_chapter_has_goals_time_and_questions(solutions_dir: Path) -> None:
    for notebook in sorted(solutions_dir.glob("[0-9][0-9]-*.ipynb")):
        facts = read_chapter(notebook)
        assert facts.knowledge_goals and facts.ability_goals, notebook.name
        assert facts.time_text and facts.minutes >= 30, notebook.name
        assert facts.discussion, notebook.name


@pytest.mark.parametrize("bad", [3, "", None])
def test_bad_path_is_a_clear_error(bad: object) -> None:
    expect_clear_error(lambda: read_chapter(bad), "path", what=f"read_chapter({bad!r})")


def test_not_a_notebook(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="not a notebook"):
        read_chapter(tmp_path / "98-missing.ipynb")
