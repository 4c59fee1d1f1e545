"""The documents table: a version number for optimistic locking, a timestamp for soft delete."""

from datetime import datetime

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.database import Base


class Document(Base):
    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text, default="")
    # Goes up by one with every successful change; the ETag is made from it.
    version: Mapped[int] = mapped_column(default=1)
    # Set instead of deleting the row; a document with a deleted_at no longer exists for clients.
    deleted_at: Mapped[datetime | None] = mapped_column(default=None)
