"""GET /users/me: who the bearer token says the caller is, and every token it must refuse."""

import base64
import json
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest

OTHER_KEY = "a-different-key-that-did-not-sign-anything-0123456789"


def _b64(data: dict[str, Any]) -> str:
    raw = json.dumps(data, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def unsigned_token(claims: dict[str, Any], alg: str) -> str:
    """A token whose header claims the given alg and which has an empty signature."""
    return f"{_b64({'alg': alg, 'typ': 'JWT'})}.{_b64(claims)}."


def expect_401(response: Any, what: str) -> None:
    assert response.status_code == 401, (
        f"expected 401 for {what}, got {response.status_code}: {response.text}"
    )


def key_names(value: Any) -> Iterator[str]:
    """Every key in a JSON document, at any depth."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield str(key)
            yield from key_names(item)
    elif isinstance(value, list):
        for item in value:
            yield from key_names(item)


def string_values(value: Any) -> Iterator[str]:
    """Every string value in a JSON document, at any depth."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from string_values(item)
    elif isinstance(value, list):
        for item in value:
            yield from string_values(item)


@pytest.mark.points(3)
@pytest.mark.hint(
    "Declare a dependency that takes the bearer token (OAuth2PasswordBearer), decodes it and "
    "looks the user up; /users/me returns that user's public fields as listed in the README."
)
def test_me_returns_current_user(me: Callable[..., Any], alice_token: Callable[[], str]) -> None:
    """With alice's token, GET /users/me returns alice's profile"""
    token = alice_token()
    r = me(f"Bearer {token}")
    assert r.status_code == 200, f"expected 200 with a fresh token, got {r.status_code}: {r.text}"
    body = r.json()
    expected = {
        "username": "alice",
        "full_name": "Alice Liddell",
        "email": "alice@example.com",
        "disabled": False,
    }
    for field, value in expected.items():
        assert body.get(field) == value, f"expected {field}={value!r}, got body {body}"


@pytest.mark.points(2)
@pytest.mark.hint(
    "The stored user record is not the public one: give the route a response model without "
    "the password hash, and never return the record as it is stored."
)
def test_me_never_exposes_password(me: Callable[..., Any], alice_token: Callable[[], str]) -> None:
    """GET /users/me never returns a password or password hash"""
    token = alice_token()
    r = me(f"Bearer {token}")
    assert r.status_code == 200, f"expected 200 with a fresh token, got {r.status_code}: {r.text}"
    body = r.json()
    leaked = [k for k in key_names(body) if "password" in k.lower() or "hash" in k.lower()]
    assert not leaked, f"the response must not contain {leaked}: {body}"
    values = [v for v in string_values(body) if v.startswith("$argon2") or v == "wonderland"]
    assert not values, f"the response must not contain a password or its hash: {body}"


@pytest.mark.points(1)
@pytest.mark.hint(
    "Without a well-formed bearer token there is no user: OAuth2PasswordBearer already refuses "
    "a missing header; a token that does not decode must be a 401 too, never a 500."
)
@pytest.mark.parametrize("kind", ["no-header", "basic-scheme", "not-a-jwt", "signature-stripped"])
def test_me_rejects_missing_or_malformed_token(
    me: Callable[..., Any], alice_token: Callable[[], str], kind: str
) -> None:
    """A missing or malformed token gets 401"""
    if kind == "signature-stripped":
        header_and_claims = alice_token().rsplit(".", 1)[0]
        authorization = f"Bearer {header_and_claims}."
    else:
        authorization = {
            "no-header": None,
            "basic-scheme": "Basic YWxpY2U6d29uZGVybGFuZA==",
            "not-a-jwt": "Bearer this-is-not-a-jwt",
        }[kind]
    expect_401(me(authorization), f"Authorization: {authorization!r}")


@pytest.mark.points(3)
@pytest.mark.hint(
    "An expired token must be refused: let the JWT library check exp, and do not turn that "
    "check off or swallow its error."
)
def test_me_rejects_expired_token(me: Callable[..., Any], sign: Callable[..., str]) -> None:
    """An expired token gets 401"""
    token = sign({"sub": "alice", "iat": int(time.time()) - 3600}, lifetime=-600)
    expect_401(me(f"Bearer {token}"), "a token that expired 10 minutes ago")


@pytest.mark.points(3)
@pytest.mark.hint(
    "Verify the signature with the key from JWT_SECRET; a token signed with any other key is "
    "forged. Never decode without verifying."
)
def test_me_rejects_wrong_signature(me: Callable[..., Any], sign: Callable[..., str]) -> None:
    """A token signed with another key gets 401"""
    token = sign({"sub": "alice"}, key=OTHER_KEY)
    expect_401(me(f"Bearer {token}"), "a token for alice signed with a different key")


@pytest.mark.points(3)
@pytest.mark.hint(
    "Decide the algorithm on the server: accept only HS256, whatever the token's header says."
)
def test_me_rejects_alg_none(me: Callable[..., Any]) -> None:
    """An unsigned token (alg: none) gets 401"""
    claims = {"sub": "alice", "exp": int(time.time()) + 600}
    for alg in ("none", "None", "NONE"):
        expect_401(me(f"Bearer {unsigned_token(claims, alg)}"), f"an unsigned token with alg {alg}")


@pytest.mark.points(1)
@pytest.mark.hint(
    "A correctly signed token can still name no one: look the user up and answer 401 when "
    "there is no such user or no sub claim, instead of failing with 500 or 404."
)
@pytest.mark.parametrize("kind", ["unknown-user", "no-sub"])
def test_me_rejects_token_without_known_user(
    me: Callable[..., Any], sign: Callable[..., str], kind: str
) -> None:
    """A validly signed token that names no known user gets 401"""
    claims = {"sub": "mallory"} if kind == "unknown-user" else {}
    expect_401(me(f"Bearer {sign(claims)}"), f"a signed token with claims {claims}")


@pytest.mark.points(2)
@pytest.mark.hint(
    "Check the user's disabled flag after finding them: a disabled account must not be served, "
    "even with a valid token."
)
def test_me_rejects_disabled_user(me: Callable[..., Any], sign: Callable[..., str]) -> None:
    """A valid token for disabled bob gets 401"""
    expect_401(me(f"Bearer {sign({'sub': 'bob'})}"), "a valid token for the disabled user bob")


@pytest.mark.points(1)
@pytest.mark.hint(
    "Every 401 from /users/me should carry WWW-Authenticate: Bearer; pass headers= to the "
    "HTTPException you raise for bad tokens."
)
def test_me_401s_say_bearer(me: Callable[..., Any], sign: Callable[..., str]) -> None:
    """Every 401 from /users/me has WWW-Authenticate: Bearer"""
    cases = {
        "no Authorization header": None,
        "a token that is not a JWT": "Bearer this-is-not-a-jwt",
        "an expired token": f"Bearer {sign({'sub': 'alice'}, lifetime=-600)}",
        "a token signed with another key": f"Bearer {sign({'sub': 'alice'}, key=OTHER_KEY)}",
        "a token for an unknown user": f"Bearer {sign({'sub': 'mallory'})}",
        "a token for the disabled user bob": f"Bearer {sign({'sub': 'bob'})}",
    }
    for what, authorization in cases.items():
        r = me(authorization)
        expect_401(r, what)
        challenge = r.headers.get("www-authenticate", "")
        assert challenge.strip().lower().startswith("bearer"), (
            f"expected WWW-Authenticate: Bearer on the 401 for {what}, got {challenge!r}"
        )
