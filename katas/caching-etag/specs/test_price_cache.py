"""The price list: fetched once, served for 30 seconds from the fetch, then fetched again."""

import pytest


def price_of(client, product_id: int) -> tuple[int, str | None]:
    r = client.get(f"/products/{product_id}")
    assert r.status_code == 200, (
        f"expected 200 from GET /products/{product_id}, got {r.status_code}: {r.text}"
    )
    return r.json()["price_cents"], r.headers.get("etag")


@pytest.mark.points(2)
@pytest.mark.hint(
    "Keep the price list the engine returns and reuse it for 30 seconds, for every route.",
    "Store it somewhere that outlives one request (app.state, set up in the lifespan), with the "
    "time it was fetched from request.app.state.clock().",
)
def test_engine_called_once_within_ttl(client, harness):
    """Reads within 30 seconds, on any product route, ask the pricing engine only once"""
    client.get("/products/1")
    harness.advance_clock(10)
    client.get("/products")
    client.get("/products/2")
    harness.advance_clock(19)
    r = client.get("/products/3")
    client.get("/products/3", headers={"If-None-Match": r.headers.get("etag", '"x"')})
    calls = harness.price_engine_calls()
    assert calls == 1, (
        f"five reads within 29 seconds should ask the pricing engine once, it was asked {calls} "
        "times"
    )


@pytest.mark.points(2)
@pytest.mark.hint(
    "Once the price list is 30 seconds old, the next read fetches a new one from the engine.",
    "A new price is a new representation: the ETag changes with it.",
)
def test_price_list_refreshed_after_ttl(client, harness):
    """After 30 seconds the engine is asked again, and a new price comes with a new ETag"""
    price, etag = price_of(client, 1)
    assert price == 25000, f"expected the engine's price 25000, got {price}"
    harness.set_prices({"1": 19900})
    harness.advance_clock(31)
    price, new_etag = price_of(client, 1)
    calls = harness.price_engine_calls()
    assert calls == 2, (
        f"31 seconds after the first fetch the engine should have been asked again (2 calls), "
        f"it was asked {calls} times"
    )
    assert price == 19900, f"expected the new price 19900 after the cache expired, got {price}"
    assert new_etag is not None and new_etag != etag, (
        f"the price changed, so the ETag must change; before {etag}, after {new_etag}"
    )
    r = client.get("/products/1", headers={"If-None-Match": etag or '"x"'})
    assert r.status_code == 200, (
        f"the ETag from before the price change must not get 304, got {r.status_code}"
    )


@pytest.mark.hint(
    "Within the 30 seconds, serve the cached prices even if the engine would now say otherwise.",
    "Do not call app.state.price_engine() on every request.",
)
def test_cached_price_served_within_ttl(client, harness):
    """Within 30 seconds a changed engine price is not seen yet, and the ETag stays the same"""
    _, etag = price_of(client, 1)
    harness.set_prices({"1": 19900})
    harness.advance_clock(20)
    price, again = price_of(client, 1)
    assert price == 25000, (
        f"20 seconds after the fetch the cached price 25000 should be served, got {price}"
    )
    assert again == etag, f"the cached representation should keep its ETag {etag}, got {again}"
    calls = harness.price_engine_calls()
    assert calls == 1, f"expected 1 call to the engine within the 30 seconds, got {calls}"


@pytest.mark.hint(
    "The 30 seconds count from when the price list was fetched, not from the last read: "
    "reads must not keep old prices alive.",
)
def test_ttl_counts_from_the_fetch(client, harness):
    """The 30 seconds count from the fetch, so steady reads do not keep old prices alive"""
    client.get("/products/1")
    harness.advance_clock(20)
    client.get("/products/1")
    calls = harness.price_engine_calls()
    assert calls == 1, f"20 seconds after the fetch expected 1 engine call, got {calls}"
    harness.advance_clock(20)
    client.get("/products/1")
    calls = harness.price_engine_calls()
    assert calls == 2, (
        "40 seconds after the fetch (20 after the last read) the price list is stale and must "
        f"be fetched again: expected 2 engine calls, got {calls}"
    )


@pytest.mark.hint(
    "The price list is stale once it is 30 seconds old or older: a read exactly 30 seconds "
    "after the fetch already fetches a new one.",
    "Compare the list's age with >= 30, not > 30, and use 30 seconds, not more.",
)
def test_list_is_stale_at_exactly_30_seconds(client, harness):
    """The list is served from memory for 29 seconds; a read at exactly 30 fetches a new one"""
    client.get("/products/1")
    harness.set_prices({"1": 19900})
    harness.advance_clock(29)
    price, _ = price_of(client, 1)
    calls = harness.price_engine_calls()
    assert (calls, price) == (1, 25000), (
        "29 seconds after the fetch the cached price 25000 should be served without asking the "
        f"engine again: expected 1 engine call, got {calls} and the price {price}"
    )
    harness.advance_clock(1)
    price, _ = price_of(client, 1)
    calls = harness.price_engine_calls()
    assert calls == 2, (
        "exactly 30 seconds after the fetch the price list is stale and must be fetched again: "
        f"expected 2 engine calls, got {calls}"
    )
    assert price == 19900, f"expected the new price 19900 at 30 seconds, got {price}"
