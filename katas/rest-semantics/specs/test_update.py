"""PUT replaces a whole book, PATCH changes only the fields sent; both guard the ISBN."""

from collections.abc import Callable
from typing import Any

import pytest

Create = Callable[[dict[str, Any]], dict[str, Any]]
Fetch = Callable[[int], dict[str, Any]]


@pytest.mark.points(2)
@pytest.mark.hint(
    "PUT sends the whole book: take the same body model as POST and store exactly it, so "
    "year and tags left out go back to null and []. Keep the id; keeping the book's own ISBN "
    "is not a conflict.",
)
def test_put_replaces_whole_book(
    client: Any, create: Create, fetch: Fetch, emma: dict[str, Any]
) -> None:
    """PUT replaces the whole book: fields left out go back to their defaults"""
    book = create(emma)
    body = {"isbn": emma["isbn"], "title": "Emma: A Novel", "author": "Jane Austen"}
    r = client.put(f"/books/{book['id']}", json=body)
    expected = {"id": book["id"], **body, "year": None, "tags": []}
    assert r.status_code == 200, (
        f"expected 200 from PUT /books/{book['id']}, got {r.status_code}: {r.text}"
    )
    assert r.json() == expected, f"expected PUT with {body} to give {expected}, got {r.text}"
    stored = fetch(book["id"])
    assert stored == expected, f"expected GET after the PUT to give {expected}, got {stored}"


@pytest.mark.hint(
    "PUT takes a whole book, so isbn, title and author are required, as in POST: 422 when one "
    "is missing, and the stored book stays as it was."
)
def test_put_without_required_field_is_422(
    client: Any, create: Create, fetch: Fetch, emma: dict[str, Any]
) -> None:
    """A PUT without the author gets 422 and leaves the book unchanged"""
    book = create(emma)
    body = {"isbn": emma["isbn"], "title": "Emma: A Novel"}
    r = client.put(f"/books/{book['id']}", json=body)
    assert r.status_code == 422, f"expected 422 for a PUT without author, got {r.status_code}"
    locs = [e.get("loc") for e in r.json().get("detail", []) if isinstance(e, dict)]
    assert ["body", "author"] in locs, f"expected an error at ['body', 'author'], got {r.text}"
    stored = fetch(book["id"])
    assert stored == book, f"expected the book to stay {book} after a refused PUT, got {stored}"


@pytest.mark.points(3)
@pytest.mark.hint(
    "PATCH takes a model whose fields are all optional, and applies only the fields the client "
    "actually sent: model_dump(exclude_unset=True). Every other field keeps its stored value.",
)
def test_patch_updates_only_sent_fields(
    client: Any, create: Create, fetch: Fetch, emma: dict[str, Any]
) -> None:
    """PATCH changes only the fields sent and keeps the rest"""
    book = create(emma)
    expected = dict(book)
    for changes in [
        {"year": 1816},
        {"tags": ["regency"]},
        {"title": "Emma", "author": "J. Austen"},
    ]:
        r = client.patch(f"/books/{book['id']}", json=changes)
        expected.update(changes)
        assert r.status_code == 200, (
            f"expected 200 from PATCH with {changes}, got {r.status_code}: {r.text}"
        )
        assert r.json() == expected, (
            f"expected PATCH with {changes} to give {expected}, got {r.text}"
        )
    stored = fetch(book["id"])
    assert stored == expected, f"expected GET after the PATCHes to give {expected}, got {stored}"


@pytest.mark.hint(
    'A field sent as null is sent: PATCH {"year": null} clears the year. exclude_unset keeps '
    "it, exclude_none would drop it."
)
def test_patch_null_clears_year(
    client: Any, create: Create, fetch: Fetch, emma: dict[str, Any]
) -> None:
    """PATCH with "year": null clears the year"""
    book = create(emma)
    r = client.patch(f"/books/{book['id']}", json={"year": None})
    expected = {**book, "year": None}
    assert r.status_code == 200 and r.json() == expected, (
        f'expected PATCH {{"year": null}} to give 200 {expected}, got {r.status_code}: {r.text}'
    )
    stored = fetch(book["id"])
    assert stored == expected, f"expected GET after the PATCH to give {expected}, got {stored}"


@pytest.mark.hint(
    "An update must not give a book the ISBN of another book: answer 409 and change nothing. "
    "A book keeping its own ISBN is fine; compare against the other books only.",
)
@pytest.mark.parametrize("method", ["PUT", "PATCH"])
def test_update_to_taken_isbn_is_409(
    client: Any,
    create: Create,
    fetch: Fetch,
    emma: dict[str, Any],
    dune: dict[str, Any],
    method: str,
) -> None:
    """Updating a book to another book's ISBN gets 409; keeping its own ISBN is fine"""
    book = create(emma)
    create(dune)
    path = f"/books/{book['id']}"

    r = client.request(method, path, json={**emma, "title": "Emma"})
    assert r.status_code == 200, (
        f"expected 200 from {method} {path} with the book's own ISBN, got {r.status_code}: {r.text}"
    )
    r = client.request(method, path, json={**emma, "isbn": dune["isbn"]})
    assert r.status_code == 409, (
        f"expected 409 from {method} {path} with Dune's ISBN, got {r.status_code}: {r.text}"
    )
    stored = fetch(book["id"])
    assert stored == book, f"expected the book to stay {book} after the 409, got {stored}"
