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


# Baseline: the starting project already validates the payment body; this guards the bounds
# once the idempotency checks are in.
@pytest.mark.baseline
@pytest.mark.hint(
    "amount_cents is an integer greater than 0; description is at most 200 characters.",
    "Keep Field(gt=0) on amount_cents and Field(default='', max_length=200) on description.",
)
def test_payment_bounds_at_their_edges(client, harness):
    """1 cent and a 200-character description are accepted; 0 cents or 201 characters get 422"""
    accepted = {
        "amount_cents 1": {**ORDER, "amount_cents": 1},
        "a 200-character description": {**ORDER, "description": "d" * 200},
    }
    for number, (what, body) in enumerate(accepted.items()):
        r = pay(client, f"edge-ok-{number}", body)
        assert r.status_code == 201, f"expected 201 for {what}, got {r.status_code}: {r.text}"
    refused = {
        "amount_cents 0": {**ORDER, "amount_cents": 0},
        "a 201-character description": {**ORDER, "description": "d" * 201},
    }
    for number, (what, body) in enumerate(refused.items()):
        r = pay(client, f"edge-bad-{number}", body)
        assert r.status_code == 422, f"expected 422 for {what}, got {r.status_code}: {r.text[:300]}"
    charges = harness.gateway_charges()
    assert len(charges) == 2, (
        f"expected only the two valid payments to be charged, got {len(charges)} charges: {charges}"
    )


# Baseline: the starting project already charges through the gateway its lifespan sets; this
# guards that production wiring, which every other spec replaces with a fake.
@pytest.mark.baseline
@pytest.mark.hint(
    "Keep the lifespan line app.state.gateway = PaymentGateway(), and app/gateway.py as given.",
    "Put the charge id that gateway.charge() returns in the payment's charge_id.",
)
def test_production_gateway_charges(client, harness):
    """With the app's own gateway, a payment is created with the gateway's charge id"""
    harness.restore_gateway()
    r = pay(client, "key-real")
    assert r.status_code == 201, (
        f"expected 201 from POST /payments with the app's own gateway, got {r.status_code}: "
        f"{r.text}"
    )
    charge_id = r.json().get("charge_id")
    assert isinstance(charge_id, str) and charge_id.startswith("ch_"), (
        f'expected the charge id the given PaymentGateway returns ("ch_..."), got {charge_id!r}'
    )
