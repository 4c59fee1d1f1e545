"""Async engine, session factory and `get_session`, the one place routes get a session from.

Because every route asks for `SessionDep`, a test can override `get_session` and point the
whole app at a database of its own.
"""

from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import Depends
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase

DATABASE_URL = "sqlite+aiosqlite:///./library.db"

engine = create_async_engine(DATABASE_URL)
# TODO: the POST routes answer with the rows they have just committed. Make sure that reading
# those objects after `await session.commit()` does not need another query.
SessionLocal = async_sessionmaker(engine)


class Base(DeclarativeBase):
    """Every model derives from this; its metadata is the schema."""


async def get_session() -> AsyncIterator[AsyncSession]:
    """One session per request, closed whatever happens."""
    async with SessionLocal() as session:
        yield session


SessionDep = Annotated[AsyncSession, Depends(get_session)]
