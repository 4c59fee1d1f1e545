"""Fan-out: three upstream calls at once, one answer, as slow as the slowest call."""

import pytest
from upstream_helpers import KEYBOARD, detail_of, timed

SERVICES = ("catalog", "inventory", "reviews")


@pytest.mark.points(2)
@pytest.mark.hint(
    "GET /products/{sku} calls GET /catalog/{sku}, GET /inventory/{sku} and GET /reviews/{sku} "
    "once each and merges name, price_cents, in_stock and rating into one body."
)
def test_overview_merges_three_services(client, harness):
    """GET /products/{sku} merges the catalog, inventory and reviews answers"""
    r = client.get("/products/KB-101")
    assert r.status_code == 200, (
        f"expected 200 from GET /products/KB-101, got {r.status_code}: {r.text}"
    )
    assert r.json() == KEYBOARD, f"expected {KEYBOARD}, got {r.text}"
    calls = sorted(harness.upstream_stats()["calls"])
    expected = ["/catalog/KB-101", "/inventory/KB-101", "/reviews/KB-101"]
    assert calls == expected, f"expected one call to each service, {expected}, got {calls}"


@pytest.mark.points(2)
@pytest.mark.hint(
    "Start the three calls together and await them together (asyncio.gather), instead of "
    "awaiting one after the other.",
)
def test_overview_calls_run_concurrently(client, harness):
    """The three calls run at once: 0.6 s each gives an answer in about 0.6 s, not 1.8 s"""
    for service in SERVICES:
        harness.set_service(service, latency=0.6)
    r, seconds = timed(lambda: client.get("/products/KB-101"))
    assert r.status_code == 200, (
        f"expected 200 from GET /products/KB-101, got {r.status_code}: {r.text}"
    )
    peak = harness.upstream_stats()["peak_in_flight"]
    assert peak == 3, (
        f"the three upstream calls should be in flight at the same time; at most {peak} were "
        f"(the answer took {seconds:.2f} s)"
    )
    assert seconds < 1.5, (
        f"three calls of 0.6 s each made at once take about 0.6 s; the answer took {seconds:.2f} s"
    )


@pytest.mark.hint(
    "When one of the three calls fails, the whole answer fails: a 5xx from any service is 502."
)
def test_overview_fails_with_502_when_a_service_fails(client, harness):
    """GET /products/{sku} answers 502 when one service answers 5xx"""
    harness.set_service("reviews", status=500)
    r = client.get("/products/KB-101")
    assert r.status_code == 502, (
        f"the reviews service answered 500, so expected 502, got {r.status_code}: {r.text}"
    )
    assert isinstance(detail_of(r), str) and detail_of(r), (
        f"expected a JSON body with a non-empty detail, got {r.text}"
    )


@pytest.mark.hint(
    "Every call of the fan-out has the 1-second timeout; one slow service makes the answer 504 "
    "after about 1 second."
)
def test_overview_times_out_with_504(client, harness):
    """GET /products/{sku} answers 504 after about 1 second when one service is too slow"""
    harness.set_service("reviews", latency=3.0)
    r, seconds = timed(lambda: client.get("/products/KB-101"))
    assert r.status_code == 504, (
        f"the reviews service takes 3 seconds, so expected 504, got {r.status_code} after "
        f"{seconds:.2f} s: {r.text}"
    )
    assert seconds < 2.5, (
        f"the 504 came after {seconds:.2f} s: give up after 1 second, do not wait for the upstream"
    )


@pytest.mark.hint(
    'The catalog service answers 404 for an unknown sku: answer 404 {"detail": "Product not '
    'found"}.'
)
def test_overview_of_unknown_product_is_404(client):
    """GET /products/{sku} for an unknown sku answers 404"""
    r = client.get("/products/NOPE-1")
    assert r.status_code == 404, (
        f"the services answer 404 for NOPE-1, so expected 404, got {r.status_code}: {r.text}"
    )
    assert detail_of(r) == "Product not found", (
        f'expected {{"detail": "Product not found"}}, got {r.text}'
    )
