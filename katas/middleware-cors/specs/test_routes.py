"""The given routes: the starting project already answers them, and the middleware keeps it so."""

from typing import Any

import pytest
from conftest import LISTED_ORIGINS, process_time


# Baseline: the starting project already serves the item routes; this guards that they still
# answer the same once the middleware wraps them.
@pytest.mark.baseline
@pytest.mark.hint(
    'POST /items takes {"name": ...} of 1 to 100 characters and answers 201 with the new item '
    "(id 51, price_cents 0); DELETE /items/{item_id} answers 204 with no body.",
    "Keep the routes of the starting project as they are; middleware must not change their "
    "status or body.",
)
def test_item_routes_answer_as_before(client: Any) -> None:
    """POST /items answers 201 for a name of 1 to 100 characters, 422 beyond; DELETE answers 204"""
    for name in ("A", "n" * 100):
        r = client.post("/items", json={"name": name})
        assert r.status_code == 201, (
            f"expected 201 from POST /items with a {len(name)}-character name, "
            f"got {r.status_code}: {r.text}"
        )
        expected = {"id": 51, "name": name, "price_cents": 0}
        assert r.json() == expected, f"expected the new item {expected}, got {r.text}"
    for name in ("", "n" * 101):
        r = client.post("/items", json={"name": name})
        assert r.status_code == 422, (
            f"expected 422 from POST /items with a {len(name)}-character name, "
            f"got {r.status_code}: {r.text}"
        )
    r = client.delete("/items/3")
    assert r.status_code == 204 and r.content == b"", (
        f"expected 204 with no body from DELETE /items/3, got {r.status_code}: {r.text!r}"
    )


# Baseline: the starting project already bounds the size; this guards that it still does.
@pytest.mark.baseline
@pytest.mark.hint(
    "GET /text/{size} answers exactly size bytes for a size from 0 to 100000, both ends "
    "included, and 422 outside that range.",
    "Keep the route of the starting project as it is: Path(ge=0, le=100_000).",
)
def test_text_size_bounds(client: Any) -> None:
    """GET /text/{size} answers sizes 0 and 100000 with that many bytes; -1 and 100001 get 422"""
    for size in (0, 100_000):
        r = client.get(f"/text/{size}", headers={"Accept-Encoding": "identity"})
        assert r.status_code == 200 and len(r.content) == size, (
            f"expected 200 with {size} bytes from GET /text/{size}, got {r.status_code} with "
            f"{len(r.content)} bytes"
        )
    for size in (-1, 100_001):
        r = client.get(f"/text/{size}")
        assert r.status_code == 422, (
            f"expected 422 from GET /text/{size}, got {r.status_code}: {r.text[:200]}"
        )


@pytest.mark.hint(
    "The middleware wraps every route and method: a POST answered 201 and a DELETE answered 204 "
    "(no body) from a listed origin get Access-Control-Allow-Origin, X-Request-ID and "
    "X-Process-Time like any other answer.",
    "In pure ASGI middleware, add the headers to the http.response.start message and leave the "
    "body messages alone, so a 204 stays empty.",
)
def test_cross_origin_writes_are_stamped(client: Any) -> None:
    """A POST or DELETE from a listed origin keeps its 201 or 204 and gets CORS and both stamps"""
    origin = LISTED_ORIGINS[0]
    answers = {
        "POST /items": (
            client.post("/items", json={"name": "lamp"}, headers={"Origin": origin}),
            201,
        ),
        "DELETE /items/7": (client.delete("/items/7", headers={"Origin": origin}), 204),
    }
    for what, (r, status) in answers.items():
        assert r.status_code == status, (
            f"expected {status} from {what} from {origin}, got {r.status_code}: {r.text!r}"
        )
        got = r.headers.get("access-control-allow-origin")
        assert got == origin, (
            f"expected Access-Control-Allow-Origin: {origin} on {what}, got {got!r}"
        )
        assert r.headers.get("x-request-id"), (
            f"expected an X-Request-ID header on {what}, got headers {dict(r.headers)}"
        )
        process_time(r, what)
    r, _ = answers["POST /items"]
    expected = {"id": 51, "name": "lamp", "price_cents": 0}
    assert r.json() == expected, f"expected POST /items to answer {expected}, got {r.text}"
    r, _ = answers["DELETE /items/7"]
    assert r.content == b"", f"expected DELETE /items/7 to answer no body, got {r.content!r}"
