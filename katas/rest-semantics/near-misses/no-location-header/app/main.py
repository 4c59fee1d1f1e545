"""A books resource that answers with the status codes and headers HTTP clients expect."""

from itertools import count

from fastapi import FastAPI, HTTPException, status

from .schemas import Book, BookIn, BookPatch

app = FastAPI(title="Books")

BOOKS: dict[int, Book] = {}
_ids = count(1)
"""A counter, not len(BOOKS) + 1: an id freed by a delete is never handed out again."""


def find_book(book_id: int) -> Book:
    book = BOOKS.get(book_id)
    if book is None:
        raise HTTPException(status_code=status.HTTP_404_NOT_FOUND, detail="Book not found")
    return book


def ensure_isbn_free(isbn: str, book_id: int | None = None) -> None:
    """409 when another book has this ISBN; a book keeping its own ISBN is no conflict."""
    if any(book.isbn == isbn and book.id != book_id for book in BOOKS.values()):
        raise HTTPException(
            status_code=status.HTTP_409_CONFLICT, detail="A book with this ISBN already exists"
        )


@app.get("/books")
async def list_books() -> list[Book]:
    return [BOOKS[book_id] for book_id in sorted(BOOKS)]


@app.post("/books", status_code=status.HTTP_201_CREATED)
async def create_book(body: BookIn) -> Book:
    ensure_isbn_free(body.isbn)
    book = Book(id=next(_ids), **body.model_dump())
    BOOKS[book.id] = book
    return book


@app.get("/books/{book_id}")
async def read_book(book_id: int) -> Book:
    return find_book(book_id)


@app.put("/books/{book_id}")
async def replace_book(book_id: int, body: BookIn) -> Book:
    """The body is the whole new book: what it leaves out goes back to the defaults."""
    find_book(book_id)
    ensure_isbn_free(body.isbn, book_id)
    book = Book(id=book_id, **body.model_dump())
    BOOKS[book_id] = book
    return book


@app.patch("/books/{book_id}")
async def update_book(book_id: int, body: BookPatch) -> Book:
    """Only the fields the client sent change: exclude_unset tells "sent null" from "left out"."""
    book = find_book(book_id)
    changes = body.model_dump(exclude_unset=True)
    if "isbn" in changes:
        ensure_isbn_free(changes["isbn"], book_id)
    book = book.model_copy(update=changes)
    BOOKS[book_id] = book
    return book


@app.delete("/books/{book_id}", status_code=status.HTTP_204_NO_CONTENT)
async def delete_book(book_id: int) -> None:
    find_book(book_id)
    del BOOKS[book_id]
