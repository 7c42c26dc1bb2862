"""The second half of the course's chapters, graded as a class would hand them in."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.grading.course_chapters import chapters, grade_course_chapter


@pytest.mark.parametrize("name", chapters()[len(chapters()) // 2 :])
def test_course_chapter(name: str, tmp_path: Path) -> None:
    grade_course_chapter(name, tmp_path)
