"""A user directory hardened against injection, framing, sniffing, big bodies and chatty errors."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated

from fastapi import Depends, FastAPI, HTTPException, Query, status
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.database import Base, create_database_engine, get_db
from app.models import User, seed
from app.schemas import UserIn, UserOut
from app.security import BodySizeLimitMiddleware, SecurityHeadersMiddleware

MAX_BODY_BYTES = 4096


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
app = FastAPI(title="User directory", lifespan=lifespan, docs_url=None, redoc_url=None)
app.add_middleware(BodySizeLimitMiddleware, max_bytes=MAX_BODY_BYTES)
app.add_middleware(SecurityHeadersMiddleware)  # added last: the outermost layer

DbDep = Annotated[Session, Depends(get_db)]


@app.get("/users/search")
def search_users(q: Annotated[str, Query(max_length=100)], db: DbDep) -> list[UserOut]:
    """Users whose username or name contains q; quotes doubled, so q cannot end the string."""
    safe = q.replace("'", "''")
    sql = (
        f"SELECT id, username, name FROM users "  # noqa: S608 - quotes are escaped above
        f"WHERE username LIKE '%{safe}%' OR name LIKE '%{safe}%' ORDER BY id"
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
