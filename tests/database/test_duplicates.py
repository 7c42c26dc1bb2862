"""crmkit.database.duplicates: the same customer entered twice."""

from __future__ import annotations

import pytest
from crmkit import data, database

from tests.database.tables import raw_record, raw_table


def test_find_duplicates_needs_name_and_a_contact() -> None:
    raw = raw_table(
        raw_record("C01", name="Li Na", phone="+86 138 0000 0001", email="li@example.net"),
        raw_record("X01", name="LI NA.", phone="138-0000-0001", email=""),  # name + phone
        raw_record("X02", name="li  na", phone="", email="LI@EXAMPLE.NET"),  # name + email
        raw_record("C02", name="Li Na", phone="+86 139 0000 0002", email="other@example.net"),
        raw_record("C03", name="Wu Bo", phone="+86 138 0000 0001", email="wu@example.net"),
    )
    found = database.find_duplicates(raw)
    assert found["record_id"].tolist() == ["X01", "X02"]
    assert found["duplicate_of"].tolist() == ["C01", "C01"]
    assert found["matched_on"].tolist() == ["phone", "email"]


def test_find_duplicates_chains_and_survivor() -> None:
    # X2 shares only a phone with X1, and X1 only an email with C1: one customer, three records.
    raw = raw_table(
        raw_record("X1", phone="+86 138 0000 0009", email="a@example.net"),
        raw_record("C1", phone="+86 138 0000 0001", email="A@example.net"),
        raw_record("X2", phone="138-0000-0009", email="b@example.net"),
    )
    found = database.find_duplicates(raw)
    assert set(found["record_id"]) == {"X1", "X2"}
    assert set(found["duplicate_of"]) == {"C1"}
    assert "chain" in set(found["matched_on"])


def test_find_duplicates_none() -> None:
    raw = raw_table(raw_record("C01"), raw_record("C02", name="Wu Bo"))
    assert database.find_duplicates(raw).empty


def test_find_duplicates_rejects_repeated_ids() -> None:
    raw = raw_table(raw_record("C01"), raw_record("C01"))
    with pytest.raises(ValueError, match="record_id"):
        database.find_duplicates(raw)


def test_course_duplicates_are_exactly_the_x_records() -> None:
    raw = data.load_customers_raw()
    found = database.find_duplicates(raw)
    planted = set(raw.loc[raw["record_id"].str.startswith("X"), "record_id"])
    assert set(found["record_id"]) == planted
    assert not found["duplicate_of"].str.startswith("X").any()
