"""`make lab` opens the course: JupyterLab starts on notebooks/ and serves it.

The server runs headless on a free loopback port with a throwaway token and
its own runtime, config and data folders, so the test neither sees nor
changes the user's Jupyter set-up.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.error import URLError
from urllib.request import ProxyHandler, Request, build_opener

import pytest

pytestmark = pytest.mark.slow

HOST = "127.0.0.1"
STARTUP_SECONDS = 60
# A loopback server must not be reached through an HTTP proxy from the environment.
OPENER = build_opener(ProxyHandler({}))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


class Lab:
    """A running JupyterLab server and how to talk to it."""

    def __init__(self, process: subprocess.Popen[bytes], port: int, token: str, log: Path):
        self.process, self.port, self.token, self.log = process, port, token, log

    def request(self, path: str, method: str = "GET") -> tuple[int, bytes]:
        request = Request(
            f"http://{HOST}:{self.port}{path}",
            method=method,
            headers={"Authorization": f"token {self.token}"},
        )
        with OPENER.open(request, timeout=10) as response:
            return response.status, response.read()

    def wait_until_ready(self) -> None:
        deadline = time.monotonic() + STARTUP_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(f"JupyterLab exited at start-up:\n{self.log.read_text()[-3000:]}")
            try:
                if self.request("/api/status")[0] == 200:
                    return
            except (URLError, ConnectionError, TimeoutError):
                time.sleep(0.3)
        pytest.fail(
            f"JupyterLab did not answer within {STARTUP_SECONDS} s:\n{self.log.read_text()}"
        )

    def stop(self) -> None:
        if self.process.poll() is None:
            try:
                self.request("/api/shutdown", method="POST")
                self.process.wait(timeout=20)
            except (URLError, ConnectionError, TimeoutError, subprocess.TimeoutExpired):
                self.process.terminate()
                try:
                    self.process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    self.process.kill()
                    self.process.wait()


def lab_command(makefile_text: str) -> list[str]:
    """The words after ``$(BIN)/jupyter`` in the Makefile's ``lab`` recipe."""
    recipe = re.search(r"^lab:.*\n\t\$\(BIN\)/jupyter (?P<args>.*)$", makefile_text, re.M)
    assert recipe, "the Makefile's lab target must run $(BIN)/jupyter lab ..."
    # $(ROOT_ARGS) is --allow-root for root; the fixture adds that itself.
    return recipe["args"].replace("$(LAB_ARGS)", "").replace("$(ROOT_ARGS)", "").split()


def launch_lab(
    env_bin: Path,
    makefile_text: str,
    home: Path,
    cwd: Path,
    extra_env: dict[str, str] | None = None,
) -> Lab:
    """Start JupyterLab the way ``make lab`` does, headless on a free loopback port with a
    throwaway token and its own runtime/config/data folders under ``home``, serving ``cwd``.
    The caller stops it (``Lab.stop``)."""
    port, token = free_port(), secrets.token_hex(16)
    env = {
        **os.environ,
        "JUPYTER_RUNTIME_DIR": str(home / "runtime"),
        "JUPYTER_CONFIG_DIR": str(home / "config"),
        "JUPYTER_DATA_DIR": str(home / "data"),
        **(extra_env or {}),
    }
    headless = [
        "--no-browser",
        f"--ServerApp.ip={HOST}",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}",
        # CI containers often run as root, which Jupyter refuses unless told.
        *(["--allow-root"] if os.geteuid() == 0 else []),
    ]
    log = home / "server.log"
    with log.open("wb") as output:
        process = subprocess.Popen(
            [str(env_bin / "jupyter"), *lab_command(makefile_text), *headless],
            cwd=cwd,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    server = Lab(process, port, token, log)
    try:
        server.wait_until_ready()
    except BaseException:
        server.stop()
        raise
    return server


@pytest.fixture(scope="module")
def lab(
    repo_root: Path, env_bin: Path, makefile_text: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Lab]:
    server = launch_lab(env_bin, makefile_text, tmp_path_factory.mktemp("jupyter"), repo_root)
    try:
        yield server
    finally:
        server.stop()


def test_make_lab_opens_notebooks(makefile_text: str) -> None:
    assert lab_command(makefile_text) == ["lab", "notebooks/"]


def test_lab_lists_course_notebooks(lab: Lab, notebooks_dir: Path) -> None:
    status, body = lab.request("/api/contents/?content=1")
    assert status == 200
    listing = json.loads(body)
    listed = {item["name"] for item in listing["content"]}
    expected = {path.name for path in notebooks_dir.iterdir() if not path.name.startswith(".")}
    assert listed == expected, "JupyterLab's file browser must show the notebooks/ folder"
    for name in sorted(expected):
        if name.endswith(".ipynb"):
            status, body = lab.request(f"/api/contents/{name}?content=0")
            assert status == 200 and json.loads(body)["type"] == "notebook"


def test_lab_page_served(lab: Lab) -> None:
    status, body = lab.request("/lab")
    assert status == 200
    assert b"JupyterLab" in body


def test_lab_stops_cleanly(lab: Lab) -> None:
    lab.stop()
    assert lab.process.returncode == 0
