"""Work graded by rubric (crmkit.grading.rubric, rubric_scores): the memo, its rubric, the scores.

The round trip: ``crmkit grade`` writes each student's memo and the rubric into
their feedback file and a blank rubric_scores.csv; the instructor fills it in;
``crmkit grade --rubric-scores FILLED.csv OUTDIR`` reads it into the gradebook.
"""

from __future__ import annotations

import csv
import hashlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from crmkit import cli
from crmkit.exercises import Feedback
from crmkit.grading import report
from crmkit.grading.rubric import (
    RUBRIC_SCORES,
    Criterion,
    Rubric,
    extract_memo,
    registered_rubric,
    rubric_for_chapter,
    word_count,
)
from crmkit.grading.rubric_scores import RubricScoreError, apply_rubric_scores
from crmkit.grading.scoring import StudentResult

from tests.grading.fixtures.builders import CHAPTER, NOTEBOOK_NAME

RUBRIC = Rubric(
    CHAPTER,
    (
        Criterion(
            "evidence",
            "Each recommendation rests on evidence from the data",
            4,
            (
                ("4", "Every recommendation cites a figure computed in the notebook."),
                ("0-1", "No figures."),
            ),
        ),
        Criterion(
            "decision",
            "The recommendations are decisions the managers can take",
            3,
            (("3", "Who does what, for whom, at what cost."), ("0", "Vague wishes.")),
        ),
        Criterion("clarity", "One page, plain language", 2.5, (("2.5", "Clear and short."),)),
    ),
    placeholder="*Write your memo here.*",
    words=400,
)
MEMO = (
    "Dear managers,\n\n### 1. Fix slow tickets\n\nMembers whose ticket took over 5 days "
    "cancel three times as often: hire a second community manager."
)
STUDENTS = {"ana": MEMO, "bo": "", "cy": None}  # a memo, the placeholder only, no memo heading


def markdown(source: str) -> dict:
    return {"cell_type": "markdown", "source": source, "metadata": {}}


def code(source: str) -> dict:
    return {"cell_type": "code", "source": source, "metadata": {}, "outputs": []}


@pytest.fixture()
def rubric() -> Iterator[Rubric]:
    with registered_rubric(RUBRIC) as registered:
        yield registered


def make_result(student: str, memo: str | None) -> StudentResult:
    feedback = [
        Feedback("99.1", "Total", "correct", 2, 2, "Correct! +2 points"),
        Feedback("99.2", "By region", "incorrect", 0, 3, "Not yet."),
    ]
    return StudentResult(student, f"{student}/{NOTEBOOK_NAME}", "ok", feedback=feedback, memo=memo)


@pytest.fixture()
def graded(tmp_path: Path, rubric: Rubric, chapter99_exercises: list) -> Path:
    """An output folder as `crmkit grade` writes it for three students of a chapter with a rubric."""
    outdir = tmp_path / "out"
    results = [make_result(student, memo) for student, memo in STUDENTS.items()]
    report.write_reports(outdir, CHAPTER, chapter99_exercises, results)
    return outdir


def read_rows(path: Path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def fill(outdir: Path, target: Path, scores: dict[tuple[str, str], str]) -> Path:
    """The instructor's step: rubric_scores.csv with the score column filled in."""
    rows = read_rows(outdir / RUBRIC_SCORES)
    for row in rows:
        row["score"] = scores.get((row["student"], row["criterion"]), row["score"])
    with open(target, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return target


FULL = {
    ("ana", "evidence"): "4",
    ("ana", "decision"): "2.5",
    ("ana", "clarity"): "2",
    ("bo", "evidence"): "0",
    ("bo", "decision"): "0",
    ("bo", "clarity"): "0",
    ("cy", "evidence"): "0",
    ("cy", "decision"): "1",
    ("cy", "clarity"): "0",
}


def fingerprint(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


# --------------------------------------------------------------------------- the round trip


def test_rubric_round_trip_feedback_to_filled_csv_to_gradebook(
    graded: Path, tmp_path: Path
) -> None:
    """Feedback file (memo + rubric) -> rubric_scores.csv filled in -> gradebook columns."""
    feedback = (graded / "feedback" / "ana.md").read_text(encoding="utf-8")
    assert "## Memo to the managers (graded by rubric, 9.5 points)" in feedback
    assert "> Members whose ticket took over 5 days" in feedback
    assert f"Words: {word_count(MEMO)} (asked for: about 400)." in feedback
    assert "| Each recommendation rests on evidence from the data | 4 |" in feedback
    assert "**0-1**: No figures." in feedback and "| ___ |" in feedback
    assert "Nothing is written under the heading" in (graded / "feedback" / "bo.md").read_text()
    assert "No memo was found" in (graded / "feedback" / "cy.md").read_text()

    blank = read_rows(graded / RUBRIC_SCORES)
    assert [(r["student"], r["criterion"]) for r in blank] == list(FULL)
    assert {r["score"] for r in blank} == {""} and {r["chapter"] for r in blank} == {CHAPTER}
    assert blank[0]["max_points"] == "4" and blank[0]["memo_words"] == str(word_count(MEMO))
    before = read_rows(graded / "gradebook.csv")
    assert before[0]["memo:evidence"] == before[0]["grand_total"] == ""

    untouched = {k: v for k, v in fingerprint(graded).items() if k != "gradebook.csv"}
    filled = fill(graded, tmp_path / "filled.csv", FULL)
    assert cli.main(["grade", "--rubric-scores", str(filled), str(graded)]) == 0
    book = {row["student"]: row for row in read_rows(graded / "gradebook.csv")}
    assert (
        book["ana"]["memo:evidence"],
        book["ana"]["memo:decision"],
        book["ana"]["memo:clarity"],
    ) == ("4", "2.5", "2")
    assert book["ana"]["memo_total"] == "8.5" and book["ana"]["memo_max"] == "9.5"
    assert book["ana"]["total"] == "2" and book["ana"]["max"] == "6"  # the auto-graded part is kept
    assert book["ana"]["grand_total"] == "10.5" and book["ana"]["grand_max"] == "15.5"
    assert book["cy"]["memo_total"] == "1" and book["bo"]["grand_total"] == "2"
    assert {k: v for k, v in fingerprint(graded).items() if k != "gradebook.csv"} == untouched
    once = (graded / "gradebook.csv").read_bytes()
    assert cli.main(["grade", "--rubric-scores", str(filled), str(graded)]) == 0
    assert (graded / "gradebook.csv").read_bytes() == once  # reading again changes nothing


def test_corrected_scores_replace_the_old_ones(graded: Path, tmp_path: Path) -> None:
    apply_rubric_scores(fill(graded, tmp_path / "a.csv", FULL), graded)
    apply_rubric_scores(fill(graded, tmp_path / "b.csv", {**FULL, ("ana", "clarity"): "0"}), graded)
    ana = read_rows(graded / "gradebook.csv")[0]
    assert ana["memo:clarity"] == "0" and ana["memo_total"] == "6.5"
    assert len(read_rows(graded / "gradebook.csv")[0]) == len(
        read_rows(graded / "gradebook.csv")[1]
    )


# --------------------------------------------------------------------------- bad filled files


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({("ana", "evidence"): "5"}, "line 2 (ana, evidence): the score 5 is outside 0-4"),
        ({("ana", "clarity"): "-1"}, "the score -1 is outside 0-2.5"),
        ({("bo", "decision"): "good"}, "line 6 (bo, decision): the score 'good' is not a number"),
        ({("bo", "decision"): "2,5"}, "write decimals with a point"),
        ({("cy", "clarity"): ""}, "line 10 (cy, clarity): the score is blank"),
        ({("cy", "clarity"): "nan"}, "outside 0-2.5"),
    ],
)
def test_bad_scores_are_refused_and_nothing_changes(
    graded: Path, tmp_path: Path, change: dict, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    before = fingerprint(graded)
    filled = fill(graded, tmp_path / "filled.csv", {**FULL, **change})
    assert cli.main(["grade", "--rubric-scores", str(filled), str(graded)]) == 2
    err = capsys.readouterr().err
    assert message in err and "the gradebook was not changed" in err
    assert fingerprint(graded) == before


def _rewrite(path: Path, edit) -> Path:
    rows = read_rows(path)
    rows = edit(rows)
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return path


def _set(rows: list[dict], index: int, **values: str) -> list[dict]:
    rows[index].update(values)
    return rows


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (
            lambda rows: _set(rows, 0, student="zed"),
            "line 2: 'zed' is not a student of this gradebook",
        ),
        (
            lambda rows: _set(rows, 1, criterion="style"),
            "line 3: 'style' is not a criterion of the rubric (evidence, decision, clarity)",
        ),
        (lambda rows: [*rows, dict(rows[0])], "a second score for 'ana' on 'evidence'"),
        (lambda rows: rows[:-1], "no row for 'cy' on 'clarity'"),
        (
            lambda rows: [{k: v for k, v in r.items() if k != "score"} for r in rows],
            "lacks the columns ['score']",
        ),
        (lambda rows: _set(rows, 0, chapter="10"), "must name one chapter on every row"),
        (lambda rows: [{**r, "chapter": "42"} for r in rows], "chapter 42 has no rubric"),
    ],
)
def test_bad_rows_are_refused_and_nothing_changes(
    graded: Path, tmp_path: Path, edit, message: str
) -> None:
    before = fingerprint(graded)
    filled = _rewrite(fill(graded, tmp_path / "filled.csv", FULL), edit)
    with pytest.raises(RubricScoreError) as caught:
        apply_rubric_scores(filled, graded)
    assert message in str(caught.value)
    assert fingerprint(graded) == before


def test_every_problem_is_listed_at_once(graded: Path, tmp_path: Path) -> None:
    filled = fill(
        graded, tmp_path / "f.csv", {**FULL, ("ana", "evidence"): "9", ("bo", "clarity"): "x"}
    )
    with pytest.raises(RubricScoreError, match=r"2 problem\(s\)") as caught:
        apply_rubric_scores(filled, graded)
    assert "line 2" in str(caught.value) and "line 7" in str(caught.value)


def test_the_wrong_folder_or_file_is_explained(
    graded: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    filled = fill(graded, tmp_path / "filled.csv", FULL)
    assert cli.main(["grade", "--rubric-scores", str(filled), str(tmp_path / "nowhere")]) == 2
    assert "holds a gradebook.csv" in capsys.readouterr().err
    assert cli.main(["grade", "--rubric-scores", str(tmp_path / "missing.csv"), str(graded)]) == 2
    assert "There is no filled rubric file" in capsys.readouterr().err
    (tmp_path / "binary.csv").write_bytes(b"\xff\xfe\x00bad")
    with pytest.raises(RubricScoreError, match="not a readable CSV"):
        apply_rubric_scores(tmp_path / "binary.csv", graded)


def test_a_chapter_without_rubric_writes_no_rubric_files(
    tmp_path: Path, chapter99_exercises: list
) -> None:
    report.write_reports(tmp_path, CHAPTER, chapter99_exercises, [make_result("ana", None)])
    assert not (tmp_path / RUBRIC_SCORES).exists()
    assert "memo" not in (tmp_path / "gradebook.csv").read_text()
    assert "Memo" not in (tmp_path / "feedback" / "ana.md").read_text()


# --------------------------------------------------------------------------- finding the memo


def test_memo_after_the_marker_until_the_next_code_cell_or_heading(rubric: Rubric) -> None:
    cells = [
        markdown("# Capstone\n\nIntro."),
        code("x = 1"),
        markdown("## memo to the  Managers\n\nFirst paragraph."),
        markdown("### Recommendation 1\n\nSecond."),
        markdown("## Key terms\n\nNot the memo."),
    ]
    assert extract_memo(cells, rubric) == "First paragraph.\n\n### Recommendation 1\n\nSecond."
    cells[3:] = [code("y = 2"), markdown("After code: not the memo.")]
    assert extract_memo(cells, rubric) == "First paragraph."
    as_lists = [{"cell_type": "markdown", "source": ["# Memo to the managers\n", "One line."]}]
    assert extract_memo(as_lists, rubric) == "One line."


def test_placeholder_and_missing_heading(rubric: Rubric) -> None:
    assert (
        extract_memo([markdown("## Memo to the managers\n\n*Write your memo here.*")], rubric) == ""
    )
    assert extract_memo([markdown("## Memo\n\nText")], rubric) is None
    assert extract_memo([], rubric) is None


def test_rubric_lookup_and_declaration_errors(rubric: Rubric) -> None:
    assert rubric_for_chapter(CHAPTER) is rubric
    assert rubric_for_chapter("01") is None and rubric_for_chapter("98") is None
    with pytest.raises(ValueError, match="lower-case"):
        Criterion("Evidence", "E", 1, (("1", "ok"),))
    with pytest.raises(ValueError, match="above 0"):
        Criterion("e", "E", 0, (("1", "ok"),))
    with pytest.raises(ValueError, match="pairs"):
        Criterion("e", "E", 1, ())
    with pytest.raises(ValueError, match="distinct ids"):
        Rubric("97", (RUBRIC.criteria[0], RUBRIC.criteria[0]))
    with pytest.raises(ValueError, match="at least one"):
        Rubric("97", ())


# --------------------------------------------------------------------------- through crmkit grade


@pytest.mark.slow
def test_grade_reads_the_memo_from_the_notebook(
    tmp_path: Path, rubric: Rubric, chapter99_exercises: list, capsys: pytest.CaptureFixture[str]
) -> None:
    """`crmkit grade` on real notebooks: the memo comes from the notebook's JSON, unexecuted."""
    import nbformat
    from nbformat.v4 import new_markdown_cell

    from tests.grading.fixtures.builders import GOOD, folder_fingerprint, make_notebook

    submissions = tmp_path / "submissions"
    notebook = make_notebook(GOOD)
    notebook.cells += [new_markdown_cell("## Memo to the managers"), new_markdown_cell(MEMO)]
    (submissions / "ana").mkdir(parents=True)
    nbformat.write(notebook, submissions / "ana" / NOTEBOOK_NAME)
    (submissions / "bo").mkdir()
    nbformat.write(make_notebook(GOOD), submissions / "bo" / NOTEBOOK_NAME)
    before = folder_fingerprint(submissions)
    outdir = tmp_path / "out"
    status = cli.main(
        ["grade", str(submissions), "-o", str(outdir), "--jobs", "1", "--no-twin", "--no-sandbox"]
    )
    assert status == 0, capsys.readouterr().err
    assert "rubric_scores.csv" in capsys.readouterr().out
    assert "> Members whose ticket took over 5 days" in (outdir / "feedback" / "ana.md").read_text()
    assert "No memo was found" in (outdir / "feedback" / "bo.md").read_text()
    filled = fill(
        outdir,
        tmp_path / "filled.csv",
        {(s, c): "1" for s in ("ana", "bo") for c in ("evidence", "decision", "clarity")},
    )
    assert cli.main(["grade", "--rubric-scores", str(filled), str(outdir)]) == 0
    book = {row["student"]: row for row in read_rows(outdir / "gradebook.csv")}
    assert book["ana"]["memo_total"] == "3" and book["ana"]["grand_total"] == str(
        int(book["ana"]["total"]) + 3
    )
    assert folder_fingerprint(submissions) == before
