"""Where items live: an in-memory stand-in for a database, async like a real driver."""

from pydantic import BaseModel


class Item(BaseModel):
    id: int
    name: str


class ItemStore:
    """Items by id; every call is awaited, as a database round trip would be."""

    def __init__(self) -> None:
        self._items: dict[int, Item] = {}

    async def list(self) -> list[Item]:
        return [self._items[item_id] for item_id in sorted(self._items)]

    async def get(self, item_id: int) -> Item | None:
        return self._items.get(item_id)

    async def add(self, name: str) -> Item:
        item = Item(id=max(self._items, default=0) + 1, name=name)
        self._items[item.id] = item
        return item
