"""CORS: the listed origins, methods and headers only, for preflights and simple requests."""

from typing import Any

import pytest
from conftest import LISTED_ORIGINS, UNLISTED_ORIGINS, header_list, preflight

REQUESTED_HEADERS = "content-type, authorization, x-request-id"


def expect_allowed_preflight(r: Any, origin: str, what: str) -> None:
    assert r.status_code == 200, f"expected 200 for {what}, got {r.status_code}: {r.text}"
    got = r.headers.get("access-control-allow-origin")
    assert got == origin, f"expected Access-Control-Allow-Origin: {origin} for {what}, got {got!r}"


@pytest.mark.points(2)
@pytest.mark.hint(
    "CORSMiddleware with allow_origins set to the two listed origins, the listed methods and "
    "request headers, credentials allowed, and a max age of 600 seconds."
)
@pytest.mark.parametrize("origin", LISTED_ORIGINS)
def test_preflight_allows_listed_origin(client: Any, origin: str) -> None:
    """A preflight from a listed origin is allowed, with the methods, headers and credentials"""
    what = f"a POST preflight from {origin} asking for {REQUESTED_HEADERS}"
    r = preflight(client, origin, "POST", REQUESTED_HEADERS)
    expect_allowed_preflight(r, origin, what)
    methods = header_list(r, "access-control-allow-methods")
    assert {"get", "post", "delete"} <= set(methods), (
        f"expected Access-Control-Allow-Methods to list GET, POST and DELETE, got {methods}"
    )
    allowed = header_list(r, "access-control-allow-headers")
    missing = {h.strip() for h in REQUESTED_HEADERS.split(",")} - set(allowed)
    assert not missing, f"expected Access-Control-Allow-Headers to list {missing}, got {allowed}"
    credentials = r.headers.get("access-control-allow-credentials")
    assert credentials == "true", (
        f"expected Access-Control-Allow-Credentials: true, got {credentials!r}"
    )
    max_age = r.headers.get("access-control-max-age")
    assert max_age == "600", f"expected Access-Control-Max-Age: 600, got {max_age!r}"


@pytest.mark.points(3)
@pytest.mark.hint(
    "Only the two listed origins may be allowed: never '*' (with credentials, CORSMiddleware "
    "then echoes any origin back), and compare whole origins, scheme included."
)
def test_preflight_refuses_unlisted_origin(client: Any) -> None:
    """A preflight from an unlisted origin gets no Access-Control-Allow-Origin"""
    origin = LISTED_ORIGINS[0]
    expect_allowed_preflight(preflight(client, origin, "GET"), origin, f"a preflight from {origin}")
    for origin in UNLISTED_ORIGINS:
        r = preflight(client, origin, "GET")
        got = r.headers.get("access-control-allow-origin")
        assert got is None, (
            f"expected no Access-Control-Allow-Origin on a preflight from the unlisted origin "
            f"{origin}, got {got!r} (status {r.status_code})"
        )


@pytest.mark.points(1)
@pytest.mark.hint(
    "List the allowed methods and request headers one by one; '*' lets a page send any method "
    "or header."
)
@pytest.mark.parametrize(
    ("method", "headers", "refused"),
    [("PATCH", None, "method PATCH"), ("POST", "content-type, x-debug", "header x-debug")],
    ids=["method", "header"],
)
def test_preflight_refuses_unlisted_method_or_header(
    client: Any, method: str, headers: str | None, refused: str
) -> None:
    """A preflight for a method or header not on the list is not allowed"""
    origin = LISTED_ORIGINS[0]
    expect_allowed_preflight(
        preflight(client, origin, "POST", "content-type"), origin, "a POST preflight"
    )
    r = preflight(client, origin, method, headers)
    granted = header_list(
        r, "access-control-allow-methods" if headers is None else "access-control-allow-headers"
    )
    wanted = method.lower() if headers is None else "x-debug"
    assert not (200 <= r.status_code < 300 and wanted in granted), (
        f"expected a preflight asking for the {refused} to be refused (a non-2xx status, or the "
        f"{refused} not in the allow list), got {r.status_code} allowing {granted}"
    )


@pytest.mark.points(2)
@pytest.mark.hint(
    "A real cross-origin request from a listed origin needs Access-Control-Allow-Origin, "
    "Access-Control-Allow-Credentials, Vary: Origin, and Access-Control-Expose-Headers naming "
    "X-Request-ID and X-Process-Time so a page's script may read them."
)
def test_simple_request_from_listed_origin(client: Any) -> None:
    """A request from a listed origin gets its CORS headers, exposing the two custom headers"""
    origin = LISTED_ORIGINS[1]
    r = client.get("/ping", headers={"Origin": origin})
    assert r.status_code == 200, f"expected 200 from GET /ping, got {r.status_code}: {r.text}"
    got = r.headers.get("access-control-allow-origin")
    assert got == origin, f"expected Access-Control-Allow-Origin: {origin}, got {got!r}"
    credentials = r.headers.get("access-control-allow-credentials")
    assert credentials == "true", (
        f"expected Access-Control-Allow-Credentials: true, got {credentials!r}"
    )
    assert "origin" in header_list(r, "vary"), (
        f"expected Vary to name Origin, got {r.headers.get('vary')!r}"
    )
    exposed = header_list(r, "access-control-expose-headers")
    assert {"x-request-id", "x-process-time"} <= set(exposed), (
        f"expected Access-Control-Expose-Headers to name X-Request-ID and X-Process-Time, "
        f"got {exposed}"
    )


@pytest.mark.points(1)
@pytest.mark.hint(
    "The server still answers a request from an unlisted origin; it just must not add "
    "Access-Control-Allow-Origin, so the browser keeps the answer from the page."
)
def test_simple_request_from_unlisted_origin(client: Any) -> None:
    """A request from an unlisted origin is answered without Access-Control-Allow-Origin"""
    listed = client.get("/ping", headers={"Origin": LISTED_ORIGINS[0]})
    assert listed.headers.get("access-control-allow-origin") == LISTED_ORIGINS[0], (
        f"expected Access-Control-Allow-Origin: {LISTED_ORIGINS[0]} for a listed origin, got "
        f"{listed.headers.get('access-control-allow-origin')!r}"
    )
    for origin in UNLISTED_ORIGINS:
        r = client.get("/ping", headers={"Origin": origin})
        assert r.status_code == 200, f"expected 200 from GET /ping, got {r.status_code}: {r.text}"
        got = r.headers.get("access-control-allow-origin")
        assert got is None, (
            f"expected no Access-Control-Allow-Origin for the unlisted origin {origin}, got {got!r}"
        )
