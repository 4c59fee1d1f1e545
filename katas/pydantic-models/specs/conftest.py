"""Shared sign-up payloads and checks for the pydantic-models specs."""

import copy
from collections.abc import Callable
from typing import Any

import pytest

PASSWORD = "correct-horse-42"
"""Meets the rules: 8+ characters, a letter and a digit."""

VALID_SIGN_UP: dict[str, Any] = {
    "email": "ada@example.com",
    "full_name": "Ada Lovelace",
    "password": PASSWORD,
    "password_confirm": PASSWORD,
    "address": {
        "street": "12 St James's Square",
        "city": "London",
        "postcode": "SW1Y 4JH",
        "country": "GB",
    },
    "phones": [
        {"kind": "mobile", "number": "+447700900123"},
        {"kind": "home", "number": "02079460000"},
    ],
    "newsletter": True,
}
"""A complete, already tidy sign-up: every field sent, nothing to normalise."""


@pytest.fixture
def payload() -> Callable[..., dict[str, Any]]:
    """`payload(**changes)`: a fresh copy of the valid sign-up with top-level fields replaced."""

    def make(**changes: Any) -> dict[str, Any]:
        return {**copy.deepcopy(VALID_SIGN_UP), **changes}

    return make


@pytest.fixture
def sign_up(client: Any) -> Callable[[dict[str, Any]], dict[str, Any]]:
    """POST /users with a body that must be accepted; returns the 201 body."""

    def post(body: dict[str, Any]) -> dict[str, Any]:
        r = client.post("/users", json=body)
        assert r.status_code == 201, (
            f"expected 201 from POST /users for a valid sign-up, got {r.status_code}: {r.text}"
        )
        created = r.json()
        assert isinstance(created, dict), f"expected a JSON object, got {r.text}"
        return created

    return post


@pytest.fixture
def expect_422(client: Any) -> Callable[..., dict[str, Any]]:
    """`expect_422(body, loc, what)`: POST /users refuses body with an error at loc; returns it.

    With loc None any error will do. The body is FastAPI's standard one:
    {"detail": [{"loc": [...], "msg": "...", "type": "...", ...}, ...]}.
    """

    def post(body: dict[str, Any], loc: list[Any] | None, what: str) -> dict[str, Any]:
        r = client.post("/users", json=body)
        assert r.status_code == 422, f"expected 422 for {what}, got {r.status_code}: {r.text}"
        try:
            detail = r.json().get("detail")
        except (ValueError, AttributeError):
            detail = None
        assert isinstance(detail, list) and detail, (
            f'expected "detail" to be a non-empty list of errors for {what}, got {r.text}'
        )
        errors = [e for e in detail if isinstance(e, dict) and (loc is None or e.get("loc") == loc)]
        assert errors, f"expected an error with loc {loc} for {what}, got {r.text}"
        assert isinstance(errors[0].get("msg"), str) and errors[0]["msg"], (
            f"expected the error for {what} to have a non-empty msg, got {errors[0]}"
        )
        return {"detail": detail}

    return post
