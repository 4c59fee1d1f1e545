"""Domain errors: the banking rules' own exceptions, each with its code, status and details."""

import pytest


@pytest.mark.points(2)
@pytest.mark.hint(
    "The ledger raises AccountNotFound; register an exception handler for it (or for a base "
    "class of your domain errors) instead of letting it become a 500.",
    'Answer 404 with {"error": {"code": "account_not_found", "message": ..., '
    '"details": {"account_id": ...}}}.',
)
def test_unknown_account_gets_404_envelope(client, error_of):
    """An unknown account gets 404 with code account_not_found and the id in details"""
    error = error_of(client.get("/accounts/acc-999"), 404, "GET /accounts/acc-999")
    assert error["code"] == "account_not_found", (
        f'expected code "account_not_found", got {error["code"]!r}'
    )
    assert error["details"] == {"account_id": "acc-999"}, (
        f'expected details {{"account_id": "acc-999"}}, got {error["details"]!r}'
    )


@pytest.mark.hint(
    "A transfer to an account that does not exist raises the same AccountNotFound; the same "
    "handler answers it.",
    "details names the account that is missing, here the payee.",
)
def test_transfer_to_unknown_account_gets_404_envelope(client, error_of):
    """A transfer to an unknown account gets 404 account_not_found naming that account"""
    r = client.post(
        "/transfers", json={"from_account": "acc-1", "to_account": "acc-404", "amount_cents": 100}
    )
    error = error_of(r, 404, "a transfer to acc-404")
    assert error["code"] == "account_not_found", (
        f'expected code "account_not_found", got {error["code"]!r}'
    )
    assert error["details"] == {"account_id": "acc-404"}, (
        f'expected details {{"account_id": "acc-404"}}, got {error["details"]!r}'
    )


@pytest.mark.points(2)
@pytest.mark.hint(
    "The ledger raises InsufficientFunds; map it to 409 with code insufficient_funds.",
    "details holds account_id, balance_cents and requested_cents, all taken from the exception.",
)
def test_insufficient_funds_gets_409_envelope(client, error_of):
    """A transfer over the balance gets 409 insufficient_funds with the amounts, moving nothing"""
    r = client.post(
        "/transfers", json={"from_account": "acc-2", "to_account": "acc-1", "amount_cents": 4000}
    )
    error = error_of(r, 409, "a transfer of 4000 cents from acc-2, which holds 2500")
    assert error["code"] == "insufficient_funds", (
        f'expected code "insufficient_funds", got {error["code"]!r}'
    )
    expected = {"account_id": "acc-2", "balance_cents": 2500, "requested_cents": 4000}
    assert error["details"] == expected, f"expected details {expected}, got {error['details']!r}"

    for account_id, balance in (("acc-2", 2500), ("acc-1", 10_000)):
        r = client.get(f"/accounts/{account_id}")
        assert r.status_code == 200 and r.json()["balance_cents"] == balance, (
            f"a refused transfer must move nothing: expected {account_id} to hold {balance} "
            f"cents, got {r.status_code}: {r.text}"
        )
