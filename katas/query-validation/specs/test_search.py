"""GET /products: a search whose query parameters are validated by FastAPI."""

from typing import Any

import pytest

KEYBOARDS = [
    {
        "sku": "KBD-0001",
        "name": "Mechanical Keyboard",
        "price": 89.0,
        "tags": ["keyboard", "wired"],
    },
    {
        "sku": "KBD-0002",
        "name": "Wireless Keyboard",
        "price": 59.0,
        "tags": ["keyboard", "wireless"],
    },
]


def search(client: Any, params: Any) -> dict[str, Any]:
    """GET /products with these params; the 200 body, or a failed spec saying what came back."""
    r = client.get("/products", params=params)
    assert r.status_code == 200, (
        f"expected 200 from GET /products with {params}, got {r.status_code}: {r.text}"
    )
    body = r.json()
    assert isinstance(body, dict) and isinstance(body.get("items"), list), (
        f'expected {{"total": ..., "page": ..., "size": ..., "items": [...]}}, got {r.text}'
    )
    return body


def skus(body: dict[str, Any]) -> list[str]:
    return [item.get("sku") for item in body["items"] if isinstance(item, dict)]


@pytest.mark.points(2)
@pytest.mark.hint(
    "q is matched case-insensitively anywhere inside the product name; results come in SKU "
    'order, in the body {"total": ..., "page": ..., "size": ..., "items": [...]}.',
    "Each item is the whole product: sku, name, price and tags.",
)
def test_search_matches_name_case_insensitively(client: Any) -> None:
    """GET /products?q=keyboard finds both keyboards, whatever the letter case of q"""
    expected = {
        "total": 2,
        "page": 1,
        "size": 10,
        "items": KEYBOARDS,
    }
    for q in ("keyboard", "KEYBOARD", "KeyBoard"):
        body = search(client, {"q": q})
        assert body == expected, f"expected {expected} for q={q}, got {body}"


@pytest.mark.points(2)
@pytest.mark.hint(
    "A query parameter without a default is required: FastAPI then answers 422 on its own when "
    "the client leaves it out. Giving q a default of None makes it optional."
)
def test_q_is_required(client: Any, expect_422: Any) -> None:
    """GET /products without q gets a 422 that names q"""
    expect_422(client.get("/products"), ["query", "q"], "GET /products without q")
    expect_422(
        client.get("/products", params={"min_price": 10, "page": 1}),
        ["query", "q"],
        "GET /products?min_price=10&page=1 (no q)",
    )


@pytest.mark.hint(
    "Give q its length limits with Query(min_length=..., max_length=...): at least 2 and at "
    "most 50 characters, both ends included."
)
@pytest.mark.parametrize(
    ("accepted", "refused"), [("us", "u"), ("x" * 50, "x" * 51)], ids=["too-short", "too-long"]
)
def test_q_length_is_limited(client: Any, expect_422: Any, accepted: str, refused: str) -> None:
    """A q shorter than 2 or longer than 50 characters gets a 422 that names q"""
    search(client, {"q": accepted})
    expect_422(
        client.get("/products", params={"q": refused}),
        ["query", "q"],
        f"a q of {len(refused)} characters",
    )


@pytest.mark.points(2)
@pytest.mark.hint(
    "min_price and max_price are optional numbers; a product matches when "
    "min_price <= price <= max_price, both ends included, and a bound left out does not filter."
)
def test_price_range_is_inclusive(client: Any) -> None:
    """min_price and max_price filter the results, both bounds included"""
    cases = [
        ({"q": "usb", "min_price": 15, "max_price": 30}, ["HUB-0001", "PWR-0001", "STO-0001"]),
        ({"q": "usb", "min_price": 30}, ["CAM-0001", "PWR-0001"]),
        ({"q": "usb", "max_price": 15}, ["CBL-0001", "STO-0001"]),
        ({"q": "usb", "min_price": 24.5, "max_price": 29.99}, []),
    ]
    for params, expected in cases:
        body = search(client, params)
        assert skus(body) == expected, f"expected SKUs {expected} for {params}, got {body}"
        assert body.get("total") == len(expected), (
            f"expected total {len(expected)} for {params}, got {body.get('total')!r}"
        )


@pytest.mark.points(2)
@pytest.mark.hint(
    "Both prices must be numbers >= 0 (Query(ge=0)): 0 itself is allowed, -1 or a word is a "
    "422 that names the parameter."
)
def test_bad_price_is_422(client: Any, expect_422: Any) -> None:
    """A negative or non-numeric price gets a 422 that names it, while 0 is accepted"""
    body = search(client, {"q": "hub", "min_price": 0, "max_price": 0})
    assert body.get("total") == 0, f"expected no product priced 0, got {body}"
    for name, value in [("min_price", -1), ("max_price", -0.01), ("min_price", "cheap")]:
        expect_422(
            client.get("/products", params={"q": "usb", name: value}),
            ["query", name],
            f"{name}={value}",
        )


@pytest.mark.points(2)
@pytest.mark.hint(
    "A repeatable query parameter is a list: declare it as list[str] with Query(), otherwise "
    "FastAPI looks for it in the request body and ignores ?tag=.",
    "A product matches only when it carries every tag given, not just one of them.",
)
def test_tags_must_all_match(client: Any) -> None:
    """?tag=a&tag=b keeps only the products that carry every tag given"""
    cases = [
        ([("q", "wireless")], ["KBD-0002", "MSE-0001"]),
        ([("q", "wireless"), ("tag", "mouse")], ["MSE-0001"]),
        ([("q", "mouse"), ("tag", "wired"), ("tag", "gaming")], ["MSE-0002"]),
        ([("q", "mouse"), ("tag", "wireless"), ("tag", "gaming")], []),
        ([("q", "mouse"), ("tag", "gaming"), ("tag", "wireless")], []),
    ]
    for params, expected in cases:
        body = search(client, params)
        query = "&".join(f"{k}={v}" for k, v in params)
        assert skus(body) == expected, f"expected SKUs {expected} for ?{query}, got {body}"


@pytest.mark.points(2)
@pytest.mark.hint(
    "page counts from 1 and size is how many items a page holds: page p holds matches "
    "(p-1)*size up to p*size. total counts every match, not just those on the page.",
    "The body echoes the page and size used, defaults included.",
)
def test_paging(client: Any) -> None:
    """page and size cut the matches into pages while total counts them all"""
    order = ["CAM-0001", "CBL-0001", "HUB-0001", "PWR-0001", "STO-0001"]
    body = search(client, {"q": "usb"})
    assert (body.get("total"), body.get("page"), body.get("size")) == (5, 1, 10), (
        f"expected total 5, page 1 and size 10 for q=usb, got {body}"
    )
    assert skus(body) == order, f"expected SKUs {order} for q=usb, got {body}"
    for page, expected in [(1, order[:2]), (2, order[2:4]), (3, order[4:]), (4, [])]:
        params = {"q": "usb", "size": 2, "page": page}
        body = search(client, params)
        assert skus(body) == expected, f"expected SKUs {expected} for {params}, got {body}"
        assert (body.get("total"), body.get("page"), body.get("size")) == (5, page, 2), (
            f"expected total 5, page {page} and size 2 for {params}, got {body}"
        )


@pytest.mark.points(2)
@pytest.mark.hint(
    "page must be >= 1 and size between 1 and 50 (Query(ge=..., le=...)); out of range is a "
    "422 that names the parameter. A size of exactly 50 is allowed."
)
def test_paging_limits(client: Any, expect_422: Any) -> None:
    """page below 1 or size outside 1..50 gets a 422 that names it"""
    body = search(client, {"q": "usb", "size": 50})
    assert body.get("size") == 50, f"expected size 50 to be accepted and echoed, got {body}"
    for name, value in [("page", 0), ("page", "two"), ("size", 0), ("size", 51)]:
        expect_422(
            client.get("/products", params={"q": "usb", name: value}),
            ["query", name],
            f"{name}={value}",
        )
