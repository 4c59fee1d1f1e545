"""The event loop never waits on an upstream: concurrent requests are served together."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from upstream_helpers import timed

REQUESTS = 5
LATENCY = 0.5


@pytest.mark.points(3)
@pytest.mark.hint(
    "While one request awaits the upstream, the others must be served: never block the event "
    "loop (no time.sleep, no synchronous HTTP client in an async def route).",
    "Do not serialise upstream calls behind one lock: the AsyncClient is made to be shared by "
    "concurrent requests.",
)
def test_concurrent_requests_finish_together(client, harness):
    """5 concurrent requests that each wait 0.5 s upstream all finish in about 0.5 s, not 2.5 s"""
    harness.set_service("inventory", latency=LATENCY)

    def burst():
        with ThreadPoolExecutor(max_workers=REQUESTS) as pool:
            futures = [pool.submit(client.get, "/products/KB-101/stock") for _ in range(REQUESTS)]
            return [future.result() for future in futures]

    responses, seconds = timed(burst)
    statuses = [r.status_code for r in responses]
    assert statuses == [200] * REQUESTS, f"expected {REQUESTS} answers of 200, got {statuses}"
    peak = harness.upstream_stats()["peak_in_flight"]
    assert seconds < 1.5, (
        f"{REQUESTS} requests sent at once, each waiting {LATENCY} s upstream, should all finish "
        f"in about {LATENCY} s; they took {seconds:.2f} s, and at most {peak} upstream calls "
        "were in flight at once: something makes them wait for each other"
    )
