"""The process sandbox: limits really apply, the wall clock kills everything, output is capped."""

import json
import os
import sys
import time
from pathlib import Path

from grader.models import Limits, RunEnd
from grader.sandbox import ProcessSandbox, SandboxRequest
from grader.sandbox.process import rlimits_for


def _run(tmp_path: Path, code: str, **limits: float) -> tuple:
    request = SandboxRequest(
        argv=[sys.executable, "-c", code],
        cwd=tmp_path,
        env={"PATH": os.environ["PATH"], "ONLY_THIS": "1"},
        limits=Limits(**{"wall_seconds": 20, **limits}),
    )
    return ProcessSandbox().run(request)


def _running(pid: int) -> bool:
    """Alive and not a zombie (an orphan's zombie waits for whoever reaps orphans here)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"


def test_runs_a_command_in_its_folder_with_only_the_given_environment(tmp_path: Path) -> None:
    code = "import os, json; print(json.dumps([os.getcwd(), sorted(os.environ)]))"
    outcome = _run(tmp_path, code)
    assert outcome.run_end is RunEnd.finished
    assert outcome.returncode == 0
    cwd, names = json.loads(outcome.output)
    assert cwd == str(tmp_path)
    assert "ONLY_THIS" in names
    assert "KATA_CACHE_DIR" not in names


def test_every_rlimit_is_applied_to_the_run(tmp_path: Path) -> None:
    limits = Limits(cpu_seconds=7, memory_mb=512, file_size_mb=3, open_files=99)
    code = (
        "import json, resource\n"
        "names = ['RLIMIT_CPU', 'RLIMIT_AS', 'RLIMIT_NPROC', 'RLIMIT_FSIZE', 'RLIMIT_NOFILE']\n"
        "print(json.dumps({n: resource.getrlimit(getattr(resource, n)) for n in names}))"
    )
    outcome = _run(tmp_path, code, **limits.model_dump(exclude={"wall_seconds"}))
    applied = json.loads(outcome.output)
    expected = rlimits_for(limits)
    assert applied["RLIMIT_CPU"] == [7, 12]
    assert applied["RLIMIT_AS"] == [512 * 1024 * 1024] * 2
    assert applied["RLIMIT_FSIZE"] == [3 * 1024 * 1024] * 2
    assert applied["RLIMIT_NOFILE"] == [99, 99]
    # The process budget sits on top of what this user already runs.
    assert abs(applied["RLIMIT_NPROC"][0] - expected["RLIMIT_NPROC"][0]) < 50
    assert applied["RLIMIT_NPROC"][0] >= limits.processes


def test_the_wall_clock_kills_the_whole_process_group(tmp_path: Path) -> None:
    code = (
        "import subprocess, time\n"
        "child = subprocess.Popen(['sleep', '300'])\n"
        "print(child.pid, flush=True)\n"
        "time.sleep(300)\n"
    )
    started = time.monotonic()
    outcome = _run(tmp_path, code, wall_seconds=2)
    assert time.monotonic() - started < 15
    assert outcome.run_end is RunEnd.timed_out
    time.sleep(0.2)
    assert not _running(int(outcome.output.split()[0]))


def test_leftover_processes_are_killed_when_the_run_ends(tmp_path: Path) -> None:
    code = "import subprocess; print(subprocess.Popen(['sleep', '300']).pid)"
    outcome = _run(tmp_path, code)
    assert outcome.run_end is RunEnd.finished
    time.sleep(0.2)
    assert not _running(int(outcome.output.split()[0]))


def test_a_flood_of_output_is_capped_and_does_not_block(tmp_path: Path) -> None:
    outcome = _run(
        tmp_path, "import sys\nfor _ in range(2000): sys.stdout.write('x' * 1000)", output_kb=4
    )
    assert outcome.run_end is RunEnd.finished
    assert outcome.output.startswith("x" * 4096)
    assert outcome.output_dropped == 2_000_000 - 4096
    assert "more bytes of output dropped" in outcome.output


def test_cpu_time_limit_ends_a_busy_loop(tmp_path: Path) -> None:
    outcome = _run(tmp_path, "while True: pass", cpu_seconds=1)
    assert outcome.run_end is RunEnd.timed_out
    assert outcome.duration < 15


def test_memory_limit_is_reported_as_out_of_memory(tmp_path: Path) -> None:
    outcome = _run(tmp_path, "block = bytearray(1024 * 1024 * 1024)", memory_mb=256)
    assert outcome.run_end is RunEnd.out_of_memory


def test_file_size_limit_stops_a_disk_fill(tmp_path: Path) -> None:
    code = "open('big', 'wb').write(b'x' * 3 * 1024 * 1024)"
    outcome = _run(tmp_path, code, file_size_mb=1)
    assert outcome.returncode != 0
    assert "File too large" in outcome.output
    assert (tmp_path / "big").stat().st_size <= 1024 * 1024


def test_the_process_budget_counts_what_this_user_already_runs() -> None:
    soft, hard = rlimits_for(Limits(processes=10))["RLIMIT_NPROC"]
    assert soft == hard > 10  # this test run itself is already at least one task
