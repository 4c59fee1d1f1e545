"""A stand-in for a database connection pool: the life cycle of a real one, without the I/O.

Real pools (asyncpg's, SQLAlchemy's AsyncEngine, an httpx.AsyncClient) are opened once when the
app starts and closed once when it stops; requests borrow them in between. This one behaves
the same way and remembers its state, so you can see what your lifespan did with it.
"""

import asyncio
from typing import Literal

CATALOGUE = [{"id": number, "name": f"Widget {number}"} for number in range(1, 11)]


class PoolUnavailable(Exception):
    """The pool cannot reach its database: it is not open, or the database stopped answering."""


class ConnectionPool:
    def __init__(self, url: str, size: int) -> None:
        self.url = url
        self.size = size
        self.state: Literal["created", "open", "closed"] = "created"
        self.broken = False
        """Set by the tests to play a database that stopped answering."""

    @property
    def is_open(self) -> bool:
        return self.state == "open"

    async def open(self) -> None:
        if self.state != "created":
            raise RuntimeError(f"a pool opens once; this one is {self.state}")
        await asyncio.sleep(0)
        self.state = "open"

    async def close(self) -> None:
        await asyncio.sleep(0)
        self.state = "closed"

    async def ping(self) -> bool:
        """Would a query get through right now? Only if the pool is open and nothing broke."""
        await asyncio.sleep(0)
        return self.is_open and not self.broken

    async def fetch_items(self, limit: int) -> list[dict[str, int | str]]:
        """The first `limit` items of the catalogue; raises PoolUnavailable when it cannot."""
        if not await self.ping():
            raise PoolUnavailable(f"the pool for {self.url} cannot reach its database")
        return [dict(item) for item in CATALOGUE[:limit]]
