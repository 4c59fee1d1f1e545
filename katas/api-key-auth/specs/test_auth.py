"""401 for no key, 403 for a key that is not (or no longer) good, 403 for a non-admin key."""

from collections.abc import Callable
from typing import Any

import pytest
from conftest import ADMIN_ROUTES, expect, has_detail

ROUTES = {"whoami": ("GET", "/whoami", None), **ADMIN_ROUTES}


@pytest.mark.points(1)
@pytest.mark.hint(
    "No X-API-Key header means no credentials: 401 with a JSON detail. FastAPI's APIKeyHeader "
    "does this by itself when auto_error is left on."
)
@pytest.mark.parametrize("route", list(ROUTES))
def test_missing_key_is_401(call: Callable[..., Any], route: str) -> None:
    """A request without X-API-Key gets 401"""
    method, path, body = ROUTES[route]
    r = call(method, path, None, body)
    expect(r, 401, f"{method} {path} without an X-API-Key header")
    assert has_detail(r), f"expected a JSON body with a detail, got {r.text!r}"


@pytest.mark.points(1)
@pytest.mark.hint(
    "A key was sent but matches no active key: that is 403, not 401. Compare whole keys (their "
    "hashes, with hmac.compare_digest), never a part of one."
)
@pytest.mark.parametrize("kind", ["random", "admin-key-truncated", "admin-key-extended"])
def test_unknown_key_is_403(call: Callable[..., Any], admin_key: str, kind: str) -> None:
    """A key the app never issued gets 403"""
    key = {
        "random": "k3y-that-was-never-issued-by-this-app-0123456789",
        "admin-key-truncated": admin_key[:-1],
        "admin-key-extended": admin_key + "0",
    }[kind]
    for method, path, body in ROUTES.values():
        r = call(method, path, key, body)
        expect(r, 403, f"{method} {path} with a {kind} key")
        assert has_detail(r), f"expected a JSON body with a detail, got {r.text!r}"


@pytest.mark.points(2)
@pytest.mark.hint(
    "Creating, listing and revoking keys needs the admin key: a valid ordinary key gets 403 "
    "there, and still works on GET /whoami."
)
def test_ordinary_key_cannot_administer(
    call: Callable[..., Any], create_key: Callable[[str], dict[str, Any]]
) -> None:
    """A valid key that is not the admin key gets 403 on the admin routes"""
    key = create_key("ci-bot")["key"]
    for method, path, body in ADMIN_ROUTES.values():
        expect(call(method, path, key, body), 403, f"{method} {path} with an ordinary key")
    expect(call("GET", "/whoami", key), 200, "GET /whoami with the same ordinary key")
