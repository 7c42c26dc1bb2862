"""Auditing the raw customer export: every data-quality problem, one row per record and problem.

:func:`audit_customers` finds the problems (duplicates, missing contacts,
impossible dates and birth years, inconsistent spellings, ids that point
nowhere); :func:`audit_summary` counts them. The cleaning that repairs them is
:mod:`crmkit.database.cleaning`.
"""

from __future__ import annotations

import pandas as pd

from crmkit._validate import require_frame, require_timestamp
from crmkit.database._records import (
    RecordRows,
    birth_years,
    house_spellings,
    orphan_teams,
    parse_dates,
)
from crmkit.database.duplicates import find_duplicates
from crmkit.vocabulary import AS_OF, COMPANY_START

_AUDITED_COLUMNS = (
    "record_id", "segment", "name", "business_type", "city", "signup_date", "team_id",
    "referred_by", "birth_year", "email", "phone",
)  # fmt: skip
"""The columns of the raw export the audit reads."""

_FINDING_COLUMNS = ["record_id", "problem", "column", "value", "detail"]

_PROBLEMS = (
    "duplicate", "missing_contact", "impossible_date", "impossible_birth_year",
    "inconsistent_category", "orphan_id",
)  # fmt: skip
"""The problems, in the order the findings list them."""


class _Findings(RecordRows):
    """The audit's findings about the records of ``text`` (the export as text)."""

    def __init__(self, text: pd.DataFrame) -> None:
        super().__init__()
        self.text = text

    def found(self, mask: pd.Series, problem: str, column: str, detail: pd.Series | str) -> None:
        """A ``problem`` in ``column`` of the records ``mask`` selects, with its ``detail``."""
        self.add(
            self.text["record_id"],
            mask,
            problem=problem,
            column=column,
            value=self.text[column],
            detail=detail,
        )


def audit_customers(raw: pd.DataFrame, teams: pd.DataFrame, as_of: object = AS_OF) -> pd.DataFrame:
    """Every data-quality problem in the raw customer export, one row per record and problem.

    Columns: ``record_id``, ``problem``, ``column``, ``value`` (as found) and
    ``detail``. The problems looked for:

    * ``duplicate``: the same customer as another record (:func:`find_duplicates`);
    * ``missing_contact``: no email, or no phone;
    * ``impossible_date``: a signup date that is not a real date, before the
      company opened (2022-01-01) or after ``as_of``;
    * ``impossible_birth_year``: a birth year that makes the customer older than
      100 or younger than 16 at ``as_of``;
    * ``inconsistent_category``: segment, business type or city not written the
      house way (a known variant, a capital, a stray space);
    * ``orphan_id``: a team_id not in ``teams``, or a referred_by that is no record.

    >>> raw = pd.DataFrame({"record_id": ["C1", "C2"], "segment": ["consumer", "Consumer"],
    ...     "name": ["Li Na", "Wu Bo"], "business_type": ["", ""], "city": ["Beijing", "Peking"],
    ...     "signup_date": ["2024-05-01", "2026-13-01"], "team_id": ["T06", "T09"],
    ...     "referred_by": ["", "C7"], "birth_year": ["1990", "1890"],
    ...     "email": ["li.na@example.net", ""], "phone": ["+86 138 0000 0001", ""]})
    >>> teams = pd.DataFrame({"team_id": ["T06"]})
    >>> audit_customers(raw, teams)["problem"].value_counts().sort_index().to_dict()
    {'impossible_birth_year': 1, 'impossible_date': 1, 'inconsistent_category': 2, 'missing_contact': 2, 'orphan_id': 2}
    """
    require_frame(raw, "raw", list(_AUDITED_COLUMNS))
    require_frame(teams, "teams", ["team_id"])
    as_of = require_timestamp(as_of, "as_of")
    raw = raw.reset_index(drop=True)
    findings = _Findings(raw.astype("string").fillna(""))
    _find_duplicates(findings, raw)
    _find_missing_contacts(findings)
    _find_impossible_values(findings, as_of)
    _find_inconsistent_categories(findings)
    _find_orphan_ids(findings, teams)
    return _in_problem_order(findings.parts)


def _find_duplicates(findings: _Findings, raw: pd.DataFrame) -> None:
    ids = findings.text["record_id"]
    duplicates = find_duplicates(raw)
    dup = ids.isin(duplicates["record_id"])
    repeats = ids.map(
        dict(zip(duplicates["record_id"], duplicates["duplicate_of"], strict=True))
    ).astype("string")
    on = ids.map(dict(zip(duplicates["record_id"], duplicates["matched_on"], strict=True)))
    findings.found(
        dup,
        "duplicate",
        "record_id",
        "same customer as " + repeats + " (same name and " + on.astype("string") + ")",
    )


def _find_missing_contacts(findings: _Findings) -> None:
    text = findings.text
    findings.found(text["email"].str.strip().eq(""), "missing_contact", "email", "no email")
    findings.found(text["phone"].str.strip().eq(""), "missing_contact", "phone", "no phone")


def _find_impossible_values(findings: _Findings, as_of: pd.Timestamp) -> None:
    text = findings.text
    signup = parse_dates(text["signup_date"])
    not_a_date = signup.isna() & text["signup_date"].ne("")
    findings.found(not_a_date, "impossible_date", "signup_date", "not a real date")
    before = signup < COMPANY_START
    findings.found(before, "impossible_date", "signup_date", "before the company opened")
    findings.found(signup > as_of, "impossible_date", "signup_date", "in the future")
    bad_year = birth_years(text, as_of)[1]
    findings.found(bad_year, "impossible_birth_year", "birth_year", "age below 16 or above 100")


def _find_inconsistent_categories(findings: _Findings) -> None:
    text = findings.text
    for column, canonical in house_spellings(text):
        differs = text[column].ne("") & (canonical.fillna("") != text[column])
        should = "should read " + canonical.fillna("?")
        findings.found(differs, "inconsistent_category", column, should)


def _find_orphan_ids(findings: _Findings, teams: pd.DataFrame) -> None:
    text = findings.text
    findings.found(orphan_teams(text, teams), "orphan_id", "team_id", "no such team")
    unknown = text["referred_by"].ne("") & ~text["referred_by"].isin(set(text["record_id"]))
    findings.found(unknown, "orphan_id", "referred_by", "no such customer")


def _in_problem_order(parts: list[pd.DataFrame]) -> pd.DataFrame:
    """The findings as one table, by problem (in the order of ``_PROBLEMS``), column, record."""
    if not parts:
        return pd.DataFrame({name: pd.Series(dtype="string") for name in _FINDING_COLUMNS})
    result = pd.concat(parts, ignore_index=True)[_FINDING_COLUMNS].astype("string")
    order = {name: k for k, name in enumerate(_PROBLEMS)}
    result = result.assign(_order=result["problem"].map(order)).sort_values(
        ["_order", "column", "record_id"], kind="stable"
    )
    return result.drop(columns="_order").reset_index(drop=True)


def audit_summary(findings: pd.DataFrame) -> pd.DataFrame:
    """Count the audit's findings per problem and column, with up to three example values.

    >>> findings = pd.DataFrame({"record_id": ["C1", "C2"], "problem": ["orphan_id"] * 2,
    ...     "column": ["team_id"] * 2, "value": ["T09", "T09"], "detail": ["no such team"] * 2})
    >>> audit_summary(findings)
         problem   column  records examples
    0  orphan_id  team_id        2      T09
    """
    require_frame(findings, "findings", ["record_id", "problem", "column", "value"])
    if findings.empty:
        return pd.DataFrame(
            {
                "problem": pd.Series(dtype="string"),
                "column": pd.Series(dtype="string"),
                "records": pd.Series(dtype="int64"),
                "examples": pd.Series(dtype="string"),
            }
        )
    grouped = findings.astype({"problem": "string", "column": "string"}).groupby(
        ["problem", "column"], sort=False
    )
    summary = grouped.agg(
        records=("record_id", "nunique"),
        examples=(
            "value",
            lambda v: ", ".join(
                repr(x) if x != x.strip() or x == "" else x for x in pd.unique(v.astype(str))[:3]
            ),
        ),
    ).reset_index()
    summary["records"] = summary["records"].astype("int64")
    summary["examples"] = summary["examples"].astype("string")
    return summary
