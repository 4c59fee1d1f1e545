"""Books with their author."""

import pytest


@pytest.mark.points(2)
@pytest.mark.hint(
    "Each book embeds its author as {id, name}; the list is ordered by book id.",
    "The author must be loaded by the route's query (joinedload or selectinload).",
)
def test_books_are_listed_with_their_author(client, seed_authors):
    """GET /books lists every book by id, each with its author"""
    authors = seed_authors(2, books_each=2)
    expected = sorted(
        (
            {**book, "author": {"id": author["id"], "name": author["name"]}}
            for author in authors
            for book in author["books"]
        ),
        key=lambda book: book["id"],
    )
    r = client.get("/books")
    assert r.status_code == 200, f"expected 200 from GET /books, got {r.status_code}: {r.text}"
    assert r.json() == expected, f"expected {expected}, got {r.json()}"
