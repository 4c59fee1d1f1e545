"""Engine, session factory and `get_db`, the one place routes get a database session from.

Because every route asks for `DbSession`, a test can override `get_db` and point the whole app
at a database of its own.
"""

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends
from sqlalchemy import create_engine
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker

DATABASE_URL = "sqlite:///./documents.db"

# Sync routes run in a thread pool, so one connection may be used from several threads.
engine = create_engine(DATABASE_URL, connect_args={"check_same_thread": False})
SessionLocal = sessionmaker(bind=engine)


class Base(DeclarativeBase):
    """Every model derives from this; its metadata is the schema."""


def get_db() -> Iterator[Session]:
    """One session per request, closed (and so rolled back if uncommitted) whatever happens."""
    with SessionLocal() as db:
        yield db


DbSession = Annotated[Session, Depends(get_db)]
