"""The data generator's own parameters follow the course vocabulary (crmkit.synth).

The generator draws in the order of the vocabulary's names, so each parameter table must
name exactly the vocabulary's names, in the same order: otherwise the draws (and the
committed data) change. Regeneration itself is checked in test_regeneration.py.
"""

from __future__ import annotations

import pytest
from crmkit import synth, vocabulary
from crmkit.synth import names, raw


@pytest.mark.parametrize(
    ("table", "names_in_order"),
    [
        (synth.CHANNEL_PARAMETERS, vocabulary.CONSUMER_CHANNELS),
        (synth.METHOD_PARAMETERS, vocabulary.PROSPECTING_METHODS),
        (synth.TYPE_TRAITS, vocabulary.BUSINESS_TYPES),
        (synth.COMPLAINT_PARAMETERS, vocabulary.COMPLAINT_CATEGORIES),
        (synth.SURVEY_PROFILE, vocabulary.SURVEY_COMPONENTS),
        (synth.CATEGORY_MIX, ("consumer", *vocabulary.BUSINESS_TYPES)),
        (names.TYPE_WORDS, vocabulary.BUSINESS_TYPES),
    ],
    ids=[
        "channels",
        "methods",
        "business_types",
        "complaints",
        "survey",
        "category_mix",
        "type_words",
    ],
)
def test_parameters_are_keyed_by_the_vocabulary_in_order(table: dict, names_in_order) -> None:
    assert tuple(table) == tuple(names_in_order)


def test_every_business_type_has_raw_spellings() -> None:
    assert set(raw.TYPE_VARIANTS) == set(vocabulary.BUSINESS_TYPES)


def test_category_mix_has_a_share_per_category() -> None:
    assert sorted(synth.CATEGORIES) == sorted(set(synth.make_products()["category"]))
    assert all(len(shares) == len(synth.CATEGORIES) for shares in synth.CATEGORY_MIX.values())


def test_the_course_calendar_is_still_importable_from_synth() -> None:
    assert synth.SEED == 20220101
    assert synth.START == vocabulary.COMPANY_START
    assert synth.AS_OF == vocabulary.AS_OF
    assert synth.CHINESE_NEW_YEAR == vocabulary.CHINESE_NEW_YEAR
    assert synth.MID_AUTUMN == vocabulary.MID_AUTUMN


def test_all_names_exist() -> None:
    missing = [name for name in synth.__all__ if not hasattr(synth, name)]
    assert not missing
