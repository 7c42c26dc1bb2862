"""crmkit.communication.channels: channel mix, response rates, value groups, channel economics."""

from __future__ import annotations

import pandas as pd
import pytest
from crmkit import communication, data

from tests.communication.tables import communications, profit, rates, response_values


def test_channel_mix_by_hand() -> None:
    mix = communication.channel_mix(communications())
    assert mix.loc[("outbound", "email"), "messages"] == 3
    assert mix.loc[("outbound", "email"), "share"] == 0.5
    assert mix.loc[("inbound", "hotline"), "share"] == 0.5
    assert mix["share"].groupby(level="direction").sum().tolist() == [1.0, 1.0]


def test_response_rates_count_outbound_only() -> None:
    table = communication.response_rates(communications())
    assert table["sent"].to_dict() == {"email": 3, "phone": 2, "sms": 1}
    assert table["rate"].round(4).to_dict() == {"email": 0.3333, "phone": 1.0, "sms": 0.0}
    assert (table["lower"] <= table["rate"]).all() and (table["rate"] <= table["upper"]).all()
    two = communication.response_rates(communications(), ["channel", "purpose"])
    assert two.loc[("email", "care"), "rate"] == 1.0 and two["sent"].sum() == 6


def test_response_rates_refuse_an_outbound_gap() -> None:
    frame = communications()
    frame.loc[0, "responded"] = pd.NA
    with pytest.raises(ValueError, match="responded"):
        communication.response_rates(frame)


def test_value_groups_by_hand() -> None:
    groups = communication.value_groups(profit(), high=0.2, middle=0.4)
    assert groups.tolist() == ["high", "middle", "middle", "low", "low"]
    with pytest.raises(ValueError, match="high"):
        communication.value_groups(profit(), high=0.7, middle=0.5)


def test_channel_economics_and_best_channel_by_hand() -> None:
    table = communication.channel_economics(rates(), response_values())
    phone = table.loc[("high", "phone")]
    assert phone["net_per_contact"] == pytest.approx(0.1 * 500 - 12.0)
    assert phone["cost_per_response"] == pytest.approx(120.0)
    best = communication.best_channel(table)
    assert best.to_dict() == {"high": "phone", "middle": "wechat", "low": "none"}


def test_course_channels() -> None:
    """The lesson's reading: phone is answered most often, SMS and email least."""
    table = communication.response_rates(data.load_communications())
    assert table["rate"].idxmax() == "phone"
    assert table.loc["phone", "lower"] > table.loc["wechat", "upper"]
    assert table.loc["wechat", "lower"] > table.loc["email", "upper"]
