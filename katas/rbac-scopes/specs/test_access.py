"""Scoped routes: who gets in, who gets 401, who gets 403, and what the challenge says."""

import base64
import json
import time
from collections.abc import Callable
from typing import Any

import pytest
from conftest import OTHER_KEY, SCOPED_ROUTES, challenge_scopes, json_detail

SEEDED_ITEMS = [
    {"id": 1, "name": "hammer", "owner": "alice"},
    {"id": 2, "name": "screwdriver", "owner": "bob"},
]


def unsigned_token(sub: str, scope: str) -> str:
    """A token whose header says alg none and which has no signature."""

    def part(data: dict[str, Any]) -> str:
        raw = json.dumps(data, separators=(",", ":")).encode()
        return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()

    claims = {"sub": sub, "scope": scope, "exp": int(time.time()) + 600}
    return f"{part({'alg': 'none', 'typ': 'JWT'})}.{part(claims)}."


def expect(response: Any, status: int, what: str) -> None:
    assert response.status_code == status, (
        f"expected {status} for {what}, got {response.status_code}: {response.text}"
    )


@pytest.mark.points(2)
@pytest.mark.hint(
    "GET /users/me needs a valid token and no particular scope; it answers the user, their role "
    "and the scopes this request may use, sorted. Without a token it is a 401."
)
def test_me_needs_a_token_but_no_scope(call: Callable[..., Any], sign: Callable[..., str]) -> None:
    """GET /users/me answers any valid token, even one without scopes, and 401 without one"""
    r = call("GET", "/users/me", sign("carol", ""))
    expect(r, 200, "carol's token with no scopes on GET /users/me")
    expected = {"username": "carol", "role": "viewer", "scopes": []}
    assert r.json() == expected, f"expected {expected}, got {r.text}"
    r = call("GET", "/users/me", sign("bob", "items:write items:read"))
    expect(r, 200, "bob's token with items:write and items:read on GET /users/me")
    expected = {"username": "bob", "role": "editor", "scopes": ["items:read", "items:write"]}
    assert r.json() == expected, f"expected {expected}, got {r.text}"
    r = call("GET", "/users/me", None)
    expect(r, 401, "GET /users/me without a token")
    challenge = r.headers.get("www-authenticate", "")
    assert challenge.strip().lower().startswith("bearer"), (
        f"expected WWW-Authenticate: Bearer on the 401, got {challenge!r}"
    )


@pytest.mark.points(2)
@pytest.mark.hint(
    'Guard GET /items with Security(your user dependency, scopes=["items:read"]); a viewer\'s '
    "token with that scope lists the items."
)
def test_read_scope_lists_items(call: Callable[..., Any], sign: Callable[..., str]) -> None:
    """A token with items:read lists the items"""
    r = call("GET", "/items", sign("carol", "items:read"))
    expect(r, 200, "carol's items:read token on GET /items")
    assert r.json() == SEEDED_ITEMS, f"expected the seeded items {SEEDED_ITEMS}, got {r.text}"


@pytest.mark.points(2)
@pytest.mark.hint(
    "POST /items needs items:write and records the caller as the owner; answer 201 with the "
    "new item."
)
def test_write_scope_creates_item(call: Callable[..., Any], sign: Callable[..., str]) -> None:
    """A token with items:write creates an item owned by the caller"""
    r = call("POST", "/items", sign("bob", "items:write"), {"name": "wrench"})
    expect(r, 201, "bob's items:write token on POST /items")
    expected = {"id": 3, "name": "wrench", "owner": "bob"}
    assert r.json() == expected, f"expected {expected}, got {r.text}"
    r = call("GET", "/items", sign("alice", "items:read"))
    expect(r, 200, "alice's items:read token on GET /items")
    assert r.json() == [*SEEDED_ITEMS, expected], f"expected the new item listed, got {r.text}"


@pytest.mark.points(2)
@pytest.mark.hint(
    "GET /admin/users needs the admin scope; alice (role admin) with that scope gets every "
    "account's username and role, sorted by username."
)
def test_admin_route_for_admin(call: Callable[..., Any], sign: Callable[..., str]) -> None:
    """An admin with the admin scope lists the accounts"""
    r = call("GET", "/admin/users", sign("alice", "admin"))
    expect(r, 200, "alice's admin token on GET /admin/users")
    expected = [
        {"username": "alice", "role": "admin"},
        {"username": "bob", "role": "editor"},
        {"username": "carol", "role": "viewer"},
    ]
    assert r.json() == expected, f"expected {expected}, got {r.text}"


@pytest.mark.points(2)
@pytest.mark.hint(
    "Two different failures: no credentials (or bad ones) is 401, 'we know who you are but your "
    "token lacks the scope' is 403. Compare the token's scopes with SecurityScopes.scopes.",
)
@pytest.mark.parametrize("route", list(SCOPED_ROUTES))
def test_no_token_401_missing_scope_403(
    call: Callable[..., Any], sign: Callable[..., str], route: str
) -> None:
    """No token gets 401; a valid token without the route's scope gets 403"""
    method, path, needed, body = SCOPED_ROUTES[route]
    expect(call(method, path, None, body), 401, f"{method} {path} without a token")
    others = " ".join(s for s in ("items:read", "items:write", "admin") if s != needed)
    r = call(method, path, sign("alice", others), body)
    expect(r, 403, f"{method} {path} with alice's token for {others!r} (no {needed})")
    assert json_detail(r), f"expected a JSON body with a detail on the 403, got {r.text!r}"


@pytest.mark.points(1)
@pytest.mark.hint(
    "Decode with PyJWT, HS256 only, with the key from JWT_SECRET; any token that does not "
    "verify or names no user is a 401, never a 403 or a 500."
)
@pytest.mark.parametrize("kind", ["expired", "wrong-key", "alg-none", "unknown-user", "not-a-jwt"])
def test_bad_token_is_401(call: Callable[..., Any], sign: Callable[..., str], kind: str) -> None:
    """A token that is expired, forged, unsigned, for no user or no JWT at all gets 401"""
    token = {
        "expired": lambda: sign("alice", "items:read", lifetime=-600),
        "wrong-key": lambda: sign("alice", "items:read", key=OTHER_KEY),
        "alg-none": lambda: unsigned_token("alice", "items:read"),
        "unknown-user": lambda: sign("mallory", "items:read"),
        "not-a-jwt": lambda: "this-is-not-a-jwt",
    }[kind]()
    expect(call("GET", "/items", token), 401, f"GET /items with a {kind} token")


@pytest.mark.points(2)
@pytest.mark.hint(
    "Every 401 from a scoped route says which scopes it needs: "
    'WWW-Authenticate: Bearer scope="items:read" (SecurityScopes.scope_str). '
    "OAuth2PasswordBearer's own 401 for a missing header says only Bearer: build it with "
    "auto_error=False and raise your own.",
)
@pytest.mark.parametrize("kind", ["no-token", "expired-token"])
def test_401_challenge_names_scopes(
    call: Callable[..., Any], sign: Callable[..., str], kind: str
) -> None:
    """A 401 on a scoped route has WWW-Authenticate: Bearer with the scopes it needs"""
    for route in ("list-items", "admin-users"):
        method, path, needed, body = SCOPED_ROUTES[route]
        token = None if kind == "no-token" else sign("alice", needed, lifetime=-600)
        r = call(method, path, token, body)
        expect(r, 401, f"{method} {path} with {kind}")
        challenge = r.headers.get("www-authenticate", "")
        assert challenge.strip().lower().startswith("bearer"), (
            f"expected WWW-Authenticate: Bearer on the 401 from {path}, got {challenge!r}"
        )
        assert challenge_scopes(r) == {needed}, (
            f'expected the challenge from {path} to say scope="{needed}", got {challenge!r}'
        )


@pytest.mark.points(3)
@pytest.mark.hint(
    "A token's scopes count only if the user's role allows them, checked on every request: "
    "a correctly signed token for an editor that says admin must not open an admin route."
)
def test_role_caps_token_scopes(call: Callable[..., Any], sign: Callable[..., str]) -> None:
    """A valid token claiming a scope beyond the user's role gets 403"""
    r = call("GET", "/admin/users", sign("bob", "admin items:read"))
    expect(r, 403, "GET /admin/users with a token for bob (an editor) claiming admin")
    r = call("POST", "/items", sign("carol", "items:read items:write"), {"name": "saw"})
    expect(r, 403, "POST /items with a token for carol (a viewer) claiming items:write")
    r = call("GET", "/items", sign("carol", "items:read items:write"))
    expect(r, 200, "GET /items with carol's token, whose items:read her role allows")


@pytest.mark.points(1)
@pytest.mark.hint(
    "The scope claim is one string of space-separated names: split it and compare whole names. "
    'Searching the string for "admin" also finds it in "administrator".'
)
def test_scopes_are_whole_names(call: Callable[..., Any], sign: Callable[..., str]) -> None:
    """A scope only counts as a whole name: administrator is not admin"""
    token = sign("alice", "administrator items:readonly")
    expect(call("GET", "/admin/users", token), 403, "a token with the scope 'administrator'")
    expect(call("GET", "/items", token), 403, "a token with the scope 'items:readonly'")


@pytest.mark.points(1)
@pytest.mark.hint(
    'A 401 tells the client why: {"detail": "Not authenticated"} when the request has no bearer '
    'token at all, {"detail": "Could not validate credentials"} when it has one that does not '
    "verify or names no user.",
    "With auto_error=False the scheme gives you None for a missing token: pick the detail by "
    "whether the token is None.",
)
def test_401_detail_tells_missing_from_bad(
    call: Callable[..., Any], sign: Callable[..., str]
) -> None:
    """A 401's detail tells a missing token (Not authenticated) from a bad one"""
    cases = {
        "no token": (None, "Not authenticated"),
        "an expired token": (
            sign("alice", "items:read", lifetime=-600),
            "Could not validate credentials",
        ),
        "a token for no user": (sign("mallory", "items:read"), "Could not validate credentials"),
    }
    for what, (token, detail) in cases.items():
        r = call("GET", "/items", token)
        expect(r, 401, f"GET /items with {what}")
        assert json_detail(r) == detail, (
            f'expected {{"detail": "{detail}"}} on the 401 for {what}, got {r.text!r}'
        )


@pytest.mark.points(1)
@pytest.mark.hint(
    "An item's name is 1 to 100 characters, both ends included; anything else is a 422.",
    "Keep Field(min_length=1, max_length=100) on the name of the item model POST /items takes.",
)
def test_item_name_bounds(call: Callable[..., Any], sign: Callable[..., str]) -> None:
    """Item names of 1 and 100 characters are created; empty or 101 characters get 422"""
    token = sign("bob", "items:write")
    for name in ("w", "w" * 100):
        r = call("POST", "/items", token, {"name": name})
        expect(r, 201, f"POST /items with a {len(name)}-character name")
        assert r.json().get("name") == name, (
            f"expected the created item to have the {len(name)}-character name, got {r.text}"
        )
    for name in ("", "w" * 101):
        r = call("POST", "/items", token, {"name": name})
        expect(r, 422, f"POST /items with a {len(name)}-character name")
