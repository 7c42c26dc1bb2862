"""How well ``check()`` names the mistake: the wrong-answer suites, measured.

For every chapter suite in tests/exercises/wrong_answers/ (``chNN.py`` with
``wrong_answers()``), prints per chapter and per kind of mistake how many wrong
answers were refused and how many got a message that names the mistake.

    python benchmarks/feedback_coverage.py                 # the rates
    python benchmarks/feedback_coverage.py --misses        # and each unnamed answer's message
    python benchmarks/feedback_coverage.py --chapter 05    # one chapter
    python benchmarks/feedback_coverage.py --examples      # one example per class of mistake
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from crmkit.exercises import evaluate  # noqa: E402


def suites(chapter: str | None = None) -> dict[str, Any]:
    """The wrong-answer suite modules present, by chapter code."""
    folder = REPO / "tests" / "exercises" / "wrong_answers"
    found = {}
    for path in sorted(folder.glob("ch[0-9][0-9].py")):
        code = path.stem[2:]
        if chapter is None or code == chapter:
            found[code] = importlib.import_module(f"tests.exercises.wrong_answers.{path.stem}")
    return found


def feedback_text(feedback: Any) -> str:
    return " ".join([feedback.message, *feedback.details])


def coverage(chapter: str | None = None, misses: bool = False) -> None:
    by_kind: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for code, module in suites(chapter).items():
        total = refused = named = 0
        for exercise_id, wrongs in module.wrong_answers().items():
            for wrong in wrongs:
                feedback = evaluate(exercise_id, wrong.answer)
                ok_refused = feedback.status == "incorrect"
                ok_named = ok_refused and wrong.names.lower() in feedback_text(feedback).lower()
                total, refused, named = total + 1, refused + ok_refused, named + ok_named
                counts = by_kind[wrong.kind]
                counts[0], counts[1], counts[2] = (
                    counts[0] + 1,
                    counts[1] + ok_refused,
                    counts[2] + ok_named,
                )
                if misses and not ok_named:
                    print(f"  MISS {exercise_id} [{wrong.kind}] wants {wrong.names!r}:")
                    print("       " + str(feedback).replace("\n", "\n       "))
        rate = named / total if total else 0.0
        print(
            f"chapter {code}: {total} wrong answers, {refused} refused, {named} named ({rate:.0%})"
        )
    for kind, (total, refused, named) in sorted(by_kind.items()):
        print(
            f"  kind {kind:<10} {total:>4} answers, {refused:>4} refused, {named:>4} named ({named / total:.0%})"
        )


# --------------------------------------------------------------------------- class examples


def _class_examples() -> list[tuple[str, str, Callable[[], Any]]]:
    """One realistic wrong answer per class of mistake of the issue (1-10)."""
    import pandas as pd
    from crmkit import data
    from crmkit.exercises import get_exercise

    def lines_with_category() -> pd.DataFrame:
        return data.load_order_lines().merge(
            data.load_products()[["product_id", "category"]], on="product_id"
        )

    def answer_1() -> Any:  # mean revenue per category where the total is asked
        means = lines_with_category().groupby("category", observed=True)["revenue"].mean()
        return means.sort_values(ascending=False)

    def answer_2() -> Any:  # the share of business accounts where their number is asked
        return float((data.load_customers()["segment"] == "business").mean())

    def answer_3() -> Any:  # orders of all years where 2025 is asked
        return int(data.load_order_lines()["order_id"].nunique())

    def answer_4() -> Any:  # 1 - the top-box share
        return 1 - get_exercise(by_variable("7.1")).expected_answer

    def answer_5() -> Any:  # a top 5 where a top 10 is asked
        return list(get_exercise(by_variable("2.6")).expected_answer)[:5]

    def answer_6() -> Any:  # = NULL instead of IS NULL
        return (
            "SELECT r.record_id, r.referred_by FROM customers_raw AS r "
            "LEFT JOIN customers_raw AS ref ON ref.record_id = r.referred_by "
            "WHERE r.referred_by <> '' AND ref.record_id = NULL"
        )

    def answer_7() -> Any:  # the scores of the look-alikes instead of their ids
        expected = sorted(get_exercise(by_variable("4.4")).expected_answer)
        return pd.Series([0.9 - 0.01 * i for i in range(len(expected))], index=expected)

    def answer_8() -> Any:  # True/False in quotes in a dict
        return {
            key: str(value)
            for key, value in get_exercise(by_variable("3.5")).expected_answer.items()
        }

    def answer_9() -> Any:  # .unique() where a count is asked
        lines = data.load_order_lines()
        return lines.loc[lines["order_date"].dt.year == 2025, "order_id"].unique()

    def answer_10() -> Any:  # one classification swapped
        answer = dict(get_exercise(by_variable("1.1")).expected_answer)
        keys = list(answer)
        answer[keys[0]], answer[keys[1]] = answer[keys[1]], answer[keys[0]]
        return answer

    return [
        ("1 wrong aggregate (mean for sum)", "0.3", answer_1),
        ("2 far-off scalar (a share for a count)", "0.1", answer_2),
        ("3 wrong scope (all years)", "0.4", answer_3),
        ("4 complement (1 - rate)", "7.1", answer_4),
        ("5 wrong parameter (top 5 for top 10)", "2.6", answer_5),
        ("6 SQL returning no rows (= NULL)", "4.3", answer_6),
        ("7 broad diagnosis on the wrong symptom (scores for ids)", "4.4", answer_7),
        ("8 dict answer (quoted booleans)", "3.5", answer_8),
        ("9 odd type (.unique() for a count)", "0.4", answer_9),
        ("10 answer given away (dict of labels)", "1.1", answer_10),
    ]


_VARIABLES = {  # the exercises by their variable: chapters may renumber them
    "0.1": "n_business",
    "0.3": "revenue_by_category",
    "0.4": "orders_2025",
    "7.1": "top_box_share",
    "2.6": "top10_payment_first",
    "4.3": "sql_orphan_referrers",
    "4.4": "teapot_targets",
    "3.5": "real_differences",
    "1.1": "internal_kinds",
}


def by_variable(exercise_id: str) -> str:
    """The current id of the exercise that had ``exercise_id`` when the examples were chosen."""
    from crmkit.exercises import all_exercises

    wanted = _VARIABLES.get(exercise_id)
    for exercise in all_exercises():
        if exercise.variable == wanted:
            return exercise.id
    return exercise_id


def examples() -> None:
    """Print, as Markdown, the feedback each class example gets."""
    for label, old_id, make in _class_examples():
        exercise_id = by_variable(old_id)
        print(f"### Class {label}: exercise {exercise_id}\n")
        print("```")
        print(str(evaluate(exercise_id, make())))
        print("```\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chapter", help="only this chapter, like 05")
    parser.add_argument("--misses", action="store_true", help="print unnamed answers' feedback")
    parser.add_argument("--examples", action="store_true", help="one example per class")
    options = parser.parse_args()
    if options.examples:
        examples()
    else:
        coverage(options.chapter, options.misses)


if __name__ == "__main__":
    main()
