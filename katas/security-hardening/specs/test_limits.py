"""Request bodies over 4096 bytes get 413, however they are sent."""

from typing import Any

import pytest
from conftest import LIMIT, post_user, search, user_body


def expect_413(r: Any, what: str) -> None:
    assert r.status_code == 413, f"expected 413 for {what}, got {r.status_code}: {r.text[:300]}"
    try:
        body = r.json()
    except ValueError:
        body = None
    assert isinstance(body, dict) and body.get("detail"), (
        f"expected a JSON body with a detail on the 413, got {r.text[:300]!r}"
    )


def expect_absent(client: Any, username: str) -> None:
    found = search(client, username)
    assert found == [], f"a refused body must create nothing, but {username} exists: {found}"


@pytest.mark.points(2)
@pytest.mark.hint(
    "Look at Content-Length before reading anything: over 4096 bytes is 413 with a JSON detail, "
    "and the route never runs."
)
def test_large_body_is_413(client: Any) -> None:
    """A body over 4096 bytes gets 413 and creates nothing"""
    expect_413(post_user(client, user_body("zoe", 9000)), "a 9000-byte body")
    expect_absent(client, "zoe")


@pytest.mark.points(1)
@pytest.mark.hint("The limit is 4096 bytes: exactly 4096 is fine, 4097 is too many.")
def test_limit_is_exactly_4096_bytes(client: Any) -> None:
    """A 4096-byte body is accepted, a 4097-byte body gets 413"""
    r = post_user(client, user_body("yan", LIMIT))
    assert r.status_code == 201, (
        f"expected 201 for a body of exactly {LIMIT} bytes, got {r.status_code}: {r.text[:300]}"
    )
    expect_413(post_user(client, user_body("zoe", LIMIT + 1)), f"a body of {LIMIT + 1} bytes")
    expect_absent(client, "zoe")


@pytest.mark.points(2)
@pytest.mark.hint(
    "A chunked body has no Content-Length: count the bytes as they arrive (wrap the ASGI "
    "receive) and answer 413 once they pass 4096; small chunked bodies must still reach the "
    "route whole."
)
def test_chunked_body_is_counted(client: Any) -> None:
    """A chunked body without Content-Length is counted: small passes, large gets 413"""
    r = post_user(client, user_body("yan", 2500), chunked=True)
    assert r.status_code == 201, (
        f"expected 201 for a 2500-byte chunked body, got {r.status_code}: {r.text[:300]}"
    )
    expect_413(post_user(client, user_body("zoe", 6000), chunked=True), "a 6000-byte chunked body")
    expect_absent(client, "zoe")


@pytest.mark.hint(
    "The 4096-byte limit is the same for a chunked body: count every byte that arrives, from 0; "
    "exactly 4096 bytes reach the route, 4097 get 413."
)
def test_chunked_limit_is_exactly_4096_bytes(client: Any) -> None:
    """A chunked body of 4096 bytes is accepted, a chunked body of 4097 bytes gets 413"""
    r = post_user(client, user_body("yan", LIMIT), chunked=True)
    assert r.status_code == 201, (
        f"expected 201 for a chunked body of exactly {LIMIT} bytes, got {r.status_code}: "
        f"{r.text[:300]}"
    )
    expect_413(
        post_user(client, user_body("zoe", LIMIT + 1), chunked=True),
        f"a chunked body of {LIMIT + 1} bytes",
    )
    expect_absent(client, "zoe")
