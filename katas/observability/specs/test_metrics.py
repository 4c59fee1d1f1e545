"""GET /metrics: request counts and a latency histogram, by method, route template and status."""

import math

import pytest
from exposition import BOUNDS, buckets, scrape, value

COUNTER = "http_requests_total"
HISTOGRAM = "http_request_duration_seconds"


@pytest.mark.hint(
    "GET /metrics answers 200 text/plain in the Prometheus text format, with a # TYPE line for "
    "each family: http_requests_total counter, http_request_duration_seconds histogram.",
)
def test_metrics_speaks_the_exposition_format(client):
    """GET /metrics answers text/plain with both metric families typed"""
    client.get("/items")
    r = client.get("/metrics")
    assert r.status_code == 200, f"expected 200 from GET /metrics, got {r.status_code}: {r.text}"
    content_type = r.headers.get("content-type", "")
    assert content_type.startswith("text/plain"), (
        f"expected Content-Type text/plain (version=0.0.4), got {content_type!r}"
    )
    _, types = scrape(client)
    expected = {COUNTER: "counter", HISTOGRAM: "histogram"}
    got = {name: types.get(name) for name in expected}
    assert got == expected, f"expected the # TYPE lines {expected}, got {got}"


@pytest.mark.points(3)
@pytest.mark.hint(
    'Count every request in http_requests_total{method="...",route="...",status="..."}.',
    "route is the route template, /items/{item_id}: one series for all items, never one per "
    "raw path such as /items/42.",
)
def test_requests_counted_by_route_template(client):
    """http_requests_total counts requests by method, route template and status"""
    for path in ("/items/1", "/items/1", "/items/2", "/items/99"):
        client.get(path)
    client.post("/items", json={"name": "Lamp"})
    samples, _ = scrape(client)
    expected = {
        ("GET", "/items/{item_id}", "200"): 3,
        ("GET", "/items/{item_id}", "404"): 1,
        ("POST", "/items", "201"): 1,
    }
    for (method, route, status), count in expected.items():
        got = value(samples, COUNTER, method=method, route=route, status=status)
        assert got == count, (
            f'expected {COUNTER}{{method="{method}",route="{route}",status="{status}"}} '
            f"{count}, got {got}"
        )
    routes = sorted({s.labels.get("route", "") for s in samples if s.name == COUNTER})
    assert routes == ["/items", "/items/{item_id}"], (
        f"expected only the route templates /items and /items/{{item_id}}, got routes {routes}"
    )


@pytest.mark.hint(
    'A request that matches no route has no template: count it as route="unmatched", never '
    "under the path it asked for (scanners would create a series per URL they try).",
)
def test_unmatched_paths_share_one_series(client):
    """Requests that match no route are counted together as route="unmatched" """
    client.get("/wp-admin/setup.php")
    client.get("/nope/42")
    samples, _ = scrape(client)
    got = value(samples, COUNTER, method="GET", route="unmatched", status="404")
    assert got == 2, (
        f'expected {COUNTER}{{method="GET",route="unmatched",status="404"}} 2, got {got}'
    )
    leaked = sorted({s.labels["route"] for s in samples if "route" in s.labels})
    assert leaked == ["unmatched"], f'expected no route label but "unmatched", got {leaked}'


@pytest.mark.hint("Scrapes of /metrics are not traffic: do not count or time GET /metrics itself.")
def test_scrapes_are_not_counted(client):
    """GET /metrics itself is neither counted nor timed"""
    client.get("/metrics")
    client.get("/metrics")
    client.get("/items")
    samples, _ = scrape(client)
    counted = sum(s.value for s in samples if s.name == COUNTER)
    routes = sorted({s.labels.get("route") for s in samples if s.name.startswith("http_")})
    assert counted == 1 and routes == ["/items"], (
        f"only GET /items should be counted (1 request, route /items); got {counted} requests "
        f"over routes {routes}"
    )


@pytest.mark.points(2)
@pytest.mark.hint(
    "Each labelled histogram has one _bucket sample per bound, le = 0.005, 0.01, 0.025, 0.05, "
    "0.1, 0.25, 0.5, 1, 2.5, 5, 10 and +Inf, plus _sum and _count.",
    'Buckets are cumulative: le="0.5" counts every request that took at most 0.5 s, so the '
    "counts never go down and +Inf equals _count.",
)
def test_histogram_is_cumulative(client):
    """The latency histogram has the stated buckets, cumulative, with _sum and _count"""
    for _ in range(3):
        client.get("/items")
    samples, _ = scrape(client)
    labels = {"method": "GET", "route": "/items", "status": "200"}
    found = buckets(samples, **labels)
    assert sorted(found) == BOUNDS, (
        f"expected {HISTOGRAM}_bucket samples with le {BOUNDS} for {labels}, got le {sorted(found)}"
    )
    counts = [found[bound] for bound in BOUNDS]
    assert counts == sorted(counts), (
        f"bucket counts must never decrease from one bound to the next (they are cumulative), "
        f"got {counts}"
    )
    total = value(samples, f"{HISTOGRAM}_count", **labels)
    assert found[math.inf] == 3 and total == 3, (
        f'3 requests: expected le="+Inf" 3 and {HISTOGRAM}_count 3, got {found[math.inf]} and '
        f"{total}"
    )
    seconds = value(samples, f"{HISTOGRAM}_sum", **labels)
    assert seconds is not None and seconds >= 0, (
        f"expected a {HISTOGRAM}_sum of at least 0, got {seconds}"
    )


@pytest.mark.points(2)
@pytest.mark.hint(
    "The histogram is in seconds, as its name says: observe time.perf_counter() differences "
    "as they are, not in milliseconds.",
)
def test_latency_is_recorded_in_seconds(client, harness):
    """A request that takes 0.3 s lands above the 0.25 bucket and adds about 0.3 to _sum"""
    harness.slow_down_store(0.3)
    client.get("/items/1")
    samples, _ = scrape(client)
    labels = {"method": "GET", "route": "/items/{item_id}", "status": "200"}
    found = buckets(samples, **labels)
    assert found.get(0.25) == 0 and found.get(2.5) == 1 and found.get(math.inf) == 1, (
        f'a request of about 0.3 s belongs in le="0.5" and above, not in le="0.25": expected '
        f"le 0.25 -> 0, 2.5 -> 1, +Inf -> 1, got {found}"
    )
    seconds = value(samples, f"{HISTOGRAM}_sum", **labels)
    assert seconds is not None and 0.29 <= seconds < 2.5, (
        f"expected {HISTOGRAM}_sum of about 0.3 (seconds), got {seconds}"
    )


@pytest.mark.hint(
    "GET /metrics is for Prometheus, not for the API's clients: keep it out of the OpenAPI "
    "document with include_in_schema=False on the route.",
)
def test_metrics_not_in_openapi(client):
    """GET /metrics answers but is not listed in the OpenAPI document"""
    r = client.get("/metrics")
    assert r.status_code == 200, f"expected 200 from GET /metrics, got {r.status_code}: {r.text}"
    r = client.get("/openapi.json")
    assert r.status_code == 200, (
        f"expected 200 from GET /openapi.json, got {r.status_code}: {r.text[:300]}"
    )
    paths = sorted((r.json().get("paths") or {}).keys())
    assert "/items" in paths and "/metrics" not in paths, (
        f"expected the OpenAPI document to list /items but not /metrics, got paths {paths}"
    )
