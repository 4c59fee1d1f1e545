"""The app factory and the module-level app that `uvicorn app.main:app` serves."""

from fastapi import FastAPI

from app.config import Settings
from app.routes import router

# TODO: a lifespan that opens a ConnectionPool (app/resources.py) built from the settings'
# database_url and pool_size when the app starts, keeps it at app.state.pool, and closes it
# when the app stops.


def create_app(settings: Settings | None = None) -> FastAPI:
    """A new app on the given settings, or on settings read from the environment."""
    settings = settings or Settings()
    app = FastAPI(title=settings.name)
    app.state.settings = settings
    app.include_router(router)
    return app


app = create_app()
