"""Black-box mode, the specs' side: reach the app served by the launcher, over Unix sockets.

The specs' pytest runs outside the sandbox. Before each spec it asks the launcher, over the
control channel, for a fresh app, then talks to that app the way a client would: HTTP through an
httpx client bound to the app's socket, WebSocket through a websockets client. Harness calls go
over the control channel and come back as JSON.
"""

import json
import os
import socket
import stat
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

import httpx

from grader.channel import APP_SOCKET, CONTROL_SOCKET, REQUEST_SECONDS
from grader.client import AppTimeout, AppUnreachable, SpecClient
from grader.harness import HarnessError
from grader.inprocess import SubmissionLoadError

BASE_URL = "http://testserver"
CONNECT_SECONDS = 30.0


class PinnedSocket:
    """A socket file in the sockets folder, held by its inode rather than by its name.

    The sandbox can write in that folder, so between a check of a name and a connect to it, it
    could put a link there to send the grader to another socket of the host. The file is opened
    once (``O_PATH``, not following a link) and checked to be a socket; every connect goes through
    ``/proc/self/fd``, which reaches that very socket whatever the folder holds by then.
    """

    def __init__(self, path: Path) -> None:
        flags = os.O_PATH | os.O_NOFOLLOW | os.O_CLOEXEC
        self._fd = os.open(path, flags)  # FileNotFoundError: not there yet
        if not stat.S_ISSOCK(os.fstat(self._fd).st_mode):
            os.close(self._fd)
            raise AppGone(f"{path.name} in the sockets folder is not a socket; refusing to use it")
        self.path = f"/proc/self/fd/{self._fd}"

    def close(self) -> None:
        with suppress(OSError):
            os.close(self._fd)


class AppGone(Exception):
    """The launcher's process ended or stopped answering: the app cannot be reached any more."""


class ControlChannel:
    """The spec side's one connection to the launcher; only the holder of the token is heard."""

    def __init__(self, sockets: Path, token: str, ended: Path | None) -> None:
        deadline = time.monotonic() + CONNECT_SECONDS
        while True:
            self._socket = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            try:
                pinned = PinnedSocket(sockets / CONTROL_SOCKET)
                try:
                    self._socket.connect(pinned.path)
                finally:
                    pinned.close()
                break
            except OSError as exc:
                self._socket.close()
                if ended is not None and ended.exists():
                    raise AppGone("the app's process ended before it served anything") from None
                if time.monotonic() > deadline:
                    raise AppGone(f"the app's launcher did not start: {exc}") from None
                time.sleep(0.02)
        self._file = self._socket.makefile("rwb")
        self._exchange(token.encode() + b"\n")

    def _exchange(self, line: bytes) -> dict[str, Any]:
        try:
            self._file.write(line)
            self._file.flush()
            answer = self._file.readline()
        except OSError as exc:
            raise AppGone(f"the app's process stopped answering: {exc}") from None
        if not answer:
            raise AppGone("the app's process ended")
        return json.loads(answer)

    def request(self, **message: Any) -> dict[str, Any]:
        return self._exchange(json.dumps(message).encode() + b"\n")

    def close(self) -> None:
        with suppress(AppGone, ValueError):
            self.request(op="stop")
        self._file.close()
        self._socket.close()


class WebSocketSession:
    """The TestClient's WebSocket session API, over a real WebSocket connection."""

    def __init__(self, connection: Any, timeout: float) -> None:
        self._connection = connection
        self._timeout = timeout

    def _receive(self) -> Any:
        from starlette.websockets import WebSocketDisconnect
        from websockets.exceptions import ConnectionClosed

        try:
            return self._connection.recv(timeout=self._timeout)
        except TimeoutError:
            raise AppTimeout(
                f"the app sent no WebSocket message within {self._timeout:.0f} seconds"
            ) from None
        except ConnectionClosed as exc:
            code = exc.rcvd.code if exc.rcvd else 1006
            raise WebSocketDisconnect(code, exc.rcvd.reason if exc.rcvd else None) from None

    def send_text(self, data: str) -> None:
        self._connection.send(data)

    def send_bytes(self, data: bytes) -> None:
        self._connection.send(data)

    def send_json(self, data: Any) -> None:
        self._connection.send(json.dumps(data))

    def receive_text(self) -> str:
        message = self._receive()
        return message if isinstance(message, str) else message.decode()

    def receive_bytes(self) -> bytes:
        message = self._receive()
        return message if isinstance(message, bytes) else message.encode()

    def receive_json(self) -> Any:
        return json.loads(self._receive())

    def close(self, code: int = 1000, reason: str | None = None) -> None:
        self._connection.close(code, reason or "")


class SocketTransport:
    """What SpecClient needs, over the app's Unix socket."""

    def __init__(self, sockets: Path, timeout: float) -> None:
        try:
            self._socket = PinnedSocket(sockets / APP_SOCKET)
        except FileNotFoundError:
            raise AppGone("the app's socket is gone") from None
        self._timeout = timeout
        self._http = httpx.Client(
            # A fresh connection per request: an app that fails after answering cannot leave a
            # half-closed connection for the next request to trip on.
            transport=httpx.HTTPTransport(
                uds=self._socket.path,
                limits=httpx.Limits(max_keepalive_connections=0),
                # No TLS on a Unix socket; verifying would load the CA bundle for every spec.
                verify=False,
            ),
            base_url=BASE_URL,
            follow_redirects=True,
            timeout=timeout,
        )

    def request(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        try:
            return self._http.request(method, url, **kwargs)
        except httpx.TimeoutException:
            raise AppTimeout(
                f"the app did not answer {method} {url} within {self._timeout:.0f} seconds"
            ) from None
        except httpx.TransportError as exc:
            raise AppUnreachable(
                f"the app's process stopped answering during {method} {url}: {exc}"
            ) from None

    @contextmanager
    def websocket_connect(self, url: str, **kwargs: Any) -> Iterator[WebSocketSession]:
        from starlette.websockets import WebSocketDisconnect
        from websockets.exceptions import InvalidStatus
        from websockets.sync.client import unix_connect

        uri = "ws://testserver" + url if url.startswith("/") else url
        try:
            connection = unix_connect(
                self._socket.path,
                uri,
                additional_headers=kwargs.get("headers"),
                subprotocols=kwargs.get("subprotocols"),
                open_timeout=self._timeout,
            )
        except InvalidStatus:
            # The app closed the connection before accepting it; TestClient says the same thus.
            raise WebSocketDisconnect(1000) from None
        with connection:
            yield WebSocketSession(connection, self._timeout)

    def close(self) -> None:
        self._http.close()
        self._socket.close()


class BlackBoxApp:
    """One spec's fresh app in the launcher, seen from the specs."""

    def __init__(self, control: ControlChannel, sockets: Path, timeout: float) -> None:
        self._control = control
        answer = control.request(op="reset")
        if not answer.get("ok"):
            raise SubmissionLoadError(str(answer.get("error", "the app could not be loaded")))
        self._transport = SocketTransport(sockets, timeout)

    def client(self) -> SpecClient:
        return SpecClient(self._transport)

    def check_routes(self, expected: list[str]) -> list[str]:
        answer = self._control.request(op="routes", expected=expected)
        return [str(problem) for problem in answer.get("problems", [])]

    def call_harness(self, name: str, args: list[Any], kwargs: dict[str, Any]) -> Any:
        answer = self._control.request(op="harness", name=name, args=args, kwargs=kwargs)
        if not answer.get("ok"):
            raise HarnessError(str(answer.get("error", f"harness.{name} failed")))
        return answer.get("result")

    def close(self) -> None:
        self._transport.close()


class BlackBoxApps:
    """Fresh apps from the launcher, one control connection for the whole session."""

    def __init__(
        self, sockets: Path, token: str, timeout: float = REQUEST_SECONDS, ended: Path | None = None
    ) -> None:
        self._sockets = sockets
        self._token = token
        self._ended = ended
        self._timeout = timeout
        self._control: ControlChannel | None = None
        self._gone: str | None = None

    def fresh(self) -> BlackBoxApp:
        if self._gone is not None:
            raise SubmissionLoadError(self._gone)
        try:
            if self._control is None:
                self._control = ControlChannel(self._sockets, self._token, self._ended)
            return BlackBoxApp(self._control, self._sockets, self._timeout)
        except AppGone as exc:
            # Every later spec meets the same dead process; say it once, plainly, for each.
            self._gone = f"{exc}; no app is left to test"
            raise SubmissionLoadError(self._gone) from None

    def close(self) -> None:
        if self._control is not None:
            self._control.close()
