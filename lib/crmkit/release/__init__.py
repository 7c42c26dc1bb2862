"""Make the student edition of the course: ``crmkit release``.

The complete notebooks in ``solutions/`` are the source of the course. The
student notebooks in ``notebooks/`` are made from them, never edited by hand:

* solution code between ``# BEGIN SOLUTION`` and ``# END SOLUTION`` becomes
  a runnable placeholder, ``NAME = ...  # YOUR CODE HERE``, where NAME is the
  variable the block assigns last (or just ``...  # YOUR CODE HERE`` when
  the block assigns no variable); a single line ending in ``# SOLUTION``
  becomes ``NAME = ...  # YOUR CODE HERE`` the same way;
* a written answer between ``<!-- BEGIN SOLUTION -->`` and
  ``<!-- END SOLUTION -->`` in a markdown cell becomes
  ``*Write your answer here.*``;
* outputs and execution counts are cleared; everything else is kept;
* the other files in ``solutions/`` (a glossary, images...) are copied.

The same input always gives the same bytes, so a test can check that
``notebooks/`` is exactly what release makes (:func:`check_release`).

Where each piece lives: :mod:`~crmkit.release.errors` (:class:`ReleaseError`,
where in a notebook a problem is), :mod:`~crmkit.release.markers` (finding the
solution markers in a cell), :mod:`~crmkit.release.placeholders` (the line that
replaces solution code), :mod:`~crmkit.release.transform` (one notebook's student
edition), :mod:`~crmkit.release.sync` (writing ``notebooks/`` and checking it),
:mod:`~crmkit.release.command` (the ``crmkit release`` command line).

>>> import nbformat
>>> cell = nbformat.v4.new_code_cell(
...     "# BEGIN SOLUTION\\nbest = orders.nlargest(5, 'revenue')\\n# END SOLUTION")
>>> student = release_notebook(nbformat.v4.new_notebook(cells=[cell]))
>>> print(student.cells[0].source)
best = ...  # YOUR CODE HERE
"""

from __future__ import annotations

from crmkit.release.command import add_arguments, run
from crmkit.release.errors import ReleaseError
from crmkit.release.markers import ANSWER_PROMPT
from crmkit.release.placeholders import CODE_PLACEHOLDER
from crmkit.release.sync import IGNORED, check_release, notebook_bytes, read_notebook, release_all
from crmkit.release.transform import ALLOWED_TAGS, release_notebook

__all__ = [
    "ALLOWED_TAGS",
    "ANSWER_PROMPT",
    "CODE_PLACEHOLDER",
    "IGNORED",
    "ReleaseError",
    "add_arguments",
    "check_release",
    "notebook_bytes",
    "read_notebook",
    "release_all",
    "release_notebook",
    "run",
]
