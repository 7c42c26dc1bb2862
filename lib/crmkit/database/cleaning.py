"""Cleaning the raw customer export, with a log of every change, and reconciling the records.

:func:`clean_customers` repairs what :mod:`crmkit.database.audit` finds, in
four steps (merge duplicates, standardise spellings, repair impossible values,
repair ids that point nowhere), and logs each change;
:func:`account_for_records` checks that no record went missing on the way.
"""

from __future__ import annotations

import pandas as pd

from crmkit._validate import require_dates, require_frame, require_timestamp
from crmkit.database._records import (
    RecordRows,
    birth_years,
    house_spellings,
    orphan_teams,
    parse_dates,
)
from crmkit.database.duplicates import find_duplicates
from crmkit.database.normalise import format_phone, normalise_email
from crmkit.database.schema import RAW_COLUMNS
from crmkit.vocabulary import AS_OF, COMPANY_START

CHANGE_COLUMNS = ["record_id", "action", "column", "old", "new", "reason"]


class _ChangeLog(RecordRows):
    """The cleaning's changes, one row per record and change (columns :data:`CHANGE_COLUMNS`)."""

    def log(
        self,
        text: pd.DataFrame,
        mask: object,
        action: str,
        column: str,
        old: pd.Series,
        new: pd.Series | str,
        reason: str,
    ) -> None:
        """``column`` of the records of ``text`` that ``mask`` selects changes from old to new."""
        self.add(
            text["record_id"], mask, action=action, column=column, old=old, new=new, reason=reason
        )

    def blank(
        self,
        text: pd.DataFrame,
        mask: object,
        column: str,
        reason: str,
        old: pd.Series | None = None,
    ) -> None:
        """``column`` of the selected records is set to missing: it cannot be right and cannot
        be repaired (``old``: what it held, if not ``text[column]``)."""
        old = text[column] if old is None else old
        self.log(text, mask, "blanked", column, old, "", reason)


def clean_customers(
    raw: pd.DataFrame,
    teams: pd.DataFrame,
    order_lines: pd.DataFrame | None = None,
    as_of: object = AS_OF,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Clean the raw customer export; return ``(customers, changes)``.

    ``customers`` has the columns and types of the course's customers table
    (``record_id`` becomes ``customer_id``). ``changes`` is the change log:
    one row per value changed or record merged, with columns ``record_id``,
    ``action``, ``column``, ``old``, ``new`` and ``reason``. Actions:

    * ``merged``: a duplicate record (see :func:`find_duplicates`) folded into
      the surviving record (``new``). It is the only way a record leaves, and
      each one is logged; referrals to it are redirected to the survivor.
    * ``filled``: a survivor's empty email or phone taken from its duplicate;
      an impossible signup date replaced by the customer's first order date
      (when ``order_lines`` is given).
    * ``standardised``: segment, business type, city, name spacing, email case
      or phone format rewritten the house way.
    * ``blanked``: a value that cannot be right and cannot be repaired (an
      impossible birth year, a team or referrer that does not exist, an
      impossible date without order history) set to missing.

    Missing emails and phones stay missing: cleaning cannot invent them.

    >>> raw = pd.DataFrame({"record_id": ["C1", "X1"], "segment": ["consumer", "Consumer"],
    ...     "name": ["Li Na", "LI NA."], "business_type": ["", ""], "region": ["North"] * 2,
    ...     "city": ["Beijing", "Peking"], "signup_date": ["2024-05-01", "2024-05-01"],
    ...     "acquisition_channel": ["referral"] * 2, "acquisition_cost": ["40.0"] * 2,
    ...     "team_id": ["T06"] * 2, "referred_by": ["", ""], "credit_limit": ["", ""],
    ...     "payment_terms_days": ["", ""], "employees": ["", ""], "birth_year": ["1990", "1990"],
    ...     "email": ["", "LI.NA@EXAMPLE.NET"], "phone": ["+86 138 0000 0001", "138-0000-0001"]})
    >>> customers, changes = clean_customers(raw, pd.DataFrame({"team_id": ["T06"]}))
    >>> customers[["customer_id", "email"]]
      customer_id                email
    0          C1  li.na@example.net
    >>> changes[["record_id", "action", "column", "new"]]
      record_id        action     column                new
    0        X1        merged  record_id                 C1
    1        C1        filled      email  LI.NA@EXAMPLE.NET
    2        C1  standardised      email  li.na@example.net
    """
    require_frame(raw, "raw", list(RAW_COLUMNS))
    require_frame(teams, "teams", ["team_id"])
    as_of = require_timestamp(as_of, "as_of")
    first_order = None
    if order_lines is not None:
        require_frame(order_lines, "order_lines", ["customer_id", "order_date"])
        require_dates(order_lines, "order_lines", ["order_date"])
        first_order = order_lines.groupby("customer_id")["order_date"].min()
    text = raw[list(RAW_COLUMNS)].astype("string").fillna("").reset_index(drop=True)
    changes = _ChangeLog()
    text, survivor_of = _merge_duplicates(text, changes)
    _standardise(text, changes)
    signup = _repair_signup_dates(text, first_order, as_of, changes)
    year = _blank_birth_years(text, as_of, changes)
    _repair_orphan_ids(text, teams, survivor_of, changes)
    return _customers_table(text, signup, year), _change_table(changes.parts)


def _merge_duplicates(
    text: pd.DataFrame, changes: _ChangeLog
) -> tuple[pd.DataFrame, dict[str, str]]:
    """Fold each duplicate into its survivor, keeping the survivor's values and filling its
    empty contacts from the duplicate. Returns the survivors and who survives each duplicate."""
    ids = text["record_id"]
    duplicates = find_duplicates(text)
    survivor_of = dict(zip(duplicates["record_id"], duplicates["duplicate_of"], strict=True))
    is_dup = ids.isin(survivor_of.keys())
    changes.log(
        text,
        is_dup,
        "merged",
        "record_id",
        ids,
        ids.map(survivor_of),
        "duplicate of another record (same name and phone or email)",
    )
    for column in ("email", "phone"):
        donor = (
            text[is_dup & text[column].ne("")]
            .assign(survivor=lambda d: d["record_id"].map(survivor_of))
            .drop_duplicates("survivor")
            .set_index("survivor")[column]
        )
        fill = ~is_dup & text[column].eq("") & ids.isin(donor.index)
        new = ids.map(donor).astype("string")
        changes.log(
            text, fill, "filled", column, text[column], new, "taken from its duplicate record"
        )
        text.loc[fill, column] = new[fill]
    return text[~is_dup].reset_index(drop=True), survivor_of


def _standardise(text: pd.DataFrame, changes: _ChangeLog) -> None:
    """Rewrite names, emails, phones and categories the house way (in place)."""
    name = text["name"].str.strip().str.replace(r"\s+", " ", regex=True)
    _rewrite(text, changes, "name", name, "extra spaces removed")
    _rewrite(
        text, changes, "email", normalise_email(text["email"]).fillna(""), "emails are lower case"
    )
    phone = format_phone(text["phone"]).fillna("")
    bad_phone = text["phone"].ne("") & phone.eq("")
    changes.log(
        text,
        phone.ne(text["phone"]) & ~bad_phone,
        "standardised",
        "phone",
        text["phone"],
        phone,
        "house format +86 1xx xxxx xxxx",
    )
    changes.blank(text, bad_phone, "phone", "not a mobile number")
    text["phone"] = phone
    for column, canonical in house_spellings(text):
        new = canonical.fillna("")
        changed = text[column].ne("") & new.ne(text[column])
        unknown = text[column].ne("") & canonical.isna()
        changes.log(
            text, changed & ~unknown, "standardised", column, text[column], new, "house spelling"
        )
        changes.log(text, unknown, "blanked", column, text[column], new, "unknown category")
        text[column] = new


def _rewrite(
    text: pd.DataFrame, changes: _ChangeLog, column: str, new: pd.Series, reason: str
) -> None:
    """Replace ``column`` by its house form ``new``, logging the values that change."""
    changes.log(text, new != text[column], "standardised", column, text[column], new, reason)
    text[column] = new


def _repair_signup_dates(
    text: pd.DataFrame, first_order: pd.Series | None, as_of: pd.Timestamp, changes: _ChangeLog
) -> pd.Series:
    """The signup dates, an impossible one replaced by the customer's first order date (when
    known) or else missing."""
    signup = parse_dates(text["signup_date"])
    impossible = text["signup_date"].ne("") & (
        signup.isna() | (signup < COMPANY_START) | (signup > as_of)
    )
    impossible |= text["signup_date"].eq("")
    if first_order is not None:
        recovered = pd.Series(
            first_order.reindex(text["record_id"].to_numpy()).to_numpy(), index=text.index
        ).astype("datetime64[s]")
        can_fill = impossible & recovered.notna()
        changes.log(
            text,
            can_fill,
            "filled",
            "signup_date",
            text["signup_date"],
            recovered.dt.strftime("%Y-%m-%d"),
            "impossible date; the first order's date used instead",
        )
        signup = signup.mask(can_fill, recovered)
        impossible &= ~can_fill
    changes.blank(text, impossible, "signup_date", "impossible date")
    return signup.mask(impossible)


def _blank_birth_years(text: pd.DataFrame, as_of: pd.Timestamp, changes: _ChangeLog) -> pd.Series:
    """The birth years, the impossible ones missing."""
    year, bad_year = birth_years(text, as_of)
    changes.blank(text, bad_year, "birth_year", "age below 16 or above 100")
    return year.mask(bad_year)


def _repair_orphan_ids(
    text: pd.DataFrame, teams: pd.DataFrame, survivor_of: dict[str, str], changes: _ChangeLog
) -> None:
    """Blank unknown teams; point referrals to a merged record at its survivor; blank referrers
    that are no record (in place)."""
    orphan_team = orphan_teams(text, teams)
    changes.blank(text, orphan_team, "team_id", "no such team")
    text.loc[orphan_team, "team_id"] = ""
    referrer = text["referred_by"].map(lambda v: survivor_of.get(v, v)).astype("string")
    redirected = referrer.ne(text["referred_by"])
    changes.log(
        text,
        redirected,
        "standardised",
        "referred_by",
        text["referred_by"],
        referrer,
        "referrer was merged",
    )
    orphan_ref = referrer.ne("") & ~referrer.isin(set(text["record_id"]))
    changes.blank(text, orphan_ref, "referred_by", "no such customer", old=referrer)
    text["referred_by"] = referrer.mask(orphan_ref, "")


def _customers_table(text: pd.DataFrame, signup: pd.Series, year: pd.Series) -> pd.DataFrame:
    """The cleaned records with the columns and types of the course's customers table."""
    customers = pd.DataFrame(
        {
            "customer_id": text["record_id"],
            "segment": _as_category(text["segment"]),
            "name": _as_string(text["name"]),
            "business_type": _as_category(text["business_type"]),
            "region": _as_category(text["region"].str.strip()),
            "city": _as_category(text["city"]),
            "signup_date": signup.astype("datetime64[s]"),
            "acquisition_channel": _as_category(text["acquisition_channel"].str.strip()),
            "acquisition_cost": pd.to_numeric(text["acquisition_cost"].replace("", None)).astype(
                "float64"
            ),
            "team_id": _as_string(text["team_id"]),
            "referred_by": _as_string(text["referred_by"]),
            "credit_limit": _as_int(text["credit_limit"]),
            "payment_terms_days": _as_int(text["payment_terms_days"]),
            "employees": _as_int(text["employees"]),
            "birth_year": year.astype("Float64").astype("Int64"),
            "email": _as_string(text["email"]),
            "phone": _as_string(text["phone"]),
        }
    )
    return customers.sort_values("customer_id", key=_id_order).reset_index(drop=True)


def _change_table(parts: list[pd.DataFrame]) -> pd.DataFrame:
    """The change log as one table of text (empty text, not missing, for no value)."""
    changes = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=CHANGE_COLUMNS)
    changes = changes[CHANGE_COLUMNS].astype("string")
    changes["old"] = changes["old"].fillna("")
    changes["new"] = changes["new"].fillna("")
    return changes.reset_index(drop=True)


def _id_order(ids: pd.Series) -> pd.Series:
    """Sort B ids before C ids before others, each in id order (like the course tables)."""
    first = ids.str[0].map({"B": "0", "C": "1"}).fillna("2")
    return first + ids


def _as_string(values: pd.Series) -> pd.Series:
    return values.mask(values.eq("")).astype("string")


def _as_category(values: pd.Series) -> pd.Series:
    return values.mask(values.eq("")).astype("string").astype("category")


def _as_int(values: pd.Series) -> pd.Series:
    return pd.to_numeric(values.replace("", None)).astype("Float64").astype("Int64")


def account_for_records(
    raw: pd.DataFrame, customers: pd.DataFrame, changes: pd.DataFrame
) -> pd.Series:
    """Reconcile a cleaning: records in = records kept + records merged (nothing unaccounted).

    Returns a Series with ``records_in``, ``kept``, ``merged`` and
    ``unaccounted`` (must be 0: a raw record that is neither kept nor logged as merged).

    >>> raw = pd.DataFrame({"record_id": ["C1", "X1", "C2"]})
    >>> customers = pd.DataFrame({"customer_id": ["C1"]})
    >>> changes = pd.DataFrame({"record_id": ["X1"], "action": ["merged"]})
    >>> account_for_records(raw, customers, changes).to_dict()
    {'records_in': 3, 'kept': 1, 'merged': 1, 'unaccounted': 1}
    """
    require_frame(raw, "raw", ["record_id"])
    require_frame(customers, "customers", ["customer_id"])
    require_frame(changes, "changes", ["record_id", "action"])
    records = set(raw["record_id"].astype("string"))
    kept = records & set(customers["customer_id"].astype("string"))
    merged = records & set(
        changes.loc[changes["action"].astype("string") == "merged", "record_id"].astype("string")
    )
    return pd.Series(
        {
            "records_in": len(records),
            "kept": len(kept),
            "merged": len(merged - kept),
            "unaccounted": len(records - kept - merged),
        },
        dtype="int64",
    )
