"""crmkit.release.placeholders: the line a student gets runs."""

from __future__ import annotations

from tests.release.support import student_code


def test_placeholders_run() -> None:
    """Every placeholder is valid Python that runs (tuple shapes unpack)."""
    source = (
        "# BEGIN SOLUTION\n(a, b), [c] = pairs\n# END SOLUTION\n"
        "# BEGIN SOLUTION\nfirst, *rest = items\n# END SOLUTION\n"
        "low = high = 0  # SOLUTION\nprint(x)  # SOLUTION"
    )
    namespace: dict[str, object] = {}
    exec(student_code(source), namespace)
    assert namespace["a"] is namespace["c"] is namespace["first"] is Ellipsis
    assert namespace["rest"] == [Ellipsis]
