"""The articles API."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from app import models  # noqa: F401  (registers the table on Base.metadata)
from app.articles import router
from app.database import Base, engine


@asynccontextmanager
async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
    """Create the tables of the default database before the first request."""
    Base.metadata.create_all(engine)
    yield


app = FastAPI(title="Articles", lifespan=lifespan)
app.include_router(router)
