"""Communicating well inside and outside the firm: the rules, the stakeholders, the wording.

**Internal communication** follows rules by direction (:data:`INTERNAL_RULES`): upward (to a
manager), downward (to a team) and lateral (between departments). **External communication**
reaches the stakeholders of :data:`STAKEHOLDERS`. **Blame-free wording**: say what is needed
next, not what the customer did wrong ("this form still needs a few details" rather than "you
filled this in wrong"). :func:`blame_flags` screens text for the usual blaming phrases: a quick
screen that points at sentences to reread, not a judge of tone.
"""

from __future__ import annotations

import re

import pandas as pd

from crmkit._validate import require_series

INTERNAL_RULES = {
    "report_early": (
        "upward",
        "report problems and progress early, before the manager hears it elsewhere",
    ),
    "report_unasked": ("upward", "report without waiting to be asked"),
    "bring_options": ("upward", "bring options and a recommendation, not an open question"),
    "confirm_instructions": ("upward", "repeat an instruction back to confirm it was understood"),
    "one_order_at_a_time": ("downward", "give one instruction at a time, with its priority"),
    "proper_channels": (
        "downward",
        "instruct through the proper line, not around a team's own manager",
    ),
    "ask_for_feedback": ("downward", "ask whether the instruction is clear and workable"),
    "cooperate": (
        "lateral",
        "share information and help other departments, and feed back what happened",
    ),
}
"""Rules of internal communication: rule -> (direction, what it asks)."""
STAKEHOLDERS = {
    "shareholders": "results, plans and risks, honestly and on time",
    "suppliers_distributors": "forecasts, quality problems and payment, as partners",
    "community": "the firm's place in its neighbourhood: events, jobs, care for the environment",
    "media": "news and, in a crisis, fast and truthful statements",
    "government": "compliance, permits, food-safety records",
    "social_groups": "associations and consumer groups: listen and take part",
}
"""Who external communication reaches, and about what."""
TOOLS = {
    "letter": "a personal letter or card: slow, but it is kept and reread",
    "phone_survey": "a short phone survey: fast answers, and a voice the customer hears",
    "online_exchange": "WeChat groups, forums and web forms: many customers at once, both ways",
    "face_to_face": "a visit or interview: the deepest understanding, at the highest cost",
}
"""Tools of customer communication."""
BLAME_PATTERNS = (
    r"\byou (?:did not|didn't|forgot|failed|never|should have|must have|have to|need to)\b",
    r"\byou (?:filled|entered|wrote|read|chose|ordered|sent)\b[^.]*\bwrong",
    r"\byour (?:mistake|fault|error|problem|responsibility)\b",
    r"\bas (?:i|we) (?:already )?(?:said|told you|explained)\b",
    r"\b(?:obviously|clearly you)\b",
    r"\bit is not our (?:fault|problem|responsibility)\b",
)
"""What blaming wording looks like: regular expressions searched in lower-case text."""


def blame_flags(messages: pd.Series) -> pd.DataFrame:
    """Screen messages for blaming phrases (:data:`BLAME_PATTERNS`).

    Returns a DataFrame indexed like ``messages`` with ``blaming`` (True when a pattern is
    found) and ``phrase`` (the first blaming phrase found, or "").

    >>> flags = blame_flags(pd.Series({"a": "You filled this in wrong.",
    ...     "b": "This form still needs a few details."}))
    >>> flags["blaming"].tolist(), flags.loc["a", "phrase"]
    ([True, False], 'you filled this in wrong')
    """
    messages = require_series(messages, "messages", "one message per row", allow_missing=False)
    if not (pd.api.types.is_string_dtype(messages) or pd.api.types.is_object_dtype(messages)):
        raise TypeError(f"messages must hold text, but its type is {messages.dtype}.")
    if not messages.map(lambda text: isinstance(text, str)).all():
        raise TypeError("messages must hold text in every row.")
    pattern = re.compile("|".join(f"(?:{p})" for p in BLAME_PATTERNS))
    matches = [pattern.search(text.lower()) for text in messages]
    phrase = pd.Series(
        [m.group(0) if m else "" for m in matches], index=messages.index, dtype="str"
    )
    return pd.DataFrame({"blaming": phrase.ne(""), "phrase": phrase}, index=messages.index)
