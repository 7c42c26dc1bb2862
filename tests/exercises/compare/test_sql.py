"""crmkit.exercises.compare.sql: SQL answers are query text, run on the course database."""

from __future__ import annotations

import pandas as pd
import pytest
from crmkit.exercises import compare

from tests.exercises.compare.support import problems_of

TEAMS = "SELECT team_id FROM teams ORDER BY team_id"


@pytest.fixture(scope="module")
def teams() -> pd.DataFrame:
    result = compare.query_result(TEAMS)
    assert result is not None and len(result) > 0
    return result


def test_a_correct_query_passes(teams: pd.DataFrame) -> None:
    assert compare.sql_result(compare.frame(key="team_id"))(TEAMS, teams).ok


def test_the_result_is_compared_with_the_table_comparator(teams: pd.DataFrame) -> None:
    text = problems_of(compare.sql_result(compare.frame(key="team_id"))(TEAMS + " LIMIT 1", teams))
    assert "missing" in text and "team_id" in text


@pytest.mark.parametrize(
    ("answer", "phrase"),
    [
        (pd.DataFrame({"team_id": ["T01"]}), "the text of your SQL query"),
        (42, "Your answer is of type int"),
        (None, "Your answer is of type NoneType"),
        ("SELECT * FROM team", "Your query could not run: There is no table or view called 'team'"),
        ("DELETE FROM teams", "Your query could not run:"),
    ],
)
def test_what_is_not_a_runnable_query_says_why(answer: object, phrase: str) -> None:
    verdict = compare.sql_result(compare.frame())(answer, pd.DataFrame({"team_id": ["T01"]}))
    assert not verdict.ok and phrase in problems_of(verdict)


def test_query_result_is_a_private_copy() -> None:
    first = compare.query_result(TEAMS)
    first.loc[0, "team_id"] = "changed"
    assert compare.query_result(TEAMS).loc[0, "team_id"] != "changed"
    assert compare.query_result("SELECT * FROM nowhere") is None
    assert compare.query_result(["SELECT 1"]) is None
