"""Request validation errors: 422 in the envelope, one {"field", "message"} per problem."""

from typing import Any

import pytest


def problems(error: dict[str, Any], what: str) -> dict[str, str]:
    """details as {field: message}, after checking it is a list of {"field", "message"}."""
    details = error["details"]
    assert isinstance(details, list) and details, (
        f"expected details to be a non-empty list of problems for {what}, got {details!r}"
    )
    found: dict[str, str] = {}
    for problem in details:
        assert isinstance(problem, dict) and set(problem) == {"field", "message"}, (
            f'expected each problem to be exactly {{"field": ..., "message": ...}} for {what}, '
            f"got {problem!r}"
        )
        assert isinstance(problem["field"], str) and isinstance(problem["message"], str), (
            f"expected field and message to be strings for {what}, got {problem!r}"
        )
        assert problem["message"].strip(), f"expected a non-empty message, got {problem!r}"
        found[problem["field"]] = problem["message"]
    return found


@pytest.mark.points(2)
@pytest.mark.hint(
    "Override the handler for fastapi.exceptions.RequestValidationError; exc.errors() lists "
    "the problems, each with a loc and a msg.",
    'Turn each into {"field": <loc joined with dots, e.g. "body.amount_cents">, "message": '
    "<msg>} and answer 422 with code validation_error.",
)
def test_invalid_body_gets_422_envelope(client, error_of):
    """An invalid body gets 422 validation_error with one field/message per problem"""
    r = client.post("/transfers", json={"from_account": "acc-1", "amount_cents": -5})
    error = error_of(r, 422, "a transfer without to_account and with amount_cents -5")
    assert error["code"] == "validation_error", (
        f'expected code "validation_error", got {error["code"]!r}'
    )
    fields = problems(error, "that transfer")
    for field in ("body.to_account", "body.amount_cents"):
        assert field in fields, (
            f"expected a problem with field {field!r}, got fields {sorted(fields)}"
        )


@pytest.mark.hint(
    "Query parameters are validated too: their loc starts with query.",
    "The same handler covers them; the field is e.g. query.limit.",
)
def test_invalid_query_gets_422_envelope(client, error_of):
    """An invalid query parameter gets 422 validation_error naming query.limit"""
    error = error_of(client.get("/accounts?limit=0"), 422, "GET /accounts?limit=0")
    assert error["code"] == "validation_error", (
        f'expected code "validation_error", got {error["code"]!r}'
    )
    fields = problems(error, "limit=0")
    assert "query.limit" in fields, (
        f"expected a problem with field 'query.limit', got fields {sorted(fields)}"
    )


@pytest.mark.hint(
    "A body that is not JSON at all is a validation error too, with a loc starting with body.",
    "Build every field from the loc's parts turned into strings: some parts are numbers.",
)
def test_malformed_json_gets_422_envelope(client, error_of):
    """A body that is not valid JSON gets 422 validation_error in the envelope"""
    r = client.post(
        "/transfers",
        content=b'{"from_account": "acc-1", ',
        headers={"content-type": "application/json"},
    )
    error = error_of(r, 422, "a transfer whose body is cut-off JSON")
    assert error["code"] == "validation_error", (
        f'expected code "validation_error", got {error["code"]!r}'
    )
    problems(error, "cut-off JSON")
