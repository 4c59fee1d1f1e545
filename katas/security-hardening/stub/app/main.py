"""A user directory that works, and that an attacker would enjoy: harden it (see the README)."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated

from fastapi import Depends, FastAPI, HTTPException, Request, status
from fastapi.responses import JSONResponse
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.database import Base, create_database_engine, get_db
from app.models import User, seed
from app.schemas import UserIn, UserOut


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    engine = create_database_engine()
    Base.metadata.create_all(engine)
    with Session(engine) as session:
        seed(session)
    app.state.engine = engine  # keep it here: the tests reach the database through it
    yield
    engine.dispose()


# No /docs or /redoc: their pages need scripts that the Content-Security-Policy will forbid.
app = FastAPI(title="User directory", lifespan=lifespan, docs_url=None, redoc_url=None)

# TODO: security headers on every response, errors and 500s included (values in the README).
# TODO: refuse request bodies over 4096 bytes with 413, by Content-Length and by the bytes that
# really arrive (a chunked body has no Content-Length).

DbDep = Annotated[Session, Depends(get_db)]


@app.exception_handler(Exception)
async def explain_crash(request: Request, exc: Exception) -> JSONResponse:
    """Handy while developing: the client sees exactly what went wrong."""
    # TODO: a 500 must tell the client nothing about the code, the SQL or the database.
    return JSONResponse(status_code=500, content={"error": type(exc).__name__, "detail": str(exc)})


@app.get("/users/search")
def search_users(q: str, db: DbDep) -> list[UserOut]:
    # TODO: this pastes q into the SQL. Search for q as typed (quotes, %, _ included), safely.
    sql = (
        f"SELECT id, username, name FROM users "  # noqa: S608 - the hole to close
        f"WHERE username LIKE '%{q}%' OR name LIKE '%{q}%' ORDER BY id"
    )
    return [UserOut.model_validate(dict(row)) for row in db.execute(text(sql)).mappings()]


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
