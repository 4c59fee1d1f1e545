"""GET /items and GET /items/{item_id}: typed path and query parameters with defaults."""

from typing import Any

import pytest

CATALOGUE = [
    {"item_id": 1, "name": "Keyboard"},
    {"item_id": 2, "name": "Mouse"},
    {"item_id": 3, "name": "Monitor"},
    {"item_id": 4, "name": "Laptop"},
    {"item_id": 5, "name": "Webcam"},
]


@pytest.mark.points(2)
@pytest.mark.hint(
    "Declare item_id in the path and annotate it as int; add q as an optional query parameter "
    "(a function parameter that is not in the path, with None as its default).",
    'The body always has "item_id" (a JSON number, not a string), "name" and "q" (null when '
    "the client sent none).",
)
def test_read_item_by_id(client: Any) -> None:
    """GET /items/{item_id} returns the item, with the optional q echoed back or null"""
    r = client.get("/items/3")
    assert r.status_code == 200, f"expected 200 from GET /items/3, got {r.status_code}: {r.text}"
    expected = {"item_id": 3, "name": "Monitor", "q": None}
    assert r.json() == expected, f"expected {expected} from GET /items/3, got {r.text}"

    r = client.get("/items/2", params={"q": "wireless"})
    assert r.status_code == 200, (
        f"expected 200 from GET /items/2?q=wireless, got {r.status_code}: {r.text}"
    )
    expected = {"item_id": 2, "name": "Mouse", "q": "wireless"}
    assert r.json() == expected, f"expected {expected} from GET /items/2?q=wireless, got {r.text}"


@pytest.mark.hint(
    'An id that is a valid int but not in the catalogue is 404 with {"detail": "Item not '
    'found"}: raise HTTPException instead of returning null or failing with a KeyError.'
)
def test_missing_item_is_404(client: Any) -> None:
    """GET /items/99 answers 404 with an "Item not found" detail"""
    r = client.get("/items/99")
    assert r.status_code == 404, f"expected 404 from GET /items/99, got {r.status_code}: {r.text}"
    assert r.json() == {"detail": "Item not found"}, (
        f'expected {{"detail": "Item not found"}}, got {r.text}'
    )


@pytest.mark.hint(
    "Annotate item_id as int and let FastAPI refuse anything else with its standard 422; do not "
    "take a str and convert it yourself."
)
@pytest.mark.parametrize("raw", ["abc", "3.5"], ids=["word", "decimal"])
def test_item_id_not_an_int_is_422(client: Any, expect_422: Any, raw: str) -> None:
    """An item id that is not a whole number gets FastAPI's 422 pointing at item_id"""
    r = client.get(f"/items/{raw}")
    expect_422(r, ["path", "item_id"], f"GET /items/{raw}")


@pytest.mark.points(2)
@pytest.mark.hint(
    "GET /items takes two int query parameters with defaults, skip=0 and limit=10, and returns "
    "the slice of the catalogue (in id order) that starts after `skip` items and holds at most "
    "`limit` items."
)
def test_list_items_defaults_and_paging(client: Any) -> None:
    """GET /items lists the catalogue with skip=0 and limit=10 by default, and pages with them"""
    r = client.get("/items")
    assert r.status_code == 200, f"expected 200 from GET /items, got {r.status_code}: {r.text}"
    assert r.json() == CATALOGUE, f"expected the whole catalogue {CATALOGUE}, got {r.text}"

    cases = [
        ({"skip": 1, "limit": 2}, CATALOGUE[1:3]),
        ({"limit": 1}, CATALOGUE[:1]),
        ({"skip": 4}, CATALOGUE[4:]),
        ({"skip": 5}, []),
    ]
    for params, expected in cases:
        r = client.get("/items", params=params)
        assert r.status_code == 200, (
            f"expected 200 from GET /items with {params}, got {r.status_code}: {r.text}"
        )
        assert r.json() == expected, f"expected {expected} for {params}, got {r.text}"


@pytest.mark.hint(
    "Annotate limit (and skip) as int: FastAPI then answers 422 on its own when the value is "
    "not a whole number."
)
def test_list_items_bad_limit_is_422(client: Any, expect_422: Any) -> None:
    """GET /items?limit=ten gets FastAPI's 422 pointing at limit"""
    r = client.get("/items", params={"limit": "ten"})
    expect_422(r, ["query", "limit"], "GET /items?limit=ten")
