"""Joining rooms and reading frames, with messages a learner can act on.

Receiving waits for a frame, so a spec only ever receives a frame that must come. To show
that some frame did NOT come, the spec has a member send a marker message and checks that the
marker is the next thing that member hears.
"""

from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from typing import Any

from starlette.websockets import WebSocketDisconnect


def path(room: str, name: str) -> str:
    return f"/ws/{room}?name={name}"


def receive(ws: Any, who: str) -> Any:
    """The next frame `who` hears, as JSON."""
    try:
        return ws.receive_json()
    except WebSocketDisconnect as exc:
        raise AssertionError(
            f"{who}'s connection was closed by the app (close code {exc.code}) while {who} "
            "waited for a frame"
        ) from None
    except ValueError as exc:
        raise AssertionError(f"{who} got a frame that is not JSON: {exc}") from None


def expect(ws: Any, who: str, expected: dict[str, Any], why: str) -> None:
    """The next frame `who` hears must be `expected`."""
    frame = receive(ws, who)
    assert frame == expected, f"{why}: expected {who} to get {expected} next, got {frame}"


def say(ws: Any, text: str) -> None:
    ws.send_json({"type": "message", "text": text})


def said(name: str, text: str) -> dict[str, Any]:
    return {"type": "message", "name": name, "text": text}


@contextmanager
def member(client: Any, room: str, name: str) -> Iterator[Any]:
    """Connect `name` to `room` and read its welcome frame; the open connection."""
    with ExitStack() as stack:
        try:
            ws = stack.enter_context(client.websocket_connect(path(room, name)))
        except WebSocketDisconnect as exc:
            raise AssertionError(
                f"connecting to {path(room, name)} was refused (close code {exc.code}); "
                "expected the app to accept it"
            ) from None
        welcome = receive(ws, name)
        assert isinstance(welcome, dict) and welcome.get("type") == "welcome", (
            f'expected {name}\'s first frame in {room} to be a "welcome" frame, got {welcome}'
        )
        yield ws


def refused(client: Any, target: str) -> bool:
    """Whether the app refuses the connection before accepting it."""
    try:
        with client.websocket_connect(target):
            return False
    except WebSocketDisconnect:
        return True
