"""What already works in the starting project and must keep working once the limiter is in."""

import pytest

CATALOGUE = [
    {"id": 1, "name": "Keyboard"},
    {"id": 2, "name": "Mouse"},
    {"id": 3, "name": "Monitor"},
]


@pytest.mark.baseline
@pytest.mark.hint('Keep GET /health answering 200 with {"status": "ok"}.')
def test_health_answers_ok(client):
    """GET /health answers 200 with {"status": "ok"}"""
    r = client.get("/health")
    assert r.status_code == 200, f"expected 200 from GET /health, got {r.status_code}: {r.text}"
    assert r.json() == {"status": "ok"}, f'expected {{"status": "ok"}}, got {r.text}'


@pytest.mark.baseline
@pytest.mark.hint(
    "Keep the /items routes answering as they did in the starting project; "
    "the limiter must not change what a served request returns."
)
def test_items_answer_correctly(client):
    """GET /items lists the catalogue, GET /items/{id} returns one item or 404"""
    r = client.get("/items")
    assert r.status_code == 200, f"expected 200 from GET /items, got {r.status_code}: {r.text}"
    assert r.json() == CATALOGUE, f"expected the catalogue {CATALOGUE}, got {r.text}"

    r = client.get("/items/2")
    assert r.status_code == 200, f"expected 200 from GET /items/2, got {r.status_code}: {r.text}"
    assert r.json() == CATALOGUE[1], f"expected {CATALOGUE[1]}, got {r.text}"

    r = client.get("/items/99")
    assert r.status_code == 404, f"expected 404 for a missing item, got {r.status_code}: {r.text}"
