"""X-Process-Time: on every response, as seconds."""

from typing import Any

import pytest
from conftest import LISTED_ORIGINS, UNLISTED_ORIGINS, preflight, process_time


@pytest.mark.points(2)
@pytest.mark.hint(
    "Time the request in a middleware and set X-Process-Time on the response it passes on; "
    "middleware also sees the 404, 405 and 422 responses that never reach a route."
)
def test_process_time_on_every_response(client: Any) -> None:
    """X-Process-Time is on every response, errors included"""
    requests = {
        "GET /ping (200)": ("GET", "/ping", 200),
        "GET /no-such-route (404)": ("GET", "/no-such-route", 404),
        "PUT /ping (405)": ("PUT", "/ping", 405),
        "GET /text/not-a-number (422)": ("GET", "/text/not-a-number", 422),
    }
    for what, (method, path, status) in requests.items():
        r = client.request(method, path)
        assert r.status_code == status, f"expected {what}, got {r.status_code}: {r.text}"
        process_time(r, what)


@pytest.mark.points(2)
@pytest.mark.hint(
    "X-Process-Time is in seconds, as a float: 0.0513 for 51.3 ms, not 51.3. Measure with "
    "time.perf_counter() around the whole request."
)
def test_process_time_in_seconds(client: Any) -> None:
    """X-Process-Time counts seconds: a 50 ms request reports about 0.05"""
    r = client.get("/slow")
    assert r.status_code == 200, f"expected 200 from GET /slow, got {r.status_code}: {r.text}"
    seconds = process_time(r, "GET /slow")
    assert 0.05 <= seconds < 10, (
        f"GET /slow waits 50 ms, so X-Process-Time should be at least 0.05 (seconds) and well "
        f"under 10; got {seconds}"
    )


@pytest.mark.points(2)
@pytest.mark.hint(
    "CORSMiddleware answers preflights itself, without calling what it wraps: the "
    "X-Request-ID / X-Process-Time middleware must wrap it (be added after it) to see them."
)
def test_preflights_carry_both_headers(client: Any) -> None:
    """CORS preflight answers carry X-Request-ID and X-Process-Time too"""
    cases = {
        "an allowed preflight": preflight(client, LISTED_ORIGINS[0], "POST"),
        "a refused preflight": preflight(client, UNLISTED_ORIGINS[0], "POST"),
    }
    allowed = cases["an allowed preflight"]
    assert allowed.headers.get("access-control-allow-origin") == LISTED_ORIGINS[0], (
        f"expected the preflight from {LISTED_ORIGINS[0]} to be allowed, got "
        f"{allowed.status_code} with headers {dict(allowed.headers)}"
    )
    for what, r in cases.items():
        assert r.headers.get("x-request-id"), (
            f"expected an X-Request-ID header on {what}, got headers {dict(r.headers)}"
        )
        process_time(r, what)
