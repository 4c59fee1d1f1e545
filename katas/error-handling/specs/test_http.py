"""HTTPException, whether a route raises it or the router does (unknown path, wrong method)."""

import pytest


@pytest.mark.points(2)
@pytest.mark.hint(
    "A path no route matches is answered by the router, which raises Starlette's "
    "HTTPException, not FastAPI's.",
    "Register your handler for starlette.exceptions.HTTPException: FastAPI's HTTPException is "
    "a subclass, so one handler answers both.",
)
def test_unknown_route_gets_404_envelope(client, error_of):
    """A path that matches no route gets 404 with code not_found in the envelope"""
    error = error_of(client.get("/no/such/route"), 404, "GET /no/such/route")
    expected = {"code": "not_found", "message": "Not Found", "details": None}
    assert error == expected, f"expected {expected}, got {error}"


@pytest.mark.hint(
    "A known path with the wrong method raises Starlette's HTTPException(405) with an Allow "
    "header.",
    "Your HTTPException handler must pass the exception's headers on to the response.",
)
def test_wrong_method_gets_405_envelope_with_allow(client, error_of):
    """A wrong method gets 405 method_not_allowed in the envelope and keeps its Allow header"""
    r = client.put("/accounts/acc-1")
    error = error_of(r, 405, "PUT /accounts/acc-1")
    assert error["code"] == "method_not_allowed", (
        f'expected code "method_not_allowed", got {error["code"]!r}'
    )
    assert error["details"] is None, f"expected details null, got {error['details']!r}"
    allow = r.headers.get("allow", "")
    assert "GET" in allow, (
        f"expected the 405 to keep its Allow header listing GET, got Allow: {allow!r}"
    )


@pytest.mark.hint(
    "DELETE /accounts/{id} raises HTTPException(403) with a detail; the envelope's message is "
    "that detail and its code comes from the status (403 is forbidden).",
)
def test_route_http_exception_gets_envelope(client, error_of):
    """An HTTPException raised by a route gets the envelope, its detail as the message"""
    error = error_of(client.delete("/accounts/acc-1"), 403, "DELETE /accounts/acc-1")
    expected = {
        "code": "forbidden",
        "message": "Closing accounts is not allowed through the API",
        "details": None,
    }
    assert error == expected, f"expected {expected}, got {error}"
