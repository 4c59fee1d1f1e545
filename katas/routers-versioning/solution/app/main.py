"""The users API in two versions side by side: v1 deprecated, v2 current."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from app.api import v1, v2
from app.deprecation import add_deprecation_headers
from app.store import UserStore


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    """One store per app, shared by both versions, seeded with the demo users."""
    app.state.users = UserStore.with_demo_users()
    yield


app = FastAPI(title="Users API", lifespan=lifespan)
app.middleware("http")(add_deprecation_headers)
app.include_router(v1.router)
app.include_router(v2.router)


@app.get("/health")
def health() -> dict[str, str]:
    """Outside both versions: never deprecated."""
    return {"status": "ok"}
