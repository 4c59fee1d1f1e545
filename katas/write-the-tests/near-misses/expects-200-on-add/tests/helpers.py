"""Test data and shortcuts that the test modules share (imported as `from helpers import ...`)."""

from typing import Any

LE_GUIN = "Ursula K. Le Guin"


def book(**changes: Any) -> dict[str, Any]:
    """A valid new book; a test changes only what it is about."""
    return {
        "isbn": "9780441478125",
        "title": "The Left Hand of Darkness",
        "author": LE_GUIN,
        "year": 1969,
        "tags": ["sf"],
    } | changes


def add(client: Any, **changes: Any) -> dict[str, Any]:
    """Add a book and return it as the app answered; the add itself must succeed."""
    response = client.post("/books", json=book(**changes))
    assert response.status_code == 200, f"adding a book: {response.status_code} {response.text}"
    return response.json()


def add_many(client: Any, count: int, **changes: Any) -> list[dict[str, Any]]:
    """Add ``count`` books with distinct ISBNs and titles."""
    return [
        add(client, isbn=f"{number:010d}", title=f"Book {number}", **changes)
        for number in range(1, count + 1)
    ]


def ids(page: dict[str, Any]) -> list[int]:
    return [item["id"] for item in page["items"]]
