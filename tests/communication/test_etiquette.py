"""crmkit.communication.etiquette: the rules, and the blame screen on the lesson's phrases."""

from __future__ import annotations

import pandas as pd
from crmkit import communication


def test_rules_have_a_direction_each() -> None:
    directions = {side for side, _ in communication.INTERNAL_RULES.values()}
    assert directions == {"upward", "downward", "lateral"}
    assert len(communication.STAKEHOLDERS) == 6 and len(communication.TOOLS) == 4


def test_blame_flags_by_hand() -> None:
    flags = communication.blame_flags(
        pd.Series(
            [
                "You didn't give us your door number.",
                "As I already told you, we close at six.",
                "Please note that it is your responsibility to check the invoice.",
                "Could you tell me the door number? Then the courier can deliver today.",
                "Thank you for telling us; we will correct it right away.",
            ]
        )
    )
    assert flags["blaming"].tolist() == [True, True, True, False, False]
    assert flags.loc[0, "phrase"] == "you didn't" and flags.loc[4, "phrase"] == ""
