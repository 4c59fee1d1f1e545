"""Shared fixtures for the jwt-auth specs: logging in, calling /users/me, crafting tokens."""

import os
import time
from collections.abc import Callable
from typing import Any

import jwt
import pytest


@pytest.fixture
def secret() -> str:
    """The signing key the app is configured with (kata.toml [env])."""
    return os.environ["JWT_SECRET"]


@pytest.fixture
def login(client: Any) -> Callable[..., Any]:
    """POST /token with the OAuth2 password form; returns the raw response."""

    def post(username: str, password: str) -> Any:
        form = {"grant_type": "password", "username": username, "password": password}
        return client.post("/token", data=form)

    return post


@pytest.fixture
def alice_token(login: Callable[..., Any]) -> Callable[[], str]:
    """Log in as alice the way a client would and return her token (called inside the spec)."""

    def get() -> str:
        r = login("alice", "wonderland")
        assert r.status_code == 200, (
            f"logging in as alice/wonderland should give 200, got {r.status_code}: {r.text}"
        )
        token = r.json().get("access_token")
        assert isinstance(token, str) and token, f"expected an access_token string, got {r.text}"
        return token

    return get


@pytest.fixture
def sign(secret: str) -> Callable[..., str]:
    """Craft an HS256 token with the given claims; exp defaults to 10 minutes from now."""

    def make(claims: dict[str, Any], *, key: str | None = None, lifetime: int = 600) -> str:
        payload = {"exp": int(time.time()) + lifetime, **claims}
        return jwt.encode(payload, key or secret, algorithm="HS256")

    return make


@pytest.fixture
def me(client: Any) -> Callable[..., Any]:
    """GET /users/me with the given Authorization header value (or none at all)."""

    def get(authorization: str | None) -> Any:
        headers = {} if authorization is None else {"Authorization": authorization}
        return client.get("/users/me", headers=headers)

    return get
