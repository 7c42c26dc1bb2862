"""A JupyterLab server for the browser test, started the way ``make lab`` starts it.

It serves a scratch copy of notebooks/ (so nothing the test types or JupyterLab
autosaves reaches the repository) on a free loopback port, with a throwaway
token and its own runtime, config, data and settings folders.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.test_lab_smoke import HOST, Lab, launch_lab

#: JupyterLab settings for the test: no autosave (the copy is thrown away anyway) and no
#: "get notified about Jupyter news?" pop-up over the screenshots.
SETTINGS = {
    "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": {"autosave": False},
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {"fetchNews": "false"},
}


def start_lab(repo_root: Path, env_bin: Path, makefile_text: str, home: Path) -> Lab:
    """Start JupyterLab on a copy of notebooks/ under ``home``; the caller stops it."""
    course = home / "course"
    shutil.copytree(repo_root / "notebooks", course / "notebooks")
    settings = home / "settings"
    for name, values in SETTINGS.items():
        path = settings / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values), encoding="utf-8")
    extra_env = {
        "JUPYTERLAB_SETTINGS_DIR": str(settings),
        "JUPYTERLAB_WORKSPACES_DIR": str(home / "workspaces"),
    }
    return launch_lab(env_bin, makefile_text, home, course, extra_env)


def notebook_url(server: Lab, name: str) -> str:
    """The address that opens notebooks/NAME in JupyterLab, logged in with the token."""
    return f"http://{HOST}:{server.port}/lab/tree/{name}?token={server.token}&reset"
