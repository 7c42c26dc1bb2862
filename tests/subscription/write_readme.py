"""Fill the figures into datasets/coworking/README.md: ``python -m tests.subscription.write_readme``.

Each ``<!-- figure: name -->`` line is followed by the figure's text from
measures.readme_figures; the text that was there before (up to the next blank
line after the figure) is replaced.
"""

from __future__ import annotations

import re
from pathlib import Path

from crmkit import subscription_data

from tests.subscription.measures import readme_figures

README = Path(__file__).resolve().parents[2] / "datasets" / "coworking" / "README.md"


def filled(text: str, figures: dict[str, str]) -> str:
    """``text`` with each marked figure (re)written."""
    out, position = [], 0
    for match in re.finditer(r"<!-- figure: (\w+) -->\n", text):
        out.append(text[position : match.end()])
        rest = text[match.end() :]
        if rest.startswith("\n") or rest.startswith("<!--") or rest.startswith("#"):
            skip = 0
        else:
            skip = rest.find("\n\n") + 1 if "\n\n" in rest else len(rest)
        out.append(figures[match.group(1)] + "\n")
        position = match.end() + skip
    out.append(text[position:])
    return "".join(out)


if __name__ == "__main__":
    tables = {name: subscription_data.load_coworking(name) for name in subscription_data.TABLES}
    README.write_text(
        filled(README.read_text(encoding="utf-8"), readme_figures(tables)), encoding="utf-8"
    )
    print(f"wrote the figures into {README}")
