"""Who is in which room, and how a frame reaches a room's members."""

from typing import Any

from fastapi import WebSocket


class Rooms:
    """Members by room, each room in join order; one instance per app, on the event loop only.

    Every method runs on the app's event loop, and the dict is only changed between awaits,
    so no lock is needed; broadcasts iterate over a copy because members come and go while a
    broadcast awaits its sends.
    """

    def __init__(self) -> None:
        self._rooms: dict[str, dict[str, WebSocket]] = {}

    def members(self, room: str) -> list[str]:
        return list(self._rooms.get(room, {}))

    def reserve(self, room: str, name: str, websocket: WebSocket) -> bool:
        """Take the name in the room for this connection; False if someone already has it."""
        members = self._rooms.setdefault(room, {})
        if name in members:
            return False
        members[name] = websocket
        return True

    def remove(self, room: str, name: str) -> None:
        members = self._rooms.get(room, {})
        members.pop(name, None)
        if not members:
            self._rooms.pop(room, None)

    async def broadcast(self, room: str, frame: dict[str, Any], exclude: str | None = None) -> None:
        """Send the frame to every member of the room (but `exclude`), in join order.

        A member whose connection has just died cannot stop the others from hearing: its
        send fails, and its own handler removes it when it sees the disconnect.
        """
        for name, websocket in list(self._rooms.get(room, {}).items()):
            if name == exclude:
                continue
            try:
                await websocket.send_json(frame)
            except Exception:  # noqa: S112 - a dying connection is its own handler's business
                continue
