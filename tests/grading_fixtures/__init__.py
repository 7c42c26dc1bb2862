"""Helpers for the grading tests: notebooks built on the fly, a fake chapter 99.

Nothing here is a stored notebook: every submission the tests grade is written
into ``tmp_path`` by :mod:`grading_fixtures.builders`.
"""
