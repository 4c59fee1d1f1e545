"""What a client sends to create, replace or patch a book, and what it gets back."""

from typing import Annotated

from pydantic import BaseModel, Field, field_validator

NonEmpty = Annotated[str, Field(min_length=1)]


class BookIn(BaseModel):
    """A whole book: the body of POST and PUT. Fields left out take their defaults."""

    isbn: NonEmpty
    title: NonEmpty
    author: NonEmpty
    year: int | None = None
    tags: list[str] = []


class BookPatch(BaseModel):
    """Any subset of a book's fields: the body of PATCH. Nothing is required."""

    isbn: NonEmpty | None = None
    title: NonEmpty | None = None
    author: NonEmpty | None = None
    year: int | None = None
    tags: list[str] | None = None

    @field_validator("isbn", "title", "author", "tags", mode="before")
    @classmethod
    def not_null(cls, value: object) -> object:
        """These may be left out but never cleared; validators do not run on defaults."""
        if value is None:
            raise ValueError("may be left out, but not null")
        return value


class Book(BookIn):
    id: int
