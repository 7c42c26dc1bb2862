"""Chapter 09, Recovering lost customers: why they leave, early signals, win-back economics,
which lost customers are worth winning back, service recovery and the three measures."""

from __future__ import annotations

from functools import cache
from typing import Any

import pandas as pd

from crmkit import data, recovery
from crmkit.exercises import compare
from crmkit.exercises.alternatives import close_to
from crmkit.exercises.lock import guard_expected
from crmkit.exercises.model import Exercise, Variant

CHAPTER = "09"
SERVICE_REASONS = ("poor_service", "unresolved_problem")
WARNING_DATES = tuple(pd.date_range("2022-12-31", "2024-12-31", freq="ME"))
"""The month ends the lesson runs chapter 04's warnings on (exercise 9.3)."""
EV_CELL = ("price", "discount_20")
"""The group and offer of exercise 9.6."""
STEP_POSITIONS = {step: number for number, step in enumerate(recovery.RECOVERY_STEPS, start=1)}


# --------------------------------------------------------------------------- shared data


@cache
def _winback() -> pd.DataFrame:
    return data.load_winback()


@cache
def _profit_after() -> pd.Series:
    return recovery.profit_after_contact(
        _winback(),
        data.load_customers(),
        data.load_order_lines(),
        data.load_service_events(),
        data.load_invoices(),
        data.load_payments(),
    )


@cache
def _economics(by: tuple[str, ...] = ("reason_group", "offer")) -> pd.DataFrame:
    return recovery.campaign_economics(_winback(), _profit_after(), by=list(by))


def _segment_winback(segment: str) -> pd.DataFrame:
    customers = data.load_customers()
    ids = set(customers.loc[customers["segment"] == segment, "customer_id"].astype("string"))
    return _winback()[_winback()["customer_id"].astype("string").isin(ids)]


@cache
def _accuracy() -> pd.DataFrame:
    customers, lines = data.load_customers(), data.load_order_lines()
    tables = (data.load_invoices(), data.load_payments(), data.load_account_plans())
    history = recovery.warning_history(
        customers, lines, *tables, data.load_service_events(), list(WARNING_DATES)
    )
    outcomes = recovery.leaving_outcomes(customers, lines, list(WARNING_DATES))
    return recovery.warning_accuracy(history, outcomes)


def _cell_rows(group: str | None = "price", offer: str = "discount_20") -> pd.DataFrame:
    """The contacted customers of one group (None: every group) and offer, with their profit."""
    table = _winback().assign(
        group=_winback()["reason_for_leaving"].astype("string").map(recovery.REASON_GROUPS),
        profit=_profit_after().to_numpy(),
    )
    keep = table["offer"].astype("string") == offer
    if group is not None:
        keep &= table["group"] == group
    return table[keep.to_numpy()]


# --------------------------------------------------------------------------- 9.1


def _fault_market_as_firm(answer: Any, expected: Any) -> str | None:
    if isinstance(answer, dict) and "firm" in (answer.get("price"), answer.get("competitor")):
        return (
            "A cheaper rival or a lower price elsewhere is the market's doing: the firm can "
            "answer it, but did not cause it. The firm's fault is what it did badly for this "
            "customer."
        )
    return None


def _fault_service_not_firm(answer: Any, expected: Any) -> str | None:
    if isinstance(answer, dict) and any(
        answer.get(reason) not in (None, "firm") for reason in SERVICE_REASONS
    ):
        return (
            "Poor service and a problem left unresolved are failures of the firm itself: these "
            "are the reasons it can fix, and the customers an apology can win back."
        )
    return None


def _fault_life_as_market(answer: Any, expected: Any) -> str | None:
    if isinstance(answer, dict) and any(
        answer.get(reason) in ("firm", "market") for reason in ("changed_needs", "moved_away")
    ):
        return (
            "Changed needs and moving away belong to the customer's own life: no offer or "
            "apology changes them."
        )
    return None


# --------------------------------------------------------------------------- 9.2


def _expected_fault_share(winback: pd.DataFrame | None = None) -> float:
    table = _winback() if winback is None else winback
    return float(recovery.fault_share(table).iloc[0])


def _fault_count(answer: Any, expected: Any) -> str | None:
    reasons = _winback()["reason_for_leaving"].astype("string")
    if close_to(answer, float(reasons.isin(SERVICE_REASONS).sum())):
        return "That is a number of customers. The question asks for a share (between 0 and 1)."
    return None


def _fault_wrong_reasons(answer: Any, expected: Any) -> str | None:
    reasons = _winback()["reason_for_leaving"].astype("string")
    for reason in SERVICE_REASONS:
        if close_to(answer, float((reasons == reason).mean())):
            return "You counted one of the firm's reasons only. Both service reasons are the firm's fault."
    if close_to(answer, float(reasons.isin((*SERVICE_REASONS, "price", "competitor")).mean())):
        return "You counted price and competitors too: they are the market's doing, not the firm's fault."
    return None


# --------------------------------------------------------------------------- 9.3


def _expected_precision(rule: str = "any") -> float:
    return float(_accuracy().loc[rule, "precision"])


def _precision_is_recall(answer: Any, expected: Any) -> str | None:
    accuracy = _accuracy().loc["any"]
    if close_to(answer, accuracy["recall"], 1e-3):
        return (
            "That is the recall: of the accounts that left, the share that had been flagged. "
            "Precision turns it round: of the accounts flagged, the share that left."
        )
    if close_to(answer, accuracy["flagged_left"] / (accuracy["flagged"] + accuracy["left"]), 1e-3):
        return "Divide the flagged accounts that left by the flagged accounts only."
    return None


def _precision_counts_or_base(answer: Any, expected: Any) -> str | None:
    accuracy = _accuracy().loc["any"]
    if close_to(answer, accuracy["flagged_left"]) or close_to(answer, accuracy["flagged"]):
        return (
            "That is a count of (date, account) pairs. Precision is a share: the flagged pairs "
            "that left divided by all flagged pairs."
        )
    if close_to(answer, accuracy["base_rate"], 1e-3):
        return (
            "That is the base rate: the share of all accounts that left, flagged or not. "
            "Precision looks at the flagged accounts only."
        )
    if close_to(answer, 1 - accuracy["precision"], 1e-3):
        return "That is the share of false alarms among the flagged: the complement of precision."
    return None


# --------------------------------------------------------------------------- 9.4


def _expected_lift(against: str | None = None) -> float:
    return float(recovery.offer_lift(_winback(), against=against).loc["these reasons", "lift"])


def _all_reasons_lift() -> float:
    returned = _winback()["reactivated"].astype(bool)
    apology = _winback()["offer"].astype("string") == "apology_call"
    return float(returned[apology.to_numpy()].mean() - returned[~apology.to_numpy()].mean())


def _lift_inverted(answer: Any, expected: Any) -> str | None:
    if close_to(answer, -expected, 1e-3):
        return (
            "You subtracted the wrong way round: the lift is the apology call's rate minus "
            "the other offers' rate, so it is positive when the call does better."
        )
    return None


def _lift_not_a_difference(answer: Any, expected: Any) -> str | None:
    lift = recovery.offer_lift(_winback()).loc["these reasons"]
    if close_to(answer, lift["with_offer_rate"], 1e-3):
        return (
            "That is the apology call's response rate on its own. The question asks how much "
            "higher it is than with the other offers: subtract their rate."
        )
    if close_to(answer, lift["with_offer_rate"] / lift["compared_rate"], 1e-3):
        return "That is a ratio of the two rates. The question asks for their difference."
    return None


# --------------------------------------------------------------------------- 9.6 (expected value)


def _expected_value(group: str | None = EV_CELL[0]) -> float:
    rows = _cell_rows(group, EV_CELL[1])
    returned = rows["reactivated"].astype(bool)
    return float((rows["profit"].where(returned, 0.0) - rows["contact_cost"]).mean())


def _ev_parts(group: str | None = EV_CELL[0]) -> dict[str, float]:
    rows = _cell_rows(group, EV_CELL[1])
    returned = rows["reactivated"].astype(bool)
    rate = float(returned.mean())
    per_returner = float(rows.loc[returned.to_numpy(), "profit"].mean())
    revenue = float(rows.loc[returned.to_numpy(), "revenue_after"].mean())
    cost, discount = float(rows["contact_cost"].mean()), float(rows["offer_cost"].mean())
    return {
        "rate": rate,
        "profit": per_returner,
        "revenue": revenue,
        "cost": cost,
        "discount": discount,
    }


def _ev_discount_twice(answer: Any, expected: Any) -> str | None:
    parts = _ev_parts()
    if close_to(answer, expected - parts["discount"], 1e-3):
        return (
            "You subtracted the discount as a cost. Its cost is already inside the profit: "
            "the returners' orders brought less revenue because of it. Count it once."
        )
    if close_to(answer, parts["rate"] * parts["revenue"] - parts["cost"], 1e-3):
        return (
            "You used the revenue per returner. A returner is worth the profit their orders "
            "bring (chapter 02), not their revenue."
        )
    return None


def _ev_missing_term(answer: Any, expected: Any) -> str | None:
    parts = _ev_parts()
    if close_to(answer, parts["profit"] - parts["cost"], 1e-3) or close_to(
        answer, parts["profit"], 1e-3
    ):
        return (
            "That is what one returner is worth. Only some of those contacted come back: "
            "multiply by the chance of coming back."
        )
    if close_to(answer, parts["rate"] * parts["profit"], 1e-3):
        return "Every contact costs something, returner or not: subtract the cost per contact."
    return None


# --------------------------------------------------------------------------- 9.7 (worth it)


def _contact(worth: pd.Series) -> dict[str, str]:
    return {str(group): "contact" if flag else "skip" for group, flag in worth.items()}


def _expected_worth() -> dict[str, str]:
    return _contact(recovery.best_offers(_economics())["worth"])


def _worth_every_group(answer: Any, expected: Any) -> str | None:
    if isinstance(answer, dict) and answer and all(v == "contact" for v in answer.values()):
        return (
            "You would contact every group. For some group no offer is expected to bring back "
            "more than the contact costs: skip it and spend the money where it returns."
        )
    if isinstance(answer, dict) and answer and all(v == "skip" for v in answer.values()):
        return (
            "You would skip everyone. Look at each group's best offer: where its expected "
            "value is above 0, contacting pays on average."
        )
    return None


def _worth_lower_bound(answer: Any, expected: Any) -> str | None:
    best = recovery.best_offers(_economics())
    if answer == _contact(best["value_low"] > 0) and answer != expected:
        return (
            "You asked for the whole interval to be above 0. That is a careful rule, but the "
            "question's rule is the expected value itself: contact where it is above 0."
        )
    if answer == _contact(best["response_rate"] >= best["response_rate"].median()):
        return (
            "You judged by the response rate. Judge by the expected value: returns x profit - cost."
        )
    return None


# --------------------------------------------------------------------------- 9.5 (payback)


def _payback_parts(table: pd.DataFrame | None = None) -> dict[str, float]:
    table = _economics(("offer",)) if table is None else table
    return {
        "profit": float((table["profit_per_returner"].fillna(0) * table["returned"]).sum()),
        "cost": float((table["cost_per_contact"] * table["contacted"]).sum()),
        "revenue": float((table["revenue_per_contact"] * table["contacted"]).sum()),
        "discount": float((table["discount_per_contact"] * table["contacted"]).sum()),
    }


def _expected_payback(without_control: bool = False) -> float:
    table = _economics(("offer",))
    parts = _payback_parts(table.drop(index="none") if without_control else table)
    return parts["profit"] / parts["cost"]


def _payback_inverted_or_revenue(answer: Any, expected: Any) -> str | None:
    parts = _payback_parts()
    if close_to(answer, parts["cost"] / parts["profit"], 1e-3):
        return "You divided cost by profit. Payback is profit per CNY spent: profit / cost."
    if close_to(answer, parts["revenue"] / parts["cost"], 1e-3):
        return "You used revenue. The campaign pays back in profit (chapter 02's), not revenue."
    return None


def _payback_discount_counted(answer: Any, expected: Any) -> str | None:
    parts = _payback_parts()
    if close_to(answer, parts["profit"] / (parts["cost"] + parts["discount"]), 1e-3):
        return (
            "You added the discounts to the cost. They are already out of the returners' "
            "profit (their orders brought less revenue): count them once."
        )
    return None


# --------------------------------------------------------------------------- 9.8


def _steps_act_first(answer: Any, expected: Any) -> str | None:
    if isinstance(answer, dict) and answer and all(isinstance(v, str) for v in answer.values()):
        return "Write the positions as numbers (1, 2, 3, 4), not as text in quotes."
    if isinstance(answer, dict) and answer.get("act_now") in (1, 2):
        return (
            "Fixing comes last, not first: a customer who does not feel heard and has not had "
            "an apology takes even a quick fix as being brushed off."
        )
    return None


def _steps_feel_later(answer: Any, expected: Any) -> str | None:
    if isinstance(answer, dict) and answer.get("feel") not in (None, 1):
        return (
            "The recovery starts with the customer's emotion: listen and name the feeling "
            "before any apology or explanation."
        )
    if isinstance(answer, dict) and answer.get("take_responsibility") == 2:
        return "Say sorry before taking the problem over: the apology answers the feeling."
    return None


# --------------------------------------------------------------------------- 9.9


def _measures_waverers_punished(answer: Any, expected: Any) -> str | None:
    waverers = [policy for policy, measure in expected.items() if measure == "motivate_waverers"]
    if isinstance(answer, dict) and any(answer.get(p) == "make_lost_pay" for p in waverers):
        return (
            "A customer who hesitates has not left yet: the measure for them is a reason to "
            "stay, not a price for leaving."
        )
    return None


def _measures_pay_or_reward(answer: Any, expected: Any) -> str | None:
    if not isinstance(answer, dict):
        return None
    for policy, measure in expected.items():
        if {measure, answer.get(policy)} == {"make_lost_pay", "reward_loyal"}:
            return (
                "Rewarding those who stay and making those who leave pay look alike but differ "
                "in who feels it: a price for leaving falls on the one who goes."
            )
    return None


EXERCISES = [
    Exercise(
        id="9.1",
        chapter=CHAPTER,
        title="Whose doing is each reason for leaving?",
        variable="reason_fault",
        points=2,
        expected=lambda: dict(recovery.REASON_FAULT),
        compare=compare.classification("reasons", ("firm", "market", "customer")),
        hints=(
            "Ask of each reason: could the firm have prevented it by doing its own work better?",
            "Three labels: 'firm' (its own failures), 'market' (what rivals and prices do), "
            "'customer' (the customer's own life).",
        ),
        diagnoses=(_fault_service_not_firm, _fault_market_as_firm, _fault_life_as_market),
        section="Why customers leave",
        data_free=True,
    ),
    Exercise(
        id="9.2",
        chapter=CHAPTER,
        title="How many lost customers did the firm drive away?",
        variable="fault_share",
        points=2,
        expected=_expected_fault_share,
        compare=compare.scalar(rel_tol=1e-6),
        hints=(
            "Take every customer of the win-back table and their reason_for_leaving.",
            "Count those whose reason is the firm's fault (9.1) and divide by all of them.",
        ),
        diagnoses=(_fault_count, _fault_wrong_reasons),
        section="Why customers leave",
        variants=(
            Variant(
                "This is the share among business accounts only; the question asks about every "
                "lost customer the campaign contacted.",
                lambda: _expected_fault_share(_segment_winback("business")),
                name="business_only",
            ),
            Variant(
                "This is the share among consumers only; the question asks about every lost "
                "customer the campaign contacted.",
                lambda: _expected_fault_share(_segment_winback("consumer")),
                name="consumers_only",
            ),
        ),
    ),
    Exercise(
        id="9.3",
        chapter=CHAPTER,
        title="How often is a warning right?",
        variable="warning_precision",
        points=3,
        expected=_expected_precision,
        compare=compare.scalar(rel_tol=1e-3),
        hints=(
            "Join the warnings (history) to the outcomes on as_of and customer_id, keeping "
            "every row of outcomes; an account with no row in history was not flagged that day.",
            "Keep the (date, account) pairs flagged by any rule; precision is the share of "
            "them whose 'left' is True.",
        ),
        diagnoses=(_precision_is_recall, _precision_counts_or_base),
        section="Early signals",
        variants=(
            Variant(
                "This is the precision of the stopped-ordering rule alone; the question asks "
                "about a flag from any of the four rules.",
                lambda: _expected_precision("stopped"),
                name="stopped_only",
            ),
            Variant(
                "This is the precision of the behind-plan rule alone; the question asks about a "
                "flag from any of the four rules.",
                lambda: _expected_precision("behind_plan"),
                name="behind_plan_only",
            ),
        ),
    ),
    Exercise(
        id="9.4",
        chapter=CHAPTER,
        title="The apology call for those who left over service",
        variable="apology_lift",
        points=3,
        expected=_expected_lift,
        compare=compare.scalar(rel_tol=1e-3),
        hints=(
            "Keep the customers who left over poor_service or an unresolved_problem.",
            "Among them: the share who came back after an apology call minus the share who came "
            "back after any other offer (including none).",
        ),
        diagnoses=(_lift_inverted, _lift_not_a_difference),
        section="The campaign's economics",
        variants=(
            Variant(
                "This compares the apology call with the other offers over every lost customer; "
                "the question asks about those who left over service.",
                _all_reasons_lift,
                name="all_reasons",
            ),
            Variant(
                "This compares the apology call with no offer only; the question compares it "
                "with every other offer, including none.",
                lambda: _expected_lift(against="none"),
                name="against_none_only",
            ),
        ),
    ),
    Exercise(
        id="9.5",
        chapter=CHAPTER,
        title="Did the campaign pay back?",
        variable="campaign_payback",
        points=2,
        expected=_expected_payback,
        compare=compare.scalar(rel_tol=1e-3),
        hints=(
            "Add up the profit after the contact of every customer who came back, and what the "
            "campaign spent: the contacts and the cash offers (apology calls, gifts).",
            "Payback = the returners' profit / the cost. Discounts are inside the profit already.",
        ),
        diagnoses=(_payback_inverted_or_revenue, _payback_discount_counted),
        section="The campaign's economics",
        variants=(
            Variant(
                "This leaves out the customers contacted without an offer. They were part of the "
                "campaign and cost their contact: count the whole campaign.",
                lambda: _expected_payback(without_control=True),
                name="without_control",
            ),
        ),
    ),
    Exercise(
        id="9.6",
        chapter=CHAPTER,
        title="The expected value of a win-back",
        variable="expected_value",
        points=3,
        expected=_expected_value,
        compare=compare.scalar(rel_tol=1e-3),
        hints=(
            "Keep the customers who left over price and were offered discount_20. Three numbers: "
            "the share who came back, the profit per returner (profit_after), the cost per contact.",
            "expected value = chance of coming back x profit per returner - cost per contact. "
            "A discount's cost is already inside the profit.",
        ),
        diagnoses=(_ev_discount_twice, _ev_missing_term),
        section="Which lost customers are worth winning back",
        variants=(
            Variant(
                "This is the expected value of discount_20 over every lost customer; the "
                "question asks about those who left over price.",
                lambda: _expected_value(None),
                name="every_reason",
            ),
        ),
    ),
    Exercise(
        id="9.7",
        chapter=CHAPTER,
        title="Which lost customers are worth winning back?",
        variable="worth_contacting",
        points=3,
        expected=_expected_worth,
        compare=compare.classification("reason groups", ("contact", "skip")),
        hints=(
            "For each reason group, look at the expected value of every offer in the cells table.",
            "A group is worth contacting when its best offer's expected value is above 0; "
            "otherwise skip it.",
        ),
        diagnoses=(_worth_every_group, _worth_lower_bound),
        section="Which lost customers are worth winning back",
    ),
    Exercise(
        id="9.8",
        chapter=CHAPTER,
        title="The steps of a service recovery",
        variable="recovery_steps",
        points=2,
        expected=lambda: dict(STEP_POSITIONS),
        compare=compare.classification("steps", ("1", "2", "3", "4")),
        hints=(
            "Think of the customer's emotion line: what must happen before they can hear anything else?",
            "Feelings first, then words, then ownership, then deeds.",
        ),
        diagnoses=(_steps_act_first, _steps_feel_later),
        section="Service recovery",
        data_free=True,
    ),
    Exercise(
        id="9.9",
        chapter=CHAPTER,
        title="The three measures as policies",
        variable="policy_measures",
        points=2,
        expected=lambda: dict(recovery.MEASURE_POLICIES),
        compare=compare.classification(
            "policies", ("make_lost_pay", "motivate_waverers", "reward_loyal")
        ),
        hints=(
            "For each policy ask: who feels it - the customer who left, the one who hesitates, "
            "or the one who stays?",
            "A price for leaving falls on those who go; an incentive on those who might; a "
            "reward on those who stayed.",
        ),
        diagnoses=(_measures_waverers_punished, _measures_pay_or_reward),
        section="Keeping customers: the three measures",
        data_free=True,
    ),
]

# In a grading kernel the answer key is locked: the expected-answer functions above refuse
# to run there, whether called through an exercise or directly.
guard_expected(globals())
