"""The dependencies of the article routes, and how they hang together.

get_request_context            one per request (FastAPI caches it within a request)
  <- get_db                    a connection for the request, closed when it ends
       <- get_transaction      a transaction on that connection, ended before it closes
  <- get_current_user          <- get_api_key, get_settings
Paginator                      <- get_settings
"""

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Annotated, TypeVar
from uuid import uuid4

from fastapi import Depends, Header, HTTPException, Query, Request, status

from app.resources import Connection, Database, Transaction
from app.settings import SettingsDep, get_settings

T = TypeVar("T")


@dataclass(frozen=True)
class RequestContext:
    request_id: str


def get_request_context() -> RequestContext:
    """A new id for each request; within one request, FastAPI calls this only once."""
    return RequestContext(request_id=uuid4().hex)


Context = Annotated[RequestContext, Depends(get_request_context)]


def get_database(request: Request) -> Database:
    return request.app.state.database


def get_db(
    database: Annotated[Database, Depends(get_database)], ctx: Context
) -> Iterator[Connection]:
    """One connection per request, closed however the request ends."""
    connection = database.connect(ctx.request_id)
    try:
        yield connection
    finally:
        connection.close()


Db = Annotated[Connection, Depends(get_db)]


def get_transaction(connection: Db) -> Iterator[Transaction]:
    """A transaction on the request's connection: committed if the route succeeds.

    It depends on get_db, so FastAPI opens the connection first and, unwinding in reverse,
    ends the transaction before the connection closes.
    """
    transaction = connection.begin()
    try:
        yield transaction
    except Exception:
        transaction.rollback()
        raise
    else:
        transaction.commit()


Tx = Annotated[Transaction, Depends(get_transaction)]


def get_api_key(x_api_key: Annotated[str | None, Header()] = None) -> str:
    if not x_api_key:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "invalid or missing API key")
    return x_api_key


@dataclass(frozen=True)
class User:
    name: str
    request_id: str
    """The request the user was authenticated in."""


def get_current_user(
    api_key: Annotated[str, Depends(get_api_key)], settings: SettingsDep, ctx: Context
) -> User:
    name = settings.api_keys.get(api_key)
    if name is None:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "invalid or missing API key")
    return User(name=name, request_id=ctx.request_id)


CurrentUser = Annotated[User, Depends(get_current_user)]


class Paginator:
    """`?limit=&offset=` for any list, the limit capped by the settings' max_page_size."""

    def __init__(
        self,
        limit: Annotated[int, Query(ge=1)] = 10,
        offset: Annotated[int, Query(ge=0)] = 0,
    ) -> None:
        self.limit = min(limit, get_settings().max_page_size)
        self.offset = offset

    def page(self, items: Sequence[T]) -> list[T]:
        return list(items[self.offset : self.offset + self.limit])


Page = Annotated[Paginator, Depends()]
