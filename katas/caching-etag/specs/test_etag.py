"""ETags and conditional GET: the same representation keeps its tag, If-None-Match gets 304."""

import re

import pytest

STRONG_ETAG = re.compile(r'"[\x21\x23-\x7e]+"')


def etag_of(response) -> str:
    """The response's ETag, checked to be a strong, quoted entity tag."""
    etag = response.headers.get("etag")
    assert etag is not None, (
        f"expected an ETag header, got none (status {response.status_code}, "
        f"headers: {dict(response.headers)})"
    )
    assert STRONG_ETAG.fullmatch(etag), (
        f'expected a strong ETag: printable characters in double quotes, like "a1b2", '
        f"without W/, got {etag!r}"
    )
    return etag


@pytest.mark.points(2)
@pytest.mark.hint(
    'Send an ETag header on GET /products/{id}: a strong tag, in double quotes, e.g. "3f2a...".',
    "Derive it from the representation (a hash of the JSON body is simplest), so the same "
    "product answers the same tag and another product answers another.",
)
def test_product_read_has_stable_strong_etag(client):
    """GET /products/{id} carries a strong quoted ETag that stays the same while nothing changes"""
    first = etag_of(client.get("/products/1"))
    again = etag_of(client.get("/products/1"))
    assert again == first, f"two reads of an unchanged product gave two ETags: {first} and {again}"
    other = etag_of(client.get("/products/2"))
    assert other != first, f"products 1 and 2 are different, yet both have the ETag {first}"


@pytest.mark.points(3)
@pytest.mark.hint(
    "When If-None-Match names the current ETag, answer 304 Not Modified with an empty body.",
    "A 304 repeats the headers a cache needs: the same ETag and Cache-Control: max-age=60. "
    "Build the 304 response yourself and give it both headers.",
)
def test_matching_if_none_match_gets_empty_304(client):
    """If-None-Match with the current ETag gets an empty 304 with the ETag and Cache-Control"""
    etag = etag_of(client.get("/products/1"))
    r = client.get("/products/1", headers={"If-None-Match": etag})
    assert r.status_code == 304, (
        f"expected 304 for If-None-Match: {etag} (the current ETag), got {r.status_code}: {r.text}"
    )
    assert r.content == b"", f"a 304 has no body, got {r.content!r}"
    assert r.headers.get("etag") == etag, (
        f"a 304 repeats the ETag {etag}, got {r.headers.get('etag')!r}"
    )
    assert r.headers.get("cache-control") == "max-age=60", (
        f"a 304 repeats Cache-Control: max-age=60, got {r.headers.get('cache-control')!r}"
    )


@pytest.mark.hint(
    "If-None-Match that names another ETag means the client's copy is old: answer 200 with the "
    "full body and the current ETag."
)
def test_other_etag_gets_full_body(client):
    """If-None-Match with an ETag that is not current gets 200 with the body and current ETag"""
    etag = etag_of(client.get("/products/3"))
    r = client.get("/products/3", headers={"If-None-Match": '"not-the-current-tag"'})
    assert r.status_code == 200, (
        f"expected 200 for an If-None-Match that is not current, got {r.status_code}: {r.text}"
    )
    expected = {"id": 3, "name": "Milk jug", "price_cents": 2000}
    assert r.json() == expected, f"expected the full body {expected}, got {r.text}"
    assert etag_of(r) == etag, f"expected the current ETag {etag}, got {r.headers.get('etag')!r}"


@pytest.mark.parametrize("form", ["list", "weak", "star"])
@pytest.mark.hint(
    "If-None-Match may hold several tags separated by commas; any one of them matching is a match.",
    'It compares weakly: W/"x" matches "x". And * matches any current representation.',
)
def test_if_none_match_forms(client, form):
    """If-None-Match matches in a list of tags, in weak form, and as *"""
    etag = etag_of(client.get("/products/2"))
    header = {"list": f'"older-one", {etag}', "weak": f"W/{etag}", "star": "*"}[form]
    r = client.get("/products/2", headers={"If-None-Match": header})
    assert r.status_code == 304, (
        f"expected 304 for If-None-Match: {header} (the current ETag is {etag}), "
        f"got {r.status_code}: {r.text}"
    )


@pytest.mark.hint(
    "GET /products is a representation too: give it an ETag and answer 304 to a matching "
    "If-None-Match, like GET /products/{id}."
)
def test_catalogue_has_etag_and_304(client):
    """GET /products carries an ETag and answers 304 to a matching If-None-Match"""
    etag = etag_of(client.get("/products"))
    r = client.get("/products", headers={"If-None-Match": etag})
    assert r.status_code == 304, (
        f"expected 304 for GET /products with If-None-Match: {etag}, got {r.status_code}: {r.text}"
    )
    assert r.content == b"", f"a 304 has no body, got {r.content!r}"


@pytest.mark.points(2)
@pytest.mark.hint(
    "A changed product is a new representation: its ETag must change, and the old ETag must "
    "no longer get 304.",
    "An ETag computed from the body changes by itself; a stored tag must be updated on PUT.",
)
def test_rename_changes_etag(client):
    """Renaming a product changes its ETag, and the old ETag gets the new body with 200"""
    old_item = etag_of(client.get("/products/1"))
    old_list = etag_of(client.get("/products"))
    r = client.put("/products/1", json={"name": "Lever espresso machine"})
    assert r.status_code == 200, f"expected 200 from PUT /products/1, got {r.status_code}: {r.text}"

    r = client.get("/products/1", headers={"If-None-Match": old_item})
    assert r.status_code == 200, (
        f"product 1 was renamed, so its old ETag {old_item} must get 200, "
        f"got {r.status_code}: {r.text}"
    )
    expected = {"id": 1, "name": "Lever espresso machine", "price_cents": 25000}
    assert r.json() == expected, f"expected the renamed product {expected}, got {r.text}"
    assert etag_of(r) != old_item, f"the renamed product still has its old ETag {old_item}"
    assert etag_of(client.get("/products")) != old_list, (
        f"the catalogue holds the renamed product, yet kept its old ETag {old_list}"
    )
