"""The grading pieces that need no kernel: answers' JSON round trip, discovery, scoring,
reports, the sandbox command line, progress display. Fast."""

from __future__ import annotations

import io
import json
import math
import os
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from crmkit.exercises import Feedback, core
from crmkit.grading import answers, kernel_encoder, report
from crmkit.grading.discover import (
    DiscoveryError,
    chapter_from_name,
    discover,
    normalise_chapter,
    notebook_problem,
)
from crmkit.grading.execute import Limits, RawRun, copy_submission
from crmkit.grading.progress import Progress
from crmkit.grading.sandbox import Sandbox, minimal_paths
from crmkit.grading.scoring import StudentResult, flags, score
from crmkit.grading.worker import describe_error, output_size
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.grading.fixtures.builders import (
    GOOD,
    MAX_POINTS,
    NOTEBOOK_NAME,
    fake_exercises,
    folder_fingerprint,
    write_submission,
)

# --------------------------------------------------------------------------- answers


def round_trip(value: Any, tmp_path: Path, namespace: dict[str, Any] | None = None) -> Any:
    path = tmp_path / "answers.json"
    kernel_encoder.extract_answers({**(namespace or {}), "v": value}, ["v"], str(path), "n1")
    return answers.decode(answers.parse_answers_file(path.read_text(), "n1")["v"])


def assert_same(value: Any, rebuilt: Any) -> None:
    if isinstance(value, pd.DataFrame):
        pd.testing.assert_frame_equal(value, rebuilt, check_exact=True, check_index_type=True,
                                      check_column_type=True)
    elif isinstance(value, pd.Series):
        pd.testing.assert_series_equal(value, rebuilt, check_exact=True, check_index_type=True)
    elif isinstance(value, pd.Index):
        pd.testing.assert_index_equal(value, rebuilt, exact=True)
    elif isinstance(value, np.ndarray):
        assert value.dtype == rebuilt.dtype and value.shape == rebuilt.shape
        np.testing.assert_array_equal(value, rebuilt)
    elif isinstance(value, float) and math.isnan(value):
        assert type(rebuilt) is float and math.isnan(rebuilt)
    else:
        assert type(rebuilt) is type(value) and (rebuilt is value or rebuilt == value)


FRAME = pd.DataFrame(
    {
        "n": [1, 2, 2],
        "text": ["x", None, "z"],
        "kind": pd.Categorical(["u", "v", "u"], categories=["v", "u"], ordered=True),
        "when": pd.to_datetime(["2020-01-01 00:00", None, "2021-05-05 10:30"]),
        "when_tz": pd.to_datetime(["2020-01-01", None, "2021-05-05"]).tz_localize("Europe/Paris"),
        "gap": pd.to_timedelta([1, 2, None], unit="D"),
        "maybe": pd.array([1, None, 3], dtype="Int64"),
        "share": [1.5, np.nan, np.inf],
        "mixed": pd.Series(["a", 1, None], dtype=object),
        "flag": [True, False, True],
        "string": pd.Series(["a", None, "c"], dtype="string"),
    },
    index=pd.Index([3, 3, 1], name="customer_id"),
)


@pytest.mark.parametrize(
    "value",
    [
        None, ..., True, 0, -(10**30), 1.25, float("inf"), "naïve ✓", [1, [2, None]], (1, "a"),
        {1, 2}, frozenset({"a"}), {"a": [1, {2: 3.5}]}, np.int64(3), np.float32(1.5),
        np.bool_(False), np.datetime64("2020-01-01"), np.array([[1, 2], [3, 4]]),
        np.array(["a", "b"]), pd.Timestamp("2020-01-01 10:00", tz="UTC"), pd.Timedelta("1D"),
        pd.NaT, pd.NA, FRAME, FRAME.set_index(["n", "text"]), FRAME.T, FRAME.iloc[:, :0],
        pd.DataFrame(), pd.DataFrame([[1, 2]], columns=["a", "a"]), FRAME["text"],
        FRAME["kind"], FRAME.index, FRAME.columns, pd.RangeIndex(2, 10, 3, name="r"),
        FRAME.groupby("kind", observed=True)["share"].sum(), pd.Series([], dtype="float64"),
        pd.MultiIndex.from_tuples([(1, "a"), (2, "b")], names=["x", None]),
    ],
    ids=repr,
)
def test_answers_round_trip(value: Any, tmp_path: Path) -> None:
    assert_same(value, round_trip(value, tmp_path))


def test_nan_round_trips(tmp_path: Path) -> None:
    assert math.isnan(round_trip(float("nan"), tmp_path))


scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
    st.text(max_size=20),
)
nested = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.tuples(inner, inner),
    st.dictionaries(st.text(max_size=5), inner, max_size=4)), max_leaves=12)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=nested)
def test_nested_values_round_trip(value: Any, tmp_path: Path) -> None:
    assert round_trip(value, tmp_path) == value


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    numbers=st.lists(st.floats(allow_nan=True, allow_infinity=True), min_size=1, max_size=6),
    labels=st.lists(st.text(min_size=1, max_size=4), min_size=1, max_size=6, unique=True),
)
def test_frames_round_trip(numbers: list[float], labels: list[str], tmp_path: Path) -> None:
    size = min(len(numbers), len(labels))
    frame = pd.DataFrame({"value": numbers[:size], "label": labels[:size],
                          "count": range(size)}, index=pd.Index(labels[:size], name="id"))
    assert_same(frame, round_trip(frame, tmp_path))
    assert_same(frame["label"], round_trip(frame["label"], tmp_path))


class AlwaysEqual:
    def __eq__(self, other: object) -> bool:
        return True

    __hash__ = object.__hash__


class Sneaky(float):
    def __eq__(self, other: object) -> bool:
        return True

    __hash__ = float.__hash__


@pytest.mark.parametrize(
    ("value", "what"),
    [
        (AlwaysEqual(), "AlwaysEqual"),
        (Sneaky(1.0), "Sneaky"),
        (lambda: 1, "function"),
        (pd.DataFrame({"p": pd.period_range("2020", periods=2, freq="M")}), "period"),
        (pd.DataFrame({"x": [AlwaysEqual()]}), "AlwaysEqual"),
        (type("MyFrame", (pd.DataFrame,), {})({"a": [1]}), "MyFrame"),
    ],
)
def test_impostors_are_unsupported(value: Any, what: str, tmp_path: Path) -> None:
    rebuilt = round_trip(value, tmp_path)
    assert isinstance(rebuilt, answers.Unsupported) and what in rebuilt.what


def test_extraction_ignores_shadowed_names(tmp_path: Path) -> None:
    """A notebook that named its variables type, list, json, open... is still read right."""
    shadows = {name: "shadow" for name in ("type", "list", "dict", "str", "int", "float", "len",
                                           "json", "open", "isinstance", "globals", "pd", "np",
                                           "builtins", "sorted", "range")}
    namespace = {**shadows, "total": 150.0, "frame": FRAME}
    path = tmp_path / "answers.json"
    code = answers.extraction_code(["total", "frame", "absent"], str(path), "abc123")
    exec(compile(code, "<extraction>", "exec"), namespace)  # noqa: S102 - as the kernel does
    read = answers.parse_answers_file(path.read_text(), "abc123")
    assert answers.decode(read["total"]) == 150.0
    assert_same(FRAME, answers.decode(read["frame"]))
    assert answers.decode(read["absent"]) == answers.Missing()
    assert "_crmkit_extract_abc123" not in namespace


json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=8)),
    lambda inner: st.one_of(st.lists(inner, max_size=4),
                            st.dictionaries(st.sampled_from(
                                ["type", "value", "items", "data", "kind", "dtype", "index",
                                 "columns", "name", "values", "unit", "tz", "start"]),
                                inner, max_size=5)),
    max_leaves=20,
)


@settings(max_examples=200, deadline=None)
@given(value=json_values)
def test_decode_never_fails_badly(value: Any) -> None:
    """Any JSON at all: a value or AnswerFormatError, never another exception."""
    try:
        answers.decode(value)
    except answers.AnswerFormatError:
        pass


def test_answers_file_must_carry_the_nonce() -> None:
    with pytest.raises(answers.AnswerFormatError, match="nonce"):
        answers.parse_answers_file(json.dumps({"nonce": "x", "answers": {}}), "y")
    with pytest.raises(answers.AnswerFormatError, match="not valid JSON"):
        answers.parse_answers_file("[" * 100_000, "y")


# --------------------------------------------------------------------------- discovery


@pytest.mark.parametrize(
    ("name", "chapter"),
    [("01-recognising-customers.ipynb", "01"), ("00-getting-started (2).ipynb", "00"),
     ("alice_01.ipynb", "01"), ("Copy of 01-recognising-customers.ipynb", "01"),
     ("homework.ipynb", None), ("alice 01 02.ipynb", None), ("2024-alice.ipynb", None)],
)
def test_chapter_from_name(name: str, chapter: str | None) -> None:
    assert chapter_from_name(name, known={"00", "01", "02"}) == chapter


def test_normalise_chapter_rejects_nonsense() -> None:
    assert normalise_chapter("01-recognising-customers") == "01"
    with pytest.raises(DiscoveryError, match="not a chapter"):
        normalise_chapter("first")


def test_discover_layouts(tmp_path: Path) -> None:
    root = tmp_path / "submissions"
    write_submission(root, "bob", GOOD)
    write_submission(root, "ann", GOOD, name="my homework.ipynb")
    write_submission(root, "cy", GOOD, name="02-other-chapter.ipynb")
    write_submission(root / "dee", "nested", GOOD)
    (root / "dee" / ".ipynb_checkpoints").mkdir()
    write_submission(root / "dee", ".ipynb_checkpoints", GOOD)
    (root / "empty").mkdir()
    (root / ".hidden").mkdir()
    write_submission(root, ".hidden", GOOD)
    (root / "99-loose.ipynb").write_text((root / "bob" / NOTEBOOK_NAME).read_text())
    before = folder_fingerprint(root)
    chapter, found = discover(root, None, known={"99", "02"})
    assert chapter == "99"
    by_student = {s.student: s for s in found}
    assert [s.student for s in found] == ["99-loose", "ann", "bob", "cy", "dee", "empty"]
    assert by_student["ann"].gradable  # the only notebook, with no chapter in its name
    assert by_student["cy"].status == "no submission"
    assert "none of its notebooks is chapter 99's" in by_student["cy"].problem
    assert by_student["dee"].notebook == root / "dee" / "nested" / NOTEBOOK_NAME
    assert by_student["empty"].status == "no submission"
    assert folder_fingerprint(root) == before


def test_discover_single_file_and_errors(tmp_path: Path) -> None:
    notebook = write_submission(tmp_path, "x", GOOD)
    chapter, found = discover(notebook, None, known={"99"})
    assert (chapter, [s.student for s in found]) == ("99", ["99-fake-chapter"])
    with pytest.raises(DiscoveryError, match="does not exist"):
        discover(tmp_path / "nothing", None, known={"99"})
    (tmp_path / "empty").mkdir()
    with pytest.raises(DiscoveryError, match="holds no student folders"):
        discover(tmp_path / "empty", None, known={"99"})


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"\xff\xfe\x00", "not UTF-8"),
        (b'{"cells": [', "broken JSON at line 1"),
        (b"[1, 2]", "not a valid Jupyter notebook"),
        (b'{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}', "no code cells"),
        (b'{"cells": [{"cell_type": "code"}], "metadata": {}, "nbformat": 4, '
         b'"nbformat_minor": 5}', "not a valid Jupyter notebook"),
    ],
)
def test_invalid_notebooks_are_explained(content: bytes, problem: str, tmp_path: Path) -> None:
    path = tmp_path / NOTEBOOK_NAME
    path.write_bytes(content)
    assert problem in (notebook_problem(path) or "")


def test_scratch_copy_skips_links_and_hidden_files(tmp_path: Path) -> None:
    notebook = write_submission(tmp_path / "subs", "ann", GOOD)
    (notebook.parent / "data.csv").write_text("a\n1\n")
    (notebook.parent / ".secret").write_text("x")
    (notebook.parent / "link").symlink_to("/etc")
    copy = copy_submission(notebook, notebook.parent, tmp_path / "scratch")
    assert copy == tmp_path / "scratch" / NOTEBOOK_NAME
    assert sorted(p.name for p in (tmp_path / "scratch").iterdir()) == [NOTEBOOK_NAME,
                                                                         "data.csv"]


# --------------------------------------------------------------------------- scoring


@pytest.fixture()
def chapter99():
    with core.registered(fake_exercises()) as exercises:
        yield exercises


def cells(*sources: str) -> list[dict[str, Any]]:
    return [{"cell_type": "markdown", "source": "# title"}] + [
        {"cell_type": "code", "source": source} for source in sources]


def tagged(**values: Any) -> dict[str, Any]:
    return {name: {"type": "float", "value": value} for name, value in values.items()}


@pytest.mark.parametrize(
    ("outcome", "status"),
    [
        ({}, "ok"),
        ({"errors": [{"cell": 1, "line": 1, "ename": "KeyError", "evalue": "'x'"}]}, "error"),
        ({"errors": [{"cell": 1, "line": 1, "ename": "_ArrayMemoryError", "evalue": ""}]},
         "memory limit"),
        ({"flooded": True, "errors": [{"cell": 1, "ename": "E", "evalue": ""}]}, "output flood"),
        ({"timeouts": [{"cell": 1, "limit": "cell"}], "flooded": True}, "timeout"),
        ({"crashes": [2], "timeouts": [{"cell": 1, "limit": "cell"}]}, "crashed"),
        ({"startup_problem": "the kernel did not start"}, "crashed"),
        ({"grader_problems": ["KeyError: 'x'"], "crashes": [1]}, "grader error"),
    ],
)
def test_status_is_the_most_serious_problem(outcome: dict, status: str, chapter99: list) -> None:
    raw = RawRun(outcome={"answers": tagged(total=150.0), **outcome})
    result = score("ann", NOTEBOOK_NAME, cells("total = 150.0", "x"), raw, chapter99, Limits())
    assert result.status == status
    assert result.points == 2


def test_missing_answers_score_zero_with_a_reason(chapter99: list) -> None:
    killed = RawRun(outcome=None, killed=True, last_cell=2)
    result = score("ann", NOTEBOOK_NAME, cells("a", "b"), killed, chapter99, Limits(timeout=5))
    assert (result.status, result.points) == ("timeout", 0)
    assert "time limit of 5 s and was stopped (it was running cell 3)" in result.problems[0]
    assert all("stopped at its time limit" in f.message for f in result.feedback)


def test_flags_point_at_tampering() -> None:
    code = cells("import crmkit.exercises as ex\nex.evaluate = lambda *a: None",
                 "answer = get_exercise('1.1').expected()")
    assert flags(code) == ["replaces crmkit functions", "uses crmkit's expected answers"]
    assert flags(cells("total = 1\ncheck('1.1', total)")) == []


# --------------------------------------------------------------------------- reports


def make_result(student: str, statuses: list[str], status: str = "ok") -> StudentResult:
    feedback = [Feedback(f"99.{i}", f"Exercise {i}", s, 2 if s == "correct" else 0, 2,
                         "Correct! +2 points" if s == "correct" else "Not yet.")
                for i, s in enumerate(statuses, start=1)]
    return StudentResult(student, f"{student}/{NOTEBOOK_NAME}", status, feedback=feedback)


def test_atomic_write_never_leaves_half_a_file(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "gradebook.csv"
    target.write_text("old\n")

    def fail(*args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError, match="disk full"):
        report.atomic_write(target, "new\n" * 1000)
    assert target.read_text() == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["gradebook.csv"]


def test_reports_from_results(tmp_path: Path, chapter99: list) -> None:
    results = [make_result("ann", ["correct", "incorrect", "not_attempted"]),
               make_result("bob", ["correct", "correct", "correct"]),
               make_result("cy", ["error"] * 3, status="no submission")]
    written = report.write_reports(tmp_path, "99", chapter99, results)
    assert written[-1].name == "gradebook.csv"
    rows = report.gradebook_rows(chapter99, results)
    assert rows[1][:7] == ["ann", f"ann/{NOTEBOOK_NAME}", "ok", "2", "0", "0", "2"]
    summary = report.class_summary(chapter99, results)
    assert summary[1][3:7] == ["2", "2", "0", "1.00"]  # cy did not submit
    gradescope = json.loads((tmp_path / "gradescope" / "ann" / "results.json").read_text())
    assert gradescope["score"] == 2.0
    assert [t["status"] for t in gradescope["tests"]] == ["passed", "failed", "failed"]
    text = report.terminal_summary("99", chapter99, results, tmp_path, 75, 2, False)
    assert text.splitlines()[0] == "Graded 3 submission(s) of chapter 99 in 1:15 (2 jobs)."
    assert len(text.splitlines()) < 25
    assert MAX_POINTS == sum(e.points for e in chapter99)


# --------------------------------------------------------------------------- sandbox, worker


def test_sandbox_command_isolates(tmp_path: Path) -> None:
    hidden = Path(__file__).resolve().parent
    sandbox = Sandbox("/usr/bin/bwrap", readable=[hidden.parent], hidden=[hidden])
    command = sandbox.command(["python", "-m", "worker"], tmp_path)
    text = " ".join(command)
    assert command[:3] == ["/usr/bin/bwrap", "--unshare-all", "--die-with-parent"]
    assert "--share-net" not in command
    assert f"--bind {tmp_path} {tmp_path}" in text
    assert f"--tmpfs {hidden}" in text
    assert command.index("--remount-ro") > command.index("--bind")
    assert command[-4:] == ["--", "python", "-m", "worker"]


def test_minimal_paths() -> None:
    assert minimal_paths([Path("/usr/lib"), Path("/usr"), Path("/nope")]) == [Path("/usr")]


def test_worker_helpers() -> None:
    error = describe_error(2, {"ename": "ValueError", "evalue": "x" * 5000, "traceback": []})
    assert error["line"] is None and len(error["evalue"]) == 2000
    assert output_size({"content": {"data": {"image/png": "abc", "text/plain": "d"}}}) == 4


def test_progress_bar_on_a_terminal() -> None:
    stream = io.StringIO()
    progress = Progress(4, stream, interactive=True)
    progress.start()
    progress.advance("ann", "ok")
    progress.close()
    assert stream.getvalue().count("\r") == 2 and "[" in stream.getvalue()
    assert "1/4" in stream.getvalue() and stream.getvalue().endswith("\n")
