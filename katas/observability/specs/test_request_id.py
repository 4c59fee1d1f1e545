"""Every response names its request, so a user's report can be found in the logs."""

import json

import pytest


@pytest.mark.points(2)
@pytest.mark.hint(
    "In a middleware, give every request an id (uuid4().hex is fine) and send it back in the "
    "X-Request-ID response header, whatever the status.",
)
def test_every_response_has_a_request_id(client):
    """Every response carries its own X-Request-ID, errors included"""
    responses = {
        "GET /items": client.get("/items"),
        "GET /items/99 (404)": client.get("/items/99"),
        "POST /items with no name (422)": client.post("/items", json={}),
    }
    ids = {}
    for request, r in responses.items():
        request_id = r.headers.get("x-request-id")
        assert request_id, f"expected an X-Request-ID header on {request}, got none"
        ids[request] = request_id
    assert len(set(ids.values())) == len(ids), f"each request needs its own id, got {ids}"


@pytest.mark.hint(
    "When the request already carries X-Request-ID (set by a proxy or the calling service), "
    "keep it: send it back and log it, instead of making a new one.",
)
def test_incoming_request_id_is_kept(client, harness):
    """An incoming X-Request-ID is kept: sent back and logged"""
    r = client.get("/items", headers={"X-Request-ID": "checkout-7f3a9"})
    assert r.headers.get("x-request-id") == "checkout-7f3a9", (
        "expected the incoming X-Request-ID checkout-7f3a9 to come back, "
        f"got {r.headers.get('x-request-id')!r}"
    )
    messages = harness.logged_messages()
    logged = [json.loads(m).get("request_id") for m in messages if m.lstrip().startswith("{")]
    assert logged == ["checkout-7f3a9"], (
        f"expected one log line with request_id checkout-7f3a9, got {messages}"
    )
