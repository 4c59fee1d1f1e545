"""What the starting project already does: payments are created, charged and listed per client."""

import pytest
from payment_helpers import ALICE, ORDER, pay, payments_of


@pytest.mark.baseline
@pytest.mark.points(2)
@pytest.mark.hint(
    "POST /payments charges through request.app.state.gateway.charge() and answers 201 with the "
    "payment; GET /payments lists the caller's payments.",
)
def test_payment_is_created_charged_and_listed(client, harness):
    """POST /payments with a key answers 201, charges once, and GET /payments lists the payment"""
    r = pay(client, "key-1")
    assert r.status_code == 201, f"expected 201 from POST /payments, got {r.status_code}: {r.text}"
    payment = r.json()
    for field, value in ORDER.items():
        assert payment.get(field) == value, (
            f"expected {field} = {value!r} in the payment, got {payment}"
        )
    assert isinstance(payment.get("id"), str) and payment["id"], (
        f"expected a non-empty string id, got {payment}"
    )
    assert payment.get("status") == "succeeded", f'expected status "succeeded", got {payment}'
    charges = harness.gateway_charges()
    assert len(charges) == 1, f"expected one charge at the gateway, got {charges}"
    assert payments_of(client, ALICE) == [payment], (
        f"expected GET /payments to list exactly {payment}, got {payments_of(client, ALICE)}"
    )


@pytest.mark.baseline
@pytest.mark.hint(
    "Every request names its client in X-Client-Id; without it, answer 400.",
    "Different Idempotency-Keys are different payments: each is charged.",
)
def test_different_keys_make_different_payments(client, harness):
    """Different keys create different payments, and a request without X-Client-Id gets 400"""
    first = pay(client, "key-1")
    second = pay(client, "key-2")
    assert (first.status_code, second.status_code) == (201, 201), (
        f"expected 201 for both keys, got {first.status_code} and {second.status_code}"
    )
    assert first.json()["id"] != second.json()["id"], (
        f"two keys should make two payments, both answers have id {first.json()['id']}"
    )
    assert len(harness.gateway_charges()) == 2, (
        f"expected two charges, got {harness.gateway_charges()}"
    )
    r = client.get("/payments")
    assert r.status_code == 400, (
        f"expected 400 for GET /payments without X-Client-Id, got {r.status_code}: {r.text}"
    )
