"""One upstream call: pass the answer on, and turn upstream failures into 404, 502 or 504."""

import pytest
from upstream_helpers import detail_of, timed


@pytest.mark.points(2)
@pytest.mark.hint(
    "GET /products/{sku}/stock calls GET /inventory/{sku} on the upstream with the client from "
    'request.app.state.http_client, and answers {"sku", "in_stock"}.',
    "Look the client up on every request (a dependency is the natural place); a client created "
    "elsewhere never reaches the test's upstream.",
)
def test_stock_comes_from_inventory(client, harness):
    """GET /products/{sku}/stock answers the inventory service's stock level"""
    r = client.get("/products/KB-101/stock")
    assert r.status_code == 200, (
        f"expected 200 from GET /products/KB-101/stock, got {r.status_code}: {r.text}"
    )
    assert r.json() == {"sku": "KB-101", "in_stock": 7}, (
        f'expected {{"sku": "KB-101", "in_stock": 7}}, got {r.text}'
    )
    calls = harness.upstream_stats()["calls"]
    assert calls == ["/inventory/KB-101"], (
        f"expected exactly one upstream call, GET /inventory/KB-101, got {calls}"
    )


@pytest.mark.hint(
    "An upstream 404 means the product does not exist: answer 404 with "
    '{"detail": "Product not found"}, not 502.'
)
def test_unknown_product_is_404(client):
    """An upstream 404 becomes 404 Product not found"""
    r = client.get("/products/NOPE-1/stock")
    assert r.status_code == 404, (
        f"the inventory service answers 404 for NOPE-1, so expected 404, got {r.status_code}: "
        f"{r.text}"
    )
    assert detail_of(r) == "Product not found", (
        f'expected {{"detail": "Product not found"}}, got {r.text}'
    )


@pytest.mark.parametrize("upstream_status", [500, 503])
@pytest.mark.hint(
    "An upstream that answers 5xx is a bad gateway: answer 502 with a JSON detail.",
    "Check the upstream's status code before reading its body; an unhandled error is a 500.",
)
def test_upstream_server_error_is_502(client, harness, upstream_status):
    """An upstream 5xx answer becomes 502 Bad Gateway"""
    harness.set_service("inventory", status=upstream_status)
    r = client.get("/products/KB-101/stock")
    assert r.status_code == 502, (
        f"the inventory service answered {upstream_status}, so expected 502, "
        f"got {r.status_code}: {r.text}"
    )
    assert isinstance(detail_of(r), str) and detail_of(r), (
        f"expected a JSON body with a non-empty detail, got {r.text}"
    )


@pytest.mark.hint(
    "An upstream you cannot connect to is a bad gateway too: catch httpx's transport errors "
    "and answer 502."
)
def test_connection_error_is_502(client, harness):
    """An upstream that refuses the connection gives 502 Bad Gateway"""
    harness.set_service("inventory", refuse_connections=True)
    r = client.get("/products/KB-101/stock")
    assert r.status_code == 502, (
        f"the inventory service refused the connection, so expected 502, got {r.status_code}: "
        f"{r.text}"
    )
    assert isinstance(detail_of(r), str) and detail_of(r), (
        f"expected a JSON body with a non-empty detail, got {r.text}"
    )


@pytest.mark.points(2)
@pytest.mark.hint(
    "Give every upstream call a timeout of 1 second (httpx.AsyncClient(timeout=1.0)); httpx's "
    "default is 5 seconds.",
    "A timeout is a gateway timeout, 504, not 502: catch httpx.TimeoutException before the "
    "broader transport errors.",
)
def test_slow_upstream_is_504_after_one_second(client, harness):
    """An upstream slower than 1 second gets 504 Gateway Timeout, without waiting for it"""
    harness.set_service("inventory", latency=3.0)
    r, seconds = timed(lambda: client.get("/products/KB-101/stock"))
    assert r.status_code == 504, (
        f"the inventory service takes 3 seconds, beyond the 1-second timeout, so expected 504, "
        f"got {r.status_code} after {seconds:.2f} s: {r.text}"
    )
    assert seconds < 2.5, (
        f"the 504 came after {seconds:.2f} s: give up after 1 second, do not wait for the upstream"
    )
    assert isinstance(detail_of(r), str) and detail_of(r), (
        f"expected a JSON body with a non-empty detail, got {r.text}"
    )


@pytest.mark.hint(
    "The timeout is 1 second: an upstream that answers in 0.6 seconds must still be served."
)
def test_upstream_within_timeout_is_served(client, harness):
    """An upstream that answers within 1 second is served normally"""
    harness.set_service("inventory", latency=0.6)
    r = client.get("/products/KB-101/stock")
    assert r.status_code == 200, (
        f"the inventory service answers in 0.6 s, within the 1-second timeout, so expected 200, "
        f"got {r.status_code}: {r.text}"
    )
    assert r.json() == {"sku": "KB-101", "in_stock": 7}, (
        f'expected {{"sku": "KB-101", "in_stock": 7}}, got {r.text}'
    )
