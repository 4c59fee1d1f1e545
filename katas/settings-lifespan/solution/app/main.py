"""The app factory, its lifespan, and the module-level app that `uvicorn app.main:app` serves."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from app.config import Settings
from app.resources import ConnectionPool
from app.routes import router


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Open the pool before the first request and close it after the last one."""
    settings: Settings = app.state.settings
    pool = ConnectionPool(settings.database_url, settings.pool_size)
    await pool.open()
    app.state.pool = pool
    try:
        yield
    finally:
        await pool.close()


def create_app(settings: Settings | None = None) -> FastAPI:
    """A new app on the given settings, or on settings read from the environment now.

    Nothing is opened here: resources belong to the lifespan, which runs when the app starts.
    """
    settings = settings or Settings()
    app = FastAPI(title=settings.name, lifespan=lifespan)
    app.state.settings = settings
    app.include_router(router)
    return app


app = create_app()
