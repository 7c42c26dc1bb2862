"""Timing plans: a 90-minute class and self-study, from the chapter's own time estimate.

The notebook says how long it takes (reading and running, exercises); the
sections' length in words and the points of their exercises share that time out.
A class of 90 minutes opens with the goals (5 minutes) and closes with discussion
(10 minutes); the sections that do not fit become homework.
"""

from __future__ import annotations

from dataclasses import dataclass

from crmkit.guide.chapter import ChapterFacts

OPENING = "Opening"  # the section before the first heading: goals, time, how to run
CLASS_MINUTES = 90
OPENING_MINUTES = 5
CLOSING_MINUTES = 10
# In class the instructor presents the reading parts, which goes faster than reading alone.
PRESENTING_SPEED = 1.5


@dataclass(frozen=True)
class Slot:
    """One line of a timing plan: minutes, what, and the exercises done in it."""

    minutes: int
    what: str
    exercises: tuple[str, ...] = ()


def _round5(minutes: float) -> int:
    return max(5, int(5 * round(minutes / 5)))


def section_minutes(
    chapter: ChapterFacts, points: dict[str, int]
) -> list[tuple[str, float, float]]:
    """(section, reading minutes, exercise minutes) for self-study, adding up to the chapter's time.

    ``points`` maps exercise ids to their points (an exercise's share of the exercise time).
    """
    lesson = [s for s in chapter.sections if s.title != "Summary and discussion"]
    words = sum(s.words for s in lesson) or 1
    total_points = sum(points.get(e, 1) for s in lesson for e in s.exercises) or 1
    return [
        (
            section.title,
            chapter.reading_minutes * section.words / words,
            chapter.exercise_minutes
            * sum(points.get(e, 1) for e in section.exercises)
            / total_points,
        )
        for section in lesson
    ]


def self_study_plan(chapter: ChapterFacts, points: dict[str, int]) -> list[Slot]:
    """The chapter section by section at a learner's own pace (minutes rounded to 5)."""
    return [
        Slot(_round5(reading + exercising), title, _exercises_of(chapter, title))
        for title, reading, exercising in section_minutes(chapter, points)
    ]


def class_plan(chapter: ChapterFacts, points: dict[str, int]) -> tuple[list[Slot], list[Slot]]:
    """(in class, homework): a 90-minute class plan, and what is left for after class."""
    budget = CLASS_MINUTES - OPENING_MINUTES - CLOSING_MINUTES
    in_class = [Slot(OPENING_MINUTES, "Goals, the chapter's question, run the first cell")]
    homework: list[Slot] = []
    for title, reading, exercising in section_minutes(chapter, points):
        if title == OPENING:
            continue  # the opening slot above covers it
        minutes = _round5(reading / PRESENTING_SPEED + exercising)
        slot = Slot(minutes, title, _exercises_of(chapter, title))
        if minutes <= budget and not homework:
            in_class.append(slot)
            budget -= minutes
        else:
            homework.append(slot)
    in_class.append(Slot(CLOSING_MINUTES + budget, "Summary, discussion questions, progress()"))
    return in_class, homework


def _exercises_of(chapter: ChapterFacts, title: str) -> tuple[str, ...]:
    return tuple(next((s.exercises for s in chapter.sections if s.title == title), []))
