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


# Baseline: the starting project already validates the name; this guards that it still does
# once the middleware wraps the routes.
@pytest.mark.baseline
@pytest.mark.hint(
    'POST /items takes {"name": ...} of 1 to 100 characters, both ends included; an empty or '
    "a 101-character name gets 422.",
    "Keep the Field(min_length=1, max_length=100) on ItemIn.",
)
def test_item_name_bounds(client):
    """POST /items accepts a name of 1 or 100 characters and answers 422 to 0 or 101"""
    for name in ("A", "n" * 100):
        r = client.post("/items", json={"name": name})
        assert r.status_code == 201 and r.json().get("name") == name, (
            f"expected 201 with the {len(name)}-character name from POST /items, "
            f"got {r.status_code}: {r.text}"
        )
    for name in ("", "n" * 101):
        r = client.post("/items", json={"name": name})
        assert r.status_code == 422, (
            f"expected 422 from POST /items with a {len(name)}-character name, "
            f"got {r.status_code}: {r.text}"
        )
