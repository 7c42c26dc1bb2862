"""What a chapter's solution notebook says about itself: title, goals, time, sections, questions.

Everything here is read from the notebook's source (never its outputs), so the
instructor guide changes exactly when the lesson does.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from crmkit._validate import require_path

_CHECK = re.compile(r'check\(\s*"(?P<id>\d+\.\d+)",\s*\w')
_WRITTEN = re.compile(r"<!--\s*BEGIN SOLUTION\s*-->(?P<answer>.*?)<!--\s*END SOLUTION\s*-->", re.S)
_HEADING = re.compile(r"^(?P<level>#{1,6})\s+(?P<text>.+?)\s*$")
# "about 80 minutes", "about 2 hours 25 minutes", "about 3 hours": the first one is the total.
_MINUTES = re.compile(r"about (?:(\d+) hours?(?: (\d+) minutes)?|(\d+) minutes)")
_READING = re.compile(r"(\d+) minutes (?:of|to) read")
_EXERCISING = re.compile(r"(\d+) minutes (?:of|for)(?: the \w+)? exercises")
# Level-2 headings that belong to the opening or the closing, not to a lesson section.
_NOT_SECTIONS = (
    "knowledge goals",
    "ability goals",
    "how to run",
    "key terms",
    "discussion questions",
)


@dataclass
class Section:
    """A numbered lesson section (``## 3. ...``) with its words and the exercises in it."""

    title: str
    words: int = 0
    code_cells: int = 0
    exercises: list[str] = field(default_factory=list)


@dataclass
class WrittenQuestion:
    """A written (ungraded) question and the model answer kept in the solution notebook."""

    heading: str
    answer: str


@dataclass
class ChapterFacts:
    """The facts of one chapter that the guide quotes (see :func:`read_chapter`)."""

    code: str
    name: str
    title: str
    knowledge_goals: list[str]
    ability_goals: list[str]
    time_text: str
    minutes: int
    reading_minutes: int
    exercise_minutes: int
    sections: list[Section]
    discussion: list[str]
    written: list[WrittenQuestion]


def _cells(path: Path) -> list[tuple[str, str]]:
    notebook = json.loads(path.read_text(encoding="utf-8"))
    return [(cell["cell_type"], "".join(cell["source"])) for cell in notebook["cells"]]


def _block(text: str, heading: str) -> list[str]:
    """The lines under the first heading that starts with ``heading``, up to the next heading."""
    lines, inside = [], False
    for line in text.splitlines():
        match = _HEADING.match(line)
        if match:
            if inside:
                break
            inside = match["text"].lower().startswith(heading.lower())
            continue
        if inside:
            lines.append(line)
    return lines


def _items(lines: list[str]) -> list[str]:
    """Bullet or numbered items, each joined onto one line."""
    items: list[str] = []
    open_item = False  # a blank line ends an item: what follows is a new paragraph
    for line in lines:
        stripped = line.strip()
        marker = re.match(r"^(?:[-*]|\d+\.)\s+(.*)$", stripped)
        if marker:
            items.append(marker[1])
            open_item = True
        elif stripped and open_item:
            items[-1] += " " + stripped
        else:
            open_item = False
    return items


def _total_minutes(time_text: str) -> int:
    """The first "about ..." duration of the text, in minutes (0 when there is none).

    >>> _total_minutes("about 2 hours 25 minutes, Part A about 65 minutes"), _total_minutes("about 3 hours")
    (145, 180)
    """
    match = _MINUTES.search(time_text)
    if not match:
        return 0
    hours, extra, minutes = (int(group) if group else 0 for group in match.groups())
    return hours * 60 + extra + minutes


def _minutes(time_text: str) -> tuple[int, int, int]:
    """(total, reading, exercises) minutes from the notebook's "**Time:**" paragraph."""
    total = _total_minutes(time_text)
    reading, exercising = (
        int(m[1]) if m else 0 for m in (p.search(time_text) for p in (_READING, _EXERCISING))
    )
    total = total or 90
    if not reading and not exercising:
        reading = total // 2
    if not exercising:
        exercising = max(total - reading, 0)
    if not reading:
        reading = max(total - exercising, 0)
    return total, reading, exercising


def _sections(cells: list[tuple[str, str]]) -> list[Section]:
    sections = [Section("Opening")]
    for kind, source in cells:
        if kind == "markdown":
            for line in source.splitlines():
                match = _HEADING.match(line)
                if not match or len(match["level"]) != 2:
                    continue
                heading = match["text"]
                if heading == "Summary":
                    sections.append(Section("Summary and discussion"))
                elif not heading.lower().startswith(_NOT_SECTIONS):
                    sections.append(Section(heading))
            sections[-1].words += len(_WRITTEN.sub("", source).split())
        else:
            sections[-1].code_cells += 1
            for match in _CHECK.finditer(source):
                if match["id"] not in sections[-1].exercises:
                    sections[-1].exercises.append(match["id"])
    return [s for s in sections if s.words or s.code_cells]


def _written(cells: list[tuple[str, str]]) -> list[WrittenQuestion]:
    found, heading = [], ""
    for kind, source in cells:
        if kind != "markdown":
            continue
        for line in source.splitlines():
            match = _HEADING.match(line)
            if match:
                heading = match["text"]
        for answer in _WRITTEN.finditer(source):
            found.append(WrittenQuestion(heading, answer["answer"].strip()))
    return found


def read_chapter(path: str | Path) -> ChapterFacts:
    """The facts of the chapter in the solution notebook ``path``.

    >>> from crmkit.paths import repository_root
    >>> facts = read_chapter(repository_root() / "solutions" / "01-recognising-customers.ipynb")
    >>> facts.code, facts.title, facts.minutes
    ('01', '01 Recognising customers (客户关系概论 / 客户的认识)', 145)
    """
    path = Path(require_path(path, "path"))
    if not path.is_file() or path.suffix != ".ipynb":
        raise FileNotFoundError(f"{path} is not a notebook file (NN-name.ipynb).")
    cells = _cells(path)
    opening = next((source for kind, source in cells if kind == "markdown"), "")
    markdown = "\n\n".join(source for kind, source in cells if kind == "markdown")
    title = next((m["text"] for m in map(_HEADING.match, opening.splitlines()) if m), path.stem)
    time_text = next(
        (p.strip() for p in opening.split("\n\n") if p.strip().startswith("**Time")), ""
    )
    total, reading, exercising = _minutes(time_text)
    return ChapterFacts(
        code=path.name[:2],
        name=path.stem,
        title=title,
        knowledge_goals=_items(_block(opening, "Knowledge goals")),
        ability_goals=_items(_block(opening, "Ability goals")),
        time_text=" ".join(time_text.replace("**Time:**", "").split()),
        minutes=total,
        reading_minutes=reading,
        exercise_minutes=exercising,
        sections=_sections(cells),
        discussion=_items(_block(markdown, "Discussion questions")),
        written=_written(cells),
    )
