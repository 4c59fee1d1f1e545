"""Issuing, using, listing and revoking keys through the admin routes."""

import hashlib
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from conftest import expect


def field_names(value: Any) -> Iterator[str]:
    """Every key of every object in a JSON document."""
    if isinstance(value, dict):
        for name, item in value.items():
            yield str(name)
            yield from field_names(item)
    elif isinstance(value, list):
        for item in value:
            yield from field_names(item)


@pytest.mark.points(2)
@pytest.mark.hint(
    "POST /keys (admin key only) answers 201 with the new key's id, its name and the key "
    "itself: a long random string, e.g. secrets.token_urlsafe(32)."
)
def test_admin_creates_key(create_key: Callable[[str], dict[str, Any]], admin_key: str) -> None:
    """The admin key creates a key: 201 with its id, name and the plaintext key"""
    body = create_key("ci-bot")
    assert body.get("name") == "ci-bot", f'expected name "ci-bot", got {body}'
    key = body["key"]
    assert len(key) >= 32, f"expected a key of at least 32 characters, got {key!r}"
    assert key != admin_key and key != body["id"], (
        f"expected a new secret key, different from the admin key and the id, got {body}"
    )


@pytest.mark.points(2)
@pytest.mark.hint(
    "Read the key from the X-API-Key header (APIKeyHeader), find the stored key it matches and "
    'answer GET /whoami with {"id", "name", "admin"}.'
)
def test_created_key_works(
    call: Callable[..., Any], create_key: Callable[[str], dict[str, Any]]
) -> None:
    """A created key is accepted: GET /whoami names it"""
    body = create_key("ci-bot")
    r = call("GET", "/whoami", body["key"])
    expect(r, 200, "GET /whoami with a freshly created key")
    expected = {"id": body["id"], "name": "ci-bot", "admin": False}
    assert r.json() == expected, f"expected {expected}, got {r.text}"


@pytest.mark.points(1)
@pytest.mark.hint("The admin key comes from the ADMIN_API_KEY environment variable.")
def test_admin_key_from_environment(call: Callable[..., Any], admin_key: str) -> None:
    """The admin key from ADMIN_API_KEY is accepted: GET /whoami says admin"""
    r = call("GET", "/whoami", admin_key)
    expect(r, 200, "GET /whoami with the admin key")
    expected = {"id": "admin", "name": "admin", "admin": True}
    assert r.json() == expected, f"expected {expected}, got {r.text}"


@pytest.mark.points(1)
@pytest.mark.hint("Every key and id must be new: draw them from the secrets module.")
def test_keys_are_unique(create_key: Callable[[str], dict[str, Any]]) -> None:
    """Two created keys differ, and so do their ids"""
    first, second = create_key("first"), create_key("second")
    assert first["key"] != second["key"], f"expected two different keys, got {first} and {second}"
    assert first["id"] != second["id"], f"expected two different ids, got {first} and {second}"


@pytest.mark.points(2)
@pytest.mark.hint(
    "GET /keys lists id, name and revoked for each key, never the key or its hash: the "
    "plaintext is shown once, when the key is created."
)
def test_list_keys_hides_secrets(
    call: Callable[..., Any], create_key: Callable[[str], dict[str, Any]], admin_key: str
) -> None:
    """GET /keys lists each key's id, name and revoked flag, and never the key or its hash"""
    created = [create_key("ci-bot"), create_key("backup")]
    r = call("GET", "/keys", admin_key)
    expect(r, 200, "GET /keys with the admin key")
    listed = r.json()
    expected = [{"id": c["id"], "name": c["name"], "revoked": False} for c in created]
    picked = [{k: e.get(k) for k in ("id", "name", "revoked")} for e in listed]
    assert picked == expected, f"expected the keys {expected} in creation order, got {r.text}"
    secrets = {c["key"] for c in created}
    secrets |= {hashlib.sha256(s.encode()).hexdigest() for s in secrets}
    leaked = [s for s in secrets if s in r.text]
    named = [
        n for n in field_names(listed) if "hash" in n.lower() or n.lower() in {"key", "secret"}
    ]
    assert not leaked and not named, (
        f"GET /keys must not show a key or its hash; found {named or 'a key or its hash'} "
        f"in {r.text}"
    )


@pytest.mark.points(3)
@pytest.mark.hint(
    "DELETE /keys/{key_id} (admin key only) answers 204 and marks the key revoked; the lookup "
    "must then refuse it with 403, while the other keys keep working."
)
def test_revoked_key_is_refused(
    call: Callable[..., Any], create_key: Callable[[str], dict[str, Any]], admin_key: str
) -> None:
    """A revoked key gets 403 while the other keys keep working"""
    doomed, kept = create_key("doomed"), create_key("kept")
    expect(call("GET", "/whoami", doomed["key"]), 200, "the key before it is revoked")
    expect(call("DELETE", f"/keys/{doomed['id']}", admin_key), 204, "revoking the key")
    expect(call("GET", "/whoami", doomed["key"]), 403, "GET /whoami with the revoked key")
    expect(call("GET", "/whoami", kept["key"]), 200, "GET /whoami with a key not revoked")
    r = call("GET", "/keys", admin_key)
    expect(r, 200, "GET /keys with the admin key")
    flags = {entry.get("id"): entry.get("revoked") for entry in r.json()}
    assert flags.get(doomed["id"]) is True and flags.get(kept["id"]) is False, (
        f"expected GET /keys to show {doomed['id']} revoked and {kept['id']} not, got {r.text}"
    )


@pytest.mark.points(1)
@pytest.mark.hint("Revoking a key id that was never issued is a 404.")
def test_revoke_unknown_key_is_404(call: Callable[..., Any], admin_key: str) -> None:
    """Revoking an id that does not exist gets 404"""
    r = call("DELETE", "/keys/key-that-does-not-exist", admin_key)
    expect(r, 404, "DELETE /keys/key-that-does-not-exist with the admin key")
