"""The capstone company (datasets/coworking/): regeneration, checksums, schema, twin, README, effects.

The planted effects are measured with tests/subscription/measures.py; the README's
instructors' figures must be exactly what those measures give on the committed files.
"""

from __future__ import annotations

import argparse
import hashlib
import re
from pathlib import Path

import pandas as pd
import pytest
from crmkit import cli, subscription_data
from crmkit.checksums import DataChecksumError
from crmkit.grading.twin import make_coworking_twin
from crmkit.synth import subscription
from crmkit.synth.subscription import command

from tests.subscription import measures
from tests.subscription.write_readme import filled

FOLDER = Path(__file__).resolve().parents[2] / "datasets" / "coworking"


def read_sums(path: Path) -> dict[str, str]:
    return {
        name: digest for digest, name in (line.split() for line in path.read_text().splitlines())
    }


@pytest.fixture(scope="module")
def tables() -> dict[str, pd.DataFrame]:
    return {name: subscription_data.load_coworking(name) for name in subscription_data.TABLES}


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    folder = tmp_path_factory.mktemp("coworking")
    return folder, command.write_coworking(folder)


# --------------------------------------------------------------------------- files


def test_every_csv_is_listed_and_matches() -> None:
    sums = read_sums(FOLDER / "SHA256SUMS")
    assert (
        set(sums)
        == {p.name for p in FOLDER.glob("*.csv")}
        == {f"{name}.csv" for name in subscription.TABLES}
    )
    for name, digest in sums.items():
        assert hashlib.sha256((FOLDER / name).read_bytes()).hexdigest() == digest, name


def test_regeneration_is_byte_identical(regenerated: tuple[Path, dict[str, str]]) -> None:
    folder, sums = regenerated
    assert sums == read_sums(FOLDER / "SHA256SUMS")
    assert (folder / "SHA256SUMS").read_bytes() == (FOLDER / "SHA256SUMS").read_bytes()
    differ = [n for n in sums if (folder / n).read_bytes() != (FOLDER / n).read_bytes()]
    assert not differ, f"regenerating gives other bytes for {differ}: run `make data`"


def test_another_seed_gives_other_data() -> None:
    assert not subscription.generate(7)["members"].equals(subscription.generate()["members"])


def test_crmkit_data_writes_the_coworking_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`crmkit data` runs the combined command; the tea part is tested in tests/data."""
    monkeypatch.setattr(command, "run_tea", lambda args: 0)
    assert cli.SUBCOMMANDS["data"][0] == "crmkit.synth.subscription.command"
    assert cli.main(["data", "--out", str(tmp_path)]) == 0
    assert read_sums(tmp_path / "coworking" / "SHA256SUMS") == read_sums(FOLDER / "SHA256SUMS")
    args = cli.build_parser("data").parse_args(["data", "--coworking-seed", "5"])
    assert args.coworking_seed == 5 and args.seed == 20220101


def test_twin_is_another_seed_and_loads(tmp_path: Path) -> None:
    used = make_coworking_twin(tmp_path, subscription.SEED)  # the course's seed is never used
    assert used != subscription.SEED
    twin = tmp_path / "coworking"
    assert read_sums(twin / "SHA256SUMS") != read_sums(FOLDER / "SHA256SUMS")
    members = subscription_data.load_coworking("members", twin)
    assert len(members) == 1500 and list(members.columns) == list(
        subscription_data.SCHEMAS["members"]
    )


# --------------------------------------------------------------------------- schema


def test_loaders_give_the_schema(tables: dict[str, pd.DataFrame]) -> None:
    for name, frame in tables.items():
        assert list(frame.columns) == list(subscription_data.SCHEMAS[name]), name
    assert tables["members"]["join_date"].dtype == "datetime64[s]"
    assert isinstance(tables["subscription_periods"]["status"].dtype, pd.CategoricalDtype)
    loaders = {
        "members": subscription_data.load_members,
        "plans": subscription_data.load_plans,
        "subscription_periods": subscription_data.load_subscription_periods,
        "invoices": subscription_data.load_invoices,
        "addons": subscription_data.load_addons,
        "tickets": subscription_data.load_tickets,
        "survey": subscription_data.load_survey,
        "referrals": subscription_data.load_referrals,
        "winback": subscription_data.load_winback,
    }
    assert set(loaders) == set(subscription_data.TABLES)
    for name, loader in loaders.items():
        pd.testing.assert_frame_equal(loader(), tables[name])


def test_tables_fit_together(tables: dict[str, pd.DataFrame]) -> None:
    ids = set(tables["members"]["member_id"])
    for name in ("subscription_periods", "invoices", "addons", "tickets", "survey", "winback"):
        assert set(tables[name]["member_id"]) <= ids, name
    periods, invoices = tables["subscription_periods"], tables["invoices"]
    assert len(invoices) == len(periods)
    assert not periods.duplicated(["member_id", "month"]).any()
    assert periods["month"].between("2023-01-01", "2025-12-01").all()
    assert (periods.loc[periods["month"] == "2025-12-01", "status"] == "active").all()
    assert (
        (
            invoices["amount"]
            - (invoices["plan_fee"] - invoices["discount"] + invoices["addon_fee"])
        ).abs()
        < 0.01
    ).all()
    members = tables["members"].set_index("member_id")
    first = periods[periods["spell"] == 1].groupby("member_id")["month"].min()
    assert (first == members["join_date"].reindex(first.index)).all()
    referred = members["referred_by"].notna()
    assert (referred == (members["acquisition_channel"] == "referral")).all()
    joined = tables["referrals"].dropna(subset=["referred_member_id"])
    assert set(joined["referred_member_id"]) == set(members.index[referred])
    survey = tables["survey"]
    assert survey["overall_satisfaction"].between(1, 5).all()
    assert survey["likelihood_to_recommend"].between(0, 10).all()
    back = tables["winback"]
    assert (back["returned"] == back["return_month"].notna()).all()


def test_readme_row_counts(tables: dict[str, pd.DataFrame]) -> None:
    text = (FOLDER / "README.md").read_text(encoding="utf-8")
    for name, frame in tables.items():
        row = re.search(rf"^\| \[{name}\.csv\]\(#{name}\) \| .* \| ([\d,]+) \|$", text, re.M)
        assert row is not None and int(row.group(1).replace(",", "")) == len(frame), name
    kinds = tables["members"]["member_type"].value_counts()
    assert f"{kinds['individual']:,} individuals, {kinds['company']:,} company accounts" in text


def test_readme_figures_are_what_the_data_gives(tables: dict[str, pd.DataFrame]) -> None:
    text = (FOLDER / "README.md").read_text(encoding="utf-8")
    assert filled(text, measures.readme_figures(tables)) == text, (
        "datasets/coworking/README.md has stale figures: run `python -m tests.subscription.write_readme`"
    )
    assert text.count("<!-- figure:") == len(measures.readme_figures(tables))


# --------------------------------------------------------------------------- planted effects


def test_sbg_projects_better_than_one_retention_rate(tables: dict[str, pd.DataFrame]) -> None:
    result = measures.sbg_vs_constant(tables["subscription_periods"])
    assert result["sbg_error"] < 0.05 < result["constant_error"]
    assert result["constant_error"] > 2 * result["sbg_error"]


def test_social_media_is_cheap_and_churny(tables: dict[str, pd.DataFrame]) -> None:
    channels = measures.channel_table(tables["members"], tables["subscription_periods"])
    social = channels.loc["social_media"]
    others = channels.drop(index="social_media")
    assert social["survival_12"] < others["survival_12"].min() - 0.15
    assert social["acquisition_cost"] < channels.loc["search_ads", "acquisition_cost"] / 2


def test_slow_resolution_drives_cancellation(tables: dict[str, pd.DataFrame]) -> None:
    rates = measures.slow_ticket_churn(tables["subscription_periods"], tables["tickets"])
    assert rates["slow"] > 2 * rates["other"] and rates["slow_months"] > 300


def test_top_box_retains_much_better_than_satisfied(tables: dict[str, pd.DataFrame]) -> None:
    stayed = measures.satisfaction_retention(tables["survey"], tables["subscription_periods"])[
        "mean"
    ]
    assert stayed[5] - stayed[4] > 0.12  # the big step is at the top
    assert abs(stayed[4] - stayed[3]) < stayed[5] - stayed[4]


def test_a_few_large_accounts_lose_money(tables: dict[str, pd.DataFrame]) -> None:
    profit = measures.account_profit(tables)
    large = profit[profit["seats"] >= measures.LARGE_SEATS]
    losing = large[large["profit"] < 0]
    assert 3 <= len(losing) <= len(large) / 2
    assert (
        losing["discount_rate"].mean()
        > profit.loc[profit["seats"] == 1, "discount_rate"].mean() + 0.2
    )
    assert profit["profit"].sum() > 0


def test_referred_members_stay_longer(tables: dict[str, pd.DataFrame]) -> None:
    stayed = measures.referral_survival(tables["members"], tables["subscription_periods"])["mean"]
    assert stayed["referred"] > stayed["not referred"] + 0.08


def test_apology_call_wins_back_service_leavers(tables: dict[str, pd.DataFrame]) -> None:
    rates = measures.winback_returns(tables["winback"])["mean"]
    assert rates["apology_call to 'service' leavers"] > 2 * rates["apology_call"] - 0.02
    assert rates["reminder_email"] < rates["one_month_free"]


# --------------------------------------------------------------------------- bad input


def test_unknown_table_names_the_tables() -> None:
    with pytest.raises(ValueError, match="Did you mean 'members'.*subscription_periods"):
        subscription_data.load_coworking("member")
    with pytest.raises(TypeError, match="table must be a table name"):
        subscription_data.load_coworking(3)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="folder must be a path"):
        subscription_data.load_coworking("members", 3)  # type: ignore[arg-type]


def test_missing_folder_says_how_to_restore(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="members.csv.*git checkout datasets/coworking"):
        subscription_data.load_coworking("members", tmp_path)


def test_damaged_files_are_refused(tmp_path: Path) -> None:
    (tmp_path / "plans.csv").write_text((FOLDER / "plans.csv").read_text()[:-20])
    (tmp_path / "SHA256SUMS").write_text((FOLDER / "SHA256SUMS").read_text())
    with pytest.raises(DataChecksumError, match="plans.csv"):
        subscription_data.load_coworking("plans", tmp_path)
    other = tmp_path / "unchecked"
    other.mkdir()
    (other / "plans.csv").write_text("plan,price_per_seat,cost_per_seat\nhot_desk,,700\n")
    with pytest.raises(ValueError, match="blank required cells on line 2"):
        subscription_data.load_coworking("plans", other)
    (other / "plans.csv").write_text("plan,price_per_seat,cost_per_seat\nhot_desk,cheap,700\n")
    with pytest.raises(ValueError, match="'cheap'"):
        subscription_data.load_coworking("plans", other)
    (other / "plans.csv").write_text("plan,price\nhot_desk,1\n")
    with pytest.raises(ValueError, match="lacks the columns"):
        subscription_data.load_coworking("plans", other)


def test_write_coworking_namespace() -> None:
    parser = argparse.ArgumentParser()
    command.add_arguments(parser)
    assert parser.parse_args(["--out", "x"]).out == "x"
