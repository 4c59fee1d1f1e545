"""Adding, reading and deleting books."""

import pytest
from helpers import add, book


def test_health(client):
    response = client.get("/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_add_answers_201_with_the_new_book(client):
    response = client.post("/books", json=book())
    assert response.status_code == 201
    created = response.json()
    assert isinstance(created["id"], int)
    assert created == book() | {"id": created["id"], "available": True}


def test_tags_are_optional(client):
    data = book()
    del data["tags"]
    response = client.post("/books", json=data)
    assert response.status_code == 201
    assert response.json()["tags"] == []


def test_title_and_author_lose_their_outer_spaces(client):
    created = add(client, title="  Lathe of Heaven ", author=" Ursula K. Le Guin")
    assert created["title"] == "Lathe of Heaven"
    assert created["author"] == "Ursula K. Le Guin"


def test_books_get_distinct_ids(client):
    first = add(client, isbn="0000000001")
    second = add(client, isbn="0000000002")
    assert first["id"] != second["id"]


def test_get_returns_the_book(client):
    created = add(client)
    response = client.get(f"/books/{created['id']}")
    assert response.status_code == 200
    assert response.json() == created


def test_a_10_digit_isbn_is_fine(client):
    assert add(client, isbn="0441478123")["isbn"] == "0441478123"


@pytest.mark.parametrize("year", [1450, 2100])
def test_year_at_the_bounds_is_fine(client, year):
    assert add(client, year=year)["year"] == year


def test_delete_answers_204_and_forgets_the_book(client):
    created = add(client)
    response = client.delete(f"/books/{created['id']}")
    assert response.status_code == 204
    assert response.content == b""
    assert client.get(f"/books/{created['id']}").status_code == 404
    assert client.get("/books").json()["total"] == 0


def test_a_deleted_books_isbn_can_be_used_again(client):
    created = add(client)
    client.delete(f"/books/{created['id']}")
    again = add(client)
    assert again["id"] != created["id"]
