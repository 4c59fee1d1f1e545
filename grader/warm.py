"""The warm worker: in-process checks without paying for Python's imports every time.

Most of a short ``kata check`` is spent importing pytest, FastAPI, Starlette, pydantic and
SQLAlchemy. The worker imports them once and then waits on a Unix socket; for each check it
forks, and the child runs pytest with the grader's plugin exactly as a fresh interpreter would,
importing the learner's code anew (the worker itself never imports it), under the same rlimits,
in its own session, with the run's own environment. Checks may run side by side (the shares of a
split check do), each in its own fork. The worker exits after a while without work, and a
worker built from other grader code is never reused.

Run as ``python -I -B -m grader.warm --socket PATH``; ``WarmWorker`` starts and talks to it.
"""

import argparse
import contextlib
import fcntl
import gc
import hashlib
import importlib
import json
import os
import resource
import selectors
import signal
import socket
import subprocess
import sys
import time
import warnings
from pathlib import Path
from typing import Any

from grader.userdirs import cache_dir

IDLE_SECONDS = 600
START_SECONDS = 20.0
# Everything a run would otherwise import: pytest with its built-in plugins, what the TestClient
# and FastAPI import on their first request (anyio's asyncio backend; pydantic.v1, to tell v1
# models apart), and the libraries the built-in katas use.
PRELOADED = (
    "pytest",
    "_pytest.python",
    "_pytest.runner",
    "fastapi",
    "fastapi.security",
    "fastapi.testclient",
    "starlette.testclient",
    "anyio._backends._asyncio",
    "pydantic",
    "pydantic.v1",
    "httpx",
    "sqlalchemy",
    "sqlalchemy.orm",
    "sqlalchemy.ext.asyncio",
    "sqlalchemy.dialects.sqlite",
    "aiosqlite",
    "jwt",
    "pwdlib",
    "pwdlib.hashers.argon2",
    "multipart",
    "grader.plugin",
)


def _preload() -> None:
    from _pytest.config import default_plugins

    names = [*PRELOADED, *(f"_pytest.{plugin}" for plugin in default_plugins)]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # a library's import-time warning is for its users
        for name in names:
            with contextlib.suppress(ImportError):
                importlib.import_module(name)
    # What the worker imported lives as long as it does. Frozen, the collector of every forked
    # run leaves it alone: pytest's collection at the end of a session costs a tenth of a second
    # over a heap this size, and walking it would also copy its pages into each child.
    gc.freeze()


def _child(request: dict[str, Any]) -> None:
    """In the fork: become the run (limits, folder, environment, output), run pytest, exit."""
    try:
        os.setsid()
        for name, (soft, hard) in request["rlimits"].items():
            resource.setrlimit(getattr(resource, name), (soft, hard))
        os.chdir(request["cwd"])
        os.environ.clear()
        os.environ.update(request["env"])
        output = os.open(request["output"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.dup2(output, 1)
        os.dup2(output, 2)
        os.dup2(os.open(os.devnull, os.O_RDONLY), 0)
        import pytest

        code = int(pytest.main(request["args"]))
    except BaseException as exc:  # nothing may escape the fork into the worker's loop
        with contextlib.suppress(Exception):
            os.write(2, f"warm worker: {type(exc).__name__}: {exc}\n".encode())
        code = 3
    finally:
        with contextlib.suppress(Exception):
            sys.stdout.flush()
            sys.stderr.flush()
    os._exit(code)


REQUEST_READ_SECONDS = 10.0


class _Stop(Exception):
    """Asked to stop."""


class _Run:
    """A run in flight: its process, the pidfd that turns readable when it ends, its client."""

    def __init__(self, pid: int, connection: socket.socket) -> None:
        self.pid = pid
        self.pidfd = os.pidfd_open(pid)
        self.connection = connection

    def fileno(self) -> int:
        return self.pidfd

    def report_end(self) -> None:
        _, status = os.waitpid(self.pid, 0)
        answer = {"returncode": os.waitstatus_to_exitcode(status)}
        with contextlib.suppress(OSError):  # a client that gave up has killed the run already
            self.connection.sendall(json.dumps(answer).encode() + b"\n")
        self.connection.close()
        os.close(self.pidfd)


def _take_request(listener: socket.socket) -> _Run | None:
    """Accept one client and start its run; None for a stop request or a client that said
    nothing usable."""
    try:
        connection, _ = listener.accept()
    except OSError:
        return None
    connection.settimeout(REQUEST_READ_SECONDS)
    try:
        with connection.makefile("rb") as stream:
            request = json.loads(stream.readline())
        if request.get("op") == "stop":
            raise _Stop
        pid = os.fork()
        if pid == 0:
            _child(request)
        connection.sendall(json.dumps({"pid": pid}).encode() + b"\n")
        return _Run(pid, connection)
    except (OSError, ValueError, AttributeError):
        connection.close()
        return None
    except _Stop:
        connection.close()
        raise


def serve(path: Path, idle_seconds: float) -> None:
    """Answer clients until idle for ``idle_seconds`` or asked to stop. Runs may overlap: each
    is its own fork, and whichever ends first is reported first (a split check runs its shares
    side by side)."""
    _preload()
    with (
        socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as listener,
        selectors.DefaultSelector() as selector,
    ):
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
        listener.bind(str(path))
        listener.listen(8)
        selector.register(listener, selectors.EVENT_READ)
        try:
            while True:
                busy = len(selector.get_map()) > 1
                ready = selector.select(None if busy else idle_seconds)
                if not ready:
                    return
                for key, _ in ready:
                    if key.fileobj is not listener:
                        selector.unregister(key.fileobj)
                        key.fileobj.report_end()  # type: ignore[union-attr]
                    elif (run := _take_request(listener)) is not None:
                        selector.register(run, selectors.EVENT_READ)
        except _Stop:
            # Runs in flight still end and are reported; no new ones are taken.
            selector.unregister(listener)
            for key in list(selector.get_map().values()):
                selector.unregister(key.fileobj)
                key.fileobj.report_end()  # type: ignore[union-attr]
        finally:
            with contextlib.suppress(FileNotFoundError):
                path.unlink()


def code_fingerprint() -> str:
    """Changes with the interpreter and with any of the grader's modules."""
    digest = hashlib.sha256(sys.executable.encode())
    for module in sorted(Path(__file__).parent.rglob("*.py")):
        stat = module.stat()
        digest.update(f"{module.name}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return digest.hexdigest()[:16]


class WarmWorker:
    """The client side: start the worker if it is not running, and run pytest through it."""

    def __init__(self, folder: Path | None = None) -> None:
        folder = folder or cache_dir() / "warm"
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        folder.chmod(0o700)  # only this user may ask it to run code
        self.socket_path = folder / f"worker-{code_fingerprint()}.sock"

    def _connect(self) -> socket.socket | None:
        connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            connection.connect(str(self.socket_path))
        except OSError:
            connection.close()
            return None
        return connection

    def _connect_or_start(self) -> socket.socket:
        if not hasattr(os, "pidfd_open"):  # the worker watches its runs through pidfds
            raise OSError("the warm worker needs Linux; checks start cold here")
        if (connection := self._connect()) is not None:
            return connection
        # The shares of a split check, or checks from two terminals, may all find no worker:
        # one of them starts it, and the others connect to that one.
        with self.socket_path.with_suffix(".lock").open("w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            return self._connect() or self._start()

    def _start(self) -> socket.socket:
        # The command returns at once: the worker detaches itself (see main), so that nothing of
        # it is left for this process to wait for.
        subprocess.run(
            [sys.executable, "-I", "-B", "-m", "grader.warm", "--socket", str(self.socket_path)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
            check=False,
            timeout=START_SECONDS,
        )
        deadline = time.monotonic() + START_SECONDS
        while time.monotonic() < deadline:
            if (connection := self._connect()) is not None:
                return connection
            time.sleep(0.05)
        raise OSError("the warm worker did not start")

    def run(self, request: dict[str, Any], deadline: float) -> tuple[int | None, bool]:
        """Run one check; returns (returncode, timed_out). Kills the run at the deadline."""
        connection = self._connect_or_start()
        with connection, connection.makefile("rwb") as stream:
            stream.write(json.dumps(request).encode() + b"\n")
            stream.flush()
            pid = json.loads(stream.readline())["pid"]
            connection.settimeout(max(0.01, deadline - time.monotonic()))
            try:
                answer = stream.readline()
            except TimeoutError:
                with contextlib.suppress(ProcessLookupError, PermissionError):
                    os.killpg(pid, signal.SIGKILL)
                return None, True
            finally:
                # Whatever the run left in its session goes with it.
                with contextlib.suppress(ProcessLookupError, PermissionError):
                    os.killpg(pid, signal.SIGKILL)
            return json.loads(answer)["returncode"], False

    def stop(self) -> None:
        """End the worker (it also ends by itself when idle)."""
        connection = self._connect()
        if connection is not None:
            with connection:
                connection.sendall(b'{"op": "stop"}\n')


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m grader.warm", description=__doc__)
    parser.add_argument("--socket", required=True, type=Path)
    parser.add_argument("--idle-seconds", type=float, default=IDLE_SECONDS)
    arguments = parser.parse_args()
    if os.fork() > 0:
        os._exit(0)  # the worker outlives whoever started it, and is nobody's child to reap
    serve(arguments.socket, arguments.idle_seconds)


if __name__ == "__main__":
    main()
