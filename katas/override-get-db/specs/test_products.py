"""Products: CRUD through the API, checked against the spec's own database."""

import httpx
import pytest

NEW_PRODUCT = {"sku": "KB-101", "name": "Keyboard", "price_cents": 4999, "stock": 7}


def shown(fields: dict) -> str:
    """Fields for a failure message, long strings shortened to their length."""
    return ", ".join(
        f"{key}={len(value)} characters"
        if isinstance(value, str) and len(value) > 20
        else f"{key}={value!r}"
        for key, value in fields.items()
    )


def detail_of(response: httpx.Response) -> object:
    """The JSON `detail` of an error response, or None when the body is not JSON."""
    try:
        body = response.json()
    except ValueError:
        return None
    return body.get("detail") if isinstance(body, dict) else None


@pytest.mark.points(2)
@pytest.mark.hint(
    "The route must take its session from get_db (Depends(get_db)), never build one itself.",
    "The tests point get_db's sessions at their own database: anything written on another "
    "session lands somewhere they never look.",
)
def test_created_product_lands_in_the_get_db_database(client, harness):
    """POST /products answers 201, and the row is in the database get_db hands out"""
    r = client.post("/products", json=NEW_PRODUCT)
    assert r.status_code == 201, f"expected 201 from POST /products, got {r.status_code}: {r.text}"
    body = r.json()
    assert isinstance(body.get("id"), int), f"expected an integer id in the response, got {body}"
    assert {key: body.get(key) for key in NEW_PRODUCT} == NEW_PRODUCT, (
        f"expected the response to echo {NEW_PRODUCT}, got {body}"
    )
    stored = harness.rows("products")
    assert [(row["id"], row["sku"]) for row in stored] == [(body["id"], "KB-101")], (
        f"expected exactly one products row (id {body['id']}, sku KB-101) in the database that "
        f"get_db provides, found {stored}"
    )


@pytest.mark.points(2)
@pytest.mark.hint(
    "GET /products and GET /products/{id} must read through the session from get_db.",
    "The list is ordered by id and each item has id, sku, name, price_cents and stock.",
)
def test_products_in_the_database_are_served(client, seed_products):
    """Products already in the database are served by GET /products and /products/{id}"""
    first, second = seed_products(
        {"sku": "MS-1", "name": "Mouse", "price_cents": 1999, "stock": 3},
        {"sku": "CB-2", "name": "Cable", "price_cents": 499, "stock": 40},
    )
    r = client.get("/products")
    assert r.status_code == 200, f"expected 200 from GET /products, got {r.status_code}: {r.text}"
    listed = r.json()
    assert isinstance(listed, list), f"expected a JSON list from GET /products, got {listed}"
    assert [(item.get("id"), item.get("sku")) for item in listed] == [
        (first, "MS-1"),
        (second, "CB-2"),
    ], f"expected the two products in the database, by id, got {listed}"
    r = client.get(f"/products/{second}")
    assert r.status_code == 200, (
        f"expected 200 for an existing product, got {r.status_code}: {r.text}"
    )
    assert r.json() == {
        "id": second,
        "sku": "CB-2",
        "name": "Cable",
        "price_cents": 499,
        "stock": 40,
    }, f"expected the stored product, got {r.json()}"


@pytest.mark.hint("Look the product up first and answer 404 with a JSON detail when it is missing.")
@pytest.mark.parametrize(
    ("method", "body"),
    [("GET", None), ("PATCH", {"name": "Renamed"}), ("DELETE", None)],
    ids=["get", "patch", "delete"],
)
def test_unknown_product_is_404(client, seed_products, method, body):
    """A product id that is not in the database gets 404 with a JSON detail"""
    (existing,) = seed_products({"sku": "KEEP-1"})
    missing = existing + 1000
    r = client.request(method, f"/products/{missing}", json=body)
    assert r.status_code == 404, (
        f"expected 404 from {method} /products/{missing}, got {r.status_code}: {r.text}"
    )
    assert detail_of(r), f"expected a JSON body with a detail, got {r.text!r}"


@pytest.mark.hint(
    "Only the fields present in the request body change (exclude_unset); commit the change.",
)
def test_patch_changes_only_the_fields_sent(client, harness, seed_products):
    """PATCH /products/{id} changes only the fields sent, answers 200 and stores the change"""
    (product_id,) = seed_products({"sku": "LMP-1", "name": "Lamp", "price_cents": 2500, "stock": 4})
    r = client.patch(f"/products/{product_id}", json={"price_cents": 2199})
    assert r.status_code == 200, f"expected 200 from PATCH, got {r.status_code}: {r.text}"
    expected = {"id": product_id, "sku": "LMP-1", "name": "Lamp", "price_cents": 2199, "stock": 4}
    assert r.json() == expected, f"expected {expected}, got {r.json()}"
    stored = harness.rows("products")
    assert [(row["name"], row["price_cents"], row["stock"]) for row in stored] == [
        ("Lamp", 2199, 4)
    ], f"expected the new price stored and the rest unchanged, found {stored}"


@pytest.mark.hint(
    "Declare status_code=204 and return an empty Response, not the deleted product.",
)
def test_delete_answers_204_and_removes_the_row(client, harness, seed_products):
    """DELETE /products/{id} answers 204 with an empty body and the row is gone"""
    gone, kept = seed_products({"sku": "OLD-1"}, {"sku": "NEW-1"})
    r = client.delete(f"/products/{gone}")
    assert r.status_code == 204, f"expected 204 from DELETE, got {r.status_code}: {r.text}"
    assert r.content == b"", f"expected an empty body with 204, got {r.content!r}"
    remaining = [row["id"] for row in harness.rows("products")]
    assert remaining == [kept], f"expected only product {kept} left, found {remaining}"
    r = client.get(f"/products/{gone}")
    assert r.status_code == 404, (
        f"expected 404 for a deleted product, got {r.status_code}: {r.text}"
    )


@pytest.mark.points(2)
@pytest.mark.hint(
    "The unique index on sku raises IntegrityError on commit: turn it into 409 with a detail.",
    "After a failed commit the session must be rolled back before it is used again.",
)
def test_duplicate_sku_is_409_and_stores_one_row(client, harness):
    """A second product with the same sku gets 409 with a JSON detail, and only one row is stored"""
    r = client.post("/products", json=NEW_PRODUCT)
    assert r.status_code == 201, (
        f"expected 201 for the first product, got {r.status_code}: {r.text}"
    )
    r = client.post("/products", json={**NEW_PRODUCT, "name": "Another keyboard"})
    assert r.status_code == 409, f"expected 409 for a duplicate sku, got {r.status_code}: {r.text}"
    assert detail_of(r), f"expected a JSON body with a detail, got {r.text!r}"
    skus = [row["sku"] for row in harness.rows("products")]
    assert skus == ["KB-101"], f"expected exactly one row with sku KB-101, found {skus}"
    r = client.post("/products", json={**NEW_PRODUCT, "sku": "KB-102"})
    assert r.status_code == 201, (
        f"expected the next POST with a new sku to work after a 409, got {r.status_code}: {r.text}"
    )


@pytest.mark.hint(
    "Check whether any order line refers to the product before deleting it; answer 409 if so.",
)
def test_product_on_an_order_cannot_be_deleted(client, harness, seed_products):
    """Deleting a product that appears on an order gets 409, and the product stays"""
    (product_id,) = seed_products({"sku": "PEN-1", "stock": 5})
    r = client.post("/orders", json={"lines": [{"product_id": product_id, "quantity": 1}]})
    assert r.status_code == 201, f"expected 201 for a valid order, got {r.status_code}: {r.text}"
    r = client.delete(f"/products/{product_id}")
    assert r.status_code == 409, (
        f"expected 409 deleting a product that is on an order, got {r.status_code}: {r.text}"
    )
    assert detail_of(r), f"expected a JSON body with a detail, got {r.text!r}"
    assert harness.row_count("products") == 1, "expected the product to stay in the database"
    r = client.get(f"/products/{product_id}")
    assert r.status_code == 200, f"expected the product still served, got {r.status_code}: {r.text}"


@pytest.mark.points(2)
@pytest.mark.hint(
    "sku is 1 to 64 characters, name 1 to 200, price_cents and stock at least 0: the edges "
    "themselves are accepted, one past any of them is 422; stock defaults to 0.",
    "Declare the bounds on the request model: Field(min_length=..., max_length=...) and "
    "Field(ge=0).",
)
def test_new_product_fields_are_checked_at_their_edges(client, harness):
    """POST /products accepts each field at its edges and answers 422 one past any of them"""
    smallest = {"sku": "S", "name": "N", "price_cents": 0, "stock": 0}
    largest = {"sku": "L" * 64, "name": "n" * 200, "price_cents": 10**9, "stock": 10**6}
    for product in (smallest, largest):
        r = client.post("/products", json=product)
        assert r.status_code == 201, (
            f"expected 201 from POST /products for {shown(product)}, got {r.status_code}: {r.text}"
        )
    base = {"sku": "OK-1", "name": "Fine", "price_cents": 100, "stock": 1}
    for change in (
        {"sku": ""},
        {"sku": "s" * 65},
        {"name": ""},
        {"name": "n" * 201},
        {"price_cents": -1},
        {"stock": -1},
    ):
        r = client.post("/products", json={**base, **change})
        assert r.status_code == 422, (
            f"expected 422 from POST /products with {shown(change)}, got {r.status_code}: {r.text}"
        )
    r = client.post("/products", json={"sku": "NO-STOCK", "name": "Fine", "price_cents": 100})
    assert r.status_code == 201 and r.json().get("stock") == 0, (
        f"expected 201 and stock 0 from POST /products without a stock, got {r.status_code}: "
        f"{r.text}"
    )
    count = harness.row_count("products")
    assert count == 3, f"expected only the three valid products stored, found {count} rows"


@pytest.mark.hint(
    "PATCH checks the fields it is sent like POST does: name 1 to 200 characters, price_cents "
    "and stock at least 0.",
    "A field sent as null is left as it is (model_dump(exclude_unset=True, exclude_none=True)).",
)
def test_patch_checks_fields_and_leaves_nulls(client, harness, seed_products):
    """PATCH /products/{id} checks each field at its edges, and leaves a field sent as null"""
    (product_id,) = seed_products({"sku": "LMP-2", "name": "Lamp", "price_cents": 2500, "stock": 4})
    for change in ({"name": ""}, {"name": "n" * 201}, {"price_cents": -1}, {"stock": -1}):
        r = client.patch(f"/products/{product_id}", json=change)
        assert r.status_code == 422, (
            f"expected 422 from PATCH with {shown(change)}, got {r.status_code}: {r.text}"
        )
    for name in ("N", "n" * 200):
        r = client.patch(f"/products/{product_id}", json={"name": name})
        assert r.status_code == 200 and r.json().get("name") == name, (
            f"expected 200 from PATCH with a name of {len(name)} characters, got "
            f"{r.status_code}: {r.text[:300]}"
        )
    r = client.patch(f"/products/{product_id}", json={"name": "Lamp"})
    assert r.status_code == 200, f"expected 200 from PATCH, got {r.status_code}: {r.text}"
    r = client.patch(
        f"/products/{product_id}",
        json={"name": None, "price_cents": 0, "stock": 0},
    )
    assert r.status_code == 200, (
        f'expected 200 from PATCH with {{"name": null, "price_cents": 0, "stock": 0}}, got '
        f"{r.status_code}: {r.text}"
    )
    expected = {"id": product_id, "sku": "LMP-2", "name": "Lamp", "price_cents": 0, "stock": 0}
    assert r.json() == expected, f"expected {expected} (the name left as it was), got {r.json()}"
    stored = [(row["name"], row["price_cents"], row["stock"]) for row in harness.rows("products")]
    assert stored == [("Lamp", 0, 0)], f"expected the row to be (Lamp, 0, 0), found {stored}"
