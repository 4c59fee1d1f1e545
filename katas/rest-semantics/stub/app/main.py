"""A books resource whose answers do not yet follow HTTP's conventions."""

from typing import Any

from fastapi import FastAPI, HTTPException, status

app = FastAPI(title="Books")

BOOKS: dict[int, dict[str, Any]] = {}
"""The stored books by id."""

# TODO: Pydantic models for the bodies (see the README): a whole book for POST and PUT (isbn,
# title, author required; year null and tags [] by default), an all-optional one for PATCH, and
# the book a client gets back (the same fields plus its id).


def not_implemented(route: str) -> HTTPException:
    return HTTPException(status.HTTP_501_NOT_IMPLEMENTED, detail=f"{route} is not implemented")


@app.get("/books")
async def list_books() -> list[dict[str, Any]]:
    return [BOOKS[book_id] for book_id in sorted(BOOKS)]


@app.post("/books")
async def create_book() -> dict[str, Any]:
    # TODO: 201 with the new book and a Location: /books/<id> header; 409 when another book has
    # the same ISBN. Ids count up from 1 and are never reused, even after a delete.
    raise not_implemented("POST /books")


@app.get("/books/{book_id}")
async def read_book(book_id: int) -> dict[str, Any]:
    # TODO: 200 with the book, or 404 {"detail": "Book not found"}.
    raise not_implemented("GET /books/{book_id}")


@app.put("/books/{book_id}")
async def replace_book(book_id: int) -> dict[str, Any]:
    # TODO: replace the whole book with the body (fields left out go back to their defaults);
    # 404 for a missing book, 409 for another book's ISBN.
    raise not_implemented("PUT /books/{book_id}")


@app.patch("/books/{book_id}")
async def update_book(book_id: int) -> dict[str, Any]:
    # TODO: change only the fields the client sent; 404 for a missing book, 409 for another
    # book's ISBN.
    raise not_implemented("PATCH /books/{book_id}")


@app.delete("/books/{book_id}")
async def delete_book(book_id: int) -> dict[str, Any]:
    # TODO: 204 with an empty body, or 404 for a missing book.
    raise not_implemented("DELETE /books/{book_id}")
