"""The database: one in-memory SQLite per app, its engine on app.state, sessions per request."""

from collections.abc import Iterator

from fastapi import Request
from sqlalchemy import Engine, create_engine
from sqlalchemy.orm import DeclarativeBase, Session
from sqlalchemy.pool import StaticPool


class Base(DeclarativeBase):
    pass


def create_database_engine() -> Engine:
    """A private in-memory database; StaticPool keeps its one connection alive across threads."""
    return create_engine(
        "sqlite+pysqlite:///:memory:",
        connect_args={"check_same_thread": False},
        poolclass=StaticPool,
    )


def get_db(request: Request) -> Iterator[Session]:
    """A session on the engine the lifespan put on app.state.engine."""
    with Session(request.app.state.engine) as session:
        yield session
