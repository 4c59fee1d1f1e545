"""Listing books: filters and pages."""

import pytest
from helpers import LE_GUIN, add, add_many, ids


def test_an_empty_library_lists_nothing(client):
    response = client.get("/books")
    assert response.status_code == 200
    assert response.json() == {"items": [], "total": 0, "limit": 10, "offset": 0}


def test_books_are_listed_by_id(client):
    added = add_many(client, 3)
    page = client.get("/books").json()
    assert page["items"] == added
    assert page["total"] == 3


def test_a_page_holds_ten_books_by_default(client):
    add_many(client, 12)
    page = client.get("/books").json()
    assert len(page["items"]) == 10
    assert page["total"] == 12


def test_limit_and_offset_page_through_the_books(client):
    added = [book["id"] for book in add_many(client, 5)]
    pages = [client.get(f"/books?limit=2&offset={offset}").json() for offset in (0, 2, 4)]
    assert [ids(page) for page in pages] == [added[0:2], added[2:4], added[4:5]]
    assert [(page["limit"], page["offset"]) for page in pages] == [(2, 0), (2, 2), (2, 4)]


def test_total_counts_every_match_not_just_the_page(client):
    add_many(client, 5)
    page = client.get("/books?limit=2&offset=2").json()
    assert page["total"] == 5


def test_an_offset_past_the_end_gives_an_empty_page(client):
    add_many(client, 3)
    page = client.get("/books?offset=3").json()
    assert page["items"] == []
    assert page["total"] == 3


@pytest.mark.parametrize("query", ["limit=0", "limit=51", "offset=-1", "limit=many"])
def test_bad_paging_is_422(client, query):
    assert client.get(f"/books?{query}").status_code == 422


def test_a_limit_of_50_is_fine(client):
    assert client.get("/books?limit=50").status_code == 200


def test_author_filter_ignores_case(client):
    le_guin = add(client, isbn="0000000001")
    add(client, isbn="0000000002", author="Iain M. Banks")
    for query in (LE_GUIN, LE_GUIN.lower(), LE_GUIN.upper()):
        page = client.get("/books", params={"author": query}).json()
        assert ids(page) == [le_guin["id"]], query
        assert page["total"] == 1


def test_author_filter_matches_whole_names_only(client):
    add(client)
    assert client.get("/books", params={"author": "Le Guin"}).json()["total"] == 0


def test_tag_filter(client):
    sf = add(client, isbn="0000000001", tags=["sf", "classic"])
    add(client, isbn="0000000002", tags=["fantasy"])
    page = client.get("/books?tag=classic").json()
    assert ids(page) == [sf["id"]]


def test_available_filter(client):
    lent, kept = add_many(client, 2)
    client.post(f"/books/{lent['id']}/loan", json={"borrower": "Genly"})
    assert ids(client.get("/books?available=true").json()) == [kept["id"]]
    assert ids(client.get("/books?available=false").json()) == [lent["id"]]


def test_filters_combine_and_total_counts_matches(client):
    add_many(client, 4, author="Iain M. Banks")
    le_guins = [add(client, isbn=f"99999999{n:02d}") for n in range(3)]
    page = client.get("/books", params={"author": LE_GUIN, "limit": 2}).json()
    assert ids(page) == [book["id"] for book in le_guins[:2]]
    assert page["total"] == 3
