"""Gives each spec an empty SQLite database behind the learner's `get_session`, and counts queries.

`use_fresh_database` creates the schema from the app's own SQLAlchemy metadata in a new
temporary folder, opens an aiosqlite engine on it for the app, and overrides `get_session` with
a wrapper that still runs the learner's `get_session` but points the AsyncSession it yields at
that engine. A `before_cursor_execute` listener on that engine's sync engine records every SELECT
the app sends, so a spec can mark a point, make a request, and read how many SELECTs it took.
Seeding and reading rows go through a separate plain sqlite engine, which the count never sees.

State lives on `app.state`, never in this module, so it holds however the harness is loaded.
"""

import inspect
import sys
import tempfile
import threading
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from sqlalchemy import MetaData, Table, create_engine, event, func, select
from sqlalchemy.engine import Engine
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, create_async_engine
from sqlalchemy.pool import NullPool

from grader.harness import HarnessError

STATE_ATTRIBUTE = "kata_spec_database"
SETTLE_SECONDS = 2.0  # how long a read waits for requests whose clean-up is still running
SHOWN_CHARACTERS = 160  # of each statement a spec may show in its failure message


@dataclass
class SpecDatabase:
    app_engine: AsyncEngine
    direct: Engine
    tables: dict[str, Table]
    selects: list[str] = field(default_factory=list)
    in_flight: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)


def _dependency_calls(node: Any, seen: set[int]) -> list[Callable[..., Any]]:
    """Every dependency callable under a router, whether included routers are flat or wrapped."""
    if id(node) in seen:
        return []
    seen.add(id(node))
    calls = []
    pending = [getattr(node, "dependant", None)]
    while pending:
        dependant = pending.pop()
        for sub in getattr(dependant, "dependencies", None) or []:
            if sub.call is not None:
                calls.append(sub.call)
            pending.append(sub)
    for depends in getattr(node, "dependencies", None) or []:
        if callable(getattr(depends, "dependency", None)):
            calls.append(depends.dependency)
    for part in ("original_router", "include_context"):
        if getattr(node, part, None) is not None:
            calls.extend(_dependency_calls(getattr(node, part), seen))
    for route in getattr(node, "routes", None) or []:
        calls.extend(_dependency_calls(route, seen))
    return calls


def _find_get_session(app: FastAPI) -> Callable[..., AsyncIterator[Any]]:
    found = {
        id(call): call
        for call in _dependency_calls(app.router, set())
        if getattr(inspect.unwrap(call), "__name__", None) == "get_session"
    }
    if len(found) != 1:
        raise HarnessError(
            "the routes must take their session from exactly one function named get_session "
            f"(Depends(get_session)); found {len(found)}"
        )
    (get_session,) = found.values()
    if not inspect.isasyncgenfunction(inspect.unwrap(get_session)):
        raise HarnessError(
            "get_session must be an async generator function: async def get_session(): ... yield"
        )
    return get_session


def _find_tables(package: str) -> dict[str, Table]:
    """Every table of every SQLAlchemy MetaData that the app's own modules can reach."""
    metadatas: dict[int, MetaData] = {}
    for name, module in list(sys.modules.items()):
        if module is None or not (name == package or name.startswith(package + ".")):
            continue
        for value in list(vars(module).values()):
            metadata = value if isinstance(value, MetaData) else getattr(value, "metadata", None)
            if isinstance(value, MetaData | type) and isinstance(metadata, MetaData):
                metadatas[id(metadata)] = metadata
    tables = {
        table.name: table for metadata in metadatas.values() for table in metadata.sorted_tables
    }
    if not tables:
        raise HarnessError(f"found no SQLAlchemy models in the app ({package}.*)")
    return tables


def _on_spec_database(
    get_session: Callable[..., AsyncIterator[Any]], database: SpecDatabase
) -> Callable[[], AsyncIterator[Any]]:
    """A stand-in for get_session: the learner's own, its session bound to the spec database."""

    async def get_session_on_spec_database() -> AsyncIterator[Any]:
        with database.lock:
            database.in_flight += 1
        try:
            source = get_session()
            session = await anext(source)
            if not isinstance(session, AsyncSession) or session.sync_session.binds:
                raise RuntimeError(
                    "get_session must yield an AsyncSession from async_sessionmaker(engine)"
                )
            session.bind = database.app_engine
            session.sync_session.bind = database.app_engine.sync_engine
            try:
                yield session
            except BaseException as error:
                await _finish(source, error)
                raise
            else:
                await _finish(source, None)
        finally:
            with database.lock:
                database.in_flight -= 1

    return get_session_on_spec_database


async def _finish(source: AsyncIterator[Any], error: BaseException | None) -> None:
    """Run the learner's get_session past its yield, throwing the route's exception in if any."""
    try:
        if error is None:
            await anext(source)
        else:
            await source.athrow(error)  # type: ignore[attr-defined]
    except StopAsyncIteration:
        return
    except BaseException as raised:
        if raised is not error:
            raise


def _database(app: FastAPI) -> SpecDatabase:
    database = getattr(app.state, STATE_ATTRIBUTE, None)
    if database is None:
        raise HarnessError("call use_fresh_database() first")
    deadline = time.monotonic() + SETTLE_SECONDS
    while database.in_flight and time.monotonic() < deadline:
        time.sleep(0.01)
    return database


def _table(database: SpecDatabase, name: str) -> Table:
    if name not in database.tables:
        raise HarnessError(
            f"the app has no table {name!r} (it has {', '.join(sorted(database.tables))})"
        )
    return database.tables[name]


def use_fresh_database(app: FastAPI) -> list[str]:
    """Point get_session at a new, empty database with the app's schema; returns table names."""
    get_session = _find_get_session(app)
    tables = _find_tables(inspect.unwrap(get_session).__module__.partition(".")[0])
    path = Path(tempfile.mkdtemp(prefix="kata-n-plus-one-")) / "spec.db"
    direct = create_engine(f"sqlite:///{path}", poolclass=NullPool)
    for metadata in {id(table.metadata): table.metadata for table in tables.values()}.values():
        metadata.create_all(direct)
    # NullPool: every connection closes with its session, so no aiosqlite thread outlives a spec.
    app_engine = create_async_engine(f"sqlite+aiosqlite:///{path}", poolclass=NullPool)
    database = SpecDatabase(app_engine=app_engine, direct=direct, tables=tables)

    def record_select(
        _connection: Any, _cursor: Any, statement: str, *_args: Any, **_kwargs: Any
    ) -> None:
        if statement.lstrip()[:6].upper().startswith(("SELECT", "WITH")):
            with database.lock:
                database.selects.append(" ".join(statement.split())[:SHOWN_CHARACTERS])

    event.listen(app_engine.sync_engine, "before_cursor_execute", record_select)
    setattr(app.state, STATE_ATTRIBUTE, database)
    app.dependency_overrides[get_session] = _on_spec_database(get_session, database)
    return sorted(tables)


def insert_rows(app: FastAPI, table: str, values: list[dict[str, Any]]) -> list[Any]:
    """Insert rows straight into the spec database (not counted); returns their ids."""
    database = _database(app)
    table_ = _table(database, table)
    keys = []
    with database.direct.begin() as connection:
        for row in values:
            result = connection.execute(table_.insert().values(**row))
            keys.append(result.inserted_primary_key[0])
    return keys


def row_count(app: FastAPI, table: str) -> int:
    database = _database(app)
    with database.direct.connect() as connection:
        query = select(func.count()).select_from(_table(database, table))
        return connection.scalar(query) or 0


def start_counting(app: FastAPI) -> None:
    """Forget the SELECTs seen so far: the next count covers only what comes after."""
    database = _database(app)
    with database.lock:
        database.selects.clear()


def selects_since_start(app: FastAPI) -> list[str]:
    """The SELECT statements the app sent since start_counting, in order (shortened)."""
    database = _database(app)
    with database.lock:
        return list(database.selects)
