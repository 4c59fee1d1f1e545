"""The routes. ``create_app()`` makes a fresh app with an empty library; ``app`` is one of them."""

from typing import Annotated

from fastapi import Depends, FastAPI, HTTPException, Query, Request, Response, status

from .library import Conflict, Library, NotFound
from .models import Book, BookIn, Loan, LoanIn, Page


def get_library(request: Request) -> Library:
    return request.app.state.library


LibraryDep = Annotated[Library, Depends(get_library)]


def _not_found() -> HTTPException:
    return HTTPException(status_code=status.HTTP_404_NOT_FOUND, detail="Book not found")


def _conflict(exc: Conflict) -> HTTPException:
    return HTTPException(status_code=status.HTTP_409_CONFLICT, detail=str(exc))


def create_app() -> FastAPI:
    app = FastAPI(title="Lending library")
    app.state.library = Library()

    @app.get("/health")
    def health() -> dict[str, str]:
        return {"status": "ok"}

    @app.post("/books", status_code=status.HTTP_201_CREATED)
    def add_book(body: BookIn, library: LibraryDep) -> Book:
        try:
            return library.add(body)
        except Conflict as exc:
            raise _conflict(exc) from None

    @app.get("/books")
    def list_books(
        library: LibraryDep,
        author: str | None = None,
        tag: str | None = None,
        available: bool | None = None,
        limit: Annotated[int, Query(ge=1, le=50)] = 10,
        offset: Annotated[int, Query(ge=0)] = 0,
    ) -> Page:
        found = library.search(author=author, tag=tag, available=available)
        items = found[offset : offset + limit]
        return Page(items=items, total=len(items), limit=limit, offset=offset)

    @app.get("/books/{book_id}")
    def get_book(book_id: int, library: LibraryDep) -> Book:
        try:
            return library.get(book_id)
        except NotFound:
            raise _not_found() from None

    @app.delete("/books/{book_id}", status_code=status.HTTP_204_NO_CONTENT)
    def delete_book(book_id: int, library: LibraryDep) -> Response:
        try:
            library.remove(book_id)
        except NotFound:
            raise _not_found() from None
        except Conflict as exc:
            raise _conflict(exc) from None
        return Response(status_code=status.HTTP_204_NO_CONTENT)

    @app.post("/books/{book_id}/loan", status_code=status.HTTP_201_CREATED)
    def lend_book(book_id: int, body: LoanIn, library: LibraryDep) -> Loan:
        try:
            return library.lend(book_id, body.borrower)
        except NotFound:
            raise _not_found() from None
        except Conflict as exc:
            raise _conflict(exc) from None

    @app.delete("/books/{book_id}/loan", status_code=status.HTTP_204_NO_CONTENT)
    def return_book(book_id: int, library: LibraryDep) -> Response:
        try:
            library.give_back(book_id)
        except NotFound:
            raise _not_found() from None
        except Conflict as exc:
            raise _conflict(exc) from None
        return Response(status_code=status.HTTP_204_NO_CONTENT)

    return app


app = create_app()
