"""GET /products/{sku}: a path parameter that must match a pattern."""

from typing import Any

import pytest


@pytest.mark.hint(
    "GET /products/{sku} answers the whole product (sku, name, price, tags) for a known SKU."
)
def test_read_product_by_sku(client: Any) -> None:
    """GET /products/MSE-0002 returns the gaming mouse"""
    r = client.get("/products/MSE-0002")
    expected = {
        "sku": "MSE-0002",
        "name": "Gaming Mouse",
        "price": 49.0,
        "tags": ["mouse", "wired", "gaming"],
    }
    assert r.status_code == 200, (
        f"expected 200 from GET /products/MSE-0002, got {r.status_code}: {r.text}"
    )
    assert r.json() == expected, f"expected {expected}, got {r.text}"


@pytest.mark.hint(
    'A well-formed SKU that no product has is 404 with {"detail": "Product not found"}, not a '
    "422 and not null."
)
def test_unknown_sku_is_404(client: Any) -> None:
    """A well-formed but unknown SKU gets 404 with a "Product not found" detail"""
    r = client.get("/products/ZZZ-9999")
    assert r.status_code == 404, (
        f"expected 404 from GET /products/ZZZ-9999, got {r.status_code}: {r.text}"
    )
    assert r.json() == {"detail": "Product not found"}, (
        f'expected {{"detail": "Product not found"}}, got {r.text}'
    )


@pytest.mark.points(2)
@pytest.mark.hint(
    "Constrain sku with Path(pattern=...): three capital letters, a hyphen, four digits.",
    "The pattern is searched for anywhere in the value unless you anchor it: start it with ^ "
    "and end it with $ so KBD-00011 or XKBD-0001 do not slip through.",
)
def test_malformed_sku_is_422(client: Any, expect_422: Any) -> None:
    """A SKU that is not three capitals, a hyphen and four digits gets a 422 that names sku"""
    for sku in ["kbd-0001", "KBD-001", "KBD0001", "KBD-00011", "XKBD-0001", "KB-0001"]:
        expect_422(client.get(f"/products/{sku}"), ["path", "sku"], f"GET /products/{sku}")
