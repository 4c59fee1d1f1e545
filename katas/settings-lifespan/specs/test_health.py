"""Probes: liveness says the process runs, readiness says it can serve."""

import pytest


@pytest.mark.hint(
    'GET /health/ready answers 200 {"status": "ready"} when the pool\'s ping() is True.',
)
def test_ready_while_the_pool_answers(client):
    """GET /health/ready answers 200 {"status": "ready"} while the pool answers"""
    r = client.get("/health/ready")
    assert r.status_code == 200, (
        f"expected 200 from GET /health/ready, got {r.status_code}: {r.text}"
    )
    assert r.json() == {"status": "ready"}, f'expected {{"status": "ready"}}, got {r.text}'


@pytest.mark.points(2)
@pytest.mark.hint(
    "Readiness must ask the pool (await pool.ping()) on every call, not just check that a "
    "pool exists.",
    'When ping() is False, answer 503 with {"status": "not ready"}.',
)
def test_not_ready_when_the_pool_is_broken(client, harness):
    """GET /health/ready answers 503 {"status": "not ready"} when the database stops answering"""
    harness.break_pool()
    r = client.get("/health/ready")
    assert r.status_code == 503, (
        f"with the pool's database not answering, expected 503 from GET /health/ready, "
        f"got {r.status_code}: {r.text}"
    )
    assert r.json() == {"status": "not ready"}, f'expected {{"status": "not ready"}}, got {r.text}'


@pytest.mark.hint(
    "Liveness must not depend on the database: a restart would not fix the database, so a "
    "broken database must not make the process look dead.",
)
def test_live_when_the_pool_is_broken(client, harness):
    """GET /health/live still answers 200 when the database stops answering"""
    harness.break_pool()
    r = client.get("/health/live")
    assert r.status_code == 200, (
        f"liveness must not look at the database: expected 200 from GET /health/live, "
        f"got {r.status_code}: {r.text}"
    )
    assert r.json() == {"status": "alive"}, f'expected {{"status": "alive"}}, got {r.text}'


@pytest.mark.hint(
    "pool.fetch_items raises PoolUnavailable when the database does not answer: turn it into "
    "503 with a JSON detail instead of letting it become a 500.",
)
def test_items_unavailable_when_the_pool_is_broken(client, harness):
    """GET /items answers 503 with a JSON detail when the database stops answering"""
    harness.break_pool()
    r = client.get("/items")
    assert r.status_code == 503, (
        f"with the pool's database not answering, expected 503 from GET /items, "
        f"got {r.status_code}: {r.text}"
    )
    try:
        detail = r.json().get("detail")
    except (ValueError, AttributeError):
        detail = None
    assert isinstance(detail, str) and detail.strip(), (
        f'expected a JSON body with a non-empty "detail", got {r.text!r}'
    )


@pytest.mark.hint(
    "An app with no pool at app.state.pool (served without its lifespan) cannot reach a "
    "database: GET /items answers 503 with a JSON detail and GET /health/ready 503, never 500.",
    'Read the pool with getattr(request.app.state, "pool", None) and treat None as unavailable.',
)
def test_no_pool_is_unavailable(client, harness):
    """With no pool at app.state.pool, GET /items and GET /health/ready answer 503"""
    harness.hide_pool()
    try:
        items = client.get("/items")
        ready = client.get("/health/ready")
    finally:
        harness.restore_pool()
    try:
        detail = items.json().get("detail")
    except (ValueError, AttributeError):
        detail = None
    assert items.status_code == 503 and isinstance(detail, str) and detail.strip(), (
        f"with no pool at app.state.pool, expected 503 with a JSON detail from GET /items, "
        f"got {items.status_code}: {items.text}"
    )
    assert ready.status_code == 503, (
        f"with no pool at app.state.pool, expected 503 from GET /health/ready, got "
        f"{ready.status_code}: {ready.text}"
    )
