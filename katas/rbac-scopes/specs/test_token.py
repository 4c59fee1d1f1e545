"""POST /token: scoped tokens, and never a scope the user's role does not allow."""

import time
from collections.abc import Callable
from typing import Any

import jwt
import pytest


def token_claims(response: Any, secret: str, what: str) -> dict[str, Any]:
    assert response.status_code == 200, (
        f"expected 200 for {what}, got {response.status_code}: {response.text}"
    )
    body = response.json()
    assert body.get("token_type") == "bearer", (
        f'expected token_type "bearer" for {what}, got {body}'
    )
    try:
        return jwt.decode(body.get("access_token"), secret, algorithms=["HS256"])
    except (jwt.InvalidTokenError, TypeError) as exc:
        pytest.fail(f"the access_token for {what} does not verify as HS256 with JWT_SECRET: {exc}")


def scope_set(claims: dict[str, Any]) -> set[str]:
    scope = claims.get("scope", "")
    assert isinstance(scope, str), f"expected the scope claim to be a string, got {scope!r}"
    return set(scope.split())


@pytest.mark.points(3)
@pytest.mark.hint(
    "OAuth2PasswordRequestForm gives the requested scopes as form.scopes; put the granted ones "
    "in the token's `scope` claim as one space-separated string, next to `sub` and `exp`."
)
def test_login_grants_requested_scopes(login: Callable[..., Any], secret: str) -> None:
    """Logging in with a scope field issues an HS256 bearer token carrying those scopes"""
    claims = token_claims(login("bob", "items:read items:write"), secret, "bob asking for items")
    assert claims.get("sub") == "bob", f'expected sub "bob", got claims {claims}'
    assert scope_set(claims) == {"items:read", "items:write"}, (
        f'expected the scope claim to hold "items:read" and "items:write", got claims {claims}'
    )
    exp = claims.get("exp")
    now = time.time()
    assert isinstance(exp, (int, float)) and now < exp <= now + 24 * 3600, (
        f"expected an exp in the next 24 hours, got claims {claims}"
    )


@pytest.mark.points(2)
@pytest.mark.hint(
    "Never grant a scope just because the client asked for it: intersect the requested scopes "
    "with the ones the user's role allows (ROLE_SCOPES in app/users.py)."
)
@pytest.mark.parametrize(
    ("username", "requested", "granted"),
    [
        ("bob", "items:read admin", {"items:read"}),
        ("carol", "items:read items:write admin", {"items:read"}),
    ],
    ids=["editor-asks-admin", "viewer-asks-everything"],
)
def test_login_drops_scopes_the_role_lacks(
    login: Callable[..., Any], secret: str, username: str, requested: str, granted: set[str]
) -> None:
    """A token never carries a scope the user's role does not allow"""
    what = f"{username} asking for {requested!r}"
    scopes = scope_set(token_claims(login(username, requested), secret, what))
    assert scopes == granted, (
        f"expected {sorted(granted)} in the token for {what}, got {sorted(scopes)}"
    )


@pytest.mark.points(1)
@pytest.mark.hint(
    "A wrong password is a 401 with WWW-Authenticate: Bearer and no token, whatever scopes "
    "were asked for."
)
def test_failed_login_is_401(login: Callable[..., Any]) -> None:
    """A wrong password gets 401 with WWW-Authenticate: Bearer"""
    r = login("alice", "admin", password="not-wonderland")
    assert r.status_code == 401, f"expected 401 for a wrong password, got {r.status_code}: {r.text}"
    challenge = r.headers.get("www-authenticate", "")
    assert challenge.strip().lower().startswith("bearer"), (
        f"expected WWW-Authenticate: Bearer on the 401, got {challenge!r}"
    )


@pytest.mark.points(1)
@pytest.mark.hint(
    "An unknown username is refused like a wrong password: 401 with WWW-Authenticate: Bearer, "
    "never a 500.",
    "authenticate() from app/users.py returns None for both; keep it as given.",
)
def test_unknown_user_login_is_401(login: Callable[..., Any]) -> None:
    """Logging in as an unknown user gets 401 with WWW-Authenticate: Bearer"""
    r = login("mallory", "items:read", password="wonderland")
    assert r.status_code == 401, (
        f"expected 401 for an unknown username, got {r.status_code}: {r.text}"
    )
    challenge = r.headers.get("www-authenticate", "")
    assert challenge.strip().lower().startswith("bearer"), (
        f"expected WWW-Authenticate: Bearer on the 401, got {challenge!r}"
    )
