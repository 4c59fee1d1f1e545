"""Who a client is: its address, or its API key when it sends one; /health is nobody's cost."""

import pytest


@pytest.mark.points(2)
@pytest.mark.hint(
    "Keep one budget per client, not one for the whole app.",
    "Without an X-API-Key header, the client is request.client.host: key your counters on it.",
)
def test_addresses_have_separate_budgets(client, spend):
    """Clients at different addresses have separate budgets"""
    first = client.with_address("198.51.100.7")
    second = client.with_address("203.0.113.9")

    spend(first, 5)
    r = first.get("/items")
    assert r.status_code == 429, (
        f"198.51.100.7 spent its 5 requests, so its 6th should get 429, got {r.status_code}"
    )

    for number, r in enumerate(spend(second, 5), start=1):
        assert r.status_code == 200, (
            f"203.0.113.9 has its own budget, so its request {number} of 5 should be served, "
            f"got {r.status_code}: {r.text}"
        )
    r = second.get("/items")
    assert r.status_code == 429, (
        f"203.0.113.9 spent its own 5 requests, so its 6th should get 429, got {r.status_code}"
    )


@pytest.mark.points(2)
@pytest.mark.hint(
    "When a request has an X-API-Key header, the key is the client, whatever address it comes "
    "from; only requests without a key are counted by address.",
    "Keep key budgets and address budgets apart: a keyless request from the same address "
    "spends the address's budget, not the key's.",
)
def test_api_key_identifies_the_client(client, spend):
    """A request with X-API-Key is limited per key, whatever address it comes from"""
    office = client.with_address("198.51.100.7")
    laptop = client.with_address("203.0.113.9")
    alpha = {"X-API-Key": "alpha-key"}
    beta = {"X-API-Key": "beta-key"}

    for number, r in enumerate(spend(office, 5, headers=alpha), start=1):
        assert r.status_code == 200, (
            f"request {number} of 5 with key alpha-key should be served, "
            f"got {r.status_code}: {r.text}"
        )

    r = laptop.get("/items", headers=alpha)
    assert r.status_code == 429, (
        "alpha-key spent its 5 requests from 198.51.100.7; the same key from 203.0.113.9 "
        f"shares that budget, so it should get 429, got {r.status_code}"
    )

    r = office.get("/items")
    assert r.status_code == 200, (
        "a request without a key from 198.51.100.7 is counted by address, and that address "
        f"has not spent anything itself, so it should be served, got {r.status_code}: {r.text}"
    )

    r = office.get("/items", headers=beta)
    assert r.status_code == 200, (
        "beta-key has its own budget, so its first request should be served, "
        f"got {r.status_code}: {r.text}"
    )


@pytest.mark.points(2)
@pytest.mark.hint(
    "GET /health must stay outside the limiter: it neither spends budget nor gets refused.",
    "Apply the limiter to the /items routes only (a router dependency), or skip /health in "
    "the middleware before counting.",
)
def test_health_is_exempt(client, spend):
    """GET /health is never limited and never spends the budget"""
    for number, r in enumerate(spend(client, 10, path="/health"), start=1):
        assert r.status_code == 200, (
            f"GET /health number {number} should answer 200, got {r.status_code}: {r.text}"
        )

    for number, r in enumerate(spend(client, 5), start=1):
        assert r.status_code == 200, (
            f"after 10 calls to /health, /items request {number} of 5 should still be served "
            f"(health checks cost nothing), got {r.status_code}: {r.text}"
        )
    r = client.get("/items")
    assert r.status_code == 429, f"the 6th /items request should get 429, got {r.status_code}"

    r = client.get("/health")
    assert r.status_code == 200, (
        f"GET /health should answer 200 even for a throttled client, got {r.status_code}: {r.text}"
    )
    assert r.json() == {"status": "ok"}, f'expected {{"status": "ok"}}, got {r.text}'
