"""What already works in the starting project and must keep working."""

import pytest


@pytest.mark.baseline
@pytest.mark.hint("Keep POST /transfers and GET /accounts/{id} answering as they did.")
def test_transfer_moves_money(client):
    """A transfer within the balance answers 201 and moves the money"""
    r = client.post(
        "/transfers", json={"from_account": "acc-1", "to_account": "acc-2", "amount_cents": 1500}
    )
    assert r.status_code == 201, f"expected 201 for a valid transfer, got {r.status_code}: {r.text}"
    expected = {
        "from_account": "acc-1",
        "to_account": "acc-2",
        "amount_cents": 1500,
        "from_balance_cents": 8500,
        "to_balance_cents": 4000,
    }
    assert r.json() == expected, f"expected {expected}, got {r.text}"

    r = client.get("/accounts/acc-2")
    assert r.status_code == 200, f"expected 200 from GET /accounts/acc-2, got {r.status_code}"
    expected = {"id": "acc-2", "owner": "Grace Hopper", "balance_cents": 4000}
    assert r.json() == expected, f"expected {expected} after the transfer, got {r.text}"
