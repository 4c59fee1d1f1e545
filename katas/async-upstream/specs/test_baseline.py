"""What already works in the starting project."""

import pytest


@pytest.mark.baseline
@pytest.mark.hint('Keep GET /health answering 200 with {"status": "ok"}, without calling upstream.')
def test_health_answers_ok(client):
    """GET /health answers 200 with {"status": "ok"}"""
    r = client.get("/health")
    assert r.status_code == 200, f"expected 200 from GET /health, got {r.status_code}: {r.text}"
    assert r.json() == {"status": "ok"}, f'expected {{"status": "ok"}}, got {r.text}'
