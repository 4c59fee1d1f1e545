"""Engine, session factory and `get_db`: the one door through which routes reach the database.

Routes never build sessions themselves; they ask for `DbSession`. Because of that, a test can
swap `get_db` for its own and point the whole app at another database.
"""

from collections.abc import Iterator
from sqlite3 import Connection as SQLiteConnection
from typing import Annotated, Any

from fastapi import Depends
from sqlalchemy import create_engine, event
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker

DATABASE_URL = "sqlite:///./shop.db"

# Sync routes run in a thread pool, so one connection may be used from several threads.
engine = create_engine(DATABASE_URL, connect_args={"check_same_thread": False})
SessionLocal = sessionmaker(bind=engine)


@event.listens_for(engine, "connect")
def enforce_foreign_keys(dbapi_connection: SQLiteConnection, _record: Any) -> None:
    """SQLite ignores foreign keys unless each new connection switches them on."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


class Base(DeclarativeBase):
    """Every model derives from this; its metadata is the schema."""


def get_db() -> Iterator[Session]:
    """One session per request: the only place a route gets a session from.

    TODO: this hands out a session but never closes it. Close it once the request is done,
    also when the route raised (an exception in the route comes out of the `yield`).
    """
    db = SessionLocal()
    yield db


DbSession = Annotated[Session, Depends(get_db)]
