"""Harness of the security-hardening kata: makes the database fail as no client can.

The app keeps its SQLAlchemy engine on ``app.state.engine``. ``break_database`` renames the
users table behind the app's back, so every later query fails with an error full of SQL and
SQLite details, and the specs can check that a 500 tells the client none of it.
"""

from typing import Any

from grader.harness import HarnessError

MOVED_TABLE = "users_moved_by_harness"


def break_database(app: Any) -> str:
    """Rename the users table; returns the new name (a word a 500 body must not contain)."""
    engine = getattr(app.state, "engine", None)
    if engine is None or not hasattr(engine, "begin"):
        raise HarnessError(
            "the app keeps no SQLAlchemy engine at app.state.engine: keep the lifespan of the "
            "starting project, which puts it there"
        )
    with engine.begin() as connection:
        connection.exec_driver_sql(f"ALTER TABLE users RENAME TO {MOVED_TABLE}")
    return MOVED_TABLE
