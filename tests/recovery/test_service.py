"""crmkit.recovery.service: the recovery steps, the emotion line and the three measures."""

from __future__ import annotations

from crmkit import recovery


def test_the_steps_and_their_meanings() -> None:
    assert recovery.RECOVERY_STEPS == ("feel", "apologise", "take_responsibility", "act_now")
    assert set(recovery.STEP_MEANINGS) == set(recovery.RECOVERY_STEPS)


def test_a_perfect_recovery_ends_higher_than_it_began() -> None:
    line = recovery.EMOTION_LINE
    assert line["stage"][0] == "before" and line["stage"][1] == "failure"
    assert line["perfect"][-1] > line["perfect"][0] > line["perfect"][1]
    assert line["failed"][-1] < line["failed"][1]


def test_every_policy_is_one_of_the_three_measures() -> None:
    assert set(recovery.MEASURE_POLICIES.values()) == set(recovery.MEASURES)
    assert set(recovery.POLICY_MEANINGS) == set(recovery.MEASURE_POLICIES)
    assert "让流失者付出代价" in recovery.MEASURES["make_lost_pay"]
    assert "让三心二意者得到激励" in recovery.MEASURES["motivate_waverers"]


def test_emotion_table_adds_the_change() -> None:
    table = recovery.emotion_table({"stage": ["before", "after"], "ok": [1, 3]})
    assert table["ok"].tolist() == [1.0, 3.0, 2.0]
    assert table.index.tolist() == ["before", "after", "change"]
