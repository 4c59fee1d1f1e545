"""GET /articles: a page of the filtered, sorted list, with the total of every match."""

import pytest


def get_page(client, query: str) -> dict:
    """GET /articles?<query>, insisting on 200 and the page envelope."""
    r = client.get(f"/articles?{query}" if query else "/articles")
    assert r.status_code == 200, (
        f"expected 200 from GET /articles?{query}, got {r.status_code}: {r.text}"
    )
    page = r.json()
    assert isinstance(page, dict) and isinstance(page.get("items"), list), (
        f'expected {{"items": [...], "total": n, "limit": l, "offset": o}} from '
        f"GET /articles?{query}, got {page}"
    )
    return page


def ids_of(page: dict) -> list:
    return [item.get("id") for item in page["items"]]


@pytest.mark.points(2)
@pytest.mark.hint(
    "Without parameters: limit 20, offset 0, sorted by id.",
    "total counts every matching row with a separate COUNT query, not the rows on this page.",
)
def test_list_has_items_and_total(client, seed_articles):
    """GET /articles answers the first 20 by id, with the total of all 25 rows"""
    ids = seed_articles(*({} for _ in range(25)))
    page = get_page(client, "")
    envelope = {key: page.get(key) for key in ("total", "limit", "offset")}
    assert envelope == {"total": 25, "limit": 20, "offset": 0}, (
        f"expected total 25, limit 20, offset 0 by default, got {envelope}"
    )
    assert ids_of(page) == ids[:20], f"expected the first 20 ids {ids[:20]}, got {ids_of(page)}"
    first = page["items"][0]
    expected_keys = {"id", "slug", "title", "body", "author", "status", "created_at"}
    assert set(first) == expected_keys, f"expected items with keys {expected_keys}, got {first}"


@pytest.mark.points(2)
@pytest.mark.hint(
    "Apply .limit(limit).offset(offset) to the query itself, after the ORDER BY.",
    "An offset past the end is an empty page, not an error; total stays the same.",
)
def test_limit_and_offset_select_a_page(client, seed_articles):
    """The limit and offset parameters select a page; past the end is empty; limit=100 works"""
    ids = seed_articles(*({} for _ in range(7)))
    cases = [("limit=3&offset=3", ids[3:6]), ("limit=3&offset=6", ids[6:]), ("offset=10", [])]
    for query, expected in cases:
        page = get_page(client, query)
        assert ids_of(page) == expected, f"expected ids {expected} for ?{query}, got {ids_of(page)}"
        assert page.get("total") == 7, f"expected total 7 for ?{query}, got {page.get('total')}"
    page = get_page(client, "limit=3&offset=3")
    assert (page.get("limit"), page.get("offset")) == (3, 3), (
        f"expected the page to echo limit 3 and offset 3, got {page}"
    )
    page = get_page(client, "limit=100")
    assert ids_of(page) == ids, f"expected every id for ?limit=100, got {ids_of(page)}"


@pytest.mark.hint(
    "limit is 1..100 and offset is >= 0: declare the bounds on the query parameters.",
    "status is draft or published; anything else is 422 too.",
)
@pytest.mark.parametrize(
    "query",
    ["limit=101", "limit=0", "offset=-1", "status=archived"],
    ids=["limit-over-100", "limit-zero", "negative-offset", "unknown-status"],
)
def test_out_of_range_parameters_get_422(client, seed_articles, query):
    """A query parameter out of range gets 422"""
    seed_articles({}, {})
    r = client.get(f"/articles?{query}")
    assert r.status_code == 422, f"expected 422 for ?{query}, got {r.status_code}: {r.text}"


@pytest.mark.points(2)
@pytest.mark.hint(
    "Build one list of WHERE conditions and use it for both the page query and the count.",
    "total counts the rows that match the filters, whatever limit and offset say.",
)
def test_filters_apply_to_items_and_total(client, seed_articles):
    """The status and author filters apply to the items, and total counts only the matches"""
    ids = seed_articles(
        {"author": "ann", "status": "draft"},
        {"author": "ann", "status": "published"},
        {"author": "bob", "status": "published"},
        {"author": "ann", "status": "published"},
        {"author": "bob", "status": "draft"},
    )
    cases = [
        ("status=published", [ids[1], ids[2], ids[3]], 3),
        ("author=ann", [ids[0], ids[1], ids[3]], 3),
        ("author=ann&status=published", [ids[1], ids[3]], 2),
        ("status=published&limit=1&offset=1", [ids[2]], 3),
        ("author=nobody", [], 0),
    ]
    for query, expected, total in cases:
        page = get_page(client, query)
        got = (ids_of(page), page.get("total"))
        assert got == (expected, total), (
            f"expected ids {expected} and total {total} for ?{query}, got ids {got[0]} and "
            f"total {got[1]}"
        )


# Seeded so that title order, created_at order and id order all differ.
SORT_FIXTURE = [
    {"title": "Banana", "created_at": "2024-03-01T10:02:00"},
    {"title": "Apple", "created_at": "2024-03-01T10:00:00"},
    {"title": "Date", "created_at": "2024-03-01T10:03:00"},
    {"title": "Cherry", "created_at": "2024-03-01T10:01:00"},
]


@pytest.mark.hint(
    "Map each allowed sort field to its column; a leading '-' means descending.",
    "Sort in the SQL query, before limit and offset, so every page follows the same order.",
)
@pytest.mark.parametrize(
    ("sort", "order"),
    [
        ("title", [1, 0, 3, 2]),
        ("-title", [2, 3, 0, 1]),
        ("created_at", [1, 3, 0, 2]),
        ("-created_at", [2, 0, 3, 1]),
    ],
    ids=["title", "-title", "created_at", "-created_at"],
)
def test_sort_orders_the_whole_list(client, seed_articles, sort, order):
    """The sort parameter orders the whole list before it is paged"""
    ids = seed_articles(*SORT_FIXTURE)
    expected = [ids[index] for index in order]
    page = get_page(client, f"sort={sort}")
    assert ids_of(page) == expected, f"expected ids {expected} for ?sort={sort}, got {ids_of(page)}"
    page = get_page(client, f"sort={sort}&limit=2&offset=1")
    assert ids_of(page) == expected[1:3], (
        f"expected ids {expected[1:3]} for ?sort={sort}&limit=2&offset=1 (the sorted list, "
        f"then paged), got {ids_of(page)}"
    )


@pytest.mark.hint(
    "Only id, title and created_at (each optionally with a leading '-') may be sorted on.",
    "Never turn a client's string into an attribute with getattr: check it against an allowlist.",
)
@pytest.mark.parametrize("sort", ["popularity", "body", "metadata"])
def test_unknown_sort_field_gets_422(client, seed_articles, sort):
    """A sort field outside id, title and created_at gets 422"""
    seed_articles({}, {})
    r = client.get(f"/articles?sort={sort}")
    assert r.status_code == 422, f"expected 422 for ?sort={sort}, got {r.status_code}: {r.text}"
