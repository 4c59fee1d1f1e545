"""Paginator: a class dependency reading ?limit= and ?offset=, capped by the settings."""

import pytest


def ids(body: dict) -> list[int]:
    return [item["id"] for item in body["items"]]


@pytest.mark.hint(
    "Write Paginator as a class whose __init__ takes limit (default 10) and offset (default 0) "
    "as query parameters, and use it as Annotated[Paginator, Depends()].",
    'The page is {"items": [...], "total": <all articles>, "limit": ..., "offset": ...}.',
)
def test_default_page(client):
    """GET /articles answers the first 10 of the 12 articles with the paging it used"""
    r = client.get("/articles")
    assert r.status_code == 200, f"expected 200 from GET /articles, got {r.status_code}: {r.text}"
    body = r.json()
    assert {key: body.get(key) for key in ("total", "limit", "offset")} == {
        "total": 12,
        "limit": 10,
        "offset": 0,
    }, f"expected total 12, limit 10 and offset 0, got {r.text}"
    assert ids(body) == list(range(1, 11)), f"expected articles 1 to 10, got {r.text}"
    assert body["items"][0] == {"id": 1, "title": "Article 1", "author": "ada"}, (
        f'expected the first item to be {{"id": 1, "title": "Article 1", "author": "ada"}}, '
        f"got {body['items'][0]}"
    )


@pytest.mark.hint(
    "offset skips that many articles, limit takes at most that many of the rest.",
)
def test_limit_and_offset(client):
    """?limit= and ?offset= choose the page"""
    r = client.get("/articles?limit=3&offset=4")
    assert r.status_code == 200, f"expected 200, got {r.status_code}: {r.text}"
    body = r.json()
    assert ids(body) == [5, 6, 7], f"expected articles 5, 6, 7 for limit=3&offset=4, got {r.text}"
    assert (body["limit"], body["offset"]) == (3, 4), f"expected limit 3, offset 4, got {r.text}"

    r = client.get("/articles?offset=10")
    assert r.status_code == 200 and ids(r.json()) == [11, 12], (
        f"expected articles 11 and 12 for offset=10, got {r.status_code}: {r.text}"
    )


@pytest.mark.hint(
    "limit must be at least 1 and offset at least 0: declare the bounds on the query "
    "parameters (Query(ge=...)) so FastAPI answers 422 itself.",
)
def test_invalid_paging_gets_422(client):
    """A limit below 1, a negative offset or a limit that is not a number gets 422"""
    for query in ("limit=0", "offset=-1", "limit=lots"):
        r = client.get(f"/articles?{query}")
        assert r.status_code == 422, f"expected 422 for ?{query}, got {r.status_code}: {r.text}"


@pytest.mark.hint(
    "A limit above the settings' max_page_size (50) is cut down to it, not refused.",
    "Paginator takes the settings as a dependency of its own: Depends(get_settings).",
)
def test_limit_is_capped_by_settings(client):
    """A limit above max_page_size is cut down to it"""
    r = client.get("/articles?limit=100")
    assert r.status_code == 200, f"expected 200 for limit=100, got {r.status_code}: {r.text}"
    body = r.json()
    assert body["limit"] == 50, f"expected limit 100 to be capped at 50, got {r.text}"
    assert ids(body) == list(range(1, 13)), f"expected all 12 articles, got {r.text}"


@pytest.mark.hint(
    "limit=1 and offset=0 are the smallest values allowed: Query(ge=1) and Query(ge=0).",
)
def test_smallest_limit_and_offset_are_accepted(client):
    """?limit=1&offset=0 answers a page of the first article alone"""
    r = client.get("/articles?limit=1&offset=0")
    assert r.status_code == 200, (
        f"expected 200 for ?limit=1&offset=0, got {r.status_code}: {r.text}"
    )
    body = r.json()
    assert ids(body) == [1] and (body["limit"], body["offset"]) == (1, 0), (
        f"expected article 1 alone, with limit 1 and offset 0, got {r.text}"
    )
