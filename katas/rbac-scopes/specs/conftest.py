"""Shared helpers for the rbac-scopes specs: logging in, crafting tokens, calling routes."""

import os
import re
import time
from collections.abc import Callable
from typing import Any

import jwt
import pytest

PASSWORDS = {"alice": "wonderland", "bob": "builder", "carol": "singer"}
OTHER_KEY = "a-different-key-that-did-not-sign-anything-0123456789"

# (method, path, the one scope the route needs, a JSON body for it)
SCOPED_ROUTES = {
    "list-items": ("GET", "/items", "items:read", None),
    "create-item": ("POST", "/items", "items:write", {"name": "wrench"}),
    "admin-users": ("GET", "/admin/users", "admin", None),
}


@pytest.fixture
def secret() -> str:
    """The signing key the app is configured with (kata.toml [env])."""
    return os.environ["JWT_SECRET"]


@pytest.fixture
def login(client: Any) -> Callable[..., Any]:
    """POST /token with the OAuth2 password form and a scope field; the raw response."""

    def post(username: str, scope: str = "", password: str | None = None) -> Any:
        form = {
            "grant_type": "password",
            "username": username,
            "password": PASSWORDS.get(username, "x") if password is None else password,
            "scope": scope,
        }
        return client.post("/token", data=form)

    return post


@pytest.fixture
def sign(secret: str) -> Callable[..., str]:
    """Craft an HS256 token for a user with a space-separated scope claim; exp in 10 minutes."""

    def make(sub: str, scope: str, *, key: str | None = None, lifetime: int = 600) -> str:
        claims = {"sub": sub, "scope": scope, "exp": int(time.time()) + lifetime}
        return jwt.encode(claims, key or secret, algorithm="HS256")

    return make


@pytest.fixture
def call(client: Any) -> Callable[..., Any]:
    """Call a route with a bearer token (or none at all)."""

    def request(method: str, path: str, token: str | None, body: Any = None) -> Any:
        headers = {} if token is None else {"Authorization": f"Bearer {token}"}
        return client.request(method, path, headers=headers, json=body)

    return request


def challenge_scopes(response: Any) -> set[str] | None:
    """The scopes named in a Bearer challenge's scope="..." parameter; None if there is none."""
    match = re.search(r'scope="([^"]*)"', response.headers.get("www-authenticate", ""))
    return set(match.group(1).split()) if match else None


def json_detail(response: Any) -> Any:
    """The response's JSON detail, or None when the body is not JSON with a detail."""
    try:
        body = response.json()
    except ValueError:
        return None
    return body.get("detail") if isinstance(body, dict) else None
