"""Authors with their books: listing, reading and creating, on an AsyncSession."""

import pytest


@pytest.mark.baseline
@pytest.mark.hint(
    "Each author carries its books, ordered by id; an author without books has books: [].",
)
def test_authors_are_listed_with_their_books(client, seed_authors):
    """GET /authors lists every author by id, each with its books"""
    expected = seed_authors(3, books_each=2) + seed_authors(1, books_each=0, first=3)
    r = client.get("/authors")
    assert r.status_code == 200, f"expected 200 from GET /authors, got {r.status_code}: {r.text}"
    assert r.json() == expected, f"expected {expected}, got {r.json()}"


@pytest.mark.hint(
    "Load the author and its books in the route's own query (selectinload works with "
    "session.get too); touching an unloaded relationship in async code fails.",
)
def test_author_is_read_with_books(client, seed_authors):
    """GET /authors/{id} answers the author with its books"""
    _, second = seed_authors(2, books_each=3)
    r = client.get(f"/authors/{second['id']}")
    assert r.status_code == 200, (
        f"expected 200 from GET /authors/{second['id']}, got {r.status_code}: {r.text}"
    )
    assert r.json() == second, f"expected {second}, got {r.json()}"


@pytest.mark.hint(
    "Look the author up first; 404 with a JSON detail when it does not exist.",
    "A book for an unknown author is never written.",
)
@pytest.mark.parametrize(
    ("method", "suffix", "body"),
    [("GET", "", None), ("POST", "/books", {"title": "Lost", "year": 1999})],
    ids=["read-author", "add-book"],
)
def test_unknown_author_is_404(client, harness, seed_authors, method, suffix, body):
    """An unknown author id gets 404 with a JSON detail"""
    (author,) = seed_authors(1, books_each=1)
    path = f"/authors/{author['id'] + 1000}{suffix}"
    r = client.request(method, path, json=body)
    assert r.status_code == 404, f"expected 404 from {method} {path}, got {r.status_code}: {r.text}"
    is_json = r.headers.get("content-type", "").startswith("application/json")
    assert is_json and r.json().get("detail"), f"expected a JSON detail with the 404, got {r.text}"
    assert harness.row_count("books") == 1, "expected no new book row after a 404"


@pytest.mark.points(2)
@pytest.mark.hint(
    "After `await session.commit()` the default session expires every attribute, and reading "
    "one would need a query that async code cannot run implicitly: see expire_on_commit.",
    "A new author has no books: give it an empty list rather than letting it be loaded.",
)
def test_created_author_is_answered_with_no_books(client, harness):
    """POST /authors answers 201 with the new author and books: [], and stores it"""
    r = client.post("/authors", json={"name": "Ursula"})
    assert r.status_code == 201, f"expected 201 from POST /authors, got {r.status_code}: {r.text}"
    body = r.json()
    assert isinstance(body.get("id"), int), f"expected an integer id, got {body}"
    assert body == {"id": body["id"], "name": "Ursula", "books": []}, (
        f'expected {{"id": ..., "name": "Ursula", "books": []}}, got {body}'
    )
    assert harness.row_count("authors") == 1, "expected one authors row after POST /authors"
    r = client.get(f"/authors/{body['id']}")
    assert r.status_code == 200 and r.json() == body, (
        f"expected GET /authors/{body['id']} to serve {body}, got {r.status_code}: {r.text}"
    )


@pytest.mark.points(2)
@pytest.mark.hint(
    "The answer embeds the author as {id, name}: use the author you looked up, already in "
    "the session, rather than loading it again.",
    "With expire_on_commit left on, reading the book after the commit needs a query that "
    "async code cannot run implicitly.",
)
def test_created_book_belongs_to_its_author(client, harness, seed_authors):
    """POST /authors/{id}/books answers 201 with the book and its author, and stores it"""
    (author,) = seed_authors(1, books_each=1)
    r = client.post(f"/authors/{author['id']}/books", json={"title": "Sequel", "year": 2001})
    assert r.status_code == 201, (
        f"expected 201 from POST /authors/{author['id']}/books, got {r.status_code}: {r.text}"
    )
    body = r.json()
    assert isinstance(body.get("id"), int), f"expected an integer id, got {body}"
    expected = {
        "id": body["id"],
        "title": "Sequel",
        "year": 2001,
        "author": {"id": author["id"], "name": author["name"]},
    }
    assert body == expected, f"expected {expected}, got {body}"
    assert harness.row_count("books") == 2, "expected two book rows: the seeded one and the new one"
    r = client.get(f"/authors/{author['id']}")
    titles = (
        [book.get("title") for book in r.json().get("books", [])]
        if r.status_code == 200
        else r.text
    )
    assert titles == [author["books"][0]["title"], "Sequel"], (
        f"expected GET /authors/{author['id']} to list the new book last, got {titles}"
    )
