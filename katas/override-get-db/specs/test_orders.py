"""Orders: several rows written together, and nothing at all when any line fails."""

import pytest


def stock_of(client, product_id: int) -> int:
    r = client.get(f"/products/{product_id}")
    assert r.status_code == 200, f"expected 200 from GET /products/{product_id}, got {r.text}"
    return r.json()["stock"]


def assert_nothing_written(client, harness, stock_before: dict[int, int]) -> None:
    orders, lines = harness.row_count("orders"), harness.row_count("order_lines")
    assert (orders, lines) == (0, 0), (
        f"expected no order and no order line after a failed order, found {orders} order(s) "
        f"and {lines} line(s): the write was only partly undone"
    )
    stock_after = {product_id: stock_of(client, product_id) for product_id in stock_before}
    assert stock_after == stock_before, (
        f"expected the stock untouched by a failed order ({stock_before}), got {stock_after}"
    )


@pytest.mark.points(2)
@pytest.mark.hint(
    "One order row, one order_lines row per line, each line takes its quantity off the stock.",
    "unit_price_cents is the product's price when ordered; total_cents sums quantity * price.",
)
def test_order_is_stored_with_its_lines(client, harness, seed_products):
    """POST /orders answers 201, stores the order and its lines, and takes the stock"""
    mug, tea = seed_products(
        {"sku": "MUG-1", "price_cents": 800, "stock": 5},
        {"sku": "TEA-1", "price_cents": 350, "stock": 20},
    )
    r = client.post(
        "/orders",
        json={"lines": [{"product_id": mug, "quantity": 2}, {"product_id": tea, "quantity": 3}]},
    )
    assert r.status_code == 201, f"expected 201 from POST /orders, got {r.status_code}: {r.text}"
    body = r.json()
    assert isinstance(body.get("id"), int), f"expected an integer order id, got {body}"
    expected = {
        "id": body["id"],
        "total_cents": 2 * 800 + 3 * 350,
        "lines": [
            {"product_id": mug, "quantity": 2, "unit_price_cents": 800},
            {"product_id": tea, "quantity": 3, "unit_price_cents": 350},
        ],
    }
    assert body == expected, f"expected {expected}, got {body}"
    counts = (harness.row_count("orders"), harness.row_count("order_lines"))
    assert counts == (1, 2), f"expected 1 order row and 2 line rows, found {counts}"
    stock = (stock_of(client, mug), stock_of(client, tea))
    assert stock == (3, 17), f"expected stock (3, 17) after the order, got {stock}"
    r = client.get(f"/orders/{body['id']}")
    assert r.status_code == 200, f"expected 200 from GET /orders/{{id}}, got {r.status_code}"
    assert r.json() == expected, f"expected GET /orders/{{id}} to serve {expected}, got {r.json()}"


@pytest.mark.points(3)
@pytest.mark.hint(
    "Commit once, after every line has been checked: never commit the order before its lines.",
    "Raising before the commit undoes the work only if the session is rolled back or closed.",
)
def test_unknown_product_leaves_no_partial_order(client, harness, seed_products):
    """An order naming an unknown product gets 404 and leaves nothing behind"""
    mug, tea = seed_products({"sku": "MUG-1", "stock": 5}, {"sku": "TEA-1", "stock": 20})
    unknown = tea + 1000
    r = client.post(
        "/orders",
        json={
            "lines": [
                {"product_id": mug, "quantity": 2},
                {"product_id": unknown, "quantity": 1},
                {"product_id": tea, "quantity": 1},
            ]
        },
    )
    assert r.status_code == 404, (
        f"expected 404 for an order naming product {unknown}, got {r.status_code}: {r.text}"
    )
    assert_nothing_written(client, harness, {mug: 5, tea: 20})
    r = client.post("/orders", json={"lines": [{"product_id": mug, "quantity": 1}]})
    assert r.status_code == 201, (
        f"expected the next valid order to work after a failed one, got {r.status_code}: {r.text}"
    )
    counts = (harness.row_count("orders"), harness.row_count("order_lines"))
    assert counts == (1, 1), f"expected exactly the new order and its line, found {counts}"


@pytest.mark.points(2)
@pytest.mark.hint(
    "Check each line's quantity against the stock; 409 when there is not enough.",
    "Stock taken by the earlier lines of the same order must be given back too.",
)
def test_short_stock_leaves_no_partial_order(client, harness, seed_products):
    """An order asking for more than the stock gets 409 and leaves nothing behind"""
    mug, tea = seed_products({"sku": "MUG-1", "stock": 5}, {"sku": "TEA-1", "stock": 2})
    r = client.post(
        "/orders",
        json={"lines": [{"product_id": mug, "quantity": 4}, {"product_id": tea, "quantity": 3}]},
    )
    assert r.status_code == 409, (
        f"expected 409 when a line asks for more than the stock, got {r.status_code}: {r.text}"
    )
    assert_nothing_written(client, harness, {mug: 5, tea: 2})


@pytest.mark.hint("Look the order up with the session from get_db; 404 when it is missing.")
def test_unknown_order_is_404(client, seed_products):
    """GET /orders/{id} for an order that does not exist gets 404"""
    (mug,) = seed_products({"sku": "MUG-1"})
    r = client.post("/orders", json={"lines": [{"product_id": mug, "quantity": 1}]})
    assert r.status_code == 201, f"expected 201 for a valid order, got {r.status_code}: {r.text}"
    missing = r.json()["id"] + 1000
    r = client.get(f"/orders/{missing}")
    assert r.status_code == 404, f"expected 404 for order {missing}, got {r.status_code}: {r.text}"


@pytest.mark.hint(
    "An order has at least one line, and each line a quantity of at least 1: anything else is "
    "422 and writes nothing.",
    "Field(min_length=1) on lines and Field(ge=1) on quantity.",
)
def test_order_without_lines_or_quantity_gets_422(client, harness, seed_products):
    """An order with no lines, or with a quantity of 0, gets 422 and writes nothing"""
    (pen,) = seed_products({"sku": "PEN-2", "stock": 5})
    for body, what in (
        ({"lines": []}, "no lines"),
        ({"lines": [{"product_id": pen, "quantity": 0}]}, "a quantity of 0"),
    ):
        r = client.post("/orders", json=body)
        assert r.status_code == 422, (
            f"expected 422 from POST /orders with {what}, got {r.status_code}: {r.text}"
        )
    assert_nothing_written(client, harness, {pen: 5})
    r = client.post("/orders", json={"lines": [{"product_id": pen, "quantity": 1}]})
    assert r.status_code == 201, (
        f"expected 201 from POST /orders with a quantity of 1, got {r.status_code}: {r.text}"
    )
