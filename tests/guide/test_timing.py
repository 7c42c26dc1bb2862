"""crmkit.guide.timing: a 90-minute class plan and a self-study plan."""

from __future__ import annotations

from pathlib import Path

from crmkit.guide import read_chapter
from crmkit.guide.timing import CLASS_MINUTES, class_plan, section_minutes, self_study_plan


def test_section_minutes_share_out_the_chapter_time(course: Path) -> None:
    facts = read_chapter(course / "solutions" / "98-testing-the-guide.ipynb")
    shares = section_minutes(facts, {"98.1": 3, "98.2": 1})
    assert sum(reading for _, reading, _ in shares) == facts.reading_minutes
    exercise = {title: minutes for title, _, minutes in shares}
    assert exercise["1. The first idea"] == 30 and exercise["2. The second idea"] == 10
    assert sum(slot.minutes for slot in self_study_plan(facts, {})) >= 50


def test_class_plan_fits_ninety_minutes_and_sends_the_rest_home(solutions_dir: Path) -> None:
    for notebook in sorted(solutions_dir.glob("[0-9][0-9]-*.ipynb")):
        facts = read_chapter(notebook)
        in_class, homework = class_plan(facts, {})
        assert sum(slot.minutes for slot in in_class) == CLASS_MINUTES, notebook.name
        assert in_class[-1].what.startswith("Summary")
        if facts.minutes <= 60:
            assert not homework, notebook.name
        assert all(slot.minutes % 5 == 0 for slot in in_class + homework)
