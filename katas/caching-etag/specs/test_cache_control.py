"""Cache-Control: public reads may be kept for a minute, the account never."""

import pytest


@pytest.mark.hint(
    "Set Cache-Control: max-age=60 on the 200 answers of GET /products and GET /products/{id}, "
    "exactly that value."
)
def test_product_reads_may_be_cached_for_a_minute(client):
    """GET /products and GET /products/{id} carry Cache-Control: max-age=60"""
    for path in ("/products", "/products/1"):
        r = client.get(path)
        assert r.status_code == 200, f"expected 200 from GET {path}, got {r.status_code}: {r.text}"
        assert r.headers.get("cache-control") == "max-age=60", (
            f"expected Cache-Control: max-age=60 on GET {path}, "
            f"got {r.headers.get('cache-control')!r}"
        )


@pytest.mark.hint(
    "GET /account is personal: send Cache-Control: no-store, exactly that value.",
    "A middleware that stamps max-age=60 on every response would leak it here: set the header "
    "per route.",
)
def test_account_is_never_stored(client):
    """GET /account carries Cache-Control: no-store"""
    r = client.get("/account")
    assert r.status_code == 200, f"expected 200 from GET /account, got {r.status_code}: {r.text}"
    expected = {"name": "Ada Lovelace", "email": "ada@example.com", "loyalty_points": 120}
    assert r.json() == expected, f"expected {expected}, got {r.text}"
    assert r.headers.get("cache-control") == "no-store", (
        f"expected Cache-Control: no-store on GET /account, got {r.headers.get('cache-control')!r}"
    )
