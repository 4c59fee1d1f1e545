"""Shared book payloads and a create helper for the rest-semantics specs."""

from collections.abc import Callable
from typing import Any

import pytest

EMMA: dict[str, Any] = {
    "isbn": "978-0141439587",
    "title": "Emma",
    "author": "Jane Austen",
    "year": 1815,
    "tags": ["classic", "novel"],
}
DUNE: dict[str, Any] = {
    "isbn": "978-0441172719",
    "title": "Dune",
    "author": "Frank Herbert",
    "year": 1965,
    "tags": ["sci-fi"],
}

Create = Callable[[dict[str, Any]], dict[str, Any]]


@pytest.fixture
def emma() -> dict[str, Any]:
    """A complete book body, every field set (a fresh copy per spec)."""
    return {**EMMA, "tags": list(EMMA["tags"])}


@pytest.fixture
def dune() -> dict[str, Any]:
    """Another complete book body with a different ISBN."""
    return {**DUNE, "tags": list(DUNE["tags"])}


@pytest.fixture
def create(client: Any) -> Create:
    """POST /books with a body that must be accepted; returns the 201 body."""

    def post(body: dict[str, Any]) -> dict[str, Any]:
        r = client.post("/books", json=body)
        assert r.status_code == 201, (
            f"expected 201 from POST /books with {body}, got {r.status_code}: {r.text}"
        )
        book = r.json()
        assert isinstance(book, dict) and isinstance(book.get("id"), int), (
            f"expected the created book with a whole-number id, got {r.text}"
        )
        return book

    return post


@pytest.fixture
def fetch(client: Any) -> Callable[[int], dict[str, Any]]:
    """GET /books/{id} of a book that must exist; returns its body."""

    def get(book_id: int) -> dict[str, Any]:
        r = client.get(f"/books/{book_id}")
        assert r.status_code == 200, (
            f"expected 200 from GET /books/{book_id}, got {r.status_code}: {r.text}"
        )
        return r.json()

    return get
