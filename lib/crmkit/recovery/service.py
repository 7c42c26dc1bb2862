"""Service recovery (服务补救) and the book's three measures for keeping customers from leaving.

A failed service handled well can leave the customer more attached than before. The book's
four steps, in order (:data:`RECOVERY_STEPS`): feel the customer's emotion, apologise, take
responsibility, act at once. :data:`EMOTION_LINE` is the emotion line of a perfect recovery
beside a failed one, an illustration (not data) for the lesson's figure.

The book's three measures for the maintenance phase (:data:`MEASURES`), each as a policy:
make the lost customer pay a price (让流失者付出代价), motivate the waverers
(让三心二意者得到激励), reward the loyal. :data:`MEASURE_POLICIES` sorts example policies.
"""

from __future__ import annotations

import numbers

import pandas as pd

RECOVERY_STEPS = ("feel", "apologise", "take_responsibility", "act_now")
"""The four steps of a service recovery, in order."""
STEP_MEANINGS = {
    "feel": "listen first and name the customer's feeling before any explanation",
    "apologise": "say sorry sincerely, without excuses or blaming the customer",
    "take_responsibility": "own the problem: one person follows it through to the end",
    "act_now": "fix it at once and compensate fittingly, then check the customer is satisfied",
}
"""What each step means in practice."""
EMOTION_LINE = {
    "stage": ["before", "failure", "feel", "apologise", "take_responsibility", "act_now", "after"],
    "perfect": [1.0, -3.0, -2.0, -0.5, 1.0, 2.5, 3.0],
    "failed": [1.0, -3.0, -3.5, -3.0, -3.5, -4.0, -4.5],
}
"""Customer emotion (-5 to +5) along a recovery: a perfect one ends above where it began (the
recovery paradox); a failed one, where each step is skipped or done badly, keeps falling.
An illustration for the figure, not measured data."""
MEASURES = {
    "make_lost_pay": "让流失者付出代价: leaving costs something (lost points, status, a price "
    "or terms that have to be earned again)",
    "motivate_waverers": "让三心二意者得到激励: a customer who hesitates gets a reason to stay "
    "(a fitting offer, attention, a problem solved)",
    "reward_loyal": "reward the loyal: those who stay get more (better terms, service, recognition)",
}
"""The book's three measures for the maintenance phase."""
MEASURE_POLICIES = {
    "points_expire_on_leaving": "make_lost_pay",
    "rejoin_at_entry_terms": "make_lost_pay",
    "call_when_orders_slow": "motivate_waverers",
    "offer_to_price_complainer": "motivate_waverers",
    "tier_upgrade_after_two_years": "reward_loyal",
    "priority_delivery_for_long_standing": "reward_loyal",
}
"""Example policies, each an instance of one of :data:`MEASURES` (exercise 9.9)."""
POLICY_MEANINGS = {
    "points_expire_on_leaving": "loyalty points lapse after six months without an order",
    "rejoin_at_entry_terms": "an account that left returns at new-customer prices and credit terms",
    "call_when_orders_slow": "the account manager calls when an account's orders slow down",
    "offer_to_price_complainer": "a customer who questions the price gets a tailored offer",
    "tier_upgrade_after_two_years": "two years of steady orders move an account up a tier",
    "priority_delivery_for_long_standing": "long-standing customers get priority delivery",
}
"""What each example policy does."""


def emotion_table(line: dict[str, list[object]] | None = None) -> pd.DataFrame:
    """The emotion line as a table: one row per stage, one column per line of levels.

    ``line`` is a dict with ``stage`` (the stages, in order) and one list of emotion levels per
    line, each with one number per stage (default :data:`EMOTION_LINE`, an illustration). The
    last row, ``change``, is the last level minus the first: above 0, the customer ends up more
    attached than before the failure.

    >>> emotion_table().loc[["failure", "after", "change"]]
             perfect  failed
    stage
    failure     -3.0    -3.0
    after        3.0    -4.5
    change       2.0    -5.5
    """
    line = EMOTION_LINE if line is None else line
    if not isinstance(line, dict) or "stage" not in line or len(line) < 2:
        raise TypeError("line must be a dict with 'stage' and at least one list of levels.")
    stages = line["stage"]
    if not isinstance(stages, list | tuple) or len(stages) < 2:
        raise ValueError("line: 'stage' must be a list of at least two stages.")
    levels = {name: values for name, values in line.items() if name != "stage"}
    for name, values in levels.items():
        if not isinstance(values, list | tuple) or len(values) != len(stages):
            raise ValueError(f"line: {name!r} must have one level per stage ({len(stages)}).")
        if not all(isinstance(v, numbers.Real) and not isinstance(v, bool) for v in values):
            raise TypeError(f"line: the levels of {name!r} must be numbers.")
    table = pd.DataFrame(levels, index=pd.Index([str(stage) for stage in stages], name="stage"))
    table = table.astype("float64")
    table.loc["change"] = table.iloc[-1] - table.iloc[0]
    return table
