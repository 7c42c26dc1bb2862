"""Run notebooks top to bottom and store their outputs: ``python -m crmkit.execute``.

``make solutions`` uses this to refresh the outputs stored in ``solutions/``
after the course data or the library changed; ``pytest --nbval`` then
checks that every stored output reproduces. A notebook is written back only
when every cell ran (cells tagged ``raises-exception`` may raise), and the
write is atomic: a failed or interrupted run leaves the file as it was.

Widget state is not stored (its ids change on every run, which would make
every re-run a change in git); the course shows every widget's static
result beside it anyway.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

__all__ = ["execute_notebook", "main"]


def execute_notebook(path: str | Path, timeout: int = 600, kernel_name: str = "python3") -> Any:
    """Execute the notebook at ``path`` in a fresh kernel and save it with its outputs.

    The kernel starts in the notebook's folder. ``timeout`` is the limit for
    one cell, in seconds. Returns the executed notebook. If a cell fails,
    nbclient's ``CellExecutionError`` (which shows the cell and the
    traceback) is raised and the file is not changed.

    >>> import nbformat, tempfile, pathlib
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = pathlib.Path(folder, "demo.ipynb")
    ...     nbformat.write(nbformat.v4.new_notebook(cells=[
    ...         nbformat.v4.new_code_cell("6 * 7")]), path)
    ...     _ = execute_notebook(path, timeout=60)
    ...     print(nbformat.read(path, as_version=4).cells[0].outputs[0]["data"]["text/plain"])
    42
    """
    import nbformat
    from nbclient import NotebookClient

    path = Path(path)
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name=kernel_name,
        resources={"metadata": {"path": str(path.resolve().parent)}},
        record_timing=False,
        # nbclient needs the widget state to route Output-widget messages (with
        # False it fails with a KeyError on the widget's id); the state holds
        # random model ids, so it is dropped before writing.
        store_widget_state=True,
    )
    client.execute()
    nb.metadata.pop("widgets", None)
    _write_atomically(path, nbformat.writes(nb).rstrip("\n") + "\n")
    return nb


def _write_atomically(path: Path, text: str) -> None:
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
        os.chmod(temporary, path.stat().st_mode & 0o7777)  # keep the notebook's permissions
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def main(argv: list[str] | None = None) -> int:
    """Execute each notebook named on the command line; 1 if any failed.

    >>> main([])
    No notebooks given: nothing to execute.
    0
    """
    parser = argparse.ArgumentParser(
        prog="python -m crmkit.execute",
        description="Run notebooks top to bottom and save them with their outputs.",
    )
    parser.add_argument("notebooks", nargs="*", type=Path, help="notebook files (.ipynb)")
    parser.add_argument(
        "--timeout", type=int, default=600, help="seconds allowed per cell (default 600)"
    )
    args = parser.parse_args(argv)
    if not args.notebooks:
        print("No notebooks given: nothing to execute.")
        return 0
    failed = []
    for path in args.notebooks:
        print(f"executing {path} ...", flush=True)
        try:
            execute_notebook(path, timeout=args.timeout)
        except Exception as error:  # report every notebook, then fail
            print(f"FAILED {path}:\n{error}", file=sys.stderr)
            failed.append(path)
    if failed:
        print(f"{len(failed)} notebook(s) failed: {', '.join(map(str, failed))}", file=sys.stderr)
        return 1
    print(f"{len(args.notebooks)} notebook(s) executed and saved.")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
