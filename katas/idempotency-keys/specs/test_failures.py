"""Requests that overlap or fail: a key is never charged twice, and never stuck."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from payment_helpers import ORDER, pay, payments_of, replayed


@pytest.mark.points(3)
@pytest.mark.hint(
    "Two copies of one request can arrive together, the second while the first still waits for "
    "the gateway. Claim the key before you call the gateway, and answer 409 to a copy that "
    "finds it claimed but not finished.",
    "Checking for the key, awaiting the charge and only then storing the key leaves a gap in "
    "which both copies charge.",
)
def test_concurrent_copies_charge_once(client, harness):
    """Two copies sent at once: one is charged (201), the other gets 409; a later retry replays"""
    harness.set_gateway(latency=1.0)
    with ThreadPoolExecutor(max_workers=2) as pool:
        futures = [pool.submit(pay, client, "double-click") for _ in range(2)]
        responses = [future.result() for future in futures]
    statuses = sorted(r.status_code for r in responses)
    charges = harness.gateway_charges()
    assert len(charges) == 1, (
        f"two copies of one request sent at once must charge once, got {len(charges)} charges "
        f"(statuses {statuses})"
    )
    assert statuses == [201, 409], (
        f"expected one 201 and one 409 for the copy that arrived mid-flight, got {statuses}"
    )
    created = next(r for r in responses if r.status_code == 201)
    later = pay(client, "double-click")
    assert later.status_code == 201 and later.json() == created.json(), (
        f"once the first copy has finished, a retry should replay it ({created.json()}), "
        f"got {later.status_code}: {later.text}"
    )


@pytest.mark.points(2)
@pytest.mark.hint(
    "When the gateway raises GatewayError, answer 502 and forget the key: nothing was charged, "
    "so a retry with the same key must run for real.",
    "Release the key on every failure path (try/except around the side effect), or the key "
    "stays claimed and every retry gets 409.",
)
def test_gateway_failure_is_502_and_retryable(client, harness):
    """A gateway failure answers 502, and a retry with the same key charges for real"""
    harness.set_gateway(failures=1)
    r = pay(client, "flaky")
    assert r.status_code == 502, (
        f"expected 502 when the gateway fails, got {r.status_code}: {r.text}"
    )
    retry = pay(client, "flaky")
    assert retry.status_code == 201, (
        f"the failed attempt charged nothing, so a retry with the same key should create the "
        f"payment with 201, got {retry.status_code}: {retry.text}"
    )
    assert not replayed(retry), "the retry after a failure is a real run, not a replay"
    succeeded = [charge for charge in harness.gateway_charges() if charge["succeeded"]]
    assert len(succeeded) == 1, f"expected one successful charge, got {harness.gateway_charges()}"
    assert payments_of(client) == [retry.json()], (
        f"expected one payment, {retry.json()}, got {payments_of(client)}"
    )


@pytest.mark.hint(
    "A request that fails validation (422) never ran: it must not claim its key, and the key's "
    "first real use is what later replays return."
)
def test_invalid_body_does_not_use_up_the_key(client):
    """A body that fails validation does not use up its key"""
    r = pay(client, "typo", body={**ORDER, "amount_cents": -5})
    assert r.status_code == 422, (
        f"expected 422 for a negative amount, got {r.status_code}: {r.text}"
    )
    first = pay(client, "typo")
    assert first.status_code == 201, (
        f"the key typo was only used by an invalid request, so a valid one should get 201, "
        f"got {first.status_code}: {first.text}"
    )
    again = pay(client, "typo")
    assert again.status_code == 201 and again.json() == first.json(), (
        f"a retry should replay {first.json()}, got {again.status_code}: {again.text}"
    )
