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


# Baseline: the starting project already validates the rename; this guards that it still does
# once the routes answer with ETags.
@pytest.mark.baseline
@pytest.mark.hint(
    'PUT /products/{id} takes {"name": ...} of 1 to 100 characters, both ends included.',
    "Keep the Field(min_length=1, max_length=100) on the rename model.",
)
def test_rename_name_bounds(client):
    """PUT /products/{id} accepts names of 1 and 100 characters; empty or 101 characters get 422"""
    for name in ("x", "x" * 100):
        r = client.put("/products/3", json={"name": name})
        assert r.status_code == 200, (
            f"expected 200 for a {len(name)}-character name, got {r.status_code}: {r.text}"
        )
        assert r.json().get("name") == name, (
            f"expected the renamed product to have the {len(name)}-character name, got {r.text}"
        )
    for name in ("", "x" * 101):
        r = client.put("/products/3", json={"name": name})
        assert r.status_code == 422, (
            f"expected 422 for a {len(name)}-character name, got {r.status_code}: {r.text[:300]}"
        )


# Baseline: the starting project already prices from the given engine; this guards the seam's
# production wiring, which every other spec replaces with a fake.
@pytest.mark.baseline
@pytest.mark.hint(
    "Keep `app.state.price_engine = compute_price_list` where the app is created, and keep "
    "app/pricing.py's engine as it is given.",
    "Price every product from the list app.state.price_engine() returns (through your cache).",
)
def test_production_engine_prices_the_catalogue(client, harness):
    """With the production pricing engine, GET /products shows today's prices"""
    harness.restore_price_engine()
    expected = [
        {"id": 1, "name": "Espresso machine", "price_cents": 22410},
        {"id": 2, "name": "Coffee grinder", "price_cents": 8010},
        {"id": 3, "name": "Milk jug", "price_cents": 1710},
    ]
    r = client.get("/products")
    assert r.status_code == 200, f"expected 200 from GET /products, got {r.status_code}: {r.text}"
    assert r.json() == expected, (
        f"with the engine the app was created with, expected today's prices {expected}, "
        f"got {r.text}"
    )
