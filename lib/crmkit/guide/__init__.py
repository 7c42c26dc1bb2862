"""The instructor guide (docs/): generated from the lessons and exercise definitions.

* ``chapter``: what a solution notebook says about itself (goals, time, sections,
  written questions, discussion questions): :func:`read_chapter`.
* ``mistakes``: the messages an exercise's diagnoses can show: :func:`diagnosis_messages`.
* ``timing``: a 90-minute class plan and a self-study plan from the chapter's time.
* ``render``: the Markdown pages; ``build``: :func:`build_guide`, :func:`write_guide`,
  :func:`stale_files`; ``command``: ``crmkit guide [--check]``.

Hand-written parts (planted effects, suggested discussion answers) live in
``docs/guide-notes/NN.md`` and are merged in.
"""

from __future__ import annotations

from crmkit.guide.build import build_guide, stale_files, write_guide
from crmkit.guide.chapter import read_chapter
from crmkit.guide.mistakes import diagnosis_messages

__all__ = ["build_guide", "diagnosis_messages", "read_chapter", "stale_files", "write_guide"]
