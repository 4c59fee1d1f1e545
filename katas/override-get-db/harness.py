"""Points the learner's `get_db` at a database of the spec's own, and watches its sessions.

`use_fresh_database` makes an empty SQLite database in a new temporary folder, creates the schema
from the app's own SQLAlchemy metadata, and overrides `get_db` with a wrapper that still runs the
learner's `get_db` (so its closing logic is what gets tested) but binds the session it yields to
that database. A route that builds its own session instead never reaches the spec's database,
which is how the specs see it. The wrapper counts sessions and notes every one that `get_db` did
not close; it then closes it itself, so one leak does not spill into the requests that follow.

State lives on `app.state`, never in this module, so it holds however the harness is loaded.
"""

import inspect
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from sqlalchemy import MetaData, Table, create_engine, event, func, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from grader.harness import HarnessError

STATE_ATTRIBUTE = "kata_test_database"
SETTLE_SECONDS = 2.0  # how long an observation waits for requests still winding down


@dataclass
class SpecDatabase:
    engine: Engine
    tables: dict[str, Table]
    opened: int = 0
    left_open: int = 0
    in_flight: int = 0
    problems: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def note_problem(self, problem: str) -> None:
        with self.lock:
            if problem not in self.problems:
                self.problems.append(problem)


# --- finding the learner's pieces -----------------------------------------------------------


def _dependant_calls(dependant: Any) -> Iterator[Callable[..., Any]]:
    for sub in dependant.dependencies:
        if sub.call is not None:
            yield sub.call
        yield from _dependant_calls(sub)


def _dependency_calls(node: Any, seen: set[int]) -> Iterator[Callable[..., Any]]:
    """Every dependency callable under a route or router, however routers were included.

    Depending on the FastAPI version, included routers appear as flattened routes or as
    wrappers around the original router; both shapes are walked.
    """
    if id(node) in seen:
        return
    seen.add(id(node))
    dependant = getattr(node, "dependant", None)
    if dependant is not None:
        yield from _dependant_calls(dependant)
    for depends in getattr(node, "dependencies", None) or []:
        call = getattr(depends, "dependency", None)
        if callable(call):
            yield call
    for part in ("original_router", "include_context"):
        if getattr(node, part, None) is not None:
            yield from _dependency_calls(getattr(node, part), seen)
    for route in getattr(node, "routes", None) or []:
        yield from _dependency_calls(route, seen)


def find_get_db(app: FastAPI) -> Callable[..., Any]:
    """The one callable named `get_db` that the routes depend on."""
    found: dict[int, Callable[..., Any]] = {}
    for call in _dependency_calls(app.router, set()):
        if getattr(inspect.unwrap(call), "__name__", None) == "get_db":
            found[id(call)] = call
    if not found:
        raise HarnessError(
            "no route depends on a function named get_db: every route must get its database "
            "session with Depends(get_db)"
        )
    if len(found) > 1:
        raise HarnessError("the routes depend on more than one function named get_db; keep one")
    (get_db,) = found.values()
    if not inspect.isgeneratorfunction(inspect.unwrap(get_db)):
        raise HarnessError(
            "get_db must be a plain generator function (def get_db(): ... yield session ...)"
        )
    required = [
        parameter.name
        for parameter in inspect.signature(get_db).parameters.values()
        if parameter.default is inspect.Parameter.empty
        and parameter.kind not in (inspect.Parameter.VAR_POSITIONAL, inspect.Parameter.VAR_KEYWORD)
    ]
    if required:
        raise HarnessError(f"get_db must take no parameters; it asks for {', '.join(required)}")
    return get_db


def find_tables(package: str) -> dict[str, Table]:
    """Every table on a SQLAlchemy MetaData reachable from the app's own modules."""
    metadatas: dict[int, MetaData] = {}
    for name, module in list(sys.modules.items()):
        if module is None or not (name == package or name.startswith(package + ".")):
            continue
        for value in list(vars(module).values()):
            metadata = value if isinstance(value, MetaData) else None
            if metadata is None and isinstance(value, type):
                candidate = getattr(value, "metadata", None)
                metadata = candidate if isinstance(candidate, MetaData) else None
            if metadata is not None:
                metadatas[id(metadata)] = metadata
    tables: dict[str, Table] = {}
    for metadata in metadatas.values():
        for table in metadata.sorted_tables:
            tables.setdefault(table.name, table)
    if not tables:
        raise HarnessError(
            f"found no SQLAlchemy tables in the app's modules ({package}.*): the models must "
            "derive from a DeclarativeBase defined in the app"
        )
    return tables


# --- the database and the get_db wrapper ----------------------------------------------------


def _new_engine() -> Engine:
    folder = Path(tempfile.mkdtemp(prefix="kata-db-"))
    engine = create_engine(
        f"sqlite:///{folder / 'test.db'}", connect_args={"check_same_thread": False}
    )

    @event.listens_for(engine, "connect")
    def enforce_foreign_keys(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    return engine


def _finish(source: Iterator[Any], error: BaseException | None) -> None:
    """Run the learner's get_db past its yield, handing it the route's exception if any."""
    try:
        if error is None:
            next(source)
        else:
            source.throw(error)
    except StopIteration:
        return
    except BaseException as raised:
        if raised is error:
            return
        raise
    raise RuntimeError("get_db yielded more than once; it must yield exactly one session")


def _adopt(database: SpecDatabase, session: Any) -> list[bool]:
    """Bind the learner's fresh session to the test database and notice when it is closed."""
    if not isinstance(session, Session):
        problem = f"get_db yielded {type(session).__name__}, not a SQLAlchemy Session"
        database.note_problem(problem)
        raise TypeError(problem)
    if session.binds:
        problem = (
            "get_db must yield a session bound to one engine (sessionmaker(bind=engine)): the "
            "tests could not point this one at their own database"
        )
        database.note_problem(problem)
        raise RuntimeError(problem)
    session.bind = database.engine
    closed = [False]
    close = session.close

    def close_and_note() -> None:
        closed[0] = True
        close()

    session.close = close_and_note  # type: ignore[method-assign]
    return closed


def _wrap(get_db: Callable[..., Iterator[Any]], database: SpecDatabase) -> Callable[..., Any]:
    def get_db_on_test_database() -> Iterator[Any]:
        with database.lock:
            database.in_flight += 1
        try:
            source = get_db()
            try:
                session = next(source)
            except StopIteration:
                database.note_problem("get_db returned without yielding a session")
                raise RuntimeError("get_db returned without yielding a session") from None
            closed = _adopt(database, session)
            with database.lock:
                database.opened += 1
            try:
                yield session
            except BaseException as error:
                _finish(source, error)
                raise
            else:
                _finish(source, None)
            finally:
                if not closed[0]:
                    with database.lock:
                        database.left_open += 1
                    Session.close(session)
        finally:
            with database.lock:
                database.in_flight -= 1

    return get_db_on_test_database


def _database(app: FastAPI) -> SpecDatabase:
    """The spec's database once every request has finished with it, clean-up included.

    A server may send the response before a dependency's clean-up has run (where a get_db
    built on `sessionmaker.begin()` commits), so this waits briefly for that to end.
    """
    database = getattr(app.state, STATE_ATTRIBUTE, None)
    if database is None:
        raise HarnessError("call use_fresh_database() before anything else")
    deadline = time.monotonic() + SETTLE_SECONDS
    while database.in_flight and time.monotonic() < deadline:
        time.sleep(0.01)
    if database.problems:
        raise HarnessError("; ".join(database.problems))
    return database


def _table(database: SpecDatabase, name: str) -> Table:
    try:
        return database.tables[name]
    except KeyError:
        raise HarnessError(
            f"the app defines no table {name!r} (it has {', '.join(sorted(database.tables))}); "
            "keep the table names of the starting project"
        ) from None


def _plain(value: Any) -> Any:
    return value if value is None or isinstance(value, bool | int | float | str) else str(value)


# --- what the specs call ----------------------------------------------------------------------


def use_fresh_database(app: FastAPI) -> list[str]:
    """Point get_db at a new, empty database with the app's schema; returns the table names."""
    get_db = find_get_db(app)
    tables = find_tables(inspect.unwrap(get_db).__module__.partition(".")[0])
    engine = _new_engine()
    for metadata in {id(table.metadata): table.metadata for table in tables.values()}.values():
        metadata.create_all(engine)
    database = SpecDatabase(engine=engine, tables=tables)
    setattr(app.state, STATE_ATTRIBUTE, database)
    app.dependency_overrides[get_db] = _wrap(get_db, database)
    return sorted(tables)


def row_count(app: FastAPI, table: str) -> int:
    database = _database(app)
    with database.engine.connect() as connection:
        return connection.scalar(select(func.count()).select_from(_table(database, table))) or 0


def rows(app: FastAPI, table: str) -> list[dict[str, Any]]:
    """All rows of a table in the test database, in primary-key order."""
    database = _database(app)
    table_ = _table(database, table)
    with database.engine.connect() as connection:
        result = connection.execute(select(table_).order_by(*table_.primary_key.columns))
        return [{key: _plain(value) for key, value in row.items()} for row in result.mappings()]


def insert_rows(app: FastAPI, table: str, values: list[dict[str, Any]]) -> list[Any]:
    """Insert rows straight into the test database; returns their primary keys."""
    database = _database(app)
    table_ = _table(database, table)
    keys = []
    with database.engine.begin() as connection:
        for row in values:
            result = connection.execute(table_.insert().values(**row))
            keys.append(_plain(result.inserted_primary_key[0]))
    return keys


def session_stats(app: FastAPI) -> dict[str, int]:
    """Sessions get_db handed out, and how many of them it failed to close."""
    database = _database(app)
    with database.lock:
        return {"opened": database.opened, "left_open": database.left_open}
