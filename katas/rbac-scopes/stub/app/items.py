"""The items the scoped routes guard: an in-memory store, one per app."""

from pydantic import BaseModel, Field


class ItemIn(BaseModel):
    name: str = Field(min_length=1, max_length=100)


class Item(BaseModel):
    id: int
    name: str
    owner: str


class ItemStore:
    """Items in creation order; each app gets its own (see the lifespan in main.py)."""

    def __init__(self) -> None:
        self._items: list[Item] = [
            Item(id=1, name="hammer", owner="alice"),
            Item(id=2, name="screwdriver", owner="bob"),
        ]

    def all(self) -> list[Item]:
        return list(self._items)

    def add(self, name: str, owner: str) -> Item:
        item = Item(id=len(self._items) + 1, name=name, owner=owner)
        self._items.append(item)
        return item
