"""What already works in the starting project and must keep working."""

import pytest


@pytest.mark.baseline
@pytest.mark.hint('Keep GET /health/live answering 200 with {"status": "alive"}.')
def test_liveness_answers_alive(client):
    """GET /health/live answers 200 with {"status": "alive"}"""
    r = client.get("/health/live")
    assert r.status_code == 200, (
        f"expected 200 from GET /health/live, got {r.status_code}: {r.text}"
    )
    assert r.json() == {"status": "alive"}, f'expected {{"status": "alive"}}, got {r.text}'
