"""Bad input to every public function and class of crmkit.retention.models.

The generic tests come from tests/bad_input_support.py; below them, the model-specific ones:
impossible summaries (recency > T, negative or fractional frequency, frequency 0 with
recency > 0, repeat purchases with recency 0, missing or infinite values), data that cannot
identify a model, and the fits' methods. The last tests check by introspection that every
public callable of every module of the package has a check.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd
import pytest
from crmkit import data
from crmkit.retention import models
from crmkit.retention.models import _checks, bgnbd, evaluation, gamma_gamma, plots, sbg, summary

from tests.bad_input_support import (
    Generic,
    Target,
    checks_by_name,
    coverage_tests,
    expect_clear_error,
    fast,
    generic_tests,
    targets_by_name,
)

FAST = fast(max_examples=6)
FIT = models.BGNBDFit(r=0.243, alpha=4.414, a=0.793, b=2.426)
SPEND = models.GammaGammaFit(p=6.25, q=3.74, gamma=15.44)
CAL_END, OBS_END = "1997-01-31", "1997-03-02"


def purchases() -> pd.DataFrame:
    days = ["1997-01-01", "1997-01-01", "1997-01-15", "1997-02-10", "1997-01-05", "1997-01-20",
            "1997-02-20", "1997-01-10"]  # fmt: skip
    return pd.DataFrame(
        {
            "customer_id": ["A", "A", "A", "A", "B", "B", "B", "C"],
            "date": pd.to_datetime(days),
            "amount": [10.0, 5.0, 20.0, 12.0, 8.0, 9.0, 30.0, 4.0],
        }
    )


def holdout_summary() -> pd.DataFrame:
    return models.calibration_holdout_summary(purchases(), CAL_END, OBS_END, amount="amount")


@functools.cache
def _cdnow_summary() -> pd.DataFrame:
    sample = data.load_cdnow_sample()
    return models.repeat_summary(sample, amount="amount", observation_end="1997-09-30")


def rfm() -> pd.DataFrame:
    """A summary that identifies both models: 800 customers of the CDNOW sample, 39 weeks."""
    return _cdnow_summary().iloc[:800].reset_index(drop=True)


def tracking() -> pd.DataFrame:
    return models.tracking_table(FIT, purchases(), CAL_END, OBS_END)


def cohort() -> pd.Series:
    return pd.Series([100, 63.1, 46.8, 38.2, 32.6, 28.9, 26.2, 24.1, 22.3])


SUMMARY = ("frequency", "recency", "T")
TRACK_NUMBERS = ("actual_cumulative", "expected_cumulative")

TARGETS = targets_by_name(
    [
        Target(
            summary.repeat_summary,
            lambda: {"transactions": purchases(), "amount": "amount", "observation_end": OBS_END},
            frames={"transactions": ("customer_id", "date", "amount")},
            dates={"transactions": ("date",)},
            numbers={"transactions": ("amount",)},
            optional_timestamps=("observation_end",),
            by=("customer", "date", "amount"),
        ),
        Target(
            summary.calibration_holdout_summary,
            lambda: {
                "transactions": purchases(),
                "calibration_end": CAL_END,
                "observation_end": OBS_END,
                "amount": "amount",
            },  # fmt: skip
            frames={"transactions": ("customer_id", "date", "amount")},
            dates={"transactions": ("date",)},
            numbers={"transactions": ("amount",)},
            timestamps=("calibration_end", "observation_end"),
            by=("customer", "date", "amount"),
        ),
        Target(
            sbg.fit_sbg,
            lambda: {"survival": cohort(), "fit_years": 7},
            series=("survival",),
            whole_numbers={"fit_years": 2},
        ),  # fmt: skip
        Target(
            sbg.constant_retention_projection,
            lambda: {"survival": cohort(), "fit_years": 7, "horizon": 12},
            series=("survival",),
            whole_numbers={"fit_years": 2},
        ),
        Target(sbg.SBGFit, lambda: {"alpha": 0.7, "beta": 1.2}, positive=("alpha", "beta")),
        Target(
            bgnbd.fit_bgnbd,
            lambda: {"summary": rfm()},
            frames={"summary": SUMMARY},
            numbers={"summary": SUMMARY},
        ),  # fmt: skip
        Target(
            bgnbd.BGNBDFit,
            lambda: {"r": 0.2, "alpha": 4.0, "a": 0.8, "b": 2.4},
            positive=("r", "alpha", "a", "b"),
        ),  # fmt: skip
        Target(
            gamma_gamma.fit_gamma_gamma,
            lambda: {"summary": rfm()},
            frames={"summary": (*SUMMARY, "monetary")},
            numbers={"summary": (*SUMMARY, "monetary")},
        ),
        Target(
            gamma_gamma.GammaGammaFit,
            lambda: {"p": 6.0, "q": 3.7, "gamma": 15.0},
            positive=("p", "q", "gamma"),
        ),  # fmt: skip
        Target(
            gamma_gamma.customer_lifetime_value,
            lambda: {
                "bgnbd": FIT,
                "gamma_gamma": SPEND,
                "summary": rfm(),
                "horizon": 10,
                "periods_per_year": 52,
            },  # fmt: skip
            frames={"summary": (*SUMMARY, "monetary")},
            numbers={"summary": (*SUMMARY, "monetary")},
            whole_numbers={"horizon": 1, "periods_per_year": 1},
            fractions=("annual_discount_rate", "margin"),
        ),
        Target(
            evaluation.tracking_table,
            lambda: {
                "fit": FIT,
                "transactions": purchases(),
                "calibration_end": CAL_END,
                "observation_end": OBS_END,
            },  # fmt: skip
            frames={"transactions": ("customer_id", "date")},
            dates={"transactions": ("date",)},
            timestamps=("calibration_end", "observation_end"),
            by=("customer", "date"),
        ),
        Target(
            evaluation.conditional_expectations_by_frequency,
            lambda: {"fit": FIT, "summary": holdout_summary(), "max_frequency": 3},
            frames={"summary": (*SUMMARY, "frequency_holdout", "duration_holdout")},
            numbers={"summary": (*SUMMARY, "frequency_holdout", "duration_holdout")},
            whole_numbers={"max_frequency": 1},
        ),
        Target(
            evaluation.holdout_errors,
            lambda: {"fit": FIT, "summary": holdout_summary(), "tracking": tracking()},
            frames={
                "summary": (*SUMMARY, "frequency_holdout", "duration_holdout"),
                "tracking": evaluation.TRACKING_COLUMNS,
            },  # fmt: skip
            numbers={"summary": (*SUMMARY, "frequency_holdout"), "tracking": TRACK_NUMBERS},
        ),
        Target(
            plots.tracking_plot,
            lambda: {"tracking": tracking()},
            frames={"tracking": (*TRACK_NUMBERS, "holdout")},
            numbers={"tracking": TRACK_NUMBERS},
            axes=("ax",),
        ),
        Target(
            plots.conditional_expectation_plot,
            lambda: {"table": models.conditional_expectations_by_frequency(FIT, holdout_summary())},
            frames={"table": ("actual", "expected")},
            numbers={"table": ("actual", "expected")},
            axes=("ax",),
        ),
        Target(
            plots.sbg_projection_plot,
            lambda: {"projection": models.fit_sbg(cohort()).projection(cohort())},
            frames={"projection": ("actual", "sbg", "constant", "fitted")},
            numbers={"projection": ("actual", "sbg", "constant")},
            axes=("ax",),
        ),
        Target(
            _checks.summary_arrays,
            lambda: {"summary": rfm()},
            frames={"summary": SUMMARY},
            numbers={"summary": SUMMARY},
        ),
    ]
)

globals().update(
    generic_tests(
        TARGETS,
        Generic(
            fast=FAST,
            numpy_integers=True,
            series_kinds=("text", "missing", "bool"),
            numbers_without_gaps=True,
            empty_tables=True,
        ),  # fmt: skip
    )
)


# --------------------------------------------------------------------------- impossible summaries

IMPOSSIBLE = [
    pytest.param({"recency": 50.0}, "recency greater than T", id="recency-above-T"),
    pytest.param({"frequency": -1}, "negative frequency", id="negative-frequency"),
    pytest.param({"frequency": 1.5}, "whole number", id="fractional-frequency"),
    pytest.param({"frequency": 0, "recency": 3.0}, "frequency 0 with recency", id="zero-with-recency"),
    pytest.param({"frequency": 2, "recency": 0.0}, "recency 0", id="repeat-without-recency"),
    pytest.param({"T": -1.0, "recency": 0.0, "frequency": 0}, "negative", id="negative-T"),
    pytest.param({"recency": math.inf}, "infinite", id="infinite"),
]  # fmt: skip

SUMMARY_USERS: list[tuple[str, Callable[[pd.DataFrame], Any]]] = [
    ("fit_bgnbd", models.fit_bgnbd),
    ("fit_gamma_gamma", models.fit_gamma_gamma),
    ("p_alive", FIT.p_alive),
    ("conditional_expected_transactions", lambda s: FIT.conditional_expected_transactions(s, 39)),
    ("expected_spend", SPEND.expected_spend),
    ("customer_lifetime_value", lambda s: models.customer_lifetime_value(FIT, SPEND, s)),
    ("summary_arrays", _checks.summary_arrays),
]


def spoilt(changes: dict[str, Any]) -> pd.DataFrame:
    """A valid summary with its first repeat buyer changed."""
    frame = rfm()
    first = int(np.flatnonzero(frame["frequency"].to_numpy() > 0)[0])
    for column, value in changes.items():
        frame[column] = frame[column].astype("float64")
        frame.loc[first, column] = value
    return frame


@pytest.mark.parametrize(("changes", "words"), IMPOSSIBLE)
@pytest.mark.parametrize(("name", "function"), SUMMARY_USERS, ids=[n for n, _ in SUMMARY_USERS])
def test_impossible_summaries_are_refused(
    name: str, function: Callable[[pd.DataFrame], Any], changes: dict[str, Any], words: str
) -> None:
    message = expect_clear_error(lambda: function(spoilt(changes)), "summary", what=name)
    assert words in message, message
    assert "for example customer" in message, message


@pytest.mark.parametrize(("name", "function"), SUMMARY_USERS, ids=[n for n, _ in SUMMARY_USERS])
def test_missing_values_in_summaries_are_refused(
    name: str, function: Callable[[pd.DataFrame], Any]
) -> None:
    expect_clear_error(lambda: function(spoilt({"T": math.nan})), "T", what=name)


# --------------------------------------------------------------------------- models that cannot be fitted


def test_bgnbd_refuses_data_that_cannot_identify_it() -> None:
    no_repeat = rfm().assign(frequency=0, recency=0.0)
    message = expect_clear_error(lambda: models.fit_bgnbd(no_repeat), "summary", what="no repeat")
    assert "no repeat buyers" in message
    same = pd.DataFrame({"frequency": [2, 0] * 10, "recency": [10.0, 0.0] * 10, "T": [20.0] * 20})
    expect_clear_error(lambda: models.fit_bgnbd(same), "summary", what="two triplets")
    frame = rfm()
    at_end = frame.assign(recency=np.where(frame["frequency"] > 0, frame["T"], 0.0))
    message = expect_clear_error(lambda: models.fit_bgnbd(at_end), "summary", what="all at end")
    assert "cannot be identified" in message


def test_gamma_gamma_refuses_free_purchases_and_too_few_buyers() -> None:
    frame = spoilt({"monetary": 0.0})
    message = expect_clear_error(lambda: models.fit_gamma_gamma(frame), "summary", what="free")
    assert "monetary" in message
    one = rfm().iloc[:0]
    expect_clear_error(lambda: models.fit_gamma_gamma(one), "summary", what="empty")
    few = rfm().assign(frequency=0, recency=0.0)
    few.loc[0, ["frequency", "recency"]] = [1, 3.0]
    expect_clear_error(lambda: models.fit_gamma_gamma(few), "summary", what="one buyer")
    expect_clear_error(lambda: SPEND.expected_spend(rfm().drop(columns="monetary")), "monetary",
                       what="no monetary")  # fmt: skip
    expect_clear_error(lambda: models.GammaGammaFit(p=1.0, q=0.9, gamma=2.0).mean_spend, "q",
                       what="q below 1")  # fmt: skip


@pytest.mark.parametrize(
    ("survival", "words"),
    [
        (pd.Series([100, 60, 70, 50, 40, 30, 25, 20]), "rises"),
        (pd.Series([100, 60]), "three years"),
        (pd.Series([0, 0, 0, 0]), "survival"),
        (pd.Series([100, -5, -10, -20, -30, -40, -50, -60]), "survival"),
        (pd.Series([100, 100, 100, 100, 100, 100, 100, 100]), "no customer leaving"),
    ],
    ids=["rising", "too-short", "empty-cohort", "negative", "no-loss"],
)
def test_fit_sbg_bad_survival(survival: pd.Series, words: str) -> None:
    message = expect_clear_error(lambda: models.fit_sbg(survival), "survival", what=words)
    assert words in message or words == "survival"


def test_fit_years_beyond_the_data() -> None:
    for function in (models.fit_sbg, models.constant_retention_projection):
        expect_clear_error(lambda f=function: f(cohort(), fit_years=20), "fit_years", what="20")


@pytest.mark.parametrize("bad", [0, -1, 1.5, "3", True, [3], math.nan])
def test_constant_retention_bad_horizon(bad: Any) -> None:
    """horizon=None means "as many years as survival has"; anything else must be a count."""
    expect_clear_error(lambda: models.constant_retention_projection(cohort(), 7, bad), "horizon",
                       what=f"horizon={bad!r}")  # fmt: skip


# --------------------------------------------------------------------------- arguments of the fits' methods

BAD_TIMES = [-1, math.nan, math.inf, "39", None, True, [1, -2], [], {"t": 3}, [1, "a"]]


@pytest.mark.parametrize("bad", BAD_TIMES, ids=repr)
def test_bad_times(bad: Any) -> None:
    expect_clear_error(lambda: FIT.expected_transactions(bad), "t", what=f"expected({bad!r})")
    expect_clear_error(lambda: FIT.conditional_expected_transactions(rfm(), bad), "t",
                       what=f"conditional({bad!r})")  # fmt: skip
    expect_clear_error(lambda: _checks.require_times(bad), "t", what=f"require_times({bad!r})")
    if not isinstance(bad, list | dict):
        expect_clear_error(lambda: _checks.require_time(bad), "t", what=f"require_time({bad!r})")


@pytest.mark.parametrize("bad", [0, -1, 1.5, "3", None, True])
def test_sbg_methods_bad_horizon(bad: Any) -> None:
    fit = models.SBGFit(alpha=0.7, beta=1.2)
    for method in (fit.survival, fit.retention):
        expect_clear_error(lambda m=method: m(bad), "horizon", what=f"{method.__name__}({bad!r})")


def test_sbg_projection_and_summary_methods_bad_tables() -> None:
    fit = models.SBGFit(alpha=0.7, beta=1.2)
    expect_clear_error(lambda: fit.projection([100, 60, 40]), "survival", what="list")
    expect_clear_error(lambda: FIT.p_alive("summary"), "summary", what="text")
    expect_clear_error(lambda: FIT.p_alive(rfm().drop(columns="T")), "T", what="no T")
    expect_clear_error(lambda: SPEND.expected_spend([1, 2]), "summary", what="list")


def test_not_a_fit() -> None:
    expect_clear_error(lambda: models.customer_lifetime_value(SPEND, SPEND, rfm()), "bgnbd",
                       what="bgnbd=Gamma-Gamma")  # fmt: skip
    expect_clear_error(lambda: models.customer_lifetime_value(FIT, FIT, rfm()), "gamma_gamma",
                       what="gamma_gamma=BG/NBD")  # fmt: skip
    for function, args in (
        (models.tracking_table, (purchases(), CAL_END, OBS_END)),
        (models.conditional_expectations_by_frequency, (holdout_summary(),)),
        (models.holdout_errors, (holdout_summary(), tracking())),
    ):
        expect_clear_error(lambda f=function, a=args: f(FIT.params, *a), "fit", what="params")


@pytest.mark.parametrize("bad", ["M", "weeks", "w", None, 7])
def test_bad_time_unit(bad: Any) -> None:
    for function, args in (
        (models.repeat_summary, (purchases(),)),
        (models.calibration_holdout_summary, (purchases(), CAL_END, OBS_END)),
        (lambda *a, **k: models.tracking_table(FIT, *a, **k), (purchases(), CAL_END, OBS_END)),
    ):
        expect_clear_error(lambda f=function, a=args: f(*a, time_unit=bad), "time_unit",
                           what=f"time_unit={bad!r}")  # fmt: skip


def test_holdout_must_follow_calibration() -> None:
    expect_clear_error(lambda: models.calibration_holdout_summary(purchases(), OBS_END, CAL_END),
                       "observation_end", what="reversed")  # fmt: skip
    expect_clear_error(lambda: models.tracking_table(FIT, purchases(), OBS_END, CAL_END),
                       "observation_end", what="reversed")  # fmt: skip


def test_summaries_refuse_missing_ids_and_dates_and_late_ends() -> None:
    frame = purchases().astype({"customer_id": "object"})
    frame.loc[0, "customer_id"] = None
    expect_clear_error(lambda: models.repeat_summary(frame), "customer_id", what="missing id")
    frame = purchases()
    frame.loc[0, "date"] = pd.NaT
    expect_clear_error(lambda: models.repeat_summary(frame), "date", what="missing date")
    expect_clear_error(lambda: models.repeat_summary(purchases(), observation_end="1996-01-01"),
                       "observation_end", what="before every purchase")  # fmt: skip
    expect_clear_error(
        lambda: models.tracking_table(FIT, purchases(), "1996-01-01", "1996-02-01"),
        "calibration_end", what="no cohort",
    )  # fmt: skip


def test_holdout_durations_must_agree() -> None:
    frame = holdout_summary()
    frame.loc[frame.index[0], "duration_holdout"] = 5.0
    expect_clear_error(lambda: models.conditional_expectations_by_frequency(FIT, frame),
                       "duration_holdout", what="unequal durations")  # fmt: skip
    late = tracking().assign(holdout=False)
    expect_clear_error(lambda: models.holdout_errors(FIT, holdout_summary(), late), "tracking",
                       what="no holdout period")  # fmt: skip


# --------------------------------------------------------------------------- coverage

SPECIFIC_TESTS: list[tuple[Callable[..., None], tuple[Callable[..., Any], ...]]] = [
    (test_impossible_summaries_are_refused, (models.fit_bgnbd, models.fit_gamma_gamma,
                                              models.customer_lifetime_value)),
    (test_bgnbd_refuses_data_that_cannot_identify_it, (models.fit_bgnbd,)),
    (test_gamma_gamma_refuses_free_purchases_and_too_few_buyers, (models.fit_gamma_gamma,
                                                                  models.GammaGammaFit)),
    (test_fit_sbg_bad_survival, (models.fit_sbg,)),
    (test_fit_years_beyond_the_data, (models.fit_sbg, models.constant_retention_projection)),
    (test_constant_retention_bad_horizon, (models.constant_retention_projection,)),
    (test_bad_times, (models.BGNBDFit, _checks.require_times, _checks.require_time)),
    (test_sbg_methods_bad_horizon, (models.SBGFit,)),
    (test_sbg_projection_and_summary_methods_bad_tables, (models.SBGFit, models.BGNBDFit,
                                                          models.GammaGammaFit)),
    (test_not_a_fit, (models.customer_lifetime_value, models.tracking_table,
                      models.conditional_expectations_by_frequency, models.holdout_errors)),
    (test_bad_time_unit, (models.repeat_summary, models.calibration_holdout_summary,
                          models.tracking_table)),
    (test_holdout_must_follow_calibration, (models.calibration_holdout_summary,
                                            models.tracking_table)),
    (test_summaries_refuse_missing_ids_and_dates_and_late_ends, (models.repeat_summary,
                                                                 models.tracking_table)),
    (test_holdout_durations_must_agree, (models.conditional_expectations_by_frequency,
                                         models.holdout_errors)),
]  # fmt: skip

globals().update(coverage_tests(models, checks_by_name(TARGETS, SPECIFIC_TESTS), globals()))
