"""Build the instructor guide from the course's sources, write it, or check it is current."""

from __future__ import annotations

from pathlib import Path

from crmkit._validate import require_path
from crmkit.exercises.registry import exercises_for_chapter
from crmkit.guide.chapter import read_chapter
from crmkit.guide.render import chapter_page, index_page

INDEX = "instructor-guide.md"
PAGES = "guide"
NOTES = "guide-notes"


def build_guide(solutions: str | Path, docs: str | Path) -> dict[str, str]:
    """The guide's files: path relative to ``docs`` -> Markdown text.

    One page per chapter notebook ``solutions/NN-*.ipynb`` (whatever chapters
    exist), merged with ``docs/guide-notes/NN.md`` when it exists.

    >>> from crmkit.paths import repository_root
    >>> files = build_guide(repository_root() / "solutions", repository_root() / "docs")
    >>> "instructor-guide.md" in files and "guide/01-recognising-customers.md" in files
    True
    """
    solutions = Path(require_path(solutions, "solutions"))
    docs = Path(require_path(docs, "docs"))
    notebooks = sorted(solutions.glob("[0-9][0-9]-*.ipynb"))
    if not notebooks:
        raise FileNotFoundError(f"No chapter notebooks (NN-name.ipynb) in {solutions}.")
    files: dict[str, str] = {}
    chapters = []
    for notebook in notebooks:
        chapter = read_chapter(notebook)
        exercises = exercises_for_chapter(chapter.code)
        notes_file = docs / NOTES / f"{chapter.code}.md"
        notes = notes_file.read_text(encoding="utf-8") if notes_file.is_file() else ""
        page = f"{chapter.name}.md"
        files[f"{PAGES}/{page}"] = chapter_page(chapter, exercises, notes)
        chapters.append((chapter, exercises, page))
    files[INDEX] = index_page(chapters)
    return files


def stale_files(solutions: str | Path, docs: str | Path) -> list[str]:
    """What differs between ``docs`` and the guide built now: one line per file ([] when current).

    >>> from crmkit.paths import repository_root
    >>> stale_files(repository_root() / "solutions", repository_root() / "docs")
    []
    """
    docs = Path(require_path(docs, "docs"))
    expected = build_guide(solutions, docs)
    problems = []
    for name, text in expected.items():
        path = docs / name
        if not path.is_file():
            problems.append(f"docs/{name} is missing")
        elif path.read_text(encoding="utf-8") != text:
            problems.append(f"docs/{name} is out of date")
    pages = docs / PAGES
    for path in sorted(pages.glob("*.md")) if pages.is_dir() else []:
        if f"{PAGES}/{path.name}" not in expected:
            problems.append(f"docs/{PAGES}/{path.name} is extra (no chapter notebook for it)")
    return problems


def write_guide(solutions: str | Path, docs: str | Path) -> list[str]:
    """Write the guide into ``docs``; returns the files written (those that changed).

    Pages of chapters that no longer exist are removed.
    """
    docs = Path(require_path(docs, "docs"))
    expected = build_guide(solutions, docs)
    written = []
    for name, text in expected.items():
        path = docs / name
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.parent.mkdir(parents=True, exist_ok=True)
            temporary = path.with_suffix(".md.tmp")
            temporary.write_text(text, encoding="utf-8")
            temporary.replace(path)
            written.append(f"docs/{name}")
    for path in sorted((docs / PAGES).glob("*.md")):
        if f"{PAGES}/{path.name}" not in expected:
            path.unlink()
            written.append(f"docs/{PAGES}/{path.name} (removed)")
    return written
