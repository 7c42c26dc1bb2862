"""crmkit.database's face: its __init__ re-exports the whole public API of its concept files."""

from __future__ import annotations

from crmkit import database, vocabulary

from tests.bad_input_support import package_modules

#: Every public name crmkit.database had when it was one file (the notebooks and the exercises
#: use them as ``database.<name>``).
PUBLIC_NAMES = """
AS_OF BUSINESS_TYPES BUSINESS_TYPE_ALIASES CHANGE_COLUMNS CITY_ALIASES COMPANY_START
DEFAULT_RULES DatabaseExistsError INDEXES_SQL LOOKALIKE_SQL PERSONAL_COLUMNS QueryError
RAW_COLUMNS SCHEMA_SQL SEGMENTS SEGMENT_ALIASES SPEND_CROSSINGS_SQL SURVEY_SCORES VIEWS_SQL
WARNINGS account_for_records account_history audit_customers audit_summary
behind_plan_warnings build_database buying_intervals clean_customers connect connect_readonly
course_database credit_warnings customer_profiles expense_warnings find_duplicates
format_phone list_tables lookalike_targets normalise_email normalise_name normalise_phone
normalise_text order_gaps plan_progress pseudonymise receivables run_query
set_warning_settings spend_crossings stopped_ordering_warnings warning_list weekly_warnings
""".split()


def test_all_lists_every_public_name() -> None:
    assert sorted(database.__all__) == sorted(PUBLIC_NAMES)
    for name in database.__all__:
        assert hasattr(database, name), name


def test_every_public_name_of_a_concept_file_is_exported() -> None:
    for module in package_modules(database):
        short = module.__name__.rsplit(".", 1)[-1]
        if short.startswith("_") or short in ("plots", "widgets"):  # loaded only when drawn
            continue
        for name, value in vars(module).items():
            if not name.startswith("_") and getattr(value, "__module__", None) == module.__name__:
                assert getattr(database, name) is value, f"{module.__name__}.{name}"


def test_course_vocabulary_is_shared() -> None:
    assert database.COMPANY_START is vocabulary.COMPANY_START
    assert database.SEGMENTS is vocabulary.SEGMENTS
    assert database.BUSINESS_TYPES is vocabulary.BUSINESS_TYPES


def test_errors_are_named_where_learners_import_them() -> None:
    assert database.QueryError.__module__ == "crmkit.database"
    assert database.DatabaseExistsError.__module__ == "crmkit.database"
    assert issubclass(database.QueryError, ValueError)
    assert issubclass(database.DatabaseExistsError, FileExistsError)
