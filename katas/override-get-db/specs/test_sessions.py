"""Sessions: every request takes one from get_db, and get_db always closes it."""

from typing import Any

import pytest


def call(client: Any, method: str, path: str, body: Any, expected: int) -> Any:
    """Make one request, insist on its status code, and return the JSON body (None if empty)."""
    r = client.request(method, path, json=body)
    assert r.status_code == expected, (
        f"expected {expected} from {method} {path} with {body}, got {r.status_code}: {r.text}"
    )
    return r.json() if r.content else None


@pytest.mark.hint(
    "Every route declares its session with Depends(get_db).",
    "get_db closes the session after the yield, whatever the route did.",
)
def test_sessions_are_closed_after_successful_requests(client, harness):
    """Every request gets its session from get_db, and it is closed when the request ends"""
    saw = call(client, "POST", "/products", {"sku": "S-1", "name": "Saw", "price_cents": 900}, 201)
    glue = call(client, "POST", "/products", {"sku": "S-2", "name": "Glue", "price_cents": 1}, 201)
    call(client, "GET", "/products", None, 200)
    call(client, "GET", f"/products/{saw['id']}", None, 200)
    call(client, "PATCH", f"/products/{saw['id']}", {"stock": 4}, 200)
    order = call(
        client, "POST", "/orders", {"lines": [{"product_id": saw["id"], "quantity": 1}]}, 201
    )
    call(client, "GET", f"/orders/{order['id']}", None, 200)
    call(client, "DELETE", f"/products/{glue['id']}", None, 204)
    requests = 8

    stats = harness.session_stats()
    assert stats["opened"] >= requests, (
        f"expected get_db to hand out a session for each of the {requests} requests, it handed "
        f"out {stats['opened']}: some route does not depend on get_db"
    )
    assert stats["left_open"] == 0, (
        f"expected every session from get_db to be closed when its request ended, "
        f"{stats['left_open']} of {stats['opened']} were left open"
    )


@pytest.mark.points(2)
@pytest.mark.hint(
    "When the route raises, the exception comes out of get_db's yield: code after it is skipped.",
    "Close the session in a finally block (or a with block) so errors close it too.",
)
def test_sessions_are_closed_after_failed_requests(client, harness, seed_products):
    """Sessions are closed after failed requests too (404, 409 and 422)"""
    (product_id,) = seed_products({"sku": "DUP-1", "stock": 1})
    missing = product_id + 1000
    call(client, "GET", f"/products/{missing}", None, 404)
    call(client, "POST", "/products", {"sku": "DUP-1", "name": "Twin", "price_cents": 5}, 409)
    call(client, "POST", "/products", {"sku": "BAD-1", "price_cents": -5}, 422)
    call(client, "POST", "/orders", {"lines": [{"product_id": missing, "quantity": 1}]}, 404)
    call(client, "POST", "/orders", {"lines": [{"product_id": product_id, "quantity": 9}]}, 409)
    failed_after_the_session_opened = 4  # a 422 may be answered before get_db runs at all

    stats = harness.session_stats()
    assert stats["opened"] >= failed_after_the_session_opened, (
        f"expected get_db to hand out a session for each request that reached a route, it "
        f"handed out {stats['opened']}: some route does not depend on get_db"
    )
    assert stats["left_open"] == 0, (
        f"expected every session from get_db to be closed after a failed request, "
        f"{stats['left_open']} of {stats['opened']} were left open"
    )
