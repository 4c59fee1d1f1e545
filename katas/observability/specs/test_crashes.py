"""A request whose handler crashes is still answered, counted and logged."""

import json

import pytest
from exposition import scrape, value


@pytest.mark.points(2)
@pytest.mark.hint(
    "An exception escaping a route never reaches the code after `await call_next(request)`: "
    "catch it in the middleware and answer 500 yourself, then count and log it like any "
    "other request.",
)
def test_crash_is_answered_counted_and_logged(client, harness):
    """A crashing request gets 500 with X-Request-ID, is counted with status 500, and is logged"""
    harness.break_store()
    r = client.get("/items/1")
    assert r.status_code == 500, f"expected 500 when the store fails, got {r.status_code}: {r.text}"
    request_id = r.headers.get("x-request-id")
    assert request_id, "expected an X-Request-ID header on the 500, so the user can report it"
    lines = [json.loads(m) for m in harness.logged_messages() if m.lstrip().startswith("{")]
    statuses = [(line.get("request_id"), line.get("status")) for line in lines]
    assert statuses == [(request_id, 500)], (
        f"expected one log line with request_id {request_id} and status 500, got {statuses}"
    )
    samples, _ = scrape(client)
    got = value(
        samples, "http_requests_total", method="GET", route="/items/{item_id}", status="500"
    )
    assert got == 1, (
        'expected http_requests_total{method="GET",route="/items/{item_id}",status="500"} 1, '
        f"got {got}"
    )
