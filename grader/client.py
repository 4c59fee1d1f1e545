"""What a spec holds to talk to the learner's app: the same client in every mode.

Specs reach the app only the way a client would, over HTTP and WebSocket. ``SpecClient`` wraps
whatever transport the mode provides (Starlette's TestClient in-process, an HTTP client over a
Unix socket black-box) and adds the one thing a real client has and a test transport lacks: its
own network address. The address travels in a private header that ``ClientAddressMiddleware``
(around the app, on the app's side) removes and turns into the ASGI ``client`` the app sees.
"""

from collections.abc import Mapping
from typing import Any, Protocol

ADDRESS_HEADER = "x-kata-client-address"
DEFAULT_ADDRESS = "127.0.0.1"
_ADDRESS_HEADER_BYTES = ADDRESS_HEADER.encode()
_CLIENT_PORT = 50000


class AppTimeout(Exception):
    """The app did not answer a spec's request in time; the spec is reported as a timeout."""


class AppUnreachable(Exception):
    """The app's process died or hung up mid-request; the spec is reported as an error."""


class ClientAddressMiddleware:
    """ASGI middleware that sets ``scope["client"]`` from the spec side's address header."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] in ("http", "websocket"):
            address = DEFAULT_ADDRESS
            headers = []
            for name, value in scope["headers"]:
                if name == _ADDRESS_HEADER_BYTES:
                    address = value.decode("latin-1")
                else:
                    headers.append((name, value))
            scope = {**scope, "headers": headers, "client": (address, _CLIENT_PORT)}
        await self.app(scope, receive, send)


# Headers every response has, which say nothing about why a spec failed.
_UNTOLD_HEADERS = {"date", "server", "content-length", "connection"}
BODY_CHARS = 300
# Under a failure's message, where the spec's last exchange with the app begins.
EXCHANGE_HEADING = "The last request and what came back:"


def describe_exchange(method: str, url: str, response: Any) -> str:
    """A request and its response as a learner reads them: status, telling headers, body."""
    lines = [f"{method.upper()} {url}", f"-> {response.status_code} {response.reason_phrase}"]
    for name, value in response.headers.multi_items():
        if name.lower() not in _UNTOLD_HEADERS:
            lines.append(f"   {name}: {value}")
    try:
        body = response.text
    except UnicodeDecodeError:
        body = f"<{len(response.content)} bytes of binary data>"
    if body:
        shown = body if len(body) <= BODY_CHARS else body[:BODY_CHARS] + " [...]"
        lines.append(f"   {shown}")
    return "\n".join(lines)


class Transport(Protocol):
    """The part of an httpx-style client that SpecClient needs."""

    def request(self, method: str, url: str, **kwargs: Any) -> Any: ...

    def websocket_connect(self, url: str, **kwargs: Any) -> Any: ...


def _headers_with_address(headers: Any, address: str) -> list[tuple[str, str]]:
    if headers is None:
        pairs = []
    elif hasattr(headers, "multi_items"):  # httpx.Headers: keep repeated headers apart
        pairs = list(headers.multi_items())
    elif isinstance(headers, Mapping):
        pairs = list(headers.items())
    else:
        pairs = list(headers)
    return [*pairs, (ADDRESS_HEADER, address)]


class SpecClient:
    """An httpx.Client-like client bound to the learner's app, speaking from one address.

    ``client.get("/items")`` and friends return httpx responses; ``client.websocket_connect(path)``
    returns a context manager whose session has ``send_text``, ``receive_text``, ``send_json``,
    ``receive_json`` and ``close``. ``client.with_address("203.0.113.7")`` is the same client
    seen by the app as coming from another address, for per-client behaviour.
    """

    def __init__(
        self,
        transport: Transport,
        address: str = DEFAULT_ADDRESS,
        exchanges: list[str] | None = None,
    ) -> None:
        self._transport = transport
        self.address = address
        # What the spec asked and what came back, described, so a failure can show them.
        self.exchanges: list[str] = [] if exchanges is None else exchanges

    def with_address(self, address: str) -> "SpecClient":
        return SpecClient(self._transport, address, self.exchanges)

    def request(self, method: str, url: str, **kwargs: Any) -> Any:
        kwargs["headers"] = _headers_with_address(kwargs.get("headers"), self.address)
        response = self._transport.request(method, url, **kwargs)
        self.exchanges.append(describe_exchange(method, url, response))
        return response

    def get(self, url: str, **kwargs: Any) -> Any:
        return self.request("GET", url, **kwargs)

    def options(self, url: str, **kwargs: Any) -> Any:
        return self.request("OPTIONS", url, **kwargs)

    def head(self, url: str, **kwargs: Any) -> Any:
        return self.request("HEAD", url, **kwargs)

    def post(self, url: str, **kwargs: Any) -> Any:
        return self.request("POST", url, **kwargs)

    def put(self, url: str, **kwargs: Any) -> Any:
        return self.request("PUT", url, **kwargs)

    def patch(self, url: str, **kwargs: Any) -> Any:
        return self.request("PATCH", url, **kwargs)

    def delete(self, url: str, **kwargs: Any) -> Any:
        return self.request("DELETE", url, **kwargs)

    def websocket_connect(self, url: str, **kwargs: Any) -> Any:
        # A mapping: Starlette's test client adds its own headers to it with setdefault.
        kwargs["headers"] = dict(_headers_with_address(kwargs.get("headers"), self.address))
        return self._transport.websocket_connect(url, **kwargs)
