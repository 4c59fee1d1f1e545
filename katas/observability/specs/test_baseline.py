"""What the starting project already answers and must keep answering."""

import pytest

ITEMS = [{"id": 1, "name": "Keyboard"}, {"id": 2, "name": "Mouse"}, {"id": 3, "name": "Monitor"}]


@pytest.mark.baseline
@pytest.mark.hint("Keep the /items routes answering as they did in the starting project.")
def test_items_api_answers(client):
    """GET /items, GET /items/{id} (404 when missing) and POST /items answer as before"""
    r = client.get("/items")
    assert r.status_code == 200, f"expected 200 from GET /items, got {r.status_code}: {r.text}"
    assert r.json() == ITEMS, f"expected {ITEMS}, got {r.text}"
    r = client.get("/items/2")
    assert r.status_code == 200 and r.json() == ITEMS[1], (
        f"expected 200 {ITEMS[1]} from GET /items/2, got {r.status_code}: {r.text}"
    )
    r = client.get("/items/99")
    assert r.status_code == 404, f"expected 404 for item 99, got {r.status_code}: {r.text}"
    r = client.post("/items", json={"name": "Lamp"})
    assert r.status_code == 201 and r.json() == {"id": 4, "name": "Lamp"}, (
        f'expected 201 {{"id": 4, "name": "Lamp"}} from POST /items, got {r.status_code}: {r.text}'
    )
