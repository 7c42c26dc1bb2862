"""The course glossary holds every key term that a chapter's closing table lists."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
GLOSSARY = ROOT / "solutions" / "glossary.md"
CHAPTERS = sorted((ROOT / "solutions").glob("[0-9][0-9]-*.ipynb"))


def table_rows(markdown: str) -> list[list[str]]:
    """The body rows of the markdown tables in ``markdown``, as lists of cell texts."""
    rows = []
    for line in markdown.splitlines():
        line = line.strip()
        if not line.startswith("|") or re.fullmatch(r"\|[\s:|-]+\|", line):
            continue
        rows.append([cell.strip() for cell in line.strip("|").split("|")])
    return rows


def glossary_pairs() -> set[tuple[str, str]]:
    rows = table_rows(GLOSSARY.read_text(encoding="utf-8"))
    return {(row[0].lower(), row[1]) for row in rows[1:] if len(row) >= 2}


def key_terms(notebook: Path) -> list[tuple[str, str]]:
    """(English, Chinese) pairs from the chapter's "## Key terms" table."""
    nb = nbformat.read(notebook, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "markdown" and "## Key terms" in cell.source:
            section = cell.source.split("## Key terms", 1)[1].split("\n## ", 1)[0]
            rows = table_rows(section)[1:]
            return [(row[0].lower(), row[1]) for row in rows if len(row) >= 2]
    raise AssertionError(f"{notebook.name} has no '## Key terms' section")


def test_glossary_rows_are_well_formed() -> None:
    rows = table_rows(GLOSSARY.read_text(encoding="utf-8"))
    assert rows[0][:3] == ["English", "中文", "Chapter"]
    for row in rows[1:]:
        assert len(row) == 4 and all(row), f"glossary row needs 4 filled cells: {row}"
        assert re.search(r"[\u4e00-\u9fff]", row[1]), f"no Chinese term in {row}"
        assert re.fullmatch(r"\d\d", row[2]), f"chapter must be two digits: {row}"
    english = [row[0].lower() for row in rows[1:]]
    assert len(english) == len(set(english)), "a term appears twice in the glossary"


@pytest.mark.parametrize("notebook", CHAPTERS, ids=lambda path: path.stem)
def test_every_key_term_is_in_the_glossary(notebook: Path) -> None:
    terms = key_terms(notebook)
    assert terms, f"{notebook.name}: the Key terms table is empty"
    missing = [pair for pair in terms if pair not in glossary_pairs()]
    assert not missing, f"{notebook.name}: add these key terms to solutions/glossary.md: {missing}"
