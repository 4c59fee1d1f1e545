"""DELETE /books/{id}, and 404 from every route on a book that does not exist."""

from collections.abc import Callable
from typing import Any

import pytest

Create = Callable[[dict[str, Any]], dict[str, Any]]


@pytest.mark.points(2)
@pytest.mark.hint(
    "A successful DELETE answers 204 No Content: status_code=204 on the route and no body at "
    "all (return nothing, not a message). The book is then gone."
)
def test_delete_is_204_with_empty_body(
    client: Any, create: Create, emma: dict[str, Any], dune: dict[str, Any]
) -> None:
    """DELETE answers 204 with an empty body and the book is gone"""
    book = create(emma)
    other = create(dune)
    r = client.delete(f"/books/{book['id']}")
    assert r.status_code == 204, (
        f"expected 204 from DELETE /books/{book['id']}, got {r.status_code}: {r.text}"
    )
    assert r.content == b"", f"expected an empty body with the 204, got {r.content!r}"
    r = client.get(f"/books/{book['id']}")
    assert r.status_code == 404, (
        f"expected 404 from GET /books/{book['id']} after deleting it, got {r.status_code}"
    )
    r = client.get("/books")
    assert r.status_code == 200 and r.json() == [other], (
        f"expected GET /books to list only {[other]} after the delete, got {r.text}"
    )


@pytest.mark.hint(
    'Look the book up first and raise HTTPException(404, "Book not found") when it is not '
    "there, in every route that takes a book id: GET, PUT, PATCH and DELETE (PUT does not "
    "create a missing book).",
)
@pytest.mark.parametrize("method", ["GET", "PUT", "PATCH", "DELETE"])
def test_missing_book_is_404(
    client: Any, create: Create, emma: dict[str, Any], dune: dict[str, Any], method: str
) -> None:
    """A book id that does not exist gets 404 with a "Book not found" detail"""
    book = create(emma)
    missing = book["id"] + 1000
    body = {"PUT": dune, "PATCH": {"title": "Nothing"}}.get(method)
    r = client.request(method, f"/books/{missing}", json=body)
    assert r.status_code == 404, (
        f"expected 404 from {method} /books/{missing}, got {r.status_code}: {r.text}"
    )
    assert r.json() == {"detail": "Book not found"}, (
        f'expected {{"detail": "Book not found"}} from {method} /books/{missing}, got {r.text}'
    )
    if method == "DELETE":
        r = client.delete(f"/books/{book['id']}")
        assert r.status_code == 204, f"expected the first DELETE to give 204, got {r.status_code}"
        r = client.delete(f"/books/{book['id']}")
        assert r.status_code == 404, (
            f"expected a second DELETE of the same book to give 404, got {r.status_code}"
        )
    r = client.get("/books")
    assert r.status_code == 200 and len(r.json()) == (0 if method == "DELETE" else 1), (
        f"expected {method} on a missing book to create nothing, GET /books gave {r.text}"
    )
