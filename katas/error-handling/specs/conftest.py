"""Shared checks: every error response is the one envelope, and nothing else."""

from typing import Any

import pytest

ENVELOPE_KEYS = {"code", "message", "details"}


def envelope(r: Any, status: int, what: str) -> dict[str, Any]:
    """Insist on the status and the envelope's shape; return the object under "error"."""
    assert r.status_code == status, f"expected {status} for {what}, got {r.status_code}: {r.text}"
    try:
        body = r.json()
    except ValueError:
        body = None
    assert isinstance(body, dict) and set(body) == {"error"}, (
        f'expected the error envelope {{"error": {{"code", "message", "details"}}}} for {what}, '
        f"got {r.text!r}"
    )
    error = body["error"]
    assert isinstance(error, dict) and set(error) == ENVELOPE_KEYS, (
        f'expected "error" to hold exactly "code", "message" and "details" for {what}, got {body}'
    )
    assert isinstance(error["code"], str) and error["code"], (
        f'expected a non-empty string under "code" for {what}, got {error["code"]!r}'
    )
    assert isinstance(error["message"], str) and error["message"].strip(), (
        f'expected a non-empty string under "message" for {what}, got {error["message"]!r}'
    )
    return error


@pytest.fixture
def error_of() -> Any:
    """`error_of(response, status, what)`: the checked inner object of an error envelope."""
    return envelope
