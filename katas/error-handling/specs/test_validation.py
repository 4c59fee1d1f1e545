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


ACCOUNTS = [
    {"id": "acc-1", "owner": "Ada Lovelace", "balance_cents": 10_000},
    {"id": "acc-2", "owner": "Grace Hopper", "balance_cents": 2_500},
    {"id": "acc-3", "owner": "Alan Turing", "balance_cents": 0},
]


@pytest.mark.hint(
    "GET /accounts takes limit from 1 to 100 (both ends allowed); 0 or 101 is a 422 "
    "validation_error naming query.limit, answered by your validation handler.",
    "Keep the route of the starting project as it is: Query(ge=1, le=100).",
)
def test_limit_bounds(client, error_of):
    """GET /accounts accepts a limit of 1 to 100; 0 and 101 get 422 naming query.limit"""
    for limit, expected in ((1, ACCOUNTS[:1]), (100, ACCOUNTS)):
        r = client.get(f"/accounts?limit={limit}")
        assert r.status_code == 200, (
            f"expected 200 from GET /accounts?limit={limit}, got {r.status_code}: {r.text}"
        )
        assert r.json() == expected, (
            f"expected GET /accounts?limit={limit} to list {expected}, got {r.text}"
        )
    for limit in (0, 101):
        error = error_of(client.get(f"/accounts?limit={limit}"), 422, f"limit={limit}")
        assert error["code"] == "validation_error", (
            f'expected code "validation_error" for limit={limit}, got {error["code"]!r}'
        )
        fields = problems(error, f"limit={limit}")
        assert "query.limit" in fields, (
            f"expected a problem with field 'query.limit' for limit={limit}, "
            f"got fields {sorted(fields)}"
        )


@pytest.mark.hint(
    'A transfer\'s from_account and to_account must not be empty: "" is a 422 validation_error '
    "naming the field; a one-character id passes validation (and is then an unknown account, "
    "404). amount_cents must be above 0: 0 is a 422, 1 is a valid transfer.",
    "Keep TransferIn of the starting project as it is: Field(min_length=1) on both ids, "
    "Field(gt=0) on the amount.",
)
def test_transfer_validation_edges(client, error_of):
    """A transfer with an empty account id or 0 cents gets 422; one character or 1 cent passes"""
    valid = {"from_account": "acc-1", "to_account": "acc-2", "amount_cents": 1}
    for field, value in (("from_account", ""), ("to_account", ""), ("amount_cents", 0)):
        body = {**valid, field: value}
        error = error_of(client.post("/transfers", json=body), 422, f"a transfer with {body}")
        fields = problems(error, f"{field} {value!r}")
        assert f"body.{field}" in fields, (
            f"expected a problem with field 'body.{field}' for {field} {value!r}, "
            f"got fields {sorted(fields)}"
        )

    for field in ("from_account", "to_account"):
        body = {**valid, field: "x"}
        error = error_of(client.post("/transfers", json=body), 404, f"a transfer with {body}")
        assert error["details"] == {"account_id": "x"}, (
            f"expected the one-character {field} 'x' to pass validation and be an unknown "
            f'account, details {{"account_id": "x"}}, got {error}'
        )

    r = client.post("/transfers", json=valid)
    assert r.status_code == 201, (
        f"expected 201 for a transfer of 1 cent, got {r.status_code}: {r.text}"
    )
    assert r.json().get("from_balance_cents") == 9_999, (
        f"expected a transfer of 1 cent to leave acc-1 with 9999 cents, got {r.text}"
    )
