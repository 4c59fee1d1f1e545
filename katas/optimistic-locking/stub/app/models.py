"""The documents table."""

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.database import Base


class Document(Base):
    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text, default="")
    # TODO: a `version` column (an integer, 1 for a new document, one more after every change)
    # and a `deleted_at` column (a nullable DateTime, set when the document is deleted).
