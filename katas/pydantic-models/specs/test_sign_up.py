"""POST /users and GET /users/{user_id}: the public profile, its defaults and what it hides."""

from collections.abc import Callable, Iterator
from typing import Any

import pytest

Payload = Callable[..., dict[str, Any]]
SignUp = Callable[[dict[str, Any]], dict[str, Any]]


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


@pytest.mark.points(2)
@pytest.mark.hint(
    "POST /users takes the sign-up body described in the README and answers 201 with the public "
    "profile: id, email, full_name, address, phones and newsletter.",
    "Set the status code on the route (status_code=201); the default for a POST is 200.",
)
def test_sign_up_returns_201_with_profile(payload: Payload, sign_up: SignUp) -> None:
    """A valid sign-up gets 201 with the public profile and a numeric id"""
    body = payload()
    created = sign_up(body)
    assert isinstance(created.get("id"), int) and not isinstance(created.get("id"), bool), (
        f"expected a whole-number id in the profile, got {created}"
    )
    expected = {
        "email": body["email"],
        "full_name": body["full_name"],
        "address": body["address"],
        "phones": body["phones"],
        "newsletter": True,
    }
    profile = {key: value for key, value in created.items() if key != "id"}
    assert profile == expected, f"expected the profile {expected} (plus an id), got {created}"


@pytest.mark.points(2)
@pytest.mark.hint(
    "The profile a client gets back must never contain the password or its confirmation: "
    "return a separate output model (or set response_model) that has no password fields, "
    "rather than the sign-up model or a dict built from it."
)
def test_profile_never_contains_password(client: Any, payload: Payload, sign_up: SignUp) -> None:
    """Neither POST /users nor GET /users/{user_id} ever returns the password"""
    body = payload()
    created = sign_up(body)
    answers = {"POST /users": created}
    r = client.get(f"/users/{created.get('id')}")
    if r.status_code == 200:
        answers[f"GET /users/{created.get('id')}"] = r.json()
    for route, answer in answers.items():
        leaked = [k for k in key_names(answer) if "password" in k.lower()]
        assert not leaked, f"{route} must not return {leaked}: {answer}"
        assert body["password"] not in set(string_values(answer)), (
            f"{route} must not return the password in any field: {answer}"
        )


@pytest.mark.points(2)
@pytest.mark.hint(
    "Optional fields need defaults on the model: phones an empty list, newsletter false, the "
    'address country "GB" and a phone\'s kind "mobile". A field without a default is required.'
)
def test_defaults_fill_optional_fields(payload: Payload, sign_up: SignUp) -> None:
    """A sign-up without the optional fields gets their defaults"""
    body = payload()
    del body["phones"], body["newsletter"], body["address"]["country"]
    created = sign_up(body)
    assert created.get("phones") == [], f"expected phones [] by default, got {created}"
    assert created.get("newsletter") is False, (
        f"expected newsletter false by default, got {created}"
    )
    address = created.get("address") or {}
    assert address.get("country") == "GB", f'expected the country "GB" by default, got {created}'

    body = payload(email="grace@example.com", phones=[{"number": "+15550100"}])
    created = sign_up(body)
    expected = [{"kind": "mobile", "number": "+15550100"}]
    assert created.get("phones") == expected, (
        f'expected a phone sent without kind to be a "mobile": {expected}, got {created}'
    )


@pytest.mark.hint(
    "GET /users/{user_id} answers the same profile POST /users returned; each sign-up gets a "
    'new id; an unknown id is 404 with {"detail": "User not found"}.'
)
def test_read_user_by_id(client: Any, payload: Payload, sign_up: SignUp) -> None:
    """GET /users/{user_id} returns the stored profile, 404 for an unknown id"""
    first = sign_up(payload())
    second = sign_up(payload(email="grace@example.com", full_name="Grace Hopper"))
    assert first.get("id") != second.get("id"), (
        f"expected two sign-ups to get different ids, got {first.get('id')} twice"
    )
    for created in (first, second):
        r = client.get(f"/users/{created.get('id')}")
        assert r.status_code == 200, (
            f"expected 200 from GET /users/{created.get('id')}, got {r.status_code}: {r.text}"
        )
        assert r.json() == created, f"expected the profile POST returned, {created}, got {r.text}"

    r = client.get("/users/999")
    assert r.status_code == 404, f"expected 404 from GET /users/999, got {r.status_code}: {r.text}"
    assert r.json() == {"detail": "User not found"}, (
        f'expected {{"detail": "User not found"}}, got {r.text}'
    )


@pytest.mark.hint(
    "Number the users in the order they sign up: the first gets id 1, the next 2, and so on.",
    "One way: the next id is one more than the largest id kept so far (0 when none is kept).",
)
def test_ids_follow_sign_up_order(payload: Payload, sign_up: SignUp) -> None:
    """Ids are given in sign-up order, starting at 1"""
    ids = [sign_up(payload(email=f"user{n}@example.com")).get("id") for n in range(1, 4)]
    assert ids == [1, 2, 3], f"expected the first three sign-ups to get ids [1, 2, 3], got {ids}"
