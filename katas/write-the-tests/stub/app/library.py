"""The library's books and loans, in memory: one Library per app, so each app starts empty."""

from itertools import count

from .models import Book, BookIn, Loan


class NotFound(Exception):
    """There is no book with that id."""


class Conflict(Exception):
    """The request clashes with the library's state; the message says how."""


class Library:
    def __init__(self) -> None:
        self._books: dict[int, Book] = {}
        self._loans: dict[int, str] = {}  # book id -> borrower
        self._ids = count(1)  # an id freed by a delete is never handed out again

    def add(self, data: BookIn) -> Book:
        if any(book.isbn == data.isbn for book in self._books.values()):
            raise Conflict("A book with this ISBN already exists")
        book = Book(id=next(self._ids), available=True, **data.model_dump())
        self._books[book.id] = book
        return book

    def get(self, book_id: int) -> Book:
        book = self._books.get(book_id)
        if book is None:
            raise NotFound
        return book.model_copy(update={"available": book_id not in self._loans})

    def search(self, *, author: str | None, tag: str | None, available: bool | None) -> list[Book]:
        """Every matching book, by id."""
        found = [self.get(book_id) for book_id in sorted(self._books)]
        if author is not None:
            found = [book for book in found if book.author.casefold() == author.casefold()]
        if tag is not None:
            found = [book for book in found if tag in book.tags]
        if available is not None:
            found = [book for book in found if book.available is available]
        return found

    def remove(self, book_id: int) -> None:
        self.get(book_id)
        if book_id in self._loans:
            raise Conflict("The book is on loan")
        del self._books[book_id]

    def lend(self, book_id: int, borrower: str) -> Loan:
        self.get(book_id)
        if book_id in self._loans:
            raise Conflict("The book is already on loan")
        self._loans[book_id] = borrower
        return Loan(book_id=book_id, borrower=borrower)

    def give_back(self, book_id: int) -> None:
        self.get(book_id)
        if book_id not in self._loans:
            raise Conflict("The book is not on loan")
        del self._loans[book_id]
