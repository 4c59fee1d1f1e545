"""One JSON line per request on the app.requests logger."""

import json

import pytest
from exposition import scrape, value

FIELDS = ("request_id", "method", "route", "status", "duration_ms")


def log_lines(harness) -> list[dict]:
    """The messages logged on app.requests, each parsed as one JSON object."""
    lines = []
    for message in harness.logged_messages():
        try:
            line = json.loads(message)
        except ValueError:
            raise AssertionError(
                f"every message on the app.requests logger must be one JSON object, got {message!r}"
            ) from None
        assert isinstance(line, dict), f"expected a JSON object, got {message!r}"
        lines.append(line)
    return lines


@pytest.mark.points(3)
@pytest.mark.hint(
    'After each request, log one message on logging.getLogger("app.requests") at INFO: '
    "json.dumps of request_id, method, route, status and duration_ms.",
    'route is the template of the matched route (request.scope["route"].path once the '
    "request has been routed), not the path the client sent.",
)
def test_one_json_line_per_request(client, harness):
    """Each request logs one JSON line: request_id, method, route, status and duration_ms"""
    found = client.get("/items/2")
    missing = client.get("/items/99")
    lines = log_lines(harness)
    assert len(lines) == 2, f"two requests should give two log lines, got {len(lines)}: {lines}"
    for line, r, status in ((lines[0], found, 200), (lines[1], missing, 404)):
        absent = [name for name in FIELDS if name not in line]
        assert not absent, f"the log line lacks {absent}: {line}"
        expected = {
            "request_id": r.headers.get("x-request-id"),
            "method": "GET",
            "route": "/items/{item_id}",
            "status": status,
        }
        got = {name: line[name] for name in expected}
        assert got == expected, (
            f"expected the log line to hold {expected} (request_id as in the response's "
            f"X-Request-ID, status as a number), got {got}"
        )
        duration = line["duration_ms"]
        assert isinstance(duration, int | float) and not isinstance(duration, bool), (
            f"duration_ms must be a number, got {duration!r}"
        )
        assert duration >= 0, f"duration_ms cannot be negative, got {duration}"


@pytest.mark.hint(
    "duration_ms is in milliseconds: measure with time.perf_counter() around the whole "
    "request and multiply the seconds by 1000."
)
def test_log_duration_is_in_milliseconds(client, harness):
    """duration_ms is in milliseconds: a request that takes 0.3 s logs about 300"""
    harness.slow_down_store(0.3)
    client.get("/items/1")
    lines = log_lines(harness)
    assert len(lines) == 1, f"one request should give one log line, got {lines}"
    duration = lines[0].get("duration_ms")
    assert isinstance(duration, int | float) and 290 <= duration < 5000, (
        f"the request took at least 0.3 s, so duration_ms should be at least 300 (and not "
        f"thousands of seconds), got {duration!r}"
    )


@pytest.mark.hint(
    "Measure each request once and use that one measurement twice: observe the seconds in the "
    "histogram, and log seconds * 1000 as duration_ms.",
    "Round duration_ms to 1 decimal or finer, or not at all: it must agree with the "
    "histogram to within 0.1 ms.",
)
def test_log_duration_matches_histogram(client, harness):
    """The logged duration_ms is the histogram's observation in milliseconds"""
    harness.slow_down_store(0.3)
    client.get("/items/1")
    lines = log_lines(harness)
    assert len(lines) == 1, f"one request should give one log line, got {lines}"
    duration = lines[0].get("duration_ms")
    assert isinstance(duration, int | float) and not isinstance(duration, bool), (
        f"duration_ms must be a number, got {duration!r}"
    )
    samples, _ = scrape(client)
    labels = {"method": "GET", "route": "/items/{item_id}", "status": "200"}
    seconds = value(samples, "http_request_duration_seconds_sum", **labels)
    assert seconds is not None, (
        f"expected an http_request_duration_seconds_sum sample for {labels} on /metrics"
    )
    assert abs(duration - seconds * 1000) <= 0.1, (
        f"the one request was logged with duration_ms {duration} but observed as {seconds} s "
        f"in the histogram, which is {seconds * 1000:.4f} ms: expected the two to agree to "
        "within 0.1 ms"
    )
