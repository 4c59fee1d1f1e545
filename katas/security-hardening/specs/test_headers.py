"""Security headers on every response, whatever its status."""

from typing import Any

import pytest
from conftest import LIMIT, expect_security_headers, post_user, search, user_body


@pytest.mark.points(2)
@pytest.mark.hint(
    "Add the four headers in a middleware, so that every response gets them, not only the "
    "ones your routes return."
)
def test_security_headers_on_success(client: Any) -> None:
    """Successful responses carry the four security headers"""
    expect_security_headers(client.get("/users/search", params={"q": "a"}), "GET /users/search")
    expect_security_headers(client.get("/users/1"), "GET /users/1")
    r = post_user(client, user_body("zoe", 200))
    assert r.status_code == 201, f"expected 201 creating zoe, got {r.status_code}: {r.text}"
    expect_security_headers(r, "POST /users")


@pytest.mark.points(2)
@pytest.mark.hint(
    "404s for unknown paths, 405s and 422s are produced by FastAPI itself, before or without "
    "your route: only middleware sees them all."
)
def test_security_headers_on_client_errors(client: Any) -> None:
    """404, 405 and 422 responses carry the security headers too"""
    cases = {
        "an unknown path (404)": ("GET", "/no-such-page", 404),
        "an unknown user (404)": ("GET", "/users/999", 404),
        "a wrong method (405)": ("DELETE", "/users/search", 405),
        "an invalid user id (422)": ("GET", "/users/not-a-number", 422),
    }
    for what, (method, path, status) in cases.items():
        r = client.request(method, path)
        assert r.status_code == status, f"expected {what}, got {r.status_code}: {r.text}"
        expect_security_headers(r, what)


@pytest.mark.points(1)
@pytest.mark.hint(
    "An exception handler for Exception runs in ServerErrorMiddleware, outside every middleware "
    "you add, so its 500 misses your headers: catch the crash in your outermost middleware. "
    "The 413 must go through the headers middleware too.",
)
@pytest.mark.parametrize("kind", ["too-large-413", "server-error-500"])
def test_security_headers_on_413_and_500(client: Any, harness: Any, kind: str) -> None:
    """A 413 and a 500 carry the security headers too"""
    if kind == "too-large-413":
        r = post_user(client, user_body("zoe", LIMIT + 1000))
        status = 413
    else:
        harness.break_database()
        r = client.get("/users/1")
        status = 500
    assert r.status_code == status, f"expected {status}, got {r.status_code}: {r.text[:300]}"
    expect_security_headers(r, f"a {status}")


@pytest.mark.hint(
    "A username that is already taken gets 409 (the unique constraint on username refuses the "
    "insert; answer HTTPException(409)), and the 409 goes through your headers middleware "
    "like every other response.",
)
def test_taken_username_is_409_with_headers(client: Any) -> None:
    """Registering a taken username gets 409 with the security headers and creates no one"""
    r = post_user(client, user_body("zoe", 200))
    assert r.status_code == 201, f"expected 201 creating zoe, got {r.status_code}: {r.text}"
    for username in ("zoe", "alice"):
        r = post_user(client, user_body(username, 300))
        assert r.status_code == 409, (
            f"expected 409 registering the taken username {username!r}, "
            f"got {r.status_code}: {r.text[:300]}"
        )
        expect_security_headers(r, f"a 409 for the taken username {username!r}")
    found = [user["username"] for user in search(client, "")]
    assert found == ["alice", "bob_obrien", "carol", "dave_ops", "erin", "zoe"], (
        f"expected the five seeded users and one zoe after the refused sign-ups, got {found}"
    )
