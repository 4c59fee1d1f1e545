"""Unexpected errors: 500 in the envelope, and not a word about what went wrong inside."""

import pytest

TELLTALES = ("Traceback", "RuntimeError", 'File "', ".py", "password", "swordfish", "db-7")


@pytest.mark.points(2)
@pytest.mark.hint(
    "Register a handler for Exception itself: it catches whatever no other handler does.",
    'Answer 500 with {"error": {"code": "internal_error", "message": ..., "details": null}}.',
)
def test_unexpected_error_gets_500_envelope(client, harness, error_of):
    """An unexpected exception gets 500 with code internal_error in the envelope"""
    harness.break_ledger()
    error = error_of(client.get("/accounts/acc-1"), 500, "a request whose ledger crashes")
    assert error["code"] == "internal_error", (
        f'expected code "internal_error", got {error["code"]!r}'
    )
    assert error["details"] is None, f"expected details null, got {error['details']!r}"


@pytest.mark.points(2)
@pytest.mark.hint(
    "The client must learn nothing about the failure: no exception text, type, traceback or "
    "file path in the response.",
    "Use a fixed, generic message for 500s; never str(exc) or traceback.format_exc(). The "
    "server logs the exception for you.",
)
def test_unexpected_error_leaks_nothing(client, harness, error_of):
    """A 500 in the envelope leaks no exception text, exception type, traceback or file path"""
    leaky_message = harness.break_ledger()
    r = client.post(
        "/transfers", json={"from_account": "acc-1", "to_account": "acc-2", "amount_cents": 100}
    )
    error_of(r, 500, "a transfer whose ledger crashes")
    leaked = [word for word in (*TELLTALES, leaky_message) if word in r.text]
    assert not leaked, (
        f"the 500 response shows what went wrong inside ({', '.join(map(repr, leaked))}); "
        f"it should say nothing about it. Got: {r.text}"
    )
