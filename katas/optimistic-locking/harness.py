"""Gives each spec an empty SQLite database of its own behind the learner's `get_db`.

`use_fresh_database` creates the schema from the app's own SQLAlchemy metadata in a new
temporary folder and overrides `get_db` with a wrapper that still runs the learner's `get_db`
but points the session it yields at that database. The specs seed rows straight into it, read
every row back (soft-deleted ones included), and can make a second writer change a document at
the worst moment: right before the app's own UPDATE reaches the database.

State lives on `app.state`, never in this module, so it holds however the harness is loaded.
"""

import inspect
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from sqlalchemy import DateTime, MetaData, Table, create_engine, event, func, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from grader.harness import HarnessError

STATE_ATTRIBUTE = "kata_spec_database"
SETTLE_SECONDS = 2.0  # how long a read waits for requests whose clean-up is still running


@dataclass
class SpecDatabase:
    engine: Engine
    tables: dict[str, Table]
    in_flight: int = 0
    raced: bool = False
    lock: threading.Lock = field(default_factory=threading.Lock)


def _dependency_calls(node: Any, seen: set[int]) -> Iterator[Callable[..., Any]]:
    """Every dependency callable under a router, whether included routers are flat or wrapped."""
    if id(node) in seen:
        return
    seen.add(id(node))
    pending = [getattr(node, "dependant", None)]
    while pending:
        dependant = pending.pop()
        for sub in getattr(dependant, "dependencies", None) or []:
            if sub.call is not None:
                yield sub.call
            pending.append(sub)
    for depends in getattr(node, "dependencies", None) or []:
        if callable(getattr(depends, "dependency", None)):
            yield depends.dependency
    for part in ("original_router", "include_context"):
        if getattr(node, part, None) is not None:
            yield from _dependency_calls(getattr(node, part), seen)
    for route in getattr(node, "routes", None) or []:
        yield from _dependency_calls(route, seen)


def _find_get_db(app: FastAPI) -> Callable[..., Iterator[Any]]:
    found = {
        id(call): call
        for call in _dependency_calls(app.router, set())
        if getattr(inspect.unwrap(call), "__name__", None) == "get_db"
    }
    if len(found) != 1:
        raise HarnessError(
            "the routes must take their session from exactly one function named get_db "
            f"(Depends(get_db)); found {len(found)}"
        )
    (get_db,) = found.values()
    if not inspect.isgeneratorfunction(inspect.unwrap(get_db)):
        raise HarnessError("get_db must be a plain generator function: def get_db(): ... yield")
    return get_db


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


def _finish(source: Iterator[Any], error: BaseException | None) -> None:
    """Run the learner's get_db past its yield, throwing the route's exception into it if any."""
    try:
        if error is None:
            next(source)
        else:
            source.throw(error)
    except StopIteration:
        return
    except BaseException as raised:
        if raised is not error:
            raise


def _on_spec_database(get_db: Callable[..., Iterator[Any]], database: SpecDatabase) -> Any:
    """A stand-in for get_db: the learner's own get_db, its session bound to the spec database."""

    def get_db_on_spec_database() -> Iterator[Any]:
        with database.lock:
            database.in_flight += 1
        try:
            source = get_db()
            session = next(source)
            if not isinstance(session, Session) or session.binds:
                raise RuntimeError("get_db must yield a Session from sessionmaker(bind=engine)")
            session.bind = database.engine
            try:
                yield session
            except BaseException as error:
                _finish(source, error)
                raise
            else:
                _finish(source, None)
        finally:
            with database.lock:
                database.in_flight -= 1

    return get_db_on_spec_database


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


def _plain(value: Any) -> Any:
    return value if value is None or isinstance(value, bool | int | float | str) else str(value)


def use_fresh_database(app: FastAPI) -> list[str]:
    """Point get_db at a new, empty database with the app's schema; returns the table names."""
    get_db = _find_get_db(app)
    tables = _find_tables(inspect.unwrap(get_db).__module__.partition(".")[0])
    folder = Path(tempfile.mkdtemp(prefix="kata-locking-"))
    engine = create_engine(
        f"sqlite:///{folder / 'spec.db'}", connect_args={"check_same_thread": False}
    )
    for metadata in {id(table.metadata): table.metadata for table in tables.values()}.values():
        metadata.create_all(engine)
    database = SpecDatabase(engine=engine, tables=tables)
    setattr(app.state, STATE_ATTRIBUTE, database)
    app.dependency_overrides[get_db] = _on_spec_database(get_db, database)
    return sorted(tables)


def insert_rows(app: FastAPI, table: str, values: list[dict[str, Any]]) -> list[Any]:
    """Insert rows straight into the spec database (datetimes as ISO strings); returns the ids."""
    database = _database(app)
    table_ = _table(database, table)
    keys = []
    with database.engine.begin() as connection:
        for row in values:
            row = {
                name: datetime.fromisoformat(value)
                if isinstance(value, str)
                and name in table_.c
                and isinstance(table_.c[name].type, DateTime)
                else value
                for name, value in row.items()
            }
            result = connection.execute(table_.insert().values(**row))
            keys.append(_plain(result.inserted_primary_key[0]))
    return keys


def rows(app: FastAPI, table: str) -> list[dict[str, Any]]:
    """Every row of a table in the spec database, in primary-key order."""
    database = _database(app)
    table_ = _table(database, table)
    with database.engine.connect() as connection:
        result = connection.execute(select(table_).order_by(*table_.primary_key.columns))
        return [{key: _plain(value) for key, value in row.items()} for row in result.mappings()]


def row_count(app: FastAPI, table: str) -> int:
    database = _database(app)
    with database.engine.connect() as connection:
        query = select(func.count()).select_from(_table(database, table))
        return connection.scalar(query) or 0


def race_next_update(app: FastAPI, document_id: int, title: str) -> None:
    """Make another writer change a document just before the app's next UPDATE of documents.

    The other writer sets the title and moves the version on by one, on a connection of its
    own, after the app has read the document and before the app's UPDATE runs: the moment
    when two clients that read the same version both try to write.
    """
    database = _database(app)
    documents = _table(database, "documents")
    other_writer = create_engine(database.engine.url, connect_args={"timeout": 1})
    armed = [True]

    def write_first(
        _connection: Any, _cursor: Any, statement: str, *_args: Any, **_kwargs: Any
    ) -> None:
        words = statement.split(None, 2)
        targets_documents = (
            len(words) > 1 and words[0].upper() == "UPDATE" and "documents" in words[1]
        )
        if not armed[0] or not targets_documents:
            return
        armed[0] = False
        with other_writer.begin() as connection:
            connection.execute(
                documents.update()
                .where(documents.c.id == document_id)
                .values(title=title, version=documents.c.version + 1)
            )
        database.raced = True

    event.listen(database.engine, "before_cursor_execute", write_first)


def race_happened(app: FastAPI) -> bool:
    """Whether the writer armed by race_next_update has run."""
    return _database(app).raced
