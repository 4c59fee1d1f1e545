"""Harness of the async-upstream kata: a fake upstream the specs control, inside the app's process.

``install_upstream`` swaps ``app.state.http_client`` for an ``httpx.AsyncClient`` that keeps the
app's own base URL, timeout and headers but sends every request to an ``httpx.MockTransport``.
Its handler plays the three services (catalog, inventory, reviews) with the latency, status or
connection failure each spec asks for, and records how many calls were in flight at once.

A mock transport has no sockets, so it honours the client's read timeout itself: a call slower
than the timeout waits that long and raises ``httpx.ReadTimeout``, as a real transport would.
"""

import asyncio
import threading
from dataclasses import dataclass, field
from typing import Any

import httpx

from grader.harness import HarnessError

SERVICES = ("catalog", "inventory", "reviews")
STATE_ATTRIBUTE = "kata_fake_upstream"

CATALOG = {
    "KB-101": {"name": "Mechanical keyboard", "price_cents": 8900, "in_stock": 7, "rating": 4.6},
    "MS-202": {"name": "Wireless mouse", "price_cents": 2900, "in_stock": 0, "rating": 3.9},
}


@dataclass
class Behaviour:
    """How one service answers: after ``latency`` seconds, with ``status``, or not at all."""

    latency: float = 0.0
    status: int = 200
    refuse_connections: bool = False


@dataclass
class FakeUpstream:
    behaviours: dict[str, Behaviour] = field(
        default_factory=lambda: {service: Behaviour() for service in SERVICES}
    )
    calls: list[str] = field(default_factory=list)
    in_flight: int = 0
    peak_in_flight: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def body(self, service: str, sku: str) -> dict[str, Any] | None:
        product = CATALOG.get(sku)
        if product is None:
            return None
        if service == "catalog":
            return {"sku": sku, "name": product["name"], "price_cents": product["price_cents"]}
        if service == "inventory":
            return {"sku": sku, "in_stock": product["in_stock"]}
        return {"sku": sku, "rating": product["rating"], "count": 128}

    async def handle(self, request: httpx.Request) -> httpx.Response:
        service, _, sku = request.url.path.strip("/").partition("/")
        with self.lock:
            self.calls.append(request.url.path)
            self.in_flight += 1
            self.peak_in_flight = max(self.peak_in_flight, self.in_flight)
        try:
            behaviour = self.behaviours.get(service)
            if behaviour is None or request.method != "GET" or not sku:
                return httpx.Response(404, json={"detail": "no such upstream resource"})
            if behaviour.refuse_connections:
                raise httpx.ConnectError("connection refused (fake upstream)", request=request)
            read_timeout = request.extensions.get("timeout", {}).get("read")
            if read_timeout is not None and behaviour.latency > read_timeout:
                await asyncio.sleep(read_timeout)
                raise httpx.ReadTimeout("the fake upstream is too slow", request=request)
            await asyncio.sleep(behaviour.latency)
            if behaviour.status != 200:
                return httpx.Response(behaviour.status, json={"detail": "upstream trouble"})
            body = self.body(service, sku)
            if body is None:
                return httpx.Response(404, json={"detail": f"{sku} not found"})
            return httpx.Response(200, json=body)
        finally:
            with self.lock:
                self.in_flight -= 1


def _upstream(app: Any) -> FakeUpstream:
    fake = getattr(app.state, STATE_ATTRIBUTE, None)
    if fake is None:
        raise HarnessError("call install_upstream() first")
    return fake


def install_upstream(app: Any) -> None:
    """Route the app's client to the fake upstream, keeping the app's own client settings."""
    original = getattr(app.state, "http_client", None)
    if not isinstance(original, httpx.AsyncClient):
        raise HarnessError(
            "the lifespan must create one httpx.AsyncClient and store it as "
            f"app.state.http_client; found {type(original).__name__}"
        )
    fake = FakeUpstream()
    app.state.http_client = httpx.AsyncClient(
        base_url=original.base_url,
        timeout=original.timeout,
        headers=original.headers,
        transport=httpx.MockTransport(fake.handle),
    )
    setattr(app.state, STATE_ATTRIBUTE, fake)


def set_service(
    app: Any,
    service: str,
    latency: float = 0.0,
    status: int = 200,
    refuse_connections: bool = False,
) -> None:
    """Make one service answer after ``latency`` seconds with ``status``, or refuse to connect."""
    fake = _upstream(app)
    if service not in fake.behaviours:
        raise HarnessError(f"unknown service {service!r}; the services are {', '.join(SERVICES)}")
    fake.behaviours[service] = Behaviour(float(latency), int(status), bool(refuse_connections))


def upstream_stats(app: Any) -> dict[str, Any]:
    """The paths called so far, in order, and the most calls that were ever in flight at once."""
    fake = _upstream(app)
    with fake.lock:
        return {"calls": list(fake.calls), "peak_in_flight": fake.peak_in_flight}
