"""POST /token: the OAuth2 password flow that issues bearer tokens."""

import time
from collections.abc import Callable
from typing import Any

import jwt
import pytest


@pytest.mark.points(3)
@pytest.mark.hint(
    "POST /token takes an OAuth2 password form (username, password) and answers "
    '{"access_token": ..., "token_type": "bearer"}; check the seeded credentials in the README.'
)
def test_login_returns_bearer_token(login: Callable[..., Any]) -> None:
    """Logging in as alice returns an access token of type bearer"""
    r = login("alice", "wonderland")
    assert r.status_code == 200, f"expected 200 for alice/wonderland, got {r.status_code}: {r.text}"
    body = r.json()
    token = body.get("access_token")
    assert isinstance(token, str) and token.count(".") == 2, (
        f"expected access_token to be a JWT (three dot-separated parts), got {body}"
    )
    assert body.get("token_type") == "bearer", (
        f'expected token_type "bearer", got {body.get("token_type")!r}'
    )


@pytest.mark.points(2)
@pytest.mark.hint(
    "The token must be signed HS256 with the key in JWT_SECRET and carry the username in `sub` "
    "and an expiry in `exp` a short while (minutes, not days) in the future."
)
def test_token_carries_sub_and_exp(alice_token: Callable[[], str], secret: str) -> None:
    """The token is HS256-signed with JWT_SECRET and carries sub and a near-future exp"""
    try:
        claims = jwt.decode(alice_token(), secret, algorithms=["HS256"])
    except jwt.InvalidTokenError as exc:
        pytest.fail(f"the token does not verify as HS256 with JWT_SECRET: {exc}")
    assert claims.get("sub") == "alice", f'expected sub "alice", got claims {claims}'
    exp = claims.get("exp")
    assert isinstance(exp, (int, float)), f"expected a numeric exp claim, got claims {claims}"
    now = time.time()
    assert now < exp <= now + 24 * 3600, (
        f"expected exp in the next 24 hours, got one {exp - now:.0f} seconds from now"
    )


@pytest.mark.points(2)
@pytest.mark.hint(
    "A failed login must be 401, whatever went wrong; check both the password and that the "
    "user exists, and do not fail with 500 or 404 for an unknown user."
)
@pytest.mark.parametrize(
    ("username", "password"),
    [("alice", "not-wonderland"), ("mallory", "wonderland")],
    ids=["wrong-password", "unknown-user"],
)
def test_failed_login_is_401(login: Callable[..., Any], username: str, password: str) -> None:
    """A wrong password or an unknown user gets 401 and no token"""
    r = login(username, password)
    assert r.status_code == 401, (
        f"expected 401 for {username}/{password}, got {r.status_code}: {r.text}"
    )
    body = r.json() if r.headers.get("content-type", "").startswith("application/json") else {}
    assert not (isinstance(body, dict) and body.get("access_token")), (
        f"a failed login must not return a token: {r.text}"
    )


@pytest.mark.points(1)
@pytest.mark.hint(
    "An HTTPException can carry headers: a 401 should tell the client which scheme to use "
    "(WWW-Authenticate: Bearer) and still have a JSON body with a detail."
)
def test_failed_login_says_bearer(login: Callable[..., Any]) -> None:
    """A failed login's 401 has WWW-Authenticate: Bearer and a JSON detail"""
    r = login("alice", "not-wonderland")
    assert r.status_code == 401, f"expected 401 for a wrong password, got {r.status_code}: {r.text}"
    challenge = r.headers.get("www-authenticate", "")
    assert challenge.strip().lower().startswith("bearer"), (
        f"expected a WWW-Authenticate: Bearer header on the 401, got {challenge!r}"
    )
    try:
        body = r.json()
    except ValueError:
        pytest.fail(f"expected a JSON body with a detail, got {r.text!r}")
    assert isinstance(body, dict) and body.get("detail"), (
        f"expected a JSON body with a non-empty detail, got {body}"
    )
