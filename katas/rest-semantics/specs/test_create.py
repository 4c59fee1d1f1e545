"""POST /books: 201 with a Location, defaults, 422 for a bad body, 409 for a taken ISBN."""

from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

import pytest

Create = Callable[[dict[str, Any]], dict[str, Any]]


@pytest.mark.points(3)
@pytest.mark.hint(
    "A POST that creates something answers 201 Created (status_code=201 on the route), not 200.",
    "201 comes with a Location header naming the new resource, /books/<its id>: inject a "
    "Response parameter into the route and set response.headers['Location'].",
)
def test_create_returns_201_with_location(client: Any, emma: dict[str, Any]) -> None:
    """POST /books answers 201 with the book and a Location header pointing at it"""
    r = client.post("/books", json=emma)
    assert r.status_code == 201, f"expected 201 from POST /books, got {r.status_code}: {r.text}"
    book = r.json()
    assert isinstance(book, dict) and isinstance(book.get("id"), int), (
        f"expected the created book with a whole-number id, got {r.text}"
    )
    assert {k: v for k, v in book.items() if k != "id"} == emma, (
        f"expected the created book to be {emma} plus an id, got {book}"
    )
    location = r.headers.get("location")
    assert location, f"expected a Location header on the 201, got headers {dict(r.headers)}"
    assert urlsplit(location).path == f"/books/{book['id']}", (
        f"expected Location: /books/{book['id']}, got {location!r}"
    )
    r = client.get(urlsplit(location).path)
    assert r.status_code == 200 and r.json() == book, (
        f"expected GET {location} to return the new book {book}, got {r.status_code}: {r.text}"
    )


@pytest.mark.hint(
    "Only isbn, title and author are required; a book created without year or tags has "
    '"year": null and "tags": [] (defaults on the model).'
)
def test_create_fills_defaults(create: Create) -> None:
    """A book created without year and tags gets year null and tags []"""
    body = {"isbn": "978-0141439518", "title": "Pride and Prejudice", "author": "Jane Austen"}
    book = create(body)
    expected = {**body, "year": None, "tags": []}
    assert {k: v for k, v in book.items() if k != "id"} == expected, (
        f"expected {expected} plus an id, got {book}"
    )


@pytest.mark.hint(
    "Declare the body as a Pydantic model: isbn, title and author required, non-empty strings; "
    "year a whole number or null. FastAPI then answers 422 for anything else."
)
def test_create_invalid_body_is_422(client: Any, emma: dict[str, Any]) -> None:
    """A book without a title, with an empty title or a year that is not a number gets 422"""
    no_title = {k: v for k, v in emma.items() if k != "title"}
    cases = {
        "a book without a title": (no_title, ["body", "title"]),
        "an empty title": ({**emma, "title": ""}, ["body", "title"]),
        'the year "soon"': ({**emma, "year": "soon"}, ["body", "year"]),
    }
    for what, (body, loc) in cases.items():
        r = client.post("/books", json=body)
        assert r.status_code == 422, f"expected 422 for {what}, got {r.status_code}: {r.text}"
        locs = [e.get("loc") for e in r.json().get("detail", []) if isinstance(e, dict)]
        assert loc in locs, f"expected an error at {loc} for {what}, got {r.text}"
    r = client.get("/books")
    assert r.status_code == 200 and r.json() == [], (
        f"expected no book to be stored after refused POSTs, GET /books gave {r.status_code}: "
        f"{r.text}"
    )


@pytest.mark.points(2)
@pytest.mark.hint(
    "Before storing, look for a book with the same ISBN; if there is one, answer 409 Conflict "
    'with a JSON {"detail": ...} and store nothing.'
)
def test_duplicate_isbn_is_409(client: Any, create: Create, emma: dict[str, Any]) -> None:
    """Creating a second book with a taken ISBN gets 409 and stores nothing"""
    first = create(emma)
    r = client.post("/books", json={**emma, "title": "Emma (2nd edition)"})
    assert r.status_code == 409, (
        f"expected 409 for a second book with ISBN {emma['isbn']}, got {r.status_code}: {r.text}"
    )
    detail = r.json().get("detail") if isinstance(r.json(), dict) else None
    assert isinstance(detail, str) and detail, f"expected a JSON detail on the 409, got {r.text}"
    r = client.get("/books")
    assert r.status_code == 200 and r.json() == [first], (
        f"expected GET /books to list only the first book {[first]}, got {r.status_code}: {r.text}"
    )


@pytest.mark.hint(
    "An id names one resource for good: after a delete, the next book must get a new id, not "
    "the deleted one's and never one still in use. len(books) + 1 breaks this; keep a counter."
)
def test_ids_are_never_reused(
    client: Any, create: Create, emma: dict[str, Any], dune: dict[str, Any]
) -> None:
    """After a delete, a new book gets an id no book has had before"""
    first = create(emma)
    second = create(dune)
    r = client.delete(f"/books/{first['id']}")
    assert r.status_code == 204, (
        f"expected 204 from DELETE /books/{first['id']}, got {r.status_code}: {r.text}"
    )
    third = create({"isbn": "978-0060850524", "title": "Brave New World", "author": "A. Huxley"})
    assert third["id"] not in (first["id"], second["id"]), (
        f"expected a new id, got {third['id']} (the earlier books had {first['id']} and "
        f"{second['id']})"
    )
    r = client.get(f"/books/{second['id']}")
    assert r.status_code == 200 and r.json() == second, (
        f"expected book {second['id']} to be untouched, {second}, got {r.status_code}: {r.text}"
    )
