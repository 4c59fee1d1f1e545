"""The routes: they find the settings and the pool on the app they are serving, never globally.

Reading `request.app.state` (not a module-level settings object) is what lets two apps from
`create_app` run side by side with different settings.
"""

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request, status
from fastapi.responses import JSONResponse

from app.config import Settings
from app.resources import ConnectionPool, PoolUnavailable

router = APIRouter()


def get_settings(request: Request) -> Settings:
    return request.app.state.settings


def get_pool(request: Request) -> ConnectionPool | None:
    """The app's pool, or None before the lifespan has opened one."""
    return getattr(request.app.state, "pool", None)


SettingsDep = Annotated[Settings, Depends(get_settings)]
PoolDep = Annotated[ConnectionPool | None, Depends(get_pool)]


@router.get("/info")
def info(settings: SettingsDep) -> dict[str, Any]:
    return {"name": settings.name, "greeting": settings.greeting, "max_items": settings.max_items}


@router.get("/items")
async def list_items(
    settings: SettingsDep,
    pool: PoolDep,
    limit: Annotated[int | None, Query(ge=1)] = None,
) -> list[dict[str, Any]]:
    """At most max_items items, fewer if the client asks for fewer."""
    wanted = settings.max_items if limit is None else min(limit, settings.max_items)
    if pool is None:
        raise HTTPException(status.HTTP_503_SERVICE_UNAVAILABLE, "the database is not available")
    try:
        return await pool.fetch_items(wanted)
    except PoolUnavailable:
        raise HTTPException(
            status.HTTP_503_SERVICE_UNAVAILABLE, "the database is not available"
        ) from None


@router.get("/health/live")
def live() -> dict[str, str]:
    """Liveness: the process answers.

    It never looks at the database: restarting this process would not bring a database back.
    """
    return {"status": "alive"}


@router.get("/health/ready")
async def ready(pool: PoolDep) -> JSONResponse:
    """Readiness: send traffic here only while the pool is open and its database answers."""
    if pool is not None and await pool.ping():
        return JSONResponse({"status": "ready"})
    return JSONResponse({"status": "not ready"}, status_code=status.HTTP_503_SERVICE_UNAVAILABLE)
