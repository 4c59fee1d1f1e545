"""Shared helpers for the api-key-auth specs: the admin key, creating keys, calling routes."""

import os
from collections.abc import Callable
from typing import Any

import pytest

# (method, path, JSON body) of each route that needs the admin key
ADMIN_ROUTES = {
    "create-key": ("POST", "/keys", {"name": "intruder"}),
    "list-keys": ("GET", "/keys", None),
    "revoke-key": ("DELETE", "/keys/key-that-does-not-exist", None),
}


@pytest.fixture
def admin_key() -> str:
    """The admin key the app is configured with (kata.toml [env])."""
    return os.environ["ADMIN_API_KEY"]


@pytest.fixture
def call(client: Any) -> Callable[..., Any]:
    """Call a route with an X-API-Key header (or none at all)."""

    def request(method: str, path: str, key: str | None, body: Any = None) -> Any:
        headers = {} if key is None else {"X-API-Key": key}
        return client.request(method, path, headers=headers, json=body)

    return request


@pytest.fixture
def create_key(call: Callable[..., Any], admin_key: str) -> Callable[[str], dict[str, Any]]:
    """Create a key through POST /keys with the admin key; the checked 201 body."""

    def create(name: str) -> dict[str, Any]:
        r = call("POST", "/keys", admin_key, {"name": name})
        assert r.status_code == 201, (
            f"expected 201 from POST /keys with the admin key, got {r.status_code}: {r.text}"
        )
        body = r.json()
        assert isinstance(body, dict) and isinstance(body.get("key"), str), (
            f'expected the new key as a string under "key", got {r.text}'
        )
        assert isinstance(body.get("id"), str) and body["id"], (
            f'expected the new key\'s id as a string under "id", got {r.text}'
        )
        return body

    return create


def expect(response: Any, status: int, what: str) -> None:
    assert response.status_code == status, (
        f"expected {status} for {what}, got {response.status_code}: {response.text}"
    )


def has_detail(response: Any) -> bool:
    try:
        body = response.json()
    except ValueError:
        return False
    return isinstance(body, dict) and bool(body.get("detail"))
