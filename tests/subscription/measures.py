"""The planted effects of the coworking company, measured on its tables.

Used by test_planted_effects.py and to write the figures in the instructors'
section of datasets/coworking/README.md (run this file: it prints them).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from crmkit.retention.models import constant_retention_projection, fit_sbg

FIT_MONTHS = 12
SLOW_DAYS = 5.0
LARGE_SEATS = 12


def founding_survival(periods: pd.DataFrame) -> pd.Series:
    """Members of the opening cohort (January 2023) still paying at the start of month 0, 1, ..."""
    first = periods[(periods["spell"] == 1)]
    start = first.groupby("member_id")["month"].min()
    founders = start[start == start.min()].index
    paid = first[first["member_id"].isin(founders)].groupby("member_id").size()
    months = np.arange(int(paid.max()))
    # alive at the start of month t = paid for more than t months (the last month may be open)
    return pd.Series([(paid > t).sum() for t in months], index=pd.Index(months, name="month"))


def sbg_vs_constant(periods: pd.DataFrame) -> dict[str, float]:
    """Fit sBG and a constant rate on months 1-12 of the founding cohort; mean error on 13-35."""
    survival = founding_survival(periods)
    horizon = survival.index[-1]
    fit = fit_sbg(survival, fit_years=FIT_MONTHS)
    actual = survival / survival.iloc[0]
    sbg = fit.survival(horizon)
    constant = constant_retention_projection(survival, fit_years=FIT_MONTHS, horizon=horizon)
    holdout = actual.index > FIT_MONTHS
    return {
        "cohort": int(survival.iloc[0]),
        "alpha": fit.alpha,
        "beta": fit.beta,
        "actual_end": float(actual.iloc[-1]),
        "sbg_end": float(sbg.iloc[-1]),
        "constant_end": float(constant.iloc[-1]),
        "sbg_error": float((sbg[holdout] - actual[holdout]).abs().mean()),
        "constant_error": float((constant[holdout] - actual[holdout]).abs().mean()),
    }


def survival_12(members: pd.DataFrame, periods: pd.DataFrame, by: pd.Series) -> pd.DataFrame:
    """Share of members (joined by December 2024) who paid a 13th month in their first spell, by group."""
    first = periods[periods["spell"] == 1].groupby("member_id").size()
    joined = members[members["join_date"] <= "2024-12-01"].set_index("member_id")
    stayed = first.reindex(joined.index).fillna(0) > 12
    group = by.reindex(joined.index)
    out = pd.DataFrame({"stayed": stayed, "group": group}).groupby("group", observed=True)
    return out["stayed"].agg(["mean", "size"])


def channel_table(members: pd.DataFrame, periods: pd.DataFrame) -> pd.DataFrame:
    """Per channel: members, mean acquisition cost, 12-month survival."""
    by = members.set_index("member_id")["acquisition_channel"].astype(str)
    table = survival_12(members, periods, by).rename(
        columns={"mean": "survival_12", "size": "members"}
    )
    table["acquisition_cost"] = members.groupby("acquisition_channel", observed=True)[
        "acquisition_cost"
    ].mean()
    return table


def slow_ticket_churn(periods: pd.DataFrame, tickets: pd.DataFrame) -> dict[str, float]:
    """Monthly cancellation rate in member-months with a slow ticket (this month or last) vs others."""
    slow = tickets[tickets["resolution_days"] > SLOW_DAYS]
    month = slow["opened_date"].dt.to_period("M").dt.to_timestamp()
    flagged = pd.concat(
        [
            pd.DataFrame({"member_id": slow["member_id"], "month": month}),
            pd.DataFrame(
                {"member_id": slow["member_id"], "month": month + pd.DateOffset(months=1)}
            ),
        ]
    ).drop_duplicates()
    decided = periods[periods["status"] != "active"].merge(
        flagged.assign(slow=True), on=["member_id", "month"], how="left"
    )
    decided["slow"] = decided["slow"].fillna(False).astype(bool)
    rate = decided.groupby("slow")["status"].apply(lambda s: (s == "cancelled").mean())
    return {
        "slow": float(rate[True]),
        "other": float(rate[False]),
        "slow_months": int(decided["slow"].sum()),
    }


def satisfaction_retention(survey: pd.DataFrame, periods: pd.DataFrame) -> pd.DataFrame:
    """Share of respondents still paying in December 2025, 18 months after the survey, by overall score."""
    still = set(periods.loc[periods["month"] == "2025-12-01", "member_id"])
    stayed = survey["member_id"].isin(still)
    return stayed.groupby(survey["overall_satisfaction"]).agg(["mean", "size"])


def account_profit(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Profit per member, 2023-2025: invoices − seat costs − add-on costs − ticket handling − acquisition."""
    members = tables["members"].set_index("member_id")
    cost = tables["plans"].set_index("plan")["cost_per_seat"]
    periods = tables["subscription_periods"]
    seat_cost = (
        (periods["seats"] * periods["plan"].astype(str).map(cost.astype(float)))
        .groupby(periods["member_id"])
        .sum()
    )
    parts = (
        pd.DataFrame(
            {
                "revenue": tables["invoices"].groupby("member_id")["amount"].sum(),
                "seat_cost": seat_cost,
                "addon_cost": tables["addons"].groupby("member_id")["cost"].sum(),
                "support_cost": tables["tickets"].groupby("member_id")["handling_cost"].sum(),
            }
        )
        .reindex(members.index)
        .fillna(0.0)
    )
    parts["acquisition_cost"] = members["acquisition_cost"]
    parts["profit"] = parts["revenue"] - parts[
        ["seat_cost", "addon_cost", "support_cost", "acquisition_cost"]
    ].sum(axis=1)
    parts["seats"] = members["seats"]
    parts["discount_rate"] = members["discount_rate"]
    return parts


def referral_survival(members: pd.DataFrame, periods: pd.DataFrame) -> pd.DataFrame:
    """12-month survival of referred members vs the others."""
    indexed = members.set_index("member_id")
    by = indexed["referred_by"].fillna("").ne("").map({True: "referred", False: "not referred"})
    return survival_12(members, periods, by)


def winback_returns(winback: pd.DataFrame) -> pd.DataFrame:
    """Return rate per offer, and for apology calls to members who left over service."""
    rate = winback.groupby("offer", observed=True)["returned"].agg(["mean", "size"])
    service = winback[
        (winback["offer"] == "apology_call") & (winback["reason_for_leaving"] == "service")
    ]
    rate.loc["apology_call to 'service' leavers"] = [service["returned"].mean(), len(service)]
    return rate


def _pct(x: float) -> str:
    return f"{100 * x:.1f}%"


def _markdown(frame: pd.DataFrame) -> str:
    header = "| " + " | ".join([frame.index.name or "", *frame.columns]) + " |"
    rule = "|" + "---|" * (len(frame.columns) + 1)
    rows = [
        "| " + " | ".join([str(i), *map(str, row)]) + " |"
        for i, row in zip(frame.index, frame.astype(object).to_numpy(), strict=True)
    ]
    return "\n".join([header, rule, *rows])


def readme_figures(tables: dict[str, pd.DataFrame]) -> dict[str, str]:
    """The instructors' figures of datasets/coworking/README.md, as the text written there."""
    members, periods = tables["members"], tables["subscription_periods"]
    sbg = sbg_vs_constant(periods)
    channels = channel_table(members, periods)
    channels = pd.DataFrame(
        {
            "members (joined by Dec 2024)": channels["members"].astype(int),
            "mean acquisition cost (CNY)": channels["acquisition_cost"].round(0).astype(int),
            "still paying after 12 months": channels["survival_12"].map(_pct),
        }
    ).rename_axis("channel")
    slow = slow_ticket_churn(periods, tables["tickets"])
    sat = satisfaction_retention(tables["survey"], periods)
    sat = pd.DataFrame(
        {"respondents": sat["size"].astype(int), "still paying in Dec 2025": sat["mean"].map(_pct)}
    ).rename_axis("overall_satisfaction")
    profit = account_profit(tables)
    large = profit[profit["seats"] >= LARGE_SEATS]
    losing = large[large["profit"] < 0].sort_values("profit")
    losers = pd.DataFrame(
        {
            "seats": losing["seats"].astype(int),
            "discount_rate": losing["discount_rate"],
            "revenue (CNY)": losing["revenue"].round(0).astype(int),
            "support_cost (CNY)": losing["support_cost"].round(0).astype(int),
            "profit (CNY)": losing["profit"].round(0).astype(int),
        }
    ).rename_axis("member_id")
    referral = referral_survival(members, periods)
    wins = winback_returns(tables["winback"])
    wins = pd.DataFrame(
        {"contacted": wins["size"].astype(int), "returned": wins["mean"].map(_pct)}
    ).rename_axis("offer")
    return {
        "sbg": (
            f"Founding cohort: **{sbg['cohort']}** members. sBG fitted on months 1-{FIT_MONTHS}: "
            f"alpha = **{sbg['alpha']:.2f}**, beta = **{sbg['beta']:.2f}**. Still paying at the "
            f"start of month 35: actual **{_pct(sbg['actual_end'])}**, sBG **{_pct(sbg['sbg_end'])}**, "
            f"constant retention rate **{_pct(sbg['constant_end'])}**. Mean absolute error over "
            f"months {FIT_MONTHS + 1}-35: sBG **{100 * sbg['sbg_error']:.1f}** points, constant rate "
            f"**{100 * sbg['constant_error']:.1f}** points."
        ),
        "channels": _markdown(channels),
        "slow": (
            f"Monthly cancellation rate in the **{slow['slow_months']:,}** member-months with a ticket "
            f"resolved in more than {SLOW_DAYS:.0f} days (that month or the month before): "
            f"**{_pct(slow['slow'])}**; in all other member-months: **{_pct(slow['other'])}**."
        ),
        "satisfaction": _markdown(sat),
        "large": (
            f"**{len(losing)} of the {len(large)}** accounts with {LARGE_SEATS} or more seats lose money "
            f"over 2023-2025 (all members together earn CNY {profit['profit'].sum() / 1e6:.2f} million; "
            f"{int((profit['profit'] < 0).sum())} members lose money):"
        ),
        "losers": _markdown(losers),
        "referral": (
            f"Still paying after 12 months: referred members **{_pct(referral.loc['referred', 'mean'])}** "
            f"(of {int(referral.loc['referred', 'size'])}), the others "
            f"**{_pct(referral.loc['not referred', 'mean'])}** (of {int(referral.loc['not referred', 'size'])})."
        ),
        "winback": _markdown(wins),
    }


if __name__ == "__main__":
    from crmkit import subscription_data

    loaded = {name: subscription_data.load_coworking(name) for name in subscription_data.TABLES}
    for name, text in readme_figures(loaded).items():
        print(f"<!-- {name} -->\n{text}\n")
