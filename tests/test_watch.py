"""`kata watch` as a learner uses it: a save re-checks, the screen says what turned green, and
Ctrl-C leaves cleanly, taking the warm worker with it."""

import os
import shutil
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
from watchfiles import Change

from grader.models import (
    KataRef,
    Limits,
    Report,
    ReportStatus,
    RunEnd,
    SandboxRef,
    SpecResult,
    SpecStatus,
    SubmissionRef,
)
from grader.warm import WarmWorker
from grader.watch import WorkspaceFilter, compare

from .conftest import TEST_CATALOG, run_kata

CATALOG = ("--catalog", str(TEST_CATALOG))
SOLUTION = TEST_CATALOG / "greeter" / "solution" / "app" / "main.py"
# Only how long to wait before calling it a failure: a loaded machine is slow, and no assertion
# here is about speed.
PATIENCE = 300.0
GREETER_TITLES = [
    "GET /hello greets the world",
    "GET /hello/{name} greets by name",
    "The first POST /count answers 1",
    "POST /count counts calls",
    "GET /whoami reports the caller's address",
]


@pytest.mark.parametrize(
    "name",
    [
        "app/__pycache__/main.cpython-311.pyc",
        "app/main.pyc",
        ".git/index",
        "app/.main.py.swp",
        "app/.main.py.swx",
        "app/main.py~",
        "app/4913",
        "app/.#main.py",
        "app/#main.py#",
    ],
)
def test_caches_and_editor_files_are_not_saves(tmp_path: Path, name: str) -> None:
    assert not WorkspaceFilter()(Change.modified, str(tmp_path / name))


@pytest.mark.parametrize("name", ["app/main.py", "README.md", "app/routers/users_4913.py"])
def test_sources_are_saves(tmp_path: Path, name: str) -> None:
    assert WorkspaceFilter()(Change.modified, str(tmp_path / name))


def _report(statuses: dict[str, SpecStatus]) -> Report:
    specs = [
        SpecResult(id=f"test_x.py::{name}", title=name, status=status, points=0, max_points=1)
        for name, status in statuses.items()
    ]
    return Report(
        kata=KataRef(id="x", version="v"),
        submission=SubmissionRef(name="ws", content_hash="", files=0, bytes=0),
        sandbox=SandboxRef(backend="process", mode="inprocess", limits=Limits()),
        started_at=datetime.now(UTC),
        duration=0.0,
        run_end=RunEnd.finished,
        status=ReportStatus.failed,
        score=0,
        max_score=len(specs),
        specs=specs,
    )


def test_compare_names_what_turned_green_and_red_by_title() -> None:
    passed, failed, error = SpecStatus.passed, SpecStatus.failed, SpecStatus.error
    before = _report({"a": failed, "b": passed, "c": passed, "d": failed})
    after = _report({"a": passed, "b": error, "c": passed, "d": failed, "new": passed})
    assert compare(before, after) == (["a"], ["b"])
    assert compare(None, after) == ([], [])  # the first run has nothing to compare with


def _wait_for(output: Path, text: str, process: subprocess.Popen[bytes]) -> str:
    """Poll the watch's output until ``text`` appears; fail if it ends or takes forever."""
    deadline = time.monotonic() + PATIENCE
    while time.monotonic() < deadline:
        seen = output.read_text(encoding="utf-8", errors="replace")
        if text in seen:
            return seen
        if process.poll() is not None:
            pytest.fail(f"kata watch exited ({process.returncode}) before {text!r}:\n{seen}")
        time.sleep(0.2)
    pytest.fail(f"kata watch never said {text!r}:\n{output.read_text(errors='replace')}")


def test_watch_rechecks_on_save_and_leaves_cleanly_on_ctrl_c(tmp_path: Path) -> None:
    assert run_kata("new", *CATALOG, "greeter", "ws", cwd=tmp_path).returncode == 0
    workspace, cache, output = tmp_path / "ws", tmp_path / "cache", tmp_path / "watch.out"
    env = {
        **os.environ,
        "COLUMNS": "200",
        "NO_COLOR": "1",
        "KATA_WARM": "1",  # the learner's default: checks go through the warm worker
        "KATA_CACHE_DIR": str(cache),  # where this watch's worker has its socket
        "KATA_STATE_DIR": str(tmp_path / "state"),
    }
    with output.open("wb") as sink:
        process = subprocess.Popen(
            [sys.executable, "-m", "grader", "watch", "--sandbox", "process"],
            cwd=workspace,
            stdout=sink,
            stderr=subprocess.STDOUT,
            env=env,
        )
    try:
        first = _wait_for(output, "Save a file to check again.", process)
        assert "Score 1/8" in first
        assert list((cache / "warm").glob("*.sock")), "the check did not use the warm worker"

        shutil.copyfile(SOLUTION, workspace / "app" / "main.py")
        screen = _wait_for(output, f"turned green  {GREETER_TITLES[-1]}", process)
        after = screen[screen.index("Since the last run") :]
        assert "(app/main.py saved)" in after
        for title in GREETER_TITLES:
            assert f"turned green  {title}" in after
        assert "turned red" not in screen
        assert "Score 8/8" in screen

        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=PATIENCE) == 0
        assert "stopped watching" in output.read_text()
        assert "Traceback" not in output.read_text()
        deadline = time.monotonic() + PATIENCE  # the worker ends soon after it is told to
        while list((cache / "warm").glob("*.sock")) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not list((cache / "warm").glob("*.sock")), "the warm worker outlived the watch"
        assert '"completed_at": null' not in (tmp_path / "state" / "progress.json").read_text()
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        WarmWorker(cache / "warm").stop()  # in case the test failed before the watch stopped it


def test_a_kill_in_the_middle_of_a_check_ends_the_watch_cleanly(tmp_path: Path) -> None:
    assert run_kata("new", *CATALOG, "greeter", "ws", cwd=tmp_path).returncode == 0
    output = tmp_path / "watch.out"
    with output.open("wb") as sink:
        process = subprocess.Popen(
            [sys.executable, "-m", "grader", "watch", "--sandbox", "process"],
            cwd=tmp_path / "ws",
            stdout=sink,
            stderr=subprocess.STDOUT,
            env={**os.environ, "COLUMNS": "200", "NO_COLOR": "1"},
        )
    try:
        _wait_for(output, "checking...", process)
        process.send_signal(signal.SIGTERM)  # as a closed terminal or `kill` would
        assert process.wait(timeout=PATIENCE) == 0
        assert "stopped watching" in output.read_text()
        assert "Traceback" not in output.read_text()
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def test_watch_outside_a_workspace_is_a_usage_error(tmp_path: Path) -> None:
    result = run_kata("watch", cwd=tmp_path)
    assert result.returncode == 2
    assert "not in a kata workspace" in result.stderr


def test_watch_rejects_in_process_runs_in_an_isolating_sandbox(tmp_path: Path) -> None:
    assert run_kata("new", *CATALOG, "greeter", "ws", cwd=tmp_path).returncode == 0
    result = run_kata("watch", "--sandbox", "bwrap", "--mode", "inprocess", cwd=tmp_path / "ws")
    assert result.returncode == 2
    assert "black-box only" in result.stderr
