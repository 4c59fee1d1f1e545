"""Deprecation on the wire: every v1 response says so, nothing else does."""

import pytest
from expected import expect, expect_deprecated, expect_not_deprecated


@pytest.mark.points(2)
@pytest.mark.hint(
    "Every response under /api/v1 carries Deprecation: true and "
    "Sunset: Thu, 31 Dec 2026 23:59:59 GMT.",
)
def test_v1_responses_carry_deprecation_headers(client):
    """Every successful v1 response carries Deprecation: true and the Sunset date"""
    for method, path, body, status in (
        ("GET", "/api/v1/users", None, 200),
        ("GET", "/api/v1/users/2", None, 200),
        ("POST", "/api/v1/users", {"name": "Edsger Dijkstra", "email": "ewd@example.com"}, 201),
    ):
        r = client.request(method, path, json=body)
        expect(r, status, f"{method} {path}")
        expect_deprecated(r, f"{method} {path}")


@pytest.mark.points(2)
@pytest.mark.hint(
    "Error responses under /api/v1 are v1 responses too: a 404 from the route and a 422 from "
    "validation need the same headers.",
    "Headers set on a dependency's Response are lost when an exception is raised; add them "
    "where every response passes, e.g. a middleware that looks at the path.",
)
def test_v1_errors_carry_deprecation_headers(client):
    """v1 error responses (404 and 422) carry the deprecation headers too"""
    r = client.get("/api/v1/users/99")
    expect(r, 404, "GET /api/v1/users/99")
    expect_deprecated(r, "GET /api/v1/users/99")

    r = client.post("/api/v1/users", json={"email": "nobody@example.com"})
    expect(r, 422, "POST /api/v1/users without a name")
    expect_deprecated(r, "POST /api/v1/users without a name")


@pytest.mark.hint(
    "Only /api/v1 is deprecated: v2 and /health must not carry Deprecation or Sunset.",
    "Check the whole /api/v1 prefix, not just /api.",
)
def test_v2_and_health_carry_no_deprecation_headers(client):
    """v2 responses and /health carry no Deprecation or Sunset header"""
    for method, path, body, status in (
        ("GET", "/api/v2/users", None, 200),
        ("GET", "/api/v2/users/1", None, 200),
        ("GET", "/api/v2/users/99", None, 404),
        (
            "POST",
            "/api/v2/users",
            {"first_name": "Barbara", "last_name": "Liskov", "email": "bl@example.com"},
            201,
        ),
        ("GET", "/health", None, 200),
    ):
        r = client.request(method, path, json=body)
        expect(r, status, f"{method} {path}")
        expect_not_deprecated(r, f"{method} {path}")
