"""The shop API: products and orders, every route on a session from `get_db`."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from app import models  # noqa: F401  (registers the tables on Base.metadata)
from app.database import Base, engine
from app.routers import orders, products


@asynccontextmanager
async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
    """Create the tables of the default database before the first request."""
    Base.metadata.create_all(engine)
    yield


app = FastAPI(title="Shop", lifespan=lifespan)
app.include_router(products.router)
app.include_router(orders.router)
