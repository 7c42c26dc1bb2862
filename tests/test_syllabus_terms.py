"""Every Chinese key term of the syllabus appears, in the book's wording, in its chapter.

A term counts when the chapter's lesson (solutions/NN-*.ipynb, prose or code) or the
glossary (solutions/glossary.md) contains it exactly. Chapters not written yet are skipped
by name, so the test says which.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from tests.syllabus_terms import TERMS

ROOT = Path(__file__).resolve().parents[1]
GLOSSARY = ROOT / "solutions" / "glossary.md"


def lesson_text(chapter: str) -> str | None:
    """All cell sources of the chapter's solution notebook, or None when it does not exist."""
    found = sorted((ROOT / "solutions").glob(f"{chapter}-*.ipynb"))
    if not found:
        return None
    notebook = nbformat.read(found[0], as_version=4)
    return "\n".join(cell.source for cell in notebook.cells)


@pytest.mark.parametrize("chapter", sorted(TERMS))
def test_every_syllabus_term_is_taught(chapter: str) -> None:
    lesson = lesson_text(chapter)
    if lesson is None:
        pytest.skip(f"chapter {chapter} has no lesson in solutions/ yet")
    glossary = GLOSSARY.read_text(encoding="utf-8")
    missing = [term for term in TERMS[chapter] if term not in lesson and term not in glossary]
    assert not missing, (
        f"chapter {chapter}: the syllabus terms {missing} appear neither in the lesson nor in "
        "solutions/glossary.md; use the book's wording"
    )


def test_the_term_list_covers_the_taught_chapters() -> None:
    assert {f"{number:02d}" for number in range(1, 10)} <= set(TERMS)
    assert all(TERMS[chapter] for chapter in TERMS)
