"""The routes: they find the settings and the pool on the app they are serving, never globally."""

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Request, status

from app.config import Settings

router = APIRouter()

NOT_DONE = status.HTTP_501_NOT_IMPLEMENTED


def get_settings(request: Request) -> Settings:
    return request.app.state.settings


SettingsDep = Annotated[Settings, Depends(get_settings)]


@router.get("/info")
def info(settings: SettingsDep) -> dict[str, Any]:
    return {"name": settings.name, "greeting": settings.greeting, "max_items": settings.max_items}


@router.get("/items")
async def list_items(settings: SettingsDep) -> list[dict[str, Any]]:
    # TODO: the first items of the catalogue, read with `await pool.fetch_items(n)` from the
    # pool on app.state. n is max_items, or the ?limit= the client sends (at least 1) when it
    # is smaller. PoolUnavailable becomes 503 with a JSON detail.
    raise HTTPException(NOT_DONE, "list_items is not written yet")


@router.get("/health/live")
def live() -> dict[str, str]:
    """Liveness: the process answers."""
    return {"status": "alive"}


@router.get("/health/ready")
async def ready() -> dict[str, str]:
    # TODO: 200 {"status": "ready"} while the pool is open and `await pool.ping()` is True;
    # 503 {"status": "not ready"} otherwise.
    raise HTTPException(NOT_DONE, "ready is not written yet")
