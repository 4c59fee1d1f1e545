"""Authors and their books.

Both relationships are `lazy="raise"`: touching one that was not loaded is an error instead of a
hidden query per row. A route that needs related rows asks for them in its own query, with
selectinload or joinedload, so the number of queries does not grow with the number of rows.
"""

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.database import Base


class Author(Base):
    __tablename__ = "authors"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    books: Mapped[list["Book"]] = relationship(
        back_populates="author", order_by="Book.id", lazy="raise"
    )


class Book(Base):
    __tablename__ = "books"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    year: Mapped[int]
    author_id: Mapped[int] = mapped_column(ForeignKey("authors.id"), index=True)
    author: Mapped[Author] = relationship(back_populates="books", lazy="raise")
