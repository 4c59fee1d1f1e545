"""The ``process`` sandbox: a plain subprocess under rlimits, for code the user trusts.

It gives the run its own session and process group, CPU-time, memory, process, file-size and
open-file limits, and a wall-clock kill of the whole group. It is not a security boundary: the
run shares the user's identity, files and network, and a process that leaves the group with
``setsid`` escapes the final kill. Untrusted code belongs in the docker or bwrap backends.
"""

import contextlib
import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from pathlib import Path

from grader.errors import SandboxError
from grader.models import Limits, RunEnd
from grader.sandbox.base import (
    CappedReader,
    LaunchRequest,
    Outcome,
    Sandbox,
    SandboxRequest,
    wait_for_end,
)

_LIMITED_EXEC = Path(__file__).with_name("limited_exec.py")
_MIB = 1024 * 1024
# Signals that mean a limit of ours fired rather than a crash of the program.
_CPU_LIMIT_SIGNALS = {-signal.SIGXCPU}


def _tasks_of_current_user() -> int:
    """Processes and threads this user runs now: RLIMIT_NPROC counts them all, host-wide."""
    uid = os.getuid()
    count = 0
    for entry in os.scandir("/proc") if Path("/proc").is_dir() else ():
        if not entry.name.isdigit():
            continue
        try:
            if entry.stat().st_uid == uid:
                count += sum(1 for _ in Path(entry.path, "task").iterdir())
        except OSError:
            continue
    return count


def rlimits_for(limits: Limits) -> dict[str, tuple[int, int]]:
    """The rlimits that enforce ``limits``, as (soft, hard) pairs by resource name."""
    return {
        # SIGXCPU at the soft limit, SIGKILL a little later if it is ignored.
        "RLIMIT_CPU": (limits.cpu_seconds, limits.cpu_seconds + 5),
        "RLIMIT_AS": (limits.memory_mb * _MIB,) * 2,
        "RLIMIT_NPROC": (_tasks_of_current_user() + limits.processes,) * 2,
        "RLIMIT_FSIZE": (limits.file_size_mb * _MIB,) * 2,
        "RLIMIT_NOFILE": (limits.open_files,) * 2,
        "RLIMIT_CORE": (0, 0),
    }


def launcher_argv(request: LaunchRequest) -> list[str]:
    """The black-box launcher's command line, with host paths."""
    argv = [
        sys.executable, "-I", "-B", "-m", request.module,
        "--submission", str(request.submission), "--app", request.app,
        "--sockets", str(request.sockets),
    ]  # fmt: skip
    if request.harness is not None:
        argv += ["--harness", str(request.harness)]
    return argv


def _kill_group(pgid: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pgid, signal.SIGKILL)


def run_end_of(returncode: int, timed_out: bool, stopped: bool, output: str) -> RunEnd:
    if timed_out or returncode in _CPU_LIMIT_SIGNALS:
        return RunEnd.timed_out
    if returncode != 0 and output.rstrip().endswith("MemoryError"):
        return RunEnd.out_of_memory
    if returncode < 0 and not stopped:  # a kill after the specs were done is ours, and normal
        return RunEnd.killed
    return RunEnd.finished


class ProcessSandbox(Sandbox):
    name = "process"

    def wrap(self, argv: Sequence[str], request: LaunchRequest | None) -> list[str]:
        """The command that actually runs; backends built on this one add their isolation."""
        return list(argv)

    def execute(
        self,
        argv: Sequence[str],
        *,
        cwd: Path,
        env: dict[str, str],
        limits: Limits,
        stdin: bytes = b"",
        stop: threading.Event | None = None,
    ) -> Outcome:
        """Run ``argv`` under the limits until it exits, its wall clock runs out or ``stop``."""
        command = [
            sys.executable, "-I", "-S", str(_LIMITED_EXEC),
            json.dumps(rlimits_for(limits)), "--", *argv,
        ]  # fmt: skip
        started = time.monotonic()
        try:
            process = subprocess.Popen(
                command,
                cwd=cwd,
                env=env,
                stdin=subprocess.PIPE if stdin else subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        except OSError as exc:
            raise SandboxError(f"{self.name} sandbox: could not start {argv[0]}: {exc}") from exc
        assert process.stdout is not None
        reader = CappedReader(process.stdout, limits.output_kb * 1024)
        if stdin and process.stdin is not None:
            with contextlib.suppress(BrokenPipeError), process.stdin:
                process.stdin.write(stdin)
        timed_out = self._wait(process, started + limits.wall_seconds, stop)
        output = reader.text()
        return Outcome(
            returncode=process.returncode,
            run_end=run_end_of(
                process.returncode, timed_out, stop is not None and stop.is_set(), output
            ),
            duration=time.monotonic() - started,
            output=output,
            output_dropped=reader.dropped,
        )

    @staticmethod
    def _wait(
        process: subprocess.Popen[bytes], deadline: float, stop: threading.Event | None
    ) -> bool:
        def wait_exit(seconds: float) -> bool:
            try:
                process.wait(timeout=seconds)
            except subprocess.TimeoutExpired:
                return False
            return True

        try:
            return wait_for_end(wait_exit, stop, deadline)
        finally:
            # Whatever the run started and left in its group goes with it, on every path out.
            _kill_group(process.pid)
            process.wait()

    def run(self, request: SandboxRequest) -> Outcome:
        return self.execute(
            self.wrap(request.argv, None),
            cwd=request.cwd,
            env=dict(request.env),
            limits=request.limits,
            stdin=request.stdin,
        )

    def launch(self, request: LaunchRequest, stop: threading.Event) -> Outcome:
        return self.execute(
            self.wrap(launcher_argv(request), request),
            cwd=request.submission,
            env=dict(request.env),
            limits=request.limits,
            stdin=request.token.encode() + b"\n",
            stop=stop,
        )
