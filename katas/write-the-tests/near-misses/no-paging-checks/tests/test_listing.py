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
