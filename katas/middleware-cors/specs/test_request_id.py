"""X-Request-ID: the client's own when it is safe, a fresh UUID4 otherwise, seen by the route."""

from typing import Any

import pytest
from conftest import is_uuid4


@pytest.mark.points(2)
@pytest.mark.hint(
    "Without an X-Request-ID from the client, make one with str(uuid.uuid4()) per request and "
    "put it on the response, whatever its status."
)
def test_request_id_generated(client: Any) -> None:
    """Without X-Request-ID, each response gets a new UUID4 one, errors included"""
    seen = []
    for path in ("/ping", "/ping", "/no-such-route"):
        r = client.get(path)
        request_id = r.headers.get("x-request-id")
        assert is_uuid4(request_id), (
            f"expected X-Request-ID on GET {path} to be a UUID4 like "
            f"'9b2f6c1e-3d4a-4f5b-8c7d-0e1f2a3b4c5d', got {request_id!r}"
        )
        seen.append(request_id)
    assert len(set(seen)) == len(seen), f"expected a new request ID per request, got {seen}"


@pytest.mark.points(2)
@pytest.mark.hint(
    "When the client sends a safe X-Request-ID, send the very same value back so its logs and "
    "yours can be matched."
)
@pytest.mark.parametrize(
    "sent", ["req-7f3a.2024_XYZ", "a" * 128], ids=["ordinary", "128-characters"]
)
def test_client_request_id_kept(client: Any, sent: str) -> None:
    """A client's safe X-Request-ID comes back unchanged"""
    r = client.get("/ping", headers={"X-Request-ID": sent})
    assert r.headers.get("x-request-id") == sent, (
        f"expected X-Request-ID {sent!r} back, got {r.headers.get('x-request-id')!r}"
    )


@pytest.mark.points(1)
@pytest.mark.hint(
    "Only 1 to 128 letters, digits, '.', '_' or '-' are a safe request ID; anything else ends "
    "up in your logs and headers as the client wrote it, so replace it with a fresh UUID4."
)
@pytest.mark.parametrize(
    "sent", ["a" * 129, 'abc def"<script>', "id;drop"], ids=["too-long", "quotes", "semicolon"]
)
def test_unsafe_request_id_replaced(client: Any, sent: str) -> None:
    """An unsafe X-Request-ID from the client is replaced by a fresh UUID4"""
    r = client.get("/ping", headers={"X-Request-ID": sent})
    request_id = r.headers.get("x-request-id")
    assert is_uuid4(request_id), (
        f"expected the unsafe X-Request-ID {sent!r} to be replaced by a UUID4, got {request_id!r}"
    )


@pytest.mark.points(1)
@pytest.mark.hint(
    "Keep the ID on request.state.request_id as well (in pure ASGI middleware: "
    'scope["state"]["request_id"]), so routes and logs can use it.'
)
def test_route_sees_request_id(client: Any) -> None:
    """The route sees the same request ID as the response header"""
    for sent in ({"X-Request-ID": "trace-42"}, {}):
        r = client.get("/ping", headers=sent)
        assert r.status_code == 200, f"expected 200 from GET /ping, got {r.status_code}: {r.text}"
        header = r.headers.get("x-request-id")
        seen = r.json().get("request_id")
        assert header and seen == header, (
            f"expected GET /ping's request_id ({seen!r}) to equal its X-Request-ID header "
            f"({header!r}) when sending {sent or 'no X-Request-ID'}"
        )
