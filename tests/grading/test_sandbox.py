"""crmkit.grading.sandbox: the bubblewrap command line (no sandbox is started here)."""

from __future__ import annotations

from pathlib import Path

from crmkit.grading.sandbox import Sandbox, minimal_paths


def test_sandbox_command_isolates(tmp_path: Path) -> None:
    hidden = Path(__file__).resolve().parent
    sandbox = Sandbox("/usr/bin/bwrap", readable=[hidden.parent], hidden=[hidden])
    command = sandbox.command(["python", "-m", "worker"], tmp_path)
    text = " ".join(command)
    assert command[:3] == ["/usr/bin/bwrap", "--unshare-all", "--die-with-parent"]
    assert "--share-net" not in command
    assert f"--bind {tmp_path} {tmp_path}" in text
    assert f"--tmpfs {hidden}" in text
    assert command.index("--remount-ro") > command.index("--bind")
    assert command[-4:] == ["--", "python", "-m", "worker"]


def test_minimal_paths() -> None:
    assert minimal_paths([Path("/usr/lib"), Path("/usr"), Path("/nope")]) == [Path("/usr")]
