"""The ``crmkit`` command: ``crmkit release``, ``grade``, ``autograder``, ``data``, ``guide``.

Each subcommand lives in its own module, which provides two functions:
``add_arguments(parser)`` and ``run(args) -> int`` (the exit status). The
modules are imported only when their subcommand runs, so ``crmkit --help``
is fast.
"""

from __future__ import annotations

import argparse
import importlib
import sys

SUBCOMMANDS = {
    "release": ("crmkit.release", "write the student notebooks (notebooks/) from solutions/"),
    "grade": ("crmkit.grading", "grade a folder of submitted notebooks"),
    "autograder": (
        "crmkit.grading.autograder",
        "build a Gradescope autograder zip for one chapter",
    ),
    "data": (
        "crmkit.synth.subscription.command",
        "regenerate the course companies' CSV files in datasets/ (and datasets/coworking/)",
    ),
    "guide": ("crmkit.guide.command", "write the instructor guide (docs/) from the lessons"),
}


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The argument parser; only the chosen subcommand's module is imported.

    >>> build_parser().parse_args(["data"]).command
    'data'
    """
    parser = argparse.ArgumentParser(
        prog="crmkit", description="Tools for the hands-on CRM course."
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (module_name, help_text) in SUBCOMMANDS.items():
        sub_parser = sub.add_parser(name, help=help_text, description=help_text)
        if name == command:
            importlib.import_module(module_name).add_arguments(sub_parser)
        sub_parser.set_defaults(_module=module_name)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run ``crmkit`` with ``argv`` (default: the command line); returns the exit status."""
    argv = sys.argv[1:] if argv is None else list(argv)
    command = next((arg for arg in argv if not arg.startswith("-")), None)
    parser = build_parser(command if command in SUBCOMMANDS else None)
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 2
    module = importlib.import_module(args._module)
    try:
        return int(module.run(args) or 0)
    except KeyboardInterrupt:
        print("Interrupted.", file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
