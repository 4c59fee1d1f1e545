"""The same key again: the first answer comes back, and the customer is charged once."""

import pytest
from payment_helpers import ALICE, BOB, ORDER, pay, payments_of, replayed


@pytest.mark.points(2)
@pytest.mark.hint(
    "Without an Idempotency-Key a payment cannot be retried safely: answer 400 and charge nothing.",
    "Declare the header as optional (str | None) and check it yourself; a required Header() "
    "parameter answers 422, not 400.",
)
def test_missing_key_is_400(client, harness):
    """POST /payments without Idempotency-Key gets 400 and charges nothing"""
    r = pay(client, None)
    assert r.status_code == 400, (
        f"expected 400 for a payment without Idempotency-Key, got {r.status_code}: {r.text}"
    )
    assert harness.gateway_charges() == [], (
        f"nothing should be charged without a key, got {harness.gateway_charges()}"
    )
    assert payments_of(client) == [], f"expected no payments, got {payments_of(client)}"


@pytest.mark.points(3)
@pytest.mark.hint(
    "Remember the first answer for each key (status code and body) and send exactly that again "
    "when the same key comes back with the same body.",
    "The replay is the first response, 201 included, not a fresh 200 read of the payment.",
)
def test_retry_replays_first_response(client):
    """The same key and body again replays the first response: same status, same body"""
    first = pay(client, "retry-me")
    assert first.status_code == 201, f"expected 201 first, got {first.status_code}: {first.text}"
    for attempt in (2, 3):
        again = pay(client, "retry-me")
        assert again.status_code == 201, (
            f"attempt {attempt} with the same key and body should replay the first status 201, "
            f"got {again.status_code}: {again.text}"
        )
        assert again.json() == first.json(), (
            f"attempt {attempt} should replay the first body {first.json()}, got {again.text}"
        )


@pytest.mark.points(2)
@pytest.mark.hint(
    "A replay must not run the side effects again: no second charge, no second payment.",
    "Look the key up before calling the gateway, not after.",
)
def test_retry_does_not_charge_again(client, harness):
    """A replay charges nothing and creates no second payment"""
    first = pay(client, "retry-me")
    pay(client, "retry-me")
    pay(client, "retry-me")
    charges = harness.gateway_charges()
    assert len(charges) == 1, f"three tries with one key should charge once, got {charges}"
    listed = payments_of(client)
    assert listed == [first.json()], (
        f"three tries with one key should make one payment {first.json()}, got {listed}"
    )


@pytest.mark.hint(
    "Mark replays with the header Idempotent-Replayed: true; the first answer does not carry it."
)
def test_replay_is_marked(client):
    """A replay carries Idempotent-Replayed: true, the first response does not"""
    first = pay(client, "retry-me")
    assert first.status_code == 201, f"expected 201 first, got {first.status_code}: {first.text}"
    assert not replayed(first), (
        "the first response is not a replay, yet it carries Idempotent-Replayed: true"
    )
    again = pay(client, "retry-me")
    assert replayed(again), (
        "expected Idempotent-Replayed: true on the replay, got "
        f"{again.headers.get('idempotent-replayed')!r}"
    )


@pytest.mark.points(2)
@pytest.mark.hint(
    "Remember what each key was first used for (a fingerprint of the validated body); the same "
    "key with another body is a client bug: answer 422 and charge nothing.",
)
def test_reused_key_with_other_body_is_422(client, harness):
    """The same key with a different body gets 422 and charges nothing more"""
    first = pay(client, "order-1042")
    assert first.status_code == 201, f"expected 201 first, got {first.status_code}: {first.text}"
    other = {**ORDER, "amount_cents": 9999}
    r = pay(client, "order-1042", body=other)
    assert r.status_code == 422, (
        f"expected 422 for the key order-1042 reused with another amount, "
        f"got {r.status_code}: {r.text}"
    )
    charges = harness.gateway_charges()
    assert len(charges) == 1, f"the rejected reuse must not charge, got {charges}"
    again = pay(client, "order-1042")
    assert again.status_code == 201 and again.json() == first.json(), (
        "after the rejected reuse, the original body should still replay the first response, "
        f"got {again.status_code}: {again.text}"
    )


@pytest.mark.points(2)
@pytest.mark.hint(
    "Keys belong to a client: remember them per (X-Client-Id, Idempotency-Key), so that two "
    "clients that pick the same key get their own payments and never see each other's.",
)
def test_keys_are_scoped_per_client(client, harness):
    """Two clients using the same key get separate payments, each replayed to its own client"""
    alice = pay(client, "checkout-1", who=ALICE)
    bob = pay(client, "checkout-1", body={**ORDER, "amount_cents": 700}, who=BOB)
    assert bob.status_code == 201, (
        f"{BOB} never used checkout-1, so its payment should be created with 201, "
        f"got {bob.status_code}: {bob.text}"
    )
    assert bob.json()["id"] != alice.json()["id"] and not replayed(bob), (
        f"{BOB} got {ALICE}'s payment back: keys must be scoped per client"
    )
    again = pay(client, "checkout-1", body={**ORDER, "amount_cents": 700}, who=BOB)
    assert again.status_code == 201 and again.json() == bob.json(), (
        f"{BOB}'s retry should replay its own first response {bob.json()}, "
        f"got {again.status_code}: {again.text}"
    )
    assert len(harness.gateway_charges()) == 2, (
        f"expected one charge per client, got {harness.gateway_charges()}"
    )
    assert payments_of(client, ALICE) == [alice.json()], (
        f"expected {ALICE} to have only its own payment, got {payments_of(client, ALICE)}"
    )
