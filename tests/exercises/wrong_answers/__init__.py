"""Realistic wrong answers to every graded exercise, one file per chapter (``chNN.py``).

Each chapter file defines ``wrong_answers() -> dict[str, list[Wrong]]``: for each
exercise id, at least four wrong answers computed the way a student making that
slip would compute them. ``tests/exercises/test_wrong_answers.py`` checks that
every one is refused, measures how many get a message that names the mistake
(at least 90% per chapter), and that no feedback gives the answer away.
"""
