"""Black-box mode, the app's side: serve the learner's app inside the sandbox.

Run as ``python -I -B -m grader.launcher ...`` in the sandbox. It serves the learner's app with
uvicorn on a Unix socket and answers a control channel on a second socket. Over the control
channel, the spec side asks for a fresh app before each spec (``reset``), calls the kata's harness
functions beside the app (``harness``) and ends the run (``stop``). The specs, the results and
the grader's pytest never enter this process. Its first line on stdin is the control token; with
``--unpack``, a tar of the submission and the harness follows it, so that they can enter a
container that has no other way in.

Everything the learner's code does here is untrusted. That is fine: nothing this process says is
believed, except the responses the specs check.
"""

import argparse
import asyncio
import contextlib
import gc
import hmac
import importlib
import json
import os
import select
import sys
import tarfile
from pathlib import Path
from typing import Any

from grader.channel import APP_SOCKET, CONTROL_SOCKET, TOKEN_WAIT_SECONDS
from grader.client import ClientAddressMiddleware
from grader.harness import HarnessError, load_harness_module, run_harness_function
from grader.inprocess import SubmissionApps, SubmissionLoadError
from grader.routecheck import check_routes

MAX_CONTROL_LINE = 1024 * 1024


class LifespanFailed(Exception):
    """The app's lifespan startup raised or reported failure."""


class Lifespan:
    """Drives one app's ASGI lifespan the way a server does, so each fresh app starts and stops.

    uvicorn runs its lifespan once per server; the launcher swaps apps under one server, so it
    runs each app's lifespan itself and hands the lifespan state to that app's requests.
    """

    def __init__(self, app: Any) -> None:
        self.app = app
        self.state: dict[str, Any] = {}
        self._events: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
        self._started = asyncio.get_running_loop().create_future()
        self._stopped = asyncio.get_running_loop().create_future()
        self._task: asyncio.Task[None] | None = None

    async def _send(self, message: dict[str, Any]) -> None:
        kind = message["type"]
        if kind == "lifespan.startup.complete" and not self._started.done():
            self._started.set_result(None)
        elif kind == "lifespan.startup.failed" and not self._started.done():
            self._started.set_exception(LifespanFailed(message.get("message", "")))
        elif kind.startswith("lifespan.shutdown") and not self._stopped.done():
            self._stopped.set_result(None)

    async def _run(self) -> None:
        scope = {"type": "lifespan", "asgi": {"version": "3.0"}, "state": self.state}
        # A failed startup has already said so (lifespan.startup.failed); an app that raises
        # without a word does not speak the lifespan protocol, and runs without one.
        with contextlib.suppress(BaseException):
            await self.app(scope, self._events.get, self._send)
        for future in (self._started, self._stopped):
            if not future.done():
                future.set_result(None)

    async def start(self) -> None:
        await self._events.put({"type": "lifespan.startup"})
        self._task = asyncio.create_task(self._run())
        await self._started

    async def stop(self) -> None:
        if self._task is None or self._task.done():
            return
        await self._events.put({"type": "lifespan.shutdown"})
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(asyncio.shield(self._stopped), timeout=10)


class Dispatcher:
    """The ASGI app uvicorn serves: forwards every request to the current fresh app."""

    def __init__(self) -> None:
        self.current: Lifespan | None = None

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] == "lifespan":
            return  # each app's own lifespan is run by Lifespan, not by uvicorn
        if self.current is None:
            if scope["type"] == "http":
                await send({"type": "http.response.start", "status": 503, "headers": []})
                await send({"type": "http.response.body", "body": b"no app loaded"})
            return
        scope = {**scope, "state": dict(self.current.state)}
        await ClientAddressMiddleware(self.current.app)(scope, receive, send)


class Launcher:
    """The control channel's answers: reset, harness calls, stop."""

    def __init__(self, apps: SubmissionApps, harness: Path | None, token: bytes) -> None:
        self.apps = apps
        self.harness_path = harness
        self.harness_module: Any = None
        self.dispatcher = Dispatcher()
        self.token = token
        self.stopped = asyncio.Event()
        self.connected = False

    async def reset(self) -> dict[str, Any]:
        if self.dispatcher.current is not None:
            await self.dispatcher.current.stop()
            self.dispatcher.current = None
        try:
            app = self.apps.load()
        except SubmissionLoadError as exc:
            return {"ok": False, "kind": "load", "error": str(exc)}
        lifespan = Lifespan(app)
        try:
            await lifespan.start()
        except LifespanFailed as exc:
            return {"ok": False, "kind": "lifespan", "error": f"the app's startup failed: {exc}"}
        self.dispatcher.current = lifespan
        if self.harness_path is not None:
            self.harness_module = load_harness_module(self.harness_path)
        return {"ok": True}

    async def call_harness(self, request: dict[str, Any]) -> dict[str, Any]:
        if self.harness_module is None or self.dispatcher.current is None:
            return {"ok": False, "error": "this kata has no harness.py, or no app is loaded"}
        try:
            result = await asyncio.to_thread(
                run_harness_function,
                self.harness_module,
                self.dispatcher.current.app,
                str(request.get("name", "")),
                list(request.get("args", [])),
                dict(request.get("kwargs", {})),
            )
        except HarnessError as exc:
            return {"ok": False, "error": str(exc)}
        return {"ok": True, "result": result}

    async def answer(self, request: dict[str, Any]) -> dict[str, Any]:
        operation = request.get("op")
        if operation == "reset":
            return await self.reset()
        if operation == "harness":
            return await self.call_harness(request)
        if operation == "routes" and self.dispatcher.current is not None:
            expected = [str(route) for route in request.get("expected", [])]
            app = self.dispatcher.current.app
            return {"ok": True, "problems": await asyncio.to_thread(check_routes, app, expected)}
        if operation == "stop":
            self.stopped.set()
            return {"ok": True}
        return {"ok": False, "error": f"unknown operation {operation!r}"}

    async def serve_control(
        self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter
    ) -> None:
        """One connection, the spec side's: it must prove the token; its end ends the run."""
        if self.connected:
            writer.close()
            return
        try:
            line = await reader.readline()
            if not hmac.compare_digest(line.strip(), self.token):
                writer.close()
                return
            self.connected = True
            writer.write(b'{"ok": true}\n')
            await writer.drain()
            while not self.stopped.is_set():
                line = await reader.readline()
                if not line:
                    break
                try:
                    request = json.loads(line)
                    response = await self.answer(request if isinstance(request, dict) else {})
                except (ValueError, TypeError) as exc:
                    response = {"ok": False, "error": f"bad request: {exc}"}
                writer.write(json.dumps(response).encode() + b"\n")
                await writer.drain()
        finally:
            self.stopped.set()
            writer.close()


def unpack(stream: Any, destination: Path) -> None:
    """Extract the grader-built tar (the submission and the harness; regular files only)."""
    destination.mkdir(parents=True, exist_ok=True)
    with tarfile.open(fileobj=stream, mode="r|") as archive:
        if hasattr(tarfile, "data_filter"):
            archive.extractall(destination, filter="data")
            return
        # Pythons before 3.11.4 have no extraction filters: refuse anything but plain members.
        for member in archive:
            parts = Path(member.name).parts
            if (
                member.name.startswith("/")
                or ".." in parts
                or not (member.isfile() or member.isdir())
            ):
                raise ValueError(f"refusing tar member {member.name!r}")
            archive.extract(member, destination)


async def serve(arguments: argparse.Namespace, token: bytes) -> None:
    import uvicorn

    sockets = Path(arguments.sockets)
    harness = Path(arguments.harness) if arguments.harness else None
    launcher = Launcher(SubmissionApps(Path(arguments.submission), arguments.app), harness, token)
    control = await asyncio.start_unix_server(
        launcher.serve_control, path=str(sockets / CONTROL_SOCKET), limit=MAX_CONTROL_LINE
    )
    config = uvicorn.Config(
        launcher.dispatcher,
        uds=str(sockets / APP_SOCKET),
        lifespan="off",
        log_level="warning",
        access_log=False,
    )
    server = uvicorn.Server(config)
    server_task = asyncio.create_task(server.serve())
    await launcher.stopped.wait()
    if launcher.dispatcher.current is not None:
        await launcher.dispatcher.current.stop()
    server.should_exit = True
    control.close()
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(server_task, timeout=5)


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m grader.launcher", description=__doc__)
    parser.add_argument("--submission", required=True)
    parser.add_argument("--app", required=True)
    parser.add_argument("--sockets", required=True)
    parser.add_argument("--harness")
    parser.add_argument("--unpack", metavar="DIR", help="first extract a tar from stdin into DIR")
    arguments = parser.parse_args()
    # Paid before the run is handed over: a container started ahead has done it already.
    importlib.import_module("fastapi")
    importlib.import_module("uvicorn")
    gc.freeze()  # the libraries stay for the whole run: no collection needs to walk them again
    stdin = sys.stdin.buffer
    ready, _, _ = select.select([stdin], [], [], TOKEN_WAIT_SECONDS)
    if not ready:
        return  # a spare nobody claimed: its container ends, and the next sweep removes it
    token = stdin.readline().strip()
    if arguments.unpack:
        unpack(stdin, Path(arguments.unpack))
    os.chdir(arguments.submission)
    asyncio.run(serve(arguments, token))
    # Threads the learner's code left running must not keep the sandbox alive.
    os._exit(0)


if __name__ == "__main__":
    main()
