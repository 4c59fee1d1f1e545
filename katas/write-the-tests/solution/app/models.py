"""What the API takes in and gives back."""

from pydantic import BaseModel, Field, field_validator

ISBN_PATTERN = r"^(\d{10}|\d{13})$"


class BookIn(BaseModel):
    """A new book, as a client sends it."""

    isbn: str = Field(pattern=ISBN_PATTERN, description="10 or 13 digits, unique in the library")
    title: str = Field(min_length=1, max_length=200)
    author: str = Field(min_length=1, max_length=100)
    year: int = Field(ge=1450, le=2100)
    tags: list[str] = []

    @field_validator("title", "author")
    @classmethod
    def not_blank(cls, value: str) -> str:
        """Spaces alone are no title; the stored text has its outer spaces removed."""
        if not value.strip():
            raise ValueError("must not be blank")
        return value.strip()


class Book(BookIn):
    """A book in the library."""

    id: int
    available: bool


class Page(BaseModel):
    """One page of a listing: ``total`` counts every match, not just this page."""

    items: list[Book]
    total: int
    limit: int
    offset: int


class LoanIn(BaseModel):
    borrower: str = Field(min_length=1, max_length=100)


class Loan(BaseModel):
    book_id: int
    borrower: str
