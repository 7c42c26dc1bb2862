"""Chapter 09's figures: reasons for leaving, the warnings as forecasts, lead times, the offers
with their intervals, small failures adding up, the emotion line of a recovery, and a plan.

Each function draws inside ``course_style()`` and returns its matplotlib Axes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from crmkit._validate import require_amount, require_axes, require_frame, require_numeric
from crmkit.recovery.service import emotion_table
from crmkit.recovery.signals import RULES
from crmkit.style import PALETTE, course_style, new_axes

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes


def _rows(table: object, argument: str, columns: list[str], source: str) -> pd.DataFrame:
    """A table with these numeric columns and at least one row."""
    require_numeric(table, argument, columns)
    if table.empty:
        raise ValueError(f"{argument} has no rows: pass the table from {source}.")
    return table


def leaving_reasons(shares: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """Grouped bars: the share of lost customers giving each reason, one colour per group.

    ``shares`` is ``recovery.reason_shares`` (its ``fault`` column marks the firm's reasons).

    >>> shares = pd.DataFrame({"business": [0.6, 0.4], "consumer": [0.3, 0.7],
    ...     "fault": ["firm", "market"]}, index=["poor_service", "price"])
    >>> len(leaving_reasons(shares).patches)
    4
    """
    require_frame(shares, "shares", ["fault"])
    groups = [column for column in shares.columns if column != "fault"]
    _rows(shares, "shares", groups, "recovery.reason_shares")
    require_axes(ax)
    labels = [
        f"{reason} (firm)" if fault == "firm" else str(reason)
        for reason, fault in shares["fault"].items()
    ]
    width = 0.8 / max(len(groups), 1)
    with course_style():
        ax = new_axes(ax)
        for k, group in enumerate(groups):
            ax.barh(np.arange(len(shares)) + k * width, shares[group].to_numpy(dtype=float),
                    height=width, color=PALETTE[k % len(PALETTE)], label=str(group))  # fmt: skip
        ax.set_yticks(np.arange(len(shares)) + width * (len(groups) - 1) / 2, labels)
        ax.invert_yaxis()
        ax.xaxis.set_major_formatter(lambda value, _: f"{value:.0%}")
        ax.set_xlabel("Share of lost customers")
        ax.legend(loc="lower right")
        ax.set_title("Why lost customers say they left")
    return ax


def warning_scores(accuracy: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """Precision and recall of each warning rule, with the base rate as a dashed line.

    ``accuracy`` is ``recovery.warning_accuracy``.

    >>> accuracy = pd.DataFrame({"precision": [0.5, 0.3], "recall": [0.4, 0.6],
    ...     "base_rate": [0.25, 0.25]}, index=["stopped", "any"])
    >>> len(warning_scores(accuracy).patches)
    4
    """
    accuracy = _rows(accuracy, "accuracy", ["precision", "recall", "base_rate"],
                     "recovery.warning_accuracy")  # fmt: skip
    require_axes(ax)
    positions = np.arange(len(accuracy))
    with course_style():
        ax = new_axes(ax)
        for k, (column, colour) in enumerate((("precision", PALETTE[0]), ("recall", PALETTE[1]))):
            bars = ax.bar(positions + (k - 0.5) * 0.38, accuracy[column].fillna(0).to_numpy(),
                          width=0.38, color=colour, label=column)  # fmt: skip
            ax.bar_label(bars, fmt="{:.0%}", fontsize=8, padding=2)
        base = float(accuracy["base_rate"].iloc[0])
        ax.axhline(base, color=PALETTE[7], linestyle="--", linewidth=1)
        ax.annotate(f"base rate {base:.0%}", (positions[-1] + 0.45, base), ha="right",
                    va="bottom", fontsize=9)  # fmt: skip
        ax.set_xticks(positions, [str(rule) for rule in accuracy.index])
        ax.yaxis.set_major_formatter(lambda value, _: f"{value:.0%}")
        ax.set_ylim(0, 1)
        ax.legend(loc="upper left")
        ax.set_title("Warnings as forecasts of leaving within 180 days")
    return ax


def lead_times(leads: pd.DataFrame, rule: str = "any", ax: Axes | None = None) -> Axes:
    """A histogram of the days from a lost account's first warning to its last order.

    ``leads`` is ``recovery.warning_lead_times``; ``rule`` picks the column. Bars right of 0
    are warnings that came before the last order.

    >>> leads = pd.DataFrame({"customer_id": ["A", "B", "C"], "any": [120.0, -30.0, None]})
    >>> lead_times(leads).get_xlabel()
    'Days from the first warning to the last order (negative: after it)'
    """
    if rule not in (*RULES, "any"):
        raise ValueError(f"rule must be one of {', '.join((*RULES, 'any'))}, not {rule!r}.")
    require_frame(leads, "leads", ["customer_id", rule])
    require_numeric(leads, "leads", [rule])
    require_axes(ax)
    days = leads[rule].dropna().to_numpy(dtype=float)
    with course_style():
        ax = new_axes(ax)
        if len(days):
            ax.hist(days, bins=np.arange(-210, 420, 30), color=PALETTE[0], edgecolor="white")
        ax.axvline(0, color=PALETTE[3], linewidth=1.5)
        ax.set_xlabel("Days from the first warning to the last order (negative: after it)")
        ax.set_ylabel("Lost accounts")
        ax.set_title(
            f"Lead time of the first warning ({rule}); never warned: {int(leads[rule].isna().sum())}"
        )
    return ax


def offer_intervals(
    economics: pd.DataFrame, column: str = "response_rate", ax: Axes | None = None
) -> Axes:
    """Each group's response rate (or expected value) as a point with its interval.

    ``economics`` is ``recovery.campaign_economics``; ``column`` is ``response_rate``
    (interval ``response_low``-``response_high``) or ``expected_value`` (``value_low``-
    ``value_high``). A two-level index is drawn as "group / offer".

    >>> table = pd.DataFrame({"response_rate": [0.1, 0.3], "response_low": [0.05, 0.2],
    ...     "response_high": [0.2, 0.4]}, index=["none", "apology_call"])
    >>> offer_intervals(table).get_yticklabels()[1].get_text()
    'apology_call'
    """
    bounds = {"response_rate": ("response_low", "response_high"),
              "expected_value": ("value_low", "value_high")}  # fmt: skip
    if column not in bounds:
        raise ValueError(f"column must be 'response_rate' or 'expected_value', not {column!r}.")
    economics = _rows(economics, "economics", [column, *bounds[column]],
                      "recovery.campaign_economics")  # fmt: skip
    require_axes(ax)
    low, high = (economics[name].to_numpy(dtype=float) for name in bounds[column])
    value = economics[column].to_numpy(dtype=float)
    labels = [
        " / ".join(map(str, key)) if isinstance(key, tuple) else str(key) for key in economics.index
    ]
    with course_style():
        ax = new_axes(ax)
        levels = np.arange(len(economics))
        ax.errorbar(value, levels, xerr=[value - low, high - value], fmt="o", color=PALETTE[0],
                    ecolor=PALETTE[4], capsize=3)  # fmt: skip
        ax.set_yticks(levels, labels)
        ax.invert_yaxis()
        if column == "response_rate":
            ax.xaxis.set_major_formatter(lambda number, _: f"{number:.0%}")
            ax.set_xlabel("Came back (95% Wilson interval)")
        else:
            ax.axvline(0, color=PALETTE[3], linewidth=1)
            ax.set_xlabel("Expected value per contact, CNY (95% bootstrap interval)")
        ax.set_title("The win-back offers, with their uncertainty")
    return ax


def small_failures(streaks: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """The share of customers lost by their number of complaints, with intervals.

    ``streaks`` is ``recovery.complaint_streaks``.

    >>> streaks = pd.DataFrame({"lost_share": [0.25, 0.4], "lower": [0.2, 0.3],
    ...     "upper": [0.3, 0.5]}, index=["0", "3+"])
    >>> len(small_failures(streaks).patches)
    2
    """
    streaks = _rows(
        streaks, "streaks", ["lost_share", "lower", "upper"], "recovery.complaint_streaks"
    )
    require_axes(ax)
    share = streaks["lost_share"].to_numpy(dtype=float)
    with course_style():
        ax = new_axes(ax)
        labels = [str(label) for label in streaks.index]
        ax.bar(labels, share, color=PALETTE[0],
               yerr=[share - streaks["lower"].to_numpy(dtype=float),
                     streaks["upper"].to_numpy(dtype=float) - share],
               ecolor=PALETTE[7], capsize=4)  # fmt: skip
        ax.yaxis.set_major_formatter(lambda value, _: f"{value:.0%}")
        ax.set_xlabel("Complaints made")
        ax.set_ylabel("Share lost")
        ax.set_title("Do small failures add up? Customers lost by complaints made")
    return ax


def emotion_line(line: dict[str, list[object]] | None = None, ax: Axes | None = None) -> Axes:
    """The emotion line of a recovery: the customer's feeling step by step, perfect and failed.

    ``line`` is a dict with ``stage`` and one list of emotion levels per line (default
    ``recovery.EMOTION_LINE``, an illustration).

    >>> [text.get_text() for text in emotion_line().get_legend().get_texts()]
    ['perfect', 'failed']
    """
    table = emotion_table(line).drop(index="change")
    require_axes(ax)
    stages = list(table.index)
    levels = {name: table[name].to_numpy() for name in table.columns}
    with course_style():
        ax = new_axes(ax)
        for k, (name, values) in enumerate(levels.items()):
            ax.plot(stages, np.asarray(values, dtype=float), marker="o", color=PALETTE[[2, 3, 0][k % 3]],
                    label=name)  # fmt: skip
        ax.axhline(0, color=PALETTE[7], linewidth=0.8)
        ax.set_ylabel("Customer emotion (illustration)")
        ax.tick_params(axis="x", rotation=20)
        ax.legend(loc="lower left")
        ax.set_title("The emotion line of a service recovery")
    return ax


def plan_chart(plan: pd.DataFrame, budget: float | None = None, ax: Axes | None = None) -> Axes:
    """Expected value per group of a targeting plan, labelled with each group's offer.

    ``plan`` is ``recovery.plan_return`` (its ``total`` row goes into the title, with the
    ``budget`` in CNY when it is given).

    >>> plan = pd.DataFrame({"offer": ["apology_call", "skip", ""], "cost": [270.0, 0.0, 270.0],
    ...     "expected_value": [230.0, 0.0, 230.0]}, index=["service", "gone", "total"])
    >>> len(plan_chart(plan).patches)
    2
    """
    require_frame(plan, "plan", ["offer", "cost", "expected_value"])
    plan = _rows(plan, "plan", ["cost", "expected_value"], "recovery.plan_return")
    require_axes(ax)
    budget = None if budget is None else require_amount(budget, "budget")
    groups = plan.drop(index="total", errors="ignore")
    total = plan.loc["total"] if "total" in plan.index else groups.sum(numeric_only=True)
    values = groups["expected_value"].to_numpy(dtype=float)
    with course_style():
        ax = new_axes(ax)
        labels = [f"{group}\n{offer}" for group, offer in groups["offer"].items()]
        bars = ax.bar(labels, values, color=[PALETTE[2] if v >= 0 else PALETTE[3] for v in values])
        ax.bar_label(bars, labels=[f"{v:,.0f}" for v in values], padding=2, fontsize=9)
        ax.axhline(0, color=PALETTE[7], linewidth=0.8)
        ax.set_ylabel("Expected value, CNY")
        spend = f"budget {budget:,.0f} CNY, " if budget is not None else ""
        ax.set_title(
            f"Plan: {spend}cost {total['cost']:,.0f} CNY, "
            f"expected value {total['expected_value']:,.0f} CNY"
        )
    return ax
