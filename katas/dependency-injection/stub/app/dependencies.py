"""The dependencies of the article routes. The routes already use them; most are to do.

How they should hang together:

    get_request_context            one per request (FastAPI caches it within a request)
      <- get_db                    a connection for the request, closed when it ends
           <- get_transaction      a transaction on that connection, ended before it closes
      <- get_current_user          <- get_api_key, get_settings
    Paginator                      <- get_settings

Whatever needs a setting asks for it with Depends(get_settings): the tests override it.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Annotated, TypeVar
from uuid import uuid4

from fastapi import Depends, Header, HTTPException, Request, status

from app.resources import Connection, Database, Transaction

T = TypeVar("T")


class NotWritten(HTTPException):
    """What the unwritten dependencies answer for now: 501."""

    def __init__(self, what: str) -> None:
        super().__init__(status.HTTP_501_NOT_IMPLEMENTED, f"{what} is not written yet")


@dataclass(frozen=True)
class RequestContext:
    request_id: str


def get_request_context() -> RequestContext:
    """A new id for each request."""
    return RequestContext(request_id=uuid4().hex)


Context = Annotated[RequestContext, Depends(get_request_context)]


def get_database(request: Request) -> Database:
    return request.app.state.database


def get_db(database: Annotated[Database, Depends(get_database)]) -> Connection:
    # TODO: make this a yield dependency: open a connection with
    # database.connect(<the request's id>), yield it, and close it when the request ends,
    # however it ends.
    raise NotWritten("get_db")


Db = Annotated[Connection, Depends(get_db)]


def get_transaction() -> Transaction:
    # TODO: a yield dependency on get_db: begin a transaction on the request's connection,
    # yield it, commit it if the route succeeded and roll it back (re-raising) if it raised.
    raise NotWritten("get_transaction")


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


def get_current_user() -> User:
    # TODO: depend on get_api_key, get_settings and get_request_context. The settings'
    # api_keys maps each key to its user's name; an unknown key is 401.
    raise NotWritten("get_current_user")


CurrentUser = Annotated[User, Depends(get_current_user)]


class Paginator:
    """`?limit=&offset=` for any list.

    TODO: take limit (at least 1, default 10) and offset (at least 0, default 0) as query
    parameters, and the settings as a dependency: a limit above max_page_size is cut to it.
    """

    limit: int
    offset: int

    def __init__(self) -> None:
        raise NotWritten("Paginator")

    def page(self, items: Sequence[T]) -> list[T]:
        return list(items[self.offset : self.offset + self.limit])


Page = Annotated[Paginator, Depends()]
