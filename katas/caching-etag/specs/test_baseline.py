"""What the starting project already answers and must keep answering once caching is in."""

import pytest

CATALOGUE = [
    {"id": 1, "name": "Espresso machine", "price_cents": 25000},
    {"id": 2, "name": "Coffee grinder", "price_cents": 9000},
    {"id": 3, "name": "Milk jug", "price_cents": 2000},
]


@pytest.mark.baseline
@pytest.mark.hint(
    "GET /products lists every product by id, each priced from app.state.price_engine().",
    "Do not fill the price cache at start-up: the first read fetches it.",
)
def test_catalogue_lists_products_with_engine_prices(client):
    """GET /products lists the catalogue priced by the pricing engine"""
    r = client.get("/products")
    assert r.status_code == 200, f"expected 200 from GET /products, got {r.status_code}: {r.text}"
    assert r.json() == CATALOGUE, f"expected {CATALOGUE}, got {r.text}"


@pytest.mark.baseline
@pytest.mark.hint("GET /products/{id} returns one product, or 404 when there is none.")
def test_product_reads_and_unknown_product(client):
    """GET /products/{id} returns the product, and 404 for an unknown id"""
    r = client.get("/products/2")
    assert r.status_code == 200, f"expected 200 from GET /products/2, got {r.status_code}: {r.text}"
    assert r.json() == CATALOGUE[1], f"expected {CATALOGUE[1]}, got {r.text}"
    r = client.get("/products/99")
    assert r.status_code == 404, f"expected 404 for product 99, got {r.status_code}: {r.text}"
