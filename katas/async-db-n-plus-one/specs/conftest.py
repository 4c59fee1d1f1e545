"""Every spec runs on an empty database of its own, reached by the app only through get_session."""

from collections.abc import Callable
from typing import Any

import pytest

AuthorSeeder = Callable[..., list[dict[str, Any]]]


@pytest.fixture(autouse=True)
def spec_database(harness: Any) -> list[str]:
    """Point the app's get_session at a fresh database with the app's own tables."""
    return harness.use_fresh_database()


@pytest.fixture
def seed_authors(harness: Any) -> AuthorSeeder:
    """Insert authors, each with some books, straight into the spec's database.

    Returns each author as GET /authors should show it: {"id", "name", "books": [...]}.
    """

    def seed(count: int, books_each: int = 2, first: int = 0) -> list[dict[str, Any]]:
        names = [f"Author {first + index}" for index in range(count)]
        author_ids = harness.insert_rows("authors", [{"name": name} for name in names])
        books = [
            {"title": f"{name}: volume {volume}", "year": 1990 + volume, "author_id": author_id}
            for name, author_id in zip(names, author_ids, strict=True)
            for volume in range(1, books_each + 1)
        ]
        book_ids = iter(harness.insert_rows("books", books) if books else [])
        by_author: dict[int, list[dict[str, Any]]] = {author_id: [] for author_id in author_ids}
        for book in books:
            by_author[book["author_id"]].append(
                {"id": next(book_ids), "title": book["title"], "year": book["year"]}
            )
        return [
            {"id": author_id, "name": name, "books": by_author[author_id]}
            for name, author_id in zip(names, author_ids, strict=True)
        ]

    return seed


@pytest.fixture
def selects_for(client: Any, harness: Any) -> Callable[[str], tuple[Any, list[str]]]:
    """GET a path and return the response with the SELECT statements the app ran for it."""

    def get(path: str) -> tuple[Any, list[str]]:
        harness.start_counting()
        response = client.get(path)
        return response, harness.selects_since_start()

    return get
