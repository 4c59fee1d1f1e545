"""Shared helpers for the security-hardening specs."""

import json
from typing import Any

SEEDED = {
    1: {"id": 1, "username": "alice", "name": "Alice Martin"},
    2: {"id": 2, "username": "bob_obrien", "name": "Bob O'Brien"},
    3: {"id": 3, "username": "carol", "name": "Carol Danvers"},
    4: {"id": 4, "username": "dave_ops", "name": "Dave Ops"},
    5: {"id": 5, "username": "erin", "name": "Erin Tanaka"},
}

SECURITY_HEADERS = {
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "no-referrer",
    "content-security-policy": "default-src 'none'; frame-ancestors 'none'",
}

LIMIT = 4096


def search(client: Any, q: str) -> list[dict[str, Any]]:
    """GET /users/search?q=...: the list of users, insisting on a 200 with a JSON list."""
    r = client.get("/users/search", params={"q": q})
    assert r.status_code == 200, f"expected 200 searching for {q!r}, got {r.status_code}: {r.text}"
    body = r.json()
    assert isinstance(body, list), f"expected a JSON list searching for {q!r}, got {r.text}"
    return body


def expect_users(client: Any, q: str, ids: list[int]) -> None:
    """The search finds exactly these seeded users, in id order, and nothing else."""
    expected = [SEEDED[i] for i in ids]
    found = search(client, q)
    assert found == expected, (
        f"searching for {q!r} should find exactly the users whose username or name contains it "
        f"as typed: expected {expected}, got {found}"
    )


def expect_security_headers(response: Any, what: str) -> None:
    """All four security headers, with exactly the README's values."""
    wrong = {
        name: response.headers.get(name)
        for name, value in SECURITY_HEADERS.items()
        if response.headers.get(name) != value
    }
    assert not wrong, (
        f"expected the security headers on {what} (status {response.status_code}); wrong or "
        f"missing: {wrong}. Expected values: {SECURITY_HEADERS}"
    )


def user_body(username: str, size: int) -> bytes:
    """A valid JSON body for POST /users of exactly `size` bytes (padded in the bio)."""
    fields = {"username": username, "name": "Size Test", "email": f"{username}@example.com"}
    empty = json.dumps({**fields, "bio": ""}, separators=(",", ":")).encode()
    padding = size - len(empty)
    assert padding >= 0, f"a body of {size} bytes is too small for the fields"
    body = json.dumps({**fields, "bio": "x" * padding}, separators=(",", ":")).encode()
    assert len(body) == size
    return body


def post_user(client: Any, body: bytes, *, chunked: bool = False) -> Any:
    """POST /users with this body: with a Content-Length, or chunked in 1000-byte pieces."""
    headers = {"Content-Type": "application/json"}
    if chunked:
        pieces = [body[i : i + 1000] for i in range(0, len(body), 1000)]
        return client.post("/users", content=iter(pieces), headers=headers)
    return client.post("/users", content=body, headers=headers)
