"""A user directory hardened against injection, framing, sniffing, big bodies and chatty errors."""

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated

from fastapi import Depends, FastAPI, HTTPException, Query, Request, Response, status
from fastapi.responses import JSONResponse
from sqlalchemy import or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.database import Base, create_database_engine, get_db
from app.models import User, seed
from app.schemas import UserIn, UserOut
from app.security import SECURITY_HEADERS, BodySizeLimitMiddleware

MAX_BODY_BYTES = 4096

logger = logging.getLogger(__name__)


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    engine = create_database_engine()
    Base.metadata.create_all(engine)
    with Session(engine) as session:
        seed(session)
    app.state.engine = engine
    yield
    engine.dispose()


# No /docs or /redoc: their pages need scripts that the Content-Security-Policy forbids.
def security_headers(response: Response) -> None:
    """Every route depends on this, so every response it returns carries the headers."""
    response.headers.update(SECURITY_HEADERS)


app = FastAPI(
    title="User directory",
    lifespan=lifespan,
    docs_url=None,
    redoc_url=None,
    dependencies=[Depends(security_headers)],
)
app.add_middleware(BodySizeLimitMiddleware, max_bytes=MAX_BODY_BYTES)


@app.exception_handler(Exception)
async def hide_crash(request: Request, exc: Exception) -> JSONResponse:
    """The details go to the server's log; the client learns only that it failed."""
    logger.exception("unhandled error in %s %s", request.method, request.url.path)
    return JSONResponse({"detail": "Internal Server Error"}, status_code=500)


DbDep = Annotated[Session, Depends(get_db)]


@app.get("/users/search")
def search_users(q: Annotated[str, Query(max_length=100)], db: DbDep) -> list[UserOut]:
    """Users whose username or name contains q as typed: a bound parameter, % and _ escaped."""
    matches = or_(
        User.username.icontains(q, autoescape=True), User.name.icontains(q, autoescape=True)
    )
    statement = select(User).where(matches).order_by(User.id)
    return [UserOut.model_validate(u) for u in db.scalars(statement)]


@app.get("/users/{user_id}")
def read_user(user_id: int, db: DbDep) -> UserOut:
    user = db.get(User, user_id)
    if user is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail="User not found")
    return UserOut.model_validate(user)


@app.post("/users", status_code=status.HTTP_201_CREATED)
def create_user(body: UserIn, db: DbDep) -> UserOut:
    user = User(**body.model_dump())
    db.add(user)
    try:
        db.commit()
    except IntegrityError:
        db.rollback()
        raise HTTPException(status.HTTP_409_CONFLICT, detail="Username taken") from None
    return UserOut.model_validate(user)
